// @vitest-environment jsdom
// The Conflicts inbox: every value shown with its table and time; keeping one, or combining them,
// resolves the conflict through the backend; an empty inbox says so. In Lao.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import ConflictsView from './ConflictsView.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import { emptyReport, sync } from '../../state/sync.svelte';
import type { ConflictView } from '../../backend/bindings';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

function translationConflict(noteId: string): ConflictView {
  const value = (op_id: string, device: string, text: string, at_ms: number) => ({
    op_id,
    device,
    text,
    json: JSON.stringify(text),
    at_ms,
  });
  return {
    entity: 'note',
    entity_id: noteId,
    field: 'translation',
    context: 'ງົບປະມານບໍ່ພຽງພໍ',
    group_id: 'g1',
    values: [value('op-b', 'device-b', 'Not enough budget', 2_000), value('op-a', 'device-a', 'Budget is short', 1_000)],
    merged: null,
  };
}

async function setup() {
  const backend = memoryBackend(overview, messages);
  await i18n.load(backend, 'lo');
  const note = await backend.addNote({ group_id: 'g1', question_id: 'q1', text: 'ງົບປະມານບໍ່ພຽງພໍ', lang: null });
  backend.conflictList.push(translationConflict(note.id));
  sync.me = { device: 'device-a', label: 'ໂຕະ 1' };
  sync.report = {
    ...emptyReport(),
    folder: '/media/usb',
    reached: true,
    conflicts: 1,
    devices: [{ device_id: 'device-b', label: 'ໂຕະ 2', last_seen_ms: 0, clock_ahead_ms: 0 }],
  };
  const overviews: unknown[] = [];
  const view = render(ConflictsView, { props: { backend, overview, onoverview: (o) => void overviews.push(o) } });
  await view.findAllByTestId('conflict-value');
  return { backend, view, note, overviews };
}

describe('ConflictsView', () => {
  afterEach(cleanup);

  it('shows every value with the table that wrote it, and keeping one resolves it', async () => {
    const { backend, view, note, overviews } = await setup();
    // The field is named in words, never by its column name.
    expect(view.getByTestId('conflict-field').textContent).toBe('ຊ່ອງ: ຄຳແປ');
    const values = view.getAllByTestId('conflict-value');
    expect(values.map((v) => v.textContent)).toEqual([
      expect.stringContaining('Not enough budget'),
      expect.stringContaining('Budget is short'),
    ]);
    expect(values[0].textContent).toContain('ໂຕະ 2');
    expect(values[0].textContent).toContain(messages.lo['conflicts.shown']);
    expect(values[1].textContent).toContain('ໂຕະ 1');

    await fireEvent.click(values[1].querySelector('[data-testid="conflict-keep"]')!);
    await view.findByTestId('conflicts-none');
    expect(view.getByTestId('conflicts-message').textContent).toBe(messages.lo['conflicts.resolved']);
    expect(backend.notes.find((n) => n.id === note.id)?.translation).toBe('Budget is short');
    expect(sync.report?.conflicts).toBe(0);
    // A resolved value may be a group's name: the frame gets the workshop afresh.
    expect(overviews).toHaveLength(1);
  });

  it('combines the values into one text the user edits', async () => {
    const { backend, view, note } = await setup();
    await fireEvent.click(view.getByTestId('conflict-combine'));
    const area = view.getByTestId('conflict-combined') as HTMLTextAreaElement;
    expect(area.value).toBe('Not enough budget\nBudget is short');
    area.value = 'Budget is short: not enough';
    await fireEvent.input(area);
    await fireEvent.click(view.getByTestId('conflict-save-combined'));
    await view.findByTestId('conflicts-none');
    expect(backend.notes.find((n) => n.id === note.id)?.translation).toBe('Budget is short: not enough');
  });
});

describe('a guiding question renamed on two laptops at once', () => {
  afterEach(cleanup);

  it('is named as a guiding question, each wording in both languages as a person reads it', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const wording = (op_id: string, device: string, lo: string, en: string, at_ms: number) => {
      const b = { en, lo };
      return { op_id, device, text: JSON.stringify(b), json: JSON.stringify(b), at_ms };
    };
    backend.conflictList.push({
      entity: 'guiding_question',
      entity_id: 'q1',
      field: 'text',
      context: 'ຈຸດແຂງແມ່ນຫຍັງ?',
      group_id: null,
      values: [
        wording('op-b', 'device-b', 'ຈຸດແຂງໃນປັດຈຸບັນແມ່ນຫຍັງ?', 'What are the strengths today?', 2_000),
        wording('op-a', 'device-a', '', 'What works well?', 1_000),
      ],
      merged: null,
    });
    const view = render(ConflictsView, { props: { backend, overview, onoverview: () => {} } });
    const values = await view.findAllByTestId('conflict-value');
    expect(view.getByTestId('conflict').textContent).toContain('Guiding question');
    expect(values.map((v) => v.querySelector('.value')?.textContent)).toEqual([
      'ຈຸດແຂງໃນປັດຈຸບັນແມ່ນຫຍັງ? / What are the strengths today?',
      'What works well?',
    ]);
    // Two wordings in two languages are kept one or the other, not pasted together.
    expect(view.queryByTestId('conflict-combine')).toBeNull();
  });
});

describe('a note edited on two tables at once', () => {
  afterEach(cleanup);

  it('says so with each table\'s version, and accepting the merged text clears it', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const note = await backend.addNote({ group_id: 'g1', question_id: 'q1', text: 'ຂໍ້ມູນ (ຮ່າງຢູ່)ສ່ວນບຸກຄົນ', lang: null });
    const version = (op_id: string, device: string, text: string, at_ms: number) => ({ op_id, device, text, json: JSON.stringify(text), at_ms });
    backend.conflictList.push({
      entity: 'note',
      entity_id: note.id,
      field: 'text',
      context: note.text,
      group_id: 'g1',
      values: [version('op-b', 'device-b', 'ຂໍ້ມູນສ່ວນບຸກຄົນ', 2_000), version('op-a', 'device-a', 'ຂໍ້ມູນ (ຮ່າງຢູ່)', 1_000)],
      merged: note.text,
    });
    sync.me = { device: 'device-a', label: 'ໂຕະ 1' };
    sync.report = { ...emptyReport(), conflicts: 1, devices: [{ device_id: 'device-b', label: 'ໂຕະ 2', last_seen_ms: 0, clock_ahead_ms: 0 }] };
    const view = render(ConflictsView, { props: { backend, overview, onoverview: () => {} } });
    expect((await view.findByTestId('conflict-merged-title')).textContent?.trim()).toBe('ຖືກແກ້ໄຂໃນ ໂຕະ 2 ແລະ ໂຕະ 1 ພ້ອມກັນ — ກະລຸນາກວດຂໍ້ຄວາມ');
    expect(view.getByTestId('conflict-merged').textContent).toBe('ຂໍ້ມູນ (ຮ່າງຢູ່)ສ່ວນບຸກຄົນ');
    const versions = view.getAllByTestId('conflict-value').map((v) => v.textContent);
    expect(versions[0]).toContain('ຂໍ້ມູນສ່ວນບຸກຄົນ');
    expect(versions[0]).toContain('ສະບັບຂອງ ໂຕະ 2');
    expect(versions[1]).toContain('ສະບັບຂອງ ໂຕະ 1');
    await fireEvent.click(view.getByTestId('conflict-accept'));
    await view.findByTestId('conflicts-none');
    expect(backend.notes.find((n) => n.id === note.id)?.text).toBe('ຂໍ້ມູນ (ຮ່າງຢູ່)ສ່ວນບຸກຄົນ');
    sync.report = emptyReport();
  });
});
