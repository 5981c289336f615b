// A result that appears where the user may not be looking (below the fold, after a click at
// the top) is scrolled into view, to its nearest edge: "nothing happened" never shows.

/** Svelte action: `<p use:reveal>` scrolls the element into view when it appears. */
export function reveal(node: HTMLElement): void {
  requestAnimationFrame(() => node.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
}
