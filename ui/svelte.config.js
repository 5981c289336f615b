// Svelte's defaults; TypeScript in components is handled natively by Svelte 5.
export default {};
