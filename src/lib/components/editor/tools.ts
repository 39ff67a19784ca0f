import type { Editor } from '@tiptap/core';
import { redo, undo, yUndoPluginKey } from 'y-prosemirror';
import { m } from '$lib/paraglide/messages.js';

// The toolbar's buttons, in the order they give way to the "More" menu when the row is too
// narrow: the formats people use most come first. `group` starts a new visual group.

export interface Tool {
	id: string;
	label: string;
	group: boolean;
	/** On or off at the cursor (a toggle); null for actions. */
	pressed: boolean | null;
	disabled: boolean;
	shortcut?: string;
	/** Opens a panel below the toolbar (callout, table). */
	panel?: 'callout' | 'table';
	run: () => void;
}

export interface ToolHandlers {
	openLink: () => void;
	openImage: () => void;
	togglePanel: (name: 'callout' | 'table') => void;
}

type Spec = Omit<Tool, 'pressed' | 'disabled' | 'group'> &
	Partial<Pick<Tool, 'pressed' | 'disabled' | 'group'>>;

/** What is on at the cursor, and whether there is anything to undo or redo. */
function state(editor: Editor) {
	const on = (name: string, attrs?: Record<string, unknown>) => editor.isActive(name, attrs);
	const history = yUndoPluginKey.getState(editor.state);
	return {
		on,
		paragraph: on('paragraph') && !on('callout'),
		canUndo: history?.hasUndoOps ?? false,
		canRedo: history?.hasRedoOps ?? false
	};
}

interface Context {
	editor: Editor;
	is: ReturnType<typeof state>;
	run: () => ReturnType<Editor['chain']>;
	handlers: ToolHandlers;
}

const SPECS: ((c: Context) => Spec)[] = [
	(c) => ({
		id: 'paragraph',
		label: m.editor_paragraph(),
		group: true,
		pressed: c.is.paragraph,
		run: () => c.run().setParagraph().run()
	}),
	(c) => ({
		id: 'h1',
		label: m.editor_heading(),
		pressed: c.is.on('heading', { level: 1 }),
		run: () => c.run().toggleHeading({ level: 1 }).run()
	}),
	(c) => ({
		id: 'h2',
		label: m.editor_subheading(),
		pressed: c.is.on('heading', { level: 2 }),
		run: () => c.run().toggleHeading({ level: 2 }).run()
	}),
	(c) => ({
		id: 'bold',
		label: m.editor_bold(),
		group: true,
		pressed: c.is.on('bold'),
		shortcut: 'Control+B',
		run: () => c.run().toggleBold().run()
	}),
	(c) => ({
		id: 'italic',
		label: m.editor_italic(),
		pressed: c.is.on('italic'),
		shortcut: 'Control+I',
		run: () => c.run().toggleItalic().run()
	}),
	(c) => ({
		id: 'link',
		label: m.editor_link(),
		pressed: c.is.on('link'),
		run: c.handlers.openLink
	}),
	(c) => ({
		id: 'bullet',
		label: m.editor_bullet_list(),
		group: true,
		pressed: c.is.on('bulletList'),
		run: () => c.run().toggleBulletList().run()
	}),
	(c) => ({
		id: 'ordered',
		label: m.editor_ordered_list(),
		pressed: c.is.on('orderedList'),
		run: () => c.run().toggleOrderedList().run()
	}),
	(c) => ({
		id: 'tasks',
		label: m.editor_task_list(),
		pressed: c.is.on('taskList'),
		run: () => c.run().toggleTaskList().run()
	}),
	(c) => ({
		id: 'quote',
		label: m.editor_quote(),
		pressed: c.is.on('blockquote'),
		run: () => c.run().toggleBlockquote().run()
	}),
	(c) => ({ id: 'image', label: m.editor_image(), group: true, run: c.handlers.openImage }),
	(c) => ({
		id: 'table',
		label: m.editor_table(),
		panel: 'table',
		run: () => c.handlers.togglePanel('table')
	}),
	(c) => ({
		id: 'callout',
		label: m.editor_callout(),
		panel: 'callout',
		run: () => c.handlers.togglePanel('callout')
	}),
	(c) => ({
		id: 'strike',
		label: m.editor_strike(),
		group: true,
		pressed: c.is.on('strike'),
		shortcut: 'Control+Shift+S',
		run: () => c.run().toggleStrike().run()
	}),
	(c) => ({
		id: 'code',
		label: m.editor_code(),
		pressed: c.is.on('code'),
		shortcut: 'Control+E',
		run: () => c.run().toggleCode().run()
	}),
	(c) => ({
		id: 'rule',
		label: m.editor_horizontal_rule(),
		run: () => c.run().setHorizontalRule().run()
	}),
	(c) => ({
		id: 'undo',
		group: true,
		label: m.editor_undo(),
		disabled: !c.is.canUndo,
		shortcut: 'Control+Z',
		run: () => undo(c.editor.state)
	}),
	(c) => ({
		id: 'redo',
		label: m.editor_redo(),
		disabled: !c.is.canRedo,
		shortcut: 'Control+Shift+Z',
		run: () => redo(c.editor.state)
	})
];

export function tools(editor: Editor, handlers: ToolHandlers): Tool[] {
	const c: Context = { editor, is: state(editor), run: () => editor.chain().focus(), handlers };
	return SPECS.map((spec) => ({ group: false, pressed: null, disabled: false, ...spec(c) }));
}
