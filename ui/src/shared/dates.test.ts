import { describe, expect, it } from 'vitest';
import { isDateToCheck, readDate, type DateReading } from './dates';

// What people type into a date field, and what Sala reads. Day first in both languages.
const accepted: [string, string][] = [
  ['2023-09-01', '2023-09-01'],
  ['2023-9-1', '2023-09-01'],
  ['2023/09/01', '2023-09-01'],
  ['1/9/2023', '2023-09-01'],
  ['01/09/2023', '2023-09-01'],
  ['1.9.2023', '2023-09-01'],
  ['1-9-2023', '2023-09-01'],
  ['1 9 2023', '2023-09-01'],
  ['1/9/23', '2023-09-01'],
  ['01092023', '2023-09-01'],
  ['20230901', '2023-09-01'],
  ['31/3/2024', '2024-03-31'],
  ['  31/3/2024 ', '2024-03-31'],
  ['29/2/2024', '2024-02-29'],
  ['1 Sep 2023', '2023-09-01'],
  ['1 September 2023', '2023-09-01'],
  ['September 1, 2023', '2023-09-01'],
  ['1 sept. 2023', '2023-09-01'],
  ['1 ກັນຍາ 2023', '2023-09-01'],
  ['໑/໙/໒໐໒໓', '2023-09-01'],
  ['1/1/2000', '2000-01-01'],
  ['31/12/2100', '2100-12-31'],
];

const refused: [string, Extract<DateReading, { kind: 'refused' }>['key']][] = [
  ['tomorrow', 'not_a_date'],
  ['2023', 'not_a_date'],
  ['1/9', 'not_a_date'],
  ['0001-12-09', 'out_of_range'],
  ['9/12/0001', 'out_of_range'],
  ['31/12/1999', 'out_of_range'],
  ['1/1/2101', 'out_of_range'],
  ['1/9/2566', 'buddhist_era'],
  ['9/13/2023', 'no_month'],
  ['12/31/2023', 'no_month'],
  ['30/2/2023', 'no_day'],
  ['29/2/2023', 'no_day'],
  ['31/4/2024', 'no_day'],
  ['1 Smarch 2023', 'not_a_date'],
];

function check(typed: string, want: string | DateReading['kind'] | string) {
  const got = readDate(typed);
  const shown = got.kind === 'date' ? got.iso : got.kind === 'refused' ? got.key : got.kind;
  expect(shown, typed).toBe(want);
}

describe('a typed date', () => {
  it.each(accepted)('%s is read as %s', (typed, iso) => check(typed, iso));
  it.each(refused)('%s is refused: %s', (typed, why) => check(typed, why));
  it('empty is no date, not a refusal', () => {
    check('', 'empty');
    check('   ', 'empty');
  });
  it('a Buddhist-era year says which year it is', () => {
    expect(readDate('1/9/2566')).toMatchObject({ params: { year: 2566, ce: 2023 } });
  });
  it('a missing day names the days the month has', () => {
    expect(readDate('30/2/2024')).toMatchObject({ params: { days: 29, month: 2, year: 2024 } });
  });
});

describe('a stored date to check', () => {
  it.each([
    ['2023-09-01', false],
    [null, false],
    ['0001-12-09', true],
    ['2566-01-01', true],
    ['2023-02-30', true],
    ['1/9/2023', true],
  ] as [string | null, boolean][])('%s: %s', (iso, flagged) => expect(isDateToCheck(iso)).toBe(flagged));
});
