// @vitest-environment jsdom
// The coordinator's matrix narrowed to one session of the agenda: a cell counts only what was
// taken in that session, or outside any; every session again shows everything.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import CoordinatorView from './CoordinatorView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview as base } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import type { AgendaItem, WorkshopOverview } from '../../backend/bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

const item = (id: string, day: number, starts_at: string, en: string, lo: string): AgendaItem => ({
  id,
  workshop_id: 'w',
  day,
  position: 0,
  kind: 'breakout',
  title: { en, lo },
  starts_at,
  ends_at: '17:00',
  room: '',
  deleted: false,
});

const overview: WorkshopOverview = {
  ...base,
  // Listed out of order: the filter shows them in time order.
  agenda: [item('s2', 2, '09:00', 'Elements', 'ອົງປະກອບ'), item('s1', 1, '13:30', 'Pillars', 'ເສົາຫຼັກ')],
  focus_areas: [
    { id: 'f1', workshop_id: 'w', code: 'policy', kind: 'pillar', name: { en: 'Policy', lo: 'ນະໂຍບາຍ' }, description: { en: '', lo: '' }, position: 0, deleted: false },
  ],
  groups: [{ ...base.groups[0], focus_area_ids: ['f1'] }],
};

afterEach(cleanup);

describe('the coordinator\'s matrix by session', () => {
  it('counts only the notes taken in the session chosen', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const take = (text: string, session: string | null) =>
      backend.addNote({ group_id: 'g1', question_id: 'q1', text, lang: null, agenda_item_id: session ?? undefined });
    await take('ໃນກຸ່ມຍ່ອຍມື້ທີ 1', 's1');
    await take('ອີກບັນທຶກມື້ທີ 1', 's1');
    await take('ມື້ທີ 2', 's2');
    await take('ຕອນພັກທ່ຽງ', null);
    const view = render(CoordinatorView, { props: { backend, overview } });
    const cell = async () => (await view.findByTestId('matrix-cell')).textContent ?? '';
    await waitFor(async () => expect(await cell()).toContain('4'));

    const picker = view.getByTestId('matrix-session') as HTMLSelectElement;
    const options = [...picker.options].map((o) => o.textContent?.trim());
    expect(options).toEqual(['ທຸກເວລາປະຊຸມ', 'ນອກເວລາປະຊຸມ', 'ມື້ທີ 1 · 13:30 · ເສົາຫຼັກ', 'ມື້ທີ 2 · 09:00 · ອົງປະກອບ']);

    await fireEvent.change(picker, { target: { value: 's1' } });
    await waitFor(async () => expect(await cell()).toContain('2'));
    await fireEvent.click(view.getByTestId('matrix-cell'));
    const drill = await view.findByTestId('matrix-drill');
    await waitFor(() => expect(view.getAllByTestId('matrix-note').map((n) => n.querySelector('.text')?.textContent)).toEqual(['ໃນກຸ່ມຍ່ອຍມື້ທີ 1', 'ອີກບັນທຶກມື້ທີ 1']));
    expect(drill).toBeTruthy();

    await fireEvent.change(picker, { target: { value: 'outside' } });
    await waitFor(() => expect(view.getAllByTestId('matrix-note').map((n) => n.querySelector('.text')?.textContent)).toEqual(['ຕອນພັກທ່ຽງ']));

    await fireEvent.change(picker, { target: { value: 'any' } });
    await waitFor(async () => expect(await cell()).toContain('4'));
  });
});
