// The SWOT board's keyboard map: keys by position, so a Lao layout types the same commands.
import { describe, expect, it } from 'vitest';
import { boardKey, type KeyIntent } from './keys';

type Case = [string, Partial<KeyboardEvent>, { onCard?: boolean; inField?: boolean }, KeyIntent | null];

const key = (k: Partial<KeyboardEvent>) => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, ...k });

const cases: Case[] = [
  ['Escape always steps back, even while typing', { key: 'Escape' }, { inField: true }, { do: 'escape' }],
  ['S adds a strength (by position: ຫ on a Lao layout)', { key: 'ຫ', code: 'KeyS' }, {}, { do: 'add', quadrant: 'strengths' }],
  ['4 adds a threat', { key: '4', code: 'Digit4' }, {}, { do: 'add', quadrant: 'threats' }],
  ['typing S in a field is just typing', { key: 's', code: 'KeyS' }, { inField: true }, null],
  ['Ctrl+S is not the board’s', { key: 's', code: 'KeyS', ctrlKey: true }, {}, null],
  ['V votes for the focused card (ອ on a Lao layout)', { key: 'ອ', code: 'KeyV' }, { onCard: true }, { do: 'vote' }],
  ['V with no card focused does nothing', { key: 'v', code: 'KeyV' }, {}, null],
  ['C starts a cluster', { key: 'c', code: 'KeyC' }, { onCard: true }, { do: 'cluster' }],
  ['Alt+↑ moves a card up', { key: 'ArrowUp', altKey: true }, { onCard: true }, { do: 'move', delta: -1 }],
  ['Alt+↓ moves a card down', { key: 'ArrowDown', altKey: true }, { onCard: true }, { do: 'move', delta: 1 }],
  ['Alt+→ moves it to the next quadrant', { key: 'ArrowRight', altKey: true }, { onCard: true }, { do: 'around', forward: true }],
  ['Alt+← to the one before', { key: 'ArrowLeft', altKey: true }, { onCard: true }, { do: 'around', forward: false }],
  ['↓ without Alt is the browser’s', { key: 'ArrowDown' }, { onCard: true }, null],
  ['Enter opens the card', { key: 'Enter' }, { onCard: true }, { do: 'open' }],
  ['Delete deletes it', { key: 'Delete' }, { onCard: true }, { do: 'delete' }],
  ['Alt+S is the system’s', { key: 's', code: 'KeyS', altKey: true }, {}, null],
];

describe('board keys', () => {
  for (const [what, k, where, expected] of cases) {
    it(what, () => {
      expect(boardKey(key(k), where.onCard ?? false, where.inField ?? false)).toEqual(expected);
    });
  }
});
