// One disclosure (a button with aria-expanded that shows a panel), as in the WAI-ARIA APG
// disclosure pattern: the button toggles it; Escape closes it and puts focus back on the button;
// it closes when focus or a click lands outside the element that holds button and panel. The
// header's small-screen menu and its account menu share it.
export class Disclosure {
	open = $state(false);
	button: HTMLButtonElement | undefined = $state();
	root: HTMLElement | undefined = $state();

	toggle = () => {
		this.open = !this.open;
	};

	close = (returnFocus = false) => {
		if (!this.open) return;
		this.open = false;
		if (returnFocus) this.button?.focus();
	};

	/** Escape from anywhere inside: close and give focus back to the button. */
	onkeydown = (event: KeyboardEvent) => {
		if (event.key !== 'Escape' || !this.open) return;
		event.preventDefault();
		this.close(true);
	};

	/** Focus moved on to something outside (Tab past the last item): close without stealing it. */
	onfocusout = (event: FocusEvent) => {
		const next = event.relatedTarget as Node | null;
		if (next && !this.root?.contains(next)) this.close();
	};

	/** A click anywhere outside the disclosure closes it (bound on the window). */
	onwindowclick = (event: MouseEvent) => {
		if (this.open && !this.root?.contains(event.target as Node)) this.close();
	};
}
