// An in-memory Backend with the same contract as the Rust store, for unit tests.
import type { Backend, Messages } from './backend';
import type { Note, SalaError, UiLanguage, WorkshopOverview } from './bindings';

const MAX_NOTE_CHARS = 20_000;

function fail(code: SalaError['code'], params: Record<string, string> = {}): never {
  throw { code, params } satisfies SalaError;
}

export function memoryBackend(
  overview: WorkshopOverview,
  messages: Record<UiLanguage, Messages>,
): Backend & { notes: Note[] } {
  let language: UiLanguage = 'en';
  let clock = 0;
  const notes: Note[] = [];
  const find = (id: string) => notes.find((n) => n.id === id) ?? fail('unknown_note', { id });
  const check = (text: string) => {
    if (text.trim() === '') fail('empty_text');
    const length = [...text].length;
    if (length > MAX_NOTE_CHARS) fail('text_too_long', { length: String(length), max: String(MAX_NOTE_CHARS) });
  };
  const hlc = () => String(++clock).padStart(15, '0');
  return {
    notes,
    appInfo: async () => ({ device_id: 'memory', data_dir: '/memory', language, version: 'test' }),
    messages: async (l) => messages[l],
    startupLanguage: async () => language,
    setLanguage: async (l) => {
      language = l;
    },
    overview: async () => overview,
    notesFor: async (g, q) => notes.filter((n) => n.group_id === g && n.question_id === q && !n.deleted),
    addNote: async (n) => {
      check(n.text);
      if (!overview.groups.some((g) => g.id === n.group_id)) fail('unknown_group', { group: n.group_id, known: '' });
      const t = hlc();
      const note: Note = {
        id: `note-${clock}`,
        workshop_id: overview.workshop.id,
        group_id: n.group_id,
        question_id: n.question_id,
        agenda_item_id: null,
        text: n.text,
        lang: n.lang ?? (/[\u0E80-\u0EFF]/.test(n.text) ? 'lo' : 'en'),
        stakeholder: null,
        key_point: false,
        tags: [],
        translation: null,
        device_id: 'memory',
        created_hlc: t,
        updated_hlc: t,
        deleted: false,
      };
      notes.push(note);
      return { ...note };
    },
    updateNote: async (id, text) => {
      check(text);
      const note = find(id);
      note.text = text;
      note.updated_hlc = hlc();
      return { ...note };
    },
    deleteNote: async (id) => {
      const note = find(id);
      note.deleted = true;
      return { ...note };
    },
    restoreNote: async (id) => {
      const note = find(id);
      note.deleted = false;
      return { ...note };
    },
    trash: async () => notes.filter((n) => n.deleted),
    uiReady: async () => {},
  };
}
