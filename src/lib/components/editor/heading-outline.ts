import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

// The page's h1 is the document's title, so in the page a document's headings sit one level
// below it: "Rubrik" (level 1) shows as h2, level 2 as h3, and so on. Only the display
// changes; the document, copy and paste, and exports keep the levels as written.

export const HeadingOutline = Extension.create({
	name: 'headingOutline',

	addProseMirrorPlugins() {
		return [
			new Plugin({
				key: new PluginKey('headingOutline'),
				props: {
					nodeViews: {
						heading: (node) => {
							const level = Math.min(Number(node.attrs.level) + 1, 6);
							const dom = document.createElement(`h${level}`);
							return {
								dom,
								contentDOM: dom,
								// Re-created when the level changes, kept otherwise.
								update: (next) => next.type === node.type && next.attrs.level === node.attrs.level
							};
						}
					}
				}
			})
		];
	}
});
