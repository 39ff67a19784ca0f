// How many of the toolbar's buttons fit on one row; the rest go into the "More" menu. Pure so
// that the rule is tested without a browser.

/**
 * `ends[i]` is where button i ends, measured from the row's start (gaps included); `available`
 * is the row's width and `more` the width the "More" button takes with its gap. All fit: all
 * are shown and no menu is needed; otherwise as many as leave room for the menu button.
 */
export function fitting(ends: number[], available: number, more: number): number {
	if (!ends.length || (ends.at(-1) ?? 0) <= available) return ends.length;
	const room = available - more;
	const count = ends.findIndex((end) => end > room);
	return count === -1 ? ends.length : count;
}
