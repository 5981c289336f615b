// How a quadrant's cards become items: clusters as one item (the lead card first, the dots
// added up), in board order or by dots.
import { describe, expect, it } from 'vitest';
import type { CardView, Quadrant } from '../../backend/bindings';
import { itemsOf } from './board.svelte';

function card(id: string, quadrant: Quadrant, votes: number, cluster: string | null = null): CardView {
  return {
    card: {
      id,
      workshop_id: 'w',
      group_id: 'g',
      focus_area_id: 'f',
      quadrant,
      text: id,
      position: 0,
      cluster_id: cluster,
      stakeholder: null,
      source_note_id: null,
      agenda_item_id: null,
      deleted: false,
    },
    votes,
    voters: [],
  } as CardView;
}

const board = [
  card('a', 'strengths', 1),
  card('b', 'strengths', 2, 'c'),
  card('c', 'strengths', 0, 'c'),
  card('d', 'strengths', 2),
  card('t', 'threats', 5),
];
const shape = (byVotes: boolean) => itemsOf(board, 'strengths', byVotes).map((i) => [i.cards.map((c) => c.card.id).join('+'), i.votes]);

describe('itemsOf', () => {
  it('keeps board order, a cluster as one item with its lead card first and its dots added up', () => {
    expect(shape(false)).toEqual([['a', 1], ['c+b', 2], ['d', 2]]);
  });
  it('by dots, most first (ties keep board order)', () => {
    expect(shape(true)).toEqual([['c+b', 2], ['d', 2], ['a', 1]]);
  });
  it('only the quadrant asked for', () => {
    expect(itemsOf(board, 'threats', false).map((i) => i.key)).toEqual(['t']);
    expect(itemsOf(board, 'weaknesses', false)).toEqual([]);
  });
});
