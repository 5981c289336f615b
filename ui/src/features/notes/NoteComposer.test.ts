// @vitest-environment jsdom
// The composer wired to a backend: IME composition holds the save, Enter finishes the note.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import NoteComposer from './NoteComposer.svelte';
import { memoryBackend } from '../../backend/memoryBackend';
import { localeMessages, overview } from '../../backend/fixtures';
import { i18n } from '../../state/i18n.svelte';
import { saveStatus } from '../../state/status.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

async function setup(session: string | null = null) {
  const backend = memoryBackend(overview, messages);
  await i18n.load(backend, 'lo');
  const drafts: (string | null)[] = [];
  const view = render(NoteComposer, {
    props: { backend, groupId: 'g1', questionId: 'q1', session, ondraft: (id: string | null) => drafts.push(id), onsaved: () => {} },
  });
  const textarea = view.getByTestId('composer') as HTMLTextAreaElement;
  return { backend, textarea, drafts };
}

async function type(textarea: HTMLTextAreaElement, text: string) {
  textarea.value = text;
  await fireEvent.input(textarea);
}

describe('NoteComposer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('saves a Lao note shortly after typing stops, and not during a composition', async () => {
    const { backend, textarea } = await setup();
    await fireEvent.compositionStart(textarea);
    await type(textarea, 'ການແບ່ງ');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(backend.notes).toEqual([]);
    expect(saveStatus.state).toBe('composing');
    expect(textarea.placeholder).toBe(messages.lo['note.placeholder']);

    await type(textarea, 'ການແບ່ງປັນຂໍ້ມູນ');
    await fireEvent.compositionEnd(textarea);
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.notes.map((n) => n.text)).toEqual(['ການແບ່ງປັນຂໍ້ມູນ']);
    expect(saveStatus.state).toBe('saved');
  });

  it('Enter finishes the note and starts the next one; Shift+Enter does not', async () => {
    const { backend, textarea, drafts } = await setup();
    await type(textarea, 'first note');
    await fireEvent.keyDown(textarea, { key: 'Enter', shiftKey: true });
    expect(textarea.value).toBe('first note');
    await fireEvent.keyDown(textarea, { key: 'Enter' });
    await vi.advanceTimersByTimeAsync(0);
    expect(textarea.value).toBe('');
    expect(drafts.at(-1)).toBeNull();
    await type(textarea, 'second note');
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.notes.map((n) => n.text)).toEqual(['first note', 'second note']);
  });

  it('records the session the note is taken in, or none', async () => {
    const { backend, textarea } = await setup('agenda-3');
    await type(textarea, 'ໃນກຸ່ມຍ່ອຍ');
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.notes.map((n) => n.agenda_item_id)).toEqual(['agenda-3']);
    cleanup();
    const other = await setup(null);
    await type(other.textarea, 'ນອກເວລາປະຊຸມ');
    await vi.advanceTimersByTimeAsync(500);
    expect(other.backend.notes.map((n) => n.agenda_item_id)).toEqual([null]);
  });

  it('keeps the text on screen when the save fails, with the reason in the status', async () => {
    const { textarea } = await setup();
    await type(textarea, 'ກ'.repeat(20_001));
    await fireEvent.keyDown(textarea, { key: 'Enter' });
    await vi.advanceTimersByTimeAsync(0);
    expect(textarea.value.length).toBe(20_001);
    expect(saveStatus.state).toBe('failed');
    expect(saveStatus.text()).toContain('20001');
  });

  it('saves what was typed when the composer goes away, and forgets the draft', async () => {
    const { backend, textarea, drafts } = await setup();
    await type(textarea, 'typed, then another question chosen');
    cleanup();
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.notes.map((n) => n.text)).toEqual(['typed, then another question chosen']);
    expect(drafts.at(-1)).toBeNull();
  });
});
