import { describe, expect, it } from 'vitest';
import { memoryBackend } from './memoryBackend';
import { localeMessages, overview } from './fixtures';
import { i18n } from '../state/i18n.svelte';

const messages = { en: localeMessages('en'), lo: localeMessages('lo') };

describe('memory backend keeps the store contract', () => {
  it('adds, edits, trashes and restores a Lao note', async () => {
    const b = memoryBackend(overview, messages);
    const n = await b.addNote({ group_id: 'g1', question_id: 'q1', text: 'ການແບ່ງປັນຂໍ້ມູນ', lang: null });
    expect(n.lang).toBe('lo');
    await b.updateNote(n.id, 'ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ');
    await b.deleteNote(n.id);
    expect(await b.notesFor('g1', 'q1')).toEqual([]);
    expect((await b.trash()).map((x) => x.text)).toEqual(['ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງ']);
    await b.restoreNote(n.id);
    expect((await b.notesFor('g1', 'q1')).length).toBe(1);
  });

  it('refuses blank and overlong notes with typed errors that translate', async () => {
    const b = memoryBackend(overview, messages);
    await expect(b.addNote({ group_id: 'g1', question_id: 'q1', text: '  ', lang: null })).rejects.toMatchObject({
      code: 'empty_text',
    });
    const err = await b
      .addNote({ group_id: 'g1', question_id: 'q1', text: 'ກ'.repeat(20_001), lang: null })
      .catch((e: unknown) => e);
    await i18n.load(b, 'lo');
    expect(i18n.error(err)).toContain('20001');
    expect(i18n.error(err)).toContain('ຕົວອັກສອນ');
    await i18n.load(b, 'en');
    expect(i18n.error(err)).toBe(
      'This text has 20001 characters; the limit is 20000. Split it into several notes — nothing was cut.',
    );
  });
});
