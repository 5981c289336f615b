// A result that appears where the user may not be looking (below the fold, after a click at
// the top) is scrolled into view, to its nearest edge: "nothing happened" never shows.

const show = (node: HTMLElement) =>
  requestAnimationFrame(() => node.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));

/** Svelte action: `<p use:reveal>` scrolls the element into view when it appears, and again
 * whenever its parameter changes (`use:reveal={cellKey}`: another cell opened in it). */
export function reveal(node: HTMLElement, _key?: unknown): { update: () => void } {
  show(node);
  return { update: () => show(node) };
}
