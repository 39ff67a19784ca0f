// The toolbar pattern (WAI-ARIA APG): the toolbar is one Tab stop; arrow keys, Home and End
// move between its buttons. The button last used keeps the Tab stop.

const items = (node: HTMLElement) =>
	[...node.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.disabled);

export function rovingFocus(node: HTMLElement) {
	let current: HTMLButtonElement | null = null;

	// Buttons come and go (disabled, menus): keep exactly one reachable with Tab.
	const settle = () => {
		const all = items(node);
		if (!current || !all.includes(current)) current = all[0] ?? null;
		for (const button of node.querySelectorAll('button')) {
			button.tabIndex = button === current ? 0 : -1;
		}
	};

	const onKeydown = (event: KeyboardEvent) => {
		const all = items(node);
		const index = all.indexOf(event.target as HTMLButtonElement);
		if (index === -1) return;
		const next = {
			ArrowRight: all[(index + 1) % all.length],
			ArrowLeft: all[(index - 1 + all.length) % all.length],
			Home: all[0],
			End: all.at(-1)
		}[event.key];
		if (!next) return;
		event.preventDefault();
		current = next;
		settle();
		next.focus();
	};

	const onFocusin = (event: FocusEvent) => {
		if (event.target instanceof HTMLButtonElement) {
			current = event.target;
			settle();
		}
	};

	const observer = new MutationObserver(settle);
	observer.observe(node, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['disabled']
	});
	node.addEventListener('keydown', onKeydown);
	node.addEventListener('focusin', onFocusin);
	settle();
	return {
		destroy() {
			observer.disconnect();
			node.removeEventListener('keydown', onKeydown);
			node.removeEventListener('focusin', onFocusin);
		}
	};
}
