// @vitest-environment jsdom
// The translation box behaves like the note editor: Enter saves, Shift+Enter is a new line,
// Escape cancels (the translation goes back to what it was).
import { afterEach, describe, expect, it } from 'vitest';
import type { ComponentProps } from 'svelte';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import NoteItem from './NoteItem.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import { emptyReport, sync } from '../../state/sync.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

type Props = Partial<ComponentProps<typeof NoteItem>> & Pick<ComponentProps<typeof NoteItem>, 'backend' | 'note'>;

/** The note as a group's list shows it, with whatever the test sets besides. */
function renderNote(props: Props) {
  return render(NoteItem, {
    props: { questionNumber: 1, focusArea: undefined, linkedActions: [], onchange: () => {}, ondelete: () => {}, onaction: () => {}, ...props },
  });
}

async function setup() {
  const backend = memoryBackend(overview, messages);
  await i18n.load(backend, 'lo');
  const note = await backend.addNote({ group_id: 'g1', question_id: 'q1', text: 'ງົບປະມານບໍ່ພຽງພໍ', lang: null });
  let changes = 0;
  const view = renderNote({ backend, note, onchange: () => changes++ });
  await fireEvent.click(view.getByTestId('add-translation'));
  const box = view.getByTestId('translation-edit') as HTMLTextAreaElement;
  const saved = () => backend.notes.find((n) => n.id === note.id)?.translation ?? null;
  return { view, box, saved, changes: () => changes };
}

describe('the translation box', () => {
  afterEach(cleanup);

  it('saves on Enter and closes', async () => {
    const { view, box, saved } = await setup();
    expect(document.activeElement).toBe(box);
    await fireEvent.input(box, { target: { value: 'Not enough budget' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(view.queryByTestId('translation-edit')).toBeNull());
    expect(saved()).toBe('Not enough budget');
  });

  it('keeps Shift+Enter as a new line', async () => {
    const { view, box } = await setup();
    const event = await fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(event).toBe(true); // not prevented: the textarea takes the new line
    expect(view.getByTestId('translation-edit')).toBe(box);
  });

  it('cancels on Escape, even after some typing was saved', async () => {
    const { view, box, saved } = await setup();
    await fireEvent.input(box, { target: { value: 'Budget' } });
    await fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(view.queryByTestId('translation-edit')).toBeNull());
    expect(saved()).toBeNull();
  });
});

describe('a note with Lao marks typed out of order', () => {
  afterEach(cleanup);

  it('is flagged, in Lao, with a one-click fix', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'lo');
    const note = await backend.addNote({ group_id: 'g1', question_id: 'q1', text: 'ຂ\u0EC9\u0ECDມູນ', lang: null });
    const view = renderNote({ backend, note });
    const issue = await view.findByTestId('lao-issue');
    expect(issue.textContent).toContain(messages.lo['note.issue.mark_order']);
    await fireEvent.click(view.getByTestId('lao-fix'));
    await waitFor(() => expect(backend.notes.find((n) => n.id === note.id)?.text).toBe('ຂໍ້ມູນ'));
  });
});

describe('a note two tables edited at once', () => {
  afterEach(cleanup);

  it('says so on the note, shows each version, and one click accepts the merged text', async () => {
    const backend = memoryBackend(overview, messages);
    await i18n.load(backend, 'en');
    const note = await backend.addNote({ group_id: 'g1', question_id: 'q1', text: 'ຂໍ້ມູນ (ຮ່າງຢູ່)ສ່ວນບຸກຄົນ', lang: null });
    const version = (op_id: string, device: string, text: string) => ({ op_id, device, text, json: JSON.stringify(text), at_ms: 1 });
    const conflict = {
      entity: 'note',
      entity_id: note.id,
      field: 'text',
      context: note.text,
      group_id: 'g1',
      values: [version('op-b', 'device-b', 'ຂໍ້ມູນສ່ວນບຸກຄົນ'), version('op-a', 'device-a', 'ຂໍ້ມູນ (ຮ່າງຢູ່)')],
      merged: note.text,
    };
    backend.conflictList.push(conflict);
    sync.me = { device: 'device-a', label: 'Table 1' };
    sync.report = { ...emptyReport(), conflicts: 1, devices: [{ device_id: 'device-b', label: 'Table 2', last_seen_ms: 0, clock_ahead_ms: 0 }] };
    let changed = 0;
    const view = renderNote({ backend, note, concurrent: conflict, onchange: () => changed++ });
    expect(view.getByTestId('note-concurrent').textContent).toContain('Edited on Table 2 and Table 1 at once — check');
    expect(view.getAllByTestId('note-concurrent-version').map((v) => v.textContent)).toEqual([
      'Table 2 ຂໍ້ມູນສ່ວນບຸກຄົນ',
      'Table 1 ຂໍ້ມູນ (ຮ່າງຢູ່)',
    ]);
    await fireEvent.click(view.getByTestId('note-concurrent-accept'));
    await waitFor(() => expect(changed).toBe(1));
    expect(backend.conflictList).toHaveLength(0);
    expect(sync.report?.conflicts).toBe(0);
    sync.report = emptyReport();
  });
});
