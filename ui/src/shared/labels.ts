// Fixed lists the UI offers, in display order, and small formatting helpers.
import type { ActionStatus, Horizon, Priority, Quadrant, Stakeholder, UiLanguage } from '../backend/bindings';

export const STAKEHOLDERS: Stakeholder[] = [
  'government',
  'private_sector',
  'civil_society',
  'academia',
  'development_partner',
  'international_expert',
];

export const QUADRANTS: Quadrant[] = ['strengths', 'weaknesses', 'opportunities', 'threats'];
export const QUADRANT_LETTER: Record<Quadrant, string> = {
  strengths: 'S',
  weaknesses: 'W',
  opportunities: 'O',
  threats: 'T',
};
/** Shapes beside the colour, so a quadrant never depends on colour alone. */
export const QUADRANT_ICON: Record<Quadrant, string> = {
  strengths: '▲',
  weaknesses: '▼',
  opportunities: '◆',
  threats: '⚠',
};

export const HORIZONS: Horizon[] = ['short', 'medium', 'long'];
export const PRIORITIES: Priority[] = ['high', 'medium', 'low'];
export const STATUSES: ActionStatus[] = ['proposed', 'agreed', 'in_progress', 'done'];

function locale(lang: UiLanguage): string {
  return lang === 'lo' ? 'lo-LA' : 'en-GB';
}

/** The wall-clock time of a hybrid-logical-clock timestamp (`WWW…-CCC…-device`), local. */
/** The device that wrote a hybrid-logical-clock timestamp (`wall-counter-device`). */
export function hlcDevice(hlc: string): string {
  const parts = hlc.split('-');
  return parts.length >= 3 ? parts.slice(2).join('-') : '';
}

export function hlcTime(hlc: string, lang: UiLanguage): string {
  const ms = Number(hlc.split('-')[0]);
  if (!Number.isFinite(ms) || ms <= 0) return '';
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(ms),
  );
}

/** A `YYYY-MM-DD` date in the user's language. */
export function formatDate(iso: string, lang: UiLanguage): string {
  const d = new Date(`${iso}T00:00:00`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

export function monthLabel(year: number, month: number, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(locale(lang), { month: 'short', year: 'numeric' }).format(new Date(year, month, 1));
}

/** Where a new action comes from: a note or a SWOT card, with its text and focus area. */
export type ActionSource = { id: string; text: string; focusAreaId: string | null };

/** "February 2023" in the user's language. */
export function monthYear(year: number, month: number, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric' }).format(new Date(year, month - 1, 1));
}
