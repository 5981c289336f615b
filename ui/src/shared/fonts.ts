// The bundled faces are declared with `font-display: swap` (fontsource), so text first paints in a
// fallback face and moves when the real one arrives: in Lao the nav shifted by 32 px, enough for a
// click on group A to land on group B. Start-up loads the faces the frame uses before it paints.

/** The faces the frame paints with, and a character each one covers (a subset is loaded per range). */
const FACES: [string, string][] = [
  ['400 16px "Noto Sans Lao"', 'ກ'],
  ['600 16px "Noto Sans Lao"', 'ກ'],
  ['400 16px "Noto Sans"', 'a'],
  ['600 16px "Noto Sans"', 'a'],
];

/** Resolves when the faces are ready, or after `capMs` (a missing face must never hold up the app). */
export function loadFonts(capMs = 1500): Promise<void> {
  const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
  if (!fonts || typeof fonts.load !== 'function') return Promise.resolve();
  const loaded = Promise.all(FACES.map(([font, text]) => fonts.load(font, text))).then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([loaded, new Promise<void>((r) => setTimeout(r, capMs))]);
}
