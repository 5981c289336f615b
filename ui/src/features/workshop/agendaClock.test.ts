import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../backend/bindings';
import { clock, currentItemId } from './agendaClock';

const item = (id: string, day: number, starts_at: string, ends_at: string): AgendaItem => ({
  id,
  workshop_id: 'w',
  day,
  position: 0,
  kind: 'plenary',
  title: { en: id, lo: id },
  starts_at,
  ends_at,
  room: '',
  deleted: false,
});

const agenda = [item('opening', 1, '09:00', '09:30'), item('plenary', 1, '09:30', '10:30'), item('breakout', 2, '09:00', '10:30')];

describe('the current agenda item', () => {
  it.each([
    ['2023-05-11T09:00', 'opening'],
    ['2023-05-11T09:29', 'opening'],
    ['2023-05-11T09:30', 'plenary'],
    ['2023-05-11T10:30', null],
    ['2023-05-11T08:59', null],
    ['2023-05-12T09:15', 'breakout'],
    ['2023-05-13T09:15', null],
  ])('at %s is %s', (at, expected) => {
    expect(currentItemId(agenda, '2023-05-11', new Date(at))).toBe(expected);
  });

  it('crosses month ends when counting days', () => {
    expect(currentItemId([item('x', 2, '09:00', '10:00')], '2023-05-31', new Date('2023-06-01T09:30'))).toBe('x');
  });
});

describe('clock', () => {
  it.each([
    [0, '00:00'],
    [59.2, '01:00'],
    [61, '01:01'],
    [600, '10:00'],
    [-5, '00:00'],
  ])('%s s is %s', (s, text) => expect(clock(s)).toBe(text));
});
