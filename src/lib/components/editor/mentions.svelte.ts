import type { LoadMentionables } from './mention-context';
import { chosen, matching, typedMention, type Mentionable, type Typed } from './mention-suggest';

// The suggestions under one comment box: follows what is typed, moves with the arrow keys,
// puts the chosen name in the text. The box stays the place where the person types (its
// aria-activedescendant names the suggestion in focus), as in the ARIA combobox pattern.

export class MentionSuggestions {
	options = $state.raw<Mentionable[]>([]);
	active = $state(0);
	private typed: Typed | null = null;
	private members: Mentionable[] | null = null;
	private readonly load: LoadMentionables | undefined;

	constructor(load: LoadMentionables | undefined) {
		this.load = load;
	}

	get open(): boolean {
		return this.options.length > 0;
	}

	/** After typing or moving the caret: what to suggest now. */
	async follow(box: HTMLTextAreaElement): Promise<void> {
		const typed = typedMention(box.value, box.selectionStart);
		this.typed = typed;
		if (!typed || !this.load) return this.close();
		this.members ??= await this.load();
		const options = matching(this.members, typed.query);
		if (options.map((o) => o.id).join() !== this.options.map((o) => o.id).join()) this.active = 0;
		this.options = options;
	}

	close(): void {
		this.options = [];
		this.active = 0;
	}

	/** Arrow keys, Enter/Tab and Escape while suggestions show; true when the key was used. */
	key(event: KeyboardEvent, box: HTMLTextAreaElement, set: (text: string) => void): boolean {
		if (!this.open) return false;
		const count = this.options.length;
		if (event.key === 'ArrowDown') this.active = (this.active + 1) % count;
		else if (event.key === 'ArrowUp') this.active = (this.active - 1 + count) % count;
		else if (event.key === 'Enter' || event.key === 'Tab') this.choose(this.active, box, set);
		else if (event.key === 'Escape') this.close();
		else return false;
		event.preventDefault();
		event.stopPropagation();
		return true;
	}

	choose(index: number, box: HTMLTextAreaElement, set: (text: string) => void): void {
		const member = this.options[index];
		if (!member || !this.typed) return;
		const next = chosen(box.value, this.typed, box.selectionStart, member.name);
		set(next.text);
		this.close();
		// After Svelte has written the new value into the box.
		queueMicrotask(() => {
			box.focus();
			box.setSelectionRange(next.caret, next.caret);
		});
	}
}
