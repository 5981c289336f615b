// What a person types into a date field, read as a date: `2023-09-01`, `1/9/2023`, `1.9.2023`,
// `01092023`, `1 Sep 2023`, `1 ກັນຍາ 2023`, Lao digits — always the day before the month (as
// in Laos and in British English). The years are the core's (`DATE_YEARS` in
// sala-core/src/template.rs): a date outside them is refused here and there.

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** What a typed text is: nothing, a date (`YYYY-MM-DD`), or why it is not one (a locale key
 * under `date.` with its parameters). */
export type DateReading =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  | { kind: 'refused'; key: 'not_a_date' | 'no_month' | 'no_day' | 'out_of_range' | 'buddhist_era'; params: Record<string, string | number> };

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const LO_MONTHS = ['ມັງກອນ', 'ກຸມພາ', 'ມີນາ', 'ເມສາ', 'ພຶດສະພາ', 'ມິຖຸນາ', 'ກໍລະກົດ', 'ສິງຫາ', 'ກັນຍາ', 'ຕຸລາ', 'ພະຈິກ', 'ທັນວາ'];

/** The month (1–12) a word names: an English name or its first three letters, or a Lao name. */
function monthNamed(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const en = EN_MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)));
  if (en >= 0) return en + 1;
  const lo = LO_MONTHS.indexOf(word);
  return lo >= 0 ? lo + 1 : null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DMY = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})$/;
const DIGITS8 = /^(\d{2})(\d{2})(\d{4})$/;
const D_NAME_Y = /^(\d{1,2})\.?\s*([^\d\s,]+)\s*,?\s*(\d{4})$/u;
const NAME_D_Y = /^([^\d\s,]+)\s+(\d{1,2}),?\s+(\d{4})$/u;

/** Reads a typed date. Never guesses the month first: `1/9/2023` is 1 September. */
export function readDate(typed: string): DateReading {
  // Lao digits (໐–໙) are digits.
  const text = typed.trim().replace(/[\u0ED0-\u0ED9]/g, (c) => String(c.charCodeAt(0) - 0x0ed0)).replace(/\s+/g, ' ');
  if (!text) return { kind: 'empty' };
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = YMD.exec(text))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = DMY.exec(text))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[3].length === 2) y += 2000;
  } else if ((match = DIGITS8.exec(text))) {
    // 01092023 is day, month, year; 20230901 (a real month and day after a year) is the other way.
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const [yy, mm, dd] = [Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))];
    if ((m < 1 || m > 12 || d < 1) && mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysInMonth(yy, mm)) [y, m, d] = [yy, mm, dd];
  } else if ((match = D_NAME_Y.exec(text)) && monthNamed(match[2])) {
    [d, m, y] = [Number(match[1]), monthNamed(match[2]) as number, Number(match[3])];
  } else if ((match = NAME_D_Y.exec(text)) && monthNamed(match[1])) {
    [m, d, y] = [monthNamed(match[1]) as number, Number(match[2]), Number(match[3])];
  } else {
    return { kind: 'refused', key: 'not_a_date', params: { value: typed.trim() } };
  }
  if (m < 1 || m > 12) return { kind: 'refused', key: 'no_month', params: { month: m } };
  if (y >= FIRST_YEAR + 543 && y <= LAST_YEAR + 543) {
    return { kind: 'refused', key: 'buddhist_era', params: { year: y, ce: y - 543 } };
  }
  if (y < FIRST_YEAR || y > LAST_YEAR) {
    return { kind: 'refused', key: 'out_of_range', params: { year: y, from: FIRST_YEAR, to: LAST_YEAR } };
  }
  const days = daysInMonth(y, m);
  if (d < 1 || d > days) return { kind: 'refused', key: 'no_day', params: { day: d, days, month: m, year: y } };
  return { kind: 'date', iso: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

/** A stored date Sala would not accept from a person (received from another laptop as it was):
 * shown as it is, flagged. */
export function isDateToCheck(iso: string | null | undefined): boolean {
  if (!iso) return false;
  const r = readDate(iso);
  return r.kind !== 'date' || r.iso !== iso;
}
