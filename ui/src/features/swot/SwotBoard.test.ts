// @vitest-environment jsdom
// A SWOT board built by several tables: one table's cards can be made to stand out, the others
// dimmed but left in place.
import { afterEach, describe, expect, it } from 'vitest';
import { Board } from './board.svelte';
import { voting } from './voting.svelte';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import SwotBoard from './SwotBoard.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { asTableOne, localeMessages, overview } from '../../backend/fixtures';
import type { FocusArea } from '../../backend/bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

const focusArea: FocusArea = {
  id: 'fa-1',
  workshop_id: overview.workshop.id,
  kind: 'element',
  code: 'data-sharing',
  position: 1,
  name: { lo: 'ການແບ່ງປັນຂໍ້ມູນ', en: 'Data sharing' },
  description: { lo: '', en: '' },
  deleted: false,
};

describe('SwotBoard by table', () => {
  afterEach(cleanup);

  it('highlights one table’s cards and dims the others without moving any', async () => {
    const base = memoryBackend(overview, messages);
    const group = overview.groups[0];
    const card = (text: string) =>
      base.addCard({ group_id: group.id, focus_area_id: focusArea.id, quadrant: 'strengths', text, stakeholder: null, source_note_id: null });
    const theirs = await card('ມີກົດໝາຍວ່າດ້ວຍຂໍ້ມູນເອເລັກໂຕຣນິກ');
    await card('Skilled IT staff in ministries');
    const backend = await asTableOne(base, (id) => id === theirs.id);
    const view = render(SwotBoard, { props: { backend, group, focusArea, onmakeaction: () => {} } });
    const pick = (await view.findByTestId('board-table')) as HTMLSelectElement;
    expect([...pick.options].map((o) => o.textContent)).toEqual(['ທຸກໂຕະ', 'ໂຕະ 1', 'ໂຕະ 2']);
    const order = () => view.getAllByTestId('card').map((c) => c.getAttribute('data-card-id'));
    const before = order();
    expect(view.getAllByTestId('card').filter((c) => c.dataset.dimmed)).toHaveLength(0);

    pick.value = 'device-b';
    await fireEvent.change(pick);
    const dim = view.getAllByTestId('card').filter((c) => c.dataset.dimmed === 'true');
    expect(dim).toHaveLength(1);
    expect(dim[0].textContent).toContain('Skilled IT staff');
    expect(order()).toEqual(before);

    pick.value = '';
    await fireEvent.change(pick);
    expect(view.getAllByTestId('card').filter((c) => c.dataset.dimmed)).toHaveLength(0);
  });
});

describe('a board’s changes, one after another', () => {
  it('two quick votes are two dots, even when the first answer arrives after the second', async () => {
    const base = memoryBackend(overview, messages);
    const group = overview.groups[0];
    const card = await base.addCard({
      group_id: group.id,
      focus_area_id: focusArea.id,
      quadrant: 'opportunities',
      text: 'Regional cooperation',
      stakeholder: null,
      source_note_id: null,
    });
    // The first vote's answer (the board with one dot) is slow to come back.
    let calls = 0;
    const backend = {
      ...base,
      async vote(...args: Parameters<typeof base.vote>) {
        const slow = calls++ === 0;
        const after = await base.vote(...args);
        await new Promise((r) => setTimeout(r, slow ? 30 : 0));
        return after;
      },
    };
    const board = new Board(backend, () => ({ group, focusArea, session: null }), null);
    voting.voter = 'Noy';
    await Promise.all([board.vote(card.id), board.vote(card.id)]);
    expect(calls).toBe(2);
    expect(board.view?.cards.find((c) => c.card.id === card.id)?.votes).toBe(2);
  });
});
