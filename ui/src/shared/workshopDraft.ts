// What the New workshop steps and the Workshop settings reckon on the page, as Rust does:
// the days two dates span, the sessions whose times overlap, a new focus area's code.
import type { AgendaItem, AgendaPlan, Bilingual } from '../backend/bindings';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isEmpty = (b: Bilingual) => !b.en.trim() && !b.lo.trim();

const dayNumber = (iso: string) => {
  const m = DATE.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // 2023-02-30 is not a date (Date.UTC would roll it over to March).
  return new Date(ms).toISOString().slice(0, 10) === iso ? ms / 86_400_000 : null;
};

/** The days from `start` to `end`, both counted (0 when they are not dates in order). */
export function daysBetween(start: string, end: string): number {
  const [a, b] = [dayNumber(start), dayNumber(end)];
  return a === null || b === null || b < a ? 0 : b - a + 1;
}

/** `iso` moved by `n` days (`iso` itself when it is not a date). */
export function addDays(iso: string, n: number): string {
  const d = dayNumber(iso);
  return d === null ? iso : new Date((d + n) * 86_400_000).toISOString().slice(0, 10);
}

type Timed = Pick<AgendaPlan, 'day' | 'starts_at' | 'ends_at'> & { deleted?: boolean };

/** Index pairs of sessions of one day whose times overlap (removed ones left out). */
export function overlappingPairs(agenda: Timed[]): [number, number][] {
  const out: [number, number][] = [];
  agenda.forEach((a, i) => {
    if (a.deleted) return;
    agenda.forEach((b, j) => {
      if (j <= i || b.deleted || b.day !== a.day) return;
      if (b.starts_at < a.ends_at && a.starts_at < b.ends_at) out.push([i, j]);
    });
  });
  return out;
}

/** Id pairs of sessions of one day whose times overlap. */
export function overlapsOf(agenda: AgendaItem[]): [string, string][] {
  return overlappingPairs(agenda).map(([i, j]) => [agenda[i].id, agenda[j].id]);
}

/** A code for a new focus area from its name: lower-case letters, digits and dashes, not one
 *  of `taken`. */
export function codeFor(name: Bilingual, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    name.en
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'area';
  let code = base;
  for (let n = 2; used.has(code); n++) code = `${base}-${n}`;
  return code;
}
