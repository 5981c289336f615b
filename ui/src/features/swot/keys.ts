// The board's keys, as intents. By physical position (`code`), so they work with a Lao keyboard
// layout too. A pure function, so the keyboard map is tested without a board.
import type { Quadrant } from '../../backend/bindings';

export type KeyIntent =
  | { do: 'escape' }
  | { do: 'move'; delta: -1 | 1 }
  | { do: 'around'; forward: boolean }
  | { do: 'vote' }
  | { do: 'cluster' }
  | { do: 'open' }
  | { do: 'delete' }
  | { do: 'add'; quadrant: Quadrant };

const ADD: Record<string, Quadrant> = {
  Digit1: 'strengths',
  Digit2: 'weaknesses',
  Digit3: 'opportunities',
  Digit4: 'threats',
  KeyS: 'strengths',
  KeyW: 'weaknesses',
  KeyO: 'opportunities',
  KeyT: 'threats',
};

type Key = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>;

/** What a key means on the board; `onCard` when a card has the focus, `inField` when typing. */
export function boardKey(e: Key, onCard: boolean, inField: boolean): KeyIntent | null {
  if (e.key === 'Escape') return { do: 'escape' };
  if (inField || e.ctrlKey || e.metaKey) return null;
  if (onCard && e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) return { do: 'move', delta: e.key === 'ArrowUp' ? -1 : 1 };
  if (onCard && e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return { do: 'around', forward: e.key === 'ArrowRight' };
  if (onCard && e.code === 'KeyV' && !e.altKey) return { do: 'vote' };
  if (onCard && e.code === 'KeyC' && !e.altKey) return { do: 'cluster' };
  if (onCard && e.key === 'Enter') return { do: 'open' };
  if (onCard && e.key === 'Delete') return { do: 'delete' };
  if (!e.altKey && ADD[e.code]) return { do: 'add', quadrant: ADD[e.code] };
  return null;
}
