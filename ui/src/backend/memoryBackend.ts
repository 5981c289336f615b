// An in-memory Backend with the same contract as the Rust store, for unit tests.
import type { Backend, Messages } from './backend';
import type {
  JoinProgressView,
  Action,
  Attendance,
  BoardView,
  Note,
  Quadrant,
  SalaError,
  SwotCard,
  SwotVote,
  Participant,
  UiLanguage,
  WorkshopOverview,
  ConflictView,
  SyncReport,
  SyncSettings,
  MatrixCell,
  MatrixFilter,
  Answer,
  RoomView,
  RoomArrival,
  RoomResults,
  OfferResults,
  Idea,
  Picture,
  SurveyForm,
  SurveyResponse,
  BackupInfo,
} from './bindings';

import { LIMITS } from './bindings';
import { emptyReport } from '../state/sync.svelte';
import { memoryWorkshops } from './memoryWorkshops';


/** The code the memory room is opened with (the real one is random). */
export const ROOM_CODE = 'K7M2QX';

function fail(code: SalaError['code'], params: Record<string, string> = {}): never {
  throw { code, params } satisfies SalaError;
}

export function memoryBackend(
  overview: WorkshopOverview,
  messages: Record<UiLanguage, Messages>,
): Backend & { notes: Note[]; conflictList: ConflictView[]; ideas: Idea[]; phoneIdea: (groupId: string, questionId: string, text: string) => Idea } {
  let language: UiLanguage = 'en';
  let clock = 0;
  const notes: Note[] = [];
  const surveyForms: SurveyForm[] = [memorySurvey(overview.workshop.id)];
  const closedRoom = (): RoomView => ({ open: false, address: '', code: '', offers: [], local_only: false, qr_svg: '' });
  let room = closedRoom();
  const surveyResponses: SurveyResponse[] = [];
  const lao = (text: string) => (/[\u0E80-\u0EFF]/.test(text) ? 'lo' : 'en');
  /** A note just taken on this laptop, with no properties yet. */
  const captured = (groupId: string, questionId: string, text: string, agendaItemId: string | null): Note => {
    const t = hlc();
    return {
      id: `note-${clock}`,
      workshop_id: overview.workshop.id,
      group_id: groupId,
      question_id: questionId,
      agenda_item_id: agendaItemId,
      text,
      lang: lao(text),
      stakeholder: null,
      key_point: false,
      tags: [],
      translation: null,
      device_id: 'memory',
      created_hlc: t,
      updated_hlc: t,
      deleted: false,
    };
  };
  const ideas: Idea[] = [];
  const pictures: { picture: Picture; data: string }[] = [];
  const pictureOf = (id: string) => pictures.find((p) => p.picture.id === id) ?? fail('not_found', { entity: 'picture', id });
  const arrivalListeners = new Set<(a: RoomArrival) => void>();
  const idea = (id: string) => ideas.find((i) => i.id === id) ?? fail('not_found', { entity: 'idea', id });
  const pending = (id: string) => {
    const i = idea(id);
    if (i.status !== 'pending') fail('idea_already_moderated', { status: i.status });
    return i;
  };
  const backupList: BackupInfo[] = [];
  let workshopKey: string | null = null;
  const find = (id: string) => notes.find((n) => n.id === id) ?? fail('unknown_note', { id });
  const check = (text: string) => {
    if (text.trim() === '') fail('empty_text');
    const length = [...text].length;
    if (length > LIMITS.maxNoteChars) fail('text_too_long', { length: String(length), max: String(LIMITS.maxNoteChars) });
  };
  const hlc = () => String(++clock).padStart(15, '0');
  const cards: SwotCard[] = [];
  const votes: SwotVote[] = [];
  const actions: Action[] = [];
  const limits = new Map<string, number>();
  const settings: SyncSettings = { folder: '', label: '' };
  /** The folders that exist, as far as this in-memory laptop knows (a test's shared folder). */
  const folders = new Set<string>(['/share']);
  const conflictList: ConflictView[] = [];
  /** Files this laptop sent before the workshop had a key (one per sync before it). */
  let plainFiles = 0;
  const joinListeners = new Set<(p: JoinProgressView) => void>();
  const report = (): SyncReport => ({
    ...emptyReport(),
    folder: settings.folder,
    reached: settings.folder !== '',
    conflicts: conflictList.length,
    last_sync_ms: settings.folder ? Date.now() : null,
    plain_files: workshopKey ? plainFiles : 0,
  });
  const byCell = ({ device, session }: MatrixFilter) => {
    const then = (s: string | null | undefined) =>
      session.kind === 'any' || (session.kind === 'outside' ? s == null : s === session.id);
    const cells = new Map<string, { cell: MatrixCell; notes: Note[]; cards: SwotCard[]; actions: Action[]; pictures: Picture[] }>();
    const at = (g: string, f: string) => {
      const key = `${g}/${f}`;
      let c = cells.get(key);
      if (!c) {
        c = { cell: { group_id: g, focus_area_id: f, notes: 0, cards: 0, actions: 0, pictures: 0 }, notes: [], cards: [], actions: [], pictures: [] };
        cells.set(key, c);
      }
      return c;
    };
    for (const n of notes.filter((n) => !n.deleted && (device === null || n.device_id === device) && then(n.agenda_item_id))) {
      for (const f of overview.groups.find((g) => g.id === n.group_id)?.focus_area_ids ?? []) {
        const c = at(n.group_id, f);
        c.cell.notes++;
        c.notes.push(n);
      }
    }
    for (const k of cards.filter((k) => !k.deleted && (device === null || device === 'memory') && then(k.agenda_item_id))) {
      const c = at(k.group_id, k.focus_area_id);
      c.cell.cards++;
      c.cards.push(k);
    }
    // A picture names no session: only the views of every session and of none show it.
    for (const { picture: p } of pictures.filter((p) => !p.picture.deleted && (device === null || p.picture.device === device) && then(null))) {
      const areas = p.focus_area_id ? [p.focus_area_id] : (overview.groups.find((g) => g.id === p.group_id)?.focus_area_ids ?? []);
      for (const f of areas) {
        const c = at(p.group_id, f);
        c.cell.pictures++;
        c.pictures.push(p);
      }
    }
    return cells;
  };
  const people: Participant[] = [];
  const checkins: Attendance[] = [];
  const person = (id: string) => people.find((p) => p.id === id) ?? fail('not_found', { entity: 'participant', id });
  const quadrants: Quadrant[] = ['strengths', 'weaknesses', 'opportunities', 'threats'];
  const card = (id: string) => cards.find((c) => c.id === id) ?? fail('not_found', { entity: 'swot_card', id });
  const board = async (groupId: string, focusAreaId: string): Promise<BoardView> => ({
    group_id: groupId,
    focus_area_id: focusAreaId,
    vote_limit: limits.get(`${groupId}/${focusAreaId}`) ?? LIMITS.defaultVoteLimit,
    cards: cards
      .filter((c) => c.group_id === groupId && c.focus_area_id === focusAreaId && !c.deleted)
      .sort(
        (a, b) =>
          quadrants.indexOf(a.quadrant) - quadrants.indexOf(b.quadrant) || a.position - b.position || a.id.localeCompare(b.id),
      )
      .map((c) => {
        const voters = votes.filter((v) => v.card_id === c.id && !v.deleted).map((v) => v.voter).sort();
        return { card: { ...c }, votes: voters.length, voters };
      }),
  });
  const self: ReturnType<typeof memoryBackend> = {
    ...memoryWorkshops(overview, () => `w-${++clock}`),
    notes,
    conflictList,
    ideas,
    /** A phone sends an idea through the room (what the real room's server does), and the window hears of it. */
    phoneIdea: (groupId, questionId, text) => {
      const t = hlc();
      const sent: Idea = {
        id: `idea-${clock}`,
        workshop_id: overview.workshop.id,
        group_id: groupId,
        question_id: questionId,
        text,
        lang: lao(text),
        phone: 'phone-1',
        via: 'Table 1',
        received_hlc: t,
        status: 'pending',
        note_id: null,
        deleted: false,
      };
      ideas.push(sent);
      for (const l of arrivalListeners) l({ kind: 'idea', group_id: groupId, question_id: questionId });
      return { ...sent };
    },
    onRoomArrival: async (listener) => {
      arrivalListeners.add(listener);
      return () => arrivalListeners.delete(listener);
    },
    // Pictures: the first bytes say what a file is, as Rust reads them (no decoding here).
    attachPicture: async (target, file, caption) => {
      const head = atob(file.base64.slice(0, 16));
      const jpeg = head.startsWith('\xFF\xD8\xFF');
      const png = head.startsWith('\x89PNG');
      if (head.slice(4, 8) === 'ftyp') fail('picture_heic', { file: file.name });
      if (!jpeg && !png) fail('picture_unsupported', { file: file.name });
      if (!overview.groups.some((g) => g.id === target.group_id)) fail('unknown_group', { group: target.group_id, known: '' });
      const format = jpeg ? 'jpeg' : 'png';
      const picture: Picture = {
        id: `picture-${++clock}`,
        workshop_id: overview.workshop.id,
        group_id: target.group_id,
        // A note's picture is also under the note's question, as the store keeps it.
        question_id: target.note_id ? find(target.note_id).question_id : (target.question_id ?? null),
        focus_area_id: target.focus_area_id ?? null,
        note_id: target.note_id ?? null,
        caption: caption.trim(),
        content: `${file.base64.length}-${clock}`,
        format,
        width: 1200,
        height: 900,
        bytes: Math.floor((file.base64.length * 3) / 4),
        device: 'device-1',
        added_hlc: hlc(),
        deleted: false,
      };
      pictures.push({ picture, data: `data:image/${format};base64,${file.base64}` });
      return { ...picture };
    },
    groupPictures: async (groupId) =>
      pictures
        .filter((p) => p.picture.group_id === groupId && !p.picture.deleted)
        .map((p) => ({ picture: { ...p.picture }, arrived: true, thumbnail: p.data })),
    picturesInTrash: async () =>
      pictures.filter((p) => p.picture.deleted).map((p) => ({ picture: { ...p.picture }, arrived: true, thumbnail: p.data })),
    pictureData: async (id) => pictureOf(id).data,
    setPictureCaption: async (id, caption) => {
      const p = pictureOf(id).picture;
      if ([...caption.trim()].length > 500) fail('text_too_long', { length: String([...caption.trim()].length), max: '500' });
      p.caption = caption.trim();
      return { ...p };
    },
    deletePicture: async (id) => {
      const p = pictureOf(id).picture;
      p.deleted = true;
      return { ...p };
    },
    restorePicture: async (id) => {
      const p = pictureOf(id).picture;
      p.deleted = false;
      return { ...p };
    },
    pendingIdeas: async (g, q) => ideas.filter((i) => i.group_id === g && i.question_id === q && i.status === 'pending').map((i) => ({ ...i })),
    acceptIdea: async (id, text, agendaItemId) => {
      const i = pending(id);
      const body = (text ?? i.text).trim();
      check(body);
      const note: Note = { ...captured(i.group_id, i.question_id, body, agendaItemId ?? null), idea_id: i.id };
      notes.push(note);
      Object.assign(i, { status: 'accepted', note_id: note.id });
      return { ...note };
    },
    mergeIdea: async (id, noteId) => {
      const i = pending(id);
      const n = find(noteId);
      if (n.deleted || n.group_id !== i.group_id || n.question_id !== i.question_id) fail('invalid_argument', { name: 'note', value: noteId });
      const text = `${n.text.trimEnd()}\n\n${i.text}`;
      check(text);
      Object.assign(n, { text, updated_hlc: hlc() });
      Object.assign(i, { status: 'merged', note_id: n.id });
      return { ...n };
    },
    rejectIdea: async (id) => {
      const i = pending(id);
      i.status = 'rejected';
      return { ...i };
    },
    reconsiderIdea: async (id) => {
      const i = idea(id);
      if (i.status === 'accepted' || i.status === 'merged') fail('idea_already_moderated', { status: i.status });
      i.status = 'pending';
      return { ...i };
    },
    messages: async (l) => messages[l],
    setLanguage: async (l) => {
      language = l;
    },
    overview: async () => overview,
    notesFor: async (g, q) => notes.filter((n) => n.group_id === g && n.question_id === q && !n.deleted),
    addNote: async (n) => {
      check(n.text);
      if (!overview.groups.some((g) => g.id === n.group_id)) fail('unknown_group', { group: n.group_id, known: '' });
      const note: Note = { ...captured(n.group_id, n.question_id, n.text, n.agenda_item_id ?? null), lang: n.lang ?? lao(n.text) };
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
    bootstrap: async () => ({
      language,
      messages: messages[language],
      overview,
      info: { device_id: 'memory', data_dir: '/memory', language, version: 'test' },
      error: null,
    }),
    uiReady: async () => {},
    changeNote: async (id, change) => {
      const note = find(id);
      if (change.field === 'text') {
        check(change.value);
        note.text = change.value;
      } else if (change.field === 'lang') note.lang = change.value;
      else if (change.field === 'stakeholder') note.stakeholder = change.value;
      else if (change.field === 'key_point') note.key_point = change.value;
      else if (change.field === 'tags') note.tags = [...new Set(change.value.map((t) => t.trim()).filter(Boolean))];
      else if (change.field === 'translation') note.translation = change.value?.trim() || null;
      return { ...note };
    },
    laoCheck: async (text) => {
      const lao = /[\u0E80-\u0EFF]/.test(text);
      const thai = lao && /[\u0E01-\u0E5B]/.test(text);
      const zw = lao && /[\u200B-\u200D\u2060\uFEFF]/.test(text);
      // A tone mark (່ ້ ໊ ໋) before a vowel sign of the same letter (the core's rule, simplified).
      const order = lao && /[\u0EC8-\u0ECB][\u0EB1\u0EB4-\u0EB9\u0EBB\u0EBC\u0ECD]/.test(text);
      const issues = [
        ...(thai ? (['thai_character'] as const) : []),
        ...(zw ? (['zero_width'] as const) : []),
        ...(order ? (['mark_order'] as const) : []),
      ];
      const fixed = text.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').replace(/([\u0EC8-\u0ECB])([\u0EB1\u0EB4-\u0EB9\u0EBB\u0EBC\u0ECD])/g, '$2$1');
      return { issues, fixed: lao ? fixed : text };
    },
    board,
    addCard: async (c) => {
      check(c.text);
      const position = cards.filter((x) => x.group_id === c.group_id && x.focus_area_id === c.focus_area_id && x.quadrant === c.quadrant).length;
      const row: SwotCard = {
        id: `card-${++clock}`,
        workshop_id: overview.workshop.id,
        group_id: c.group_id,
        focus_area_id: c.focus_area_id,
        quadrant: c.quadrant,
        text: c.text,
        stakeholder: c.stakeholder,
        position,
        cluster_id: null,
        source_note_id: c.source_note_id,
        deleted: false,
        agenda_item_id: c.agenda_item_id ?? null,
      };
      cards.push(row);
      return { ...row };
    },
    cardFromNote: async (noteId, focusAreaId, quadrant) => {
      const note = find(noteId);
      const position = cards.length;
      const row: SwotCard = {
        id: `card-${++clock}`,
        workshop_id: overview.workshop.id,
        group_id: note.group_id,
        focus_area_id: focusAreaId,
        quadrant,
        text: note.text,
        stakeholder: note.stakeholder,
        position,
        cluster_id: null,
        source_note_id: note.id,
        deleted: false,
        agenda_item_id: note.agenda_item_id,
      };
      cards.push(row);
      return { ...row };
    },
    editCard: async (id, text) => {
      check(text);
      card(id).text = text;
      return { ...card(id) };
    },
    moveCard: async (id, quadrant, index) => {
      const c = card(id);
      const others = cards
        .filter((x) => x.group_id === c.group_id && x.focus_area_id === c.focus_area_id && x.quadrant === quadrant && x.id !== id)
        .sort((a, b) => a.position - b.position);
      others.splice(Math.min(index, others.length), 0, c);
      c.quadrant = quadrant;
      others.forEach((x, i) => (x.position = i));
      return board(c.group_id, c.focus_area_id);
    },
    clusterCards: async (leadId, otherId) => {
      const lead = card(leadId);
      const other = card(otherId);
      if (lead.quadrant !== other.quadrant || lead.id === other.id) fail('cluster_mismatch');
      const key = lead.cluster_id ?? lead.id;
      lead.cluster_id = key;
      for (const x of cards) if (x.id === other.id || (other.cluster_id && x.cluster_id === other.cluster_id)) x.cluster_id = key;
      return board(lead.group_id, lead.focus_area_id);
    },
    unclusterCard: async (id) => {
      const c = card(id);
      c.cluster_id = null;
      return board(c.group_id, c.focus_area_id);
    },
    vote: async (cardId, voter, session) => {
      const c = card(cardId);
      const b = await board(c.group_id, c.focus_area_id);
      const used = b.cards.flatMap((x) => x.voters).filter((v) => v === voter.trim()).length;
      if (used >= b.vote_limit) fail('vote_limit_reached', { voter: voter.trim(), limit: String(b.vote_limit) });
      votes.push({
        id: `vote-${++clock}`,
        workshop_id: overview.workshop.id,
        card_id: cardId,
        voter: voter.trim(),
        deleted: false,
        agenda_item_id: session ?? null,
      });
      return board(c.group_id, c.focus_area_id);
    },
    unvote: async (cardId, voter) => {
      const c = card(cardId);
      const v = [...votes].reverse().find((x) => x.card_id === cardId && x.voter === voter.trim() && !x.deleted);
      if (v) v.deleted = true;
      return board(c.group_id, c.focus_area_id);
    },
    setVoteLimit: async (groupId, focusAreaId, limit) => {
      limits.set(`${groupId}/${focusAreaId}`, limit);
      return board(groupId, focusAreaId);
    },
    deleteCard: async (id) => {
      card(id).deleted = true;
      return { ...card(id) };
    },
    restoreCard: async (id) => {
      card(id).deleted = false;
      return { ...card(id) };
    },
    actions: async () => actions.filter((a) => !a.deleted).map((a) => ({ ...a })),
    addAction: async (d) => {
      if (d.title.trim() === '') fail('empty_title');
      if (d.start_date && d.due_date && d.due_date < d.start_date) fail('due_before_start', { start: d.start_date, due: d.due_date });
      const a: Action = {
        ...d,
        title: d.title.trim(),
        id: `action-${++clock}`,
        workshop_id: overview.workshop.id,
        deleted: false,
        agenda_item_id: d.agenda_item_id ?? null,
      };
      actions.push(a);
      return { ...a };
    },
    updateAction: async (id, d) => {
      const a = actions.find((x) => x.id === id) ?? fail('not_found', { entity: 'action', id });
      if (d.title.trim() === '') fail('empty_title');
      if (d.start_date && d.due_date && d.due_date < d.start_date) fail('due_before_start', { start: d.start_date, due: d.due_date });
      Object.assign(a, d);
      return { ...a };
    },
    deleteAction: async (id) => {
      const a = actions.find((x) => x.id === id) ?? fail('not_found', { entity: 'action', id });
      a.deleted = true;
      return { ...a };
    },
    restoreAction: async (id) => {
      const a = actions.find((x) => x.id === id) ?? fail('not_found', { entity: 'action', id });
      a.deleted = false;
      return { ...a };
    },
    sources: async (ids) =>
      ids.flatMap((id) => {
        const c = cards.find((x) => x.id === id);
        if (c) return [{ id, kind: 'card', text: c.text }];
        const n = notes.find((x) => x.id === id);
        return n ? [{ id, kind: 'note', text: n.text }] : [];
      }),
    search: async (q) => {
      const needle = q.text.trim().toLowerCase();
      if (!needle) return [];
      return notes
        .filter((n) => !n.deleted && n.text.toLowerCase().includes(needle))
        .filter((n) => !q.device || n.device_id === q.device)
        .map((n) => ({
          entity: 'note',
          id: n.id,
          group_id: n.group_id,
          question_id: n.question_id,
          focus_area_id: null,
          key_point: n.key_point,
          score: 1,
          snippets: [{ text: n.text, hit: false }],
        }));
    },
    participants: async () =>
      people
        .filter((p) => !p.deleted)
        .sort((a, b) => (a.name.lo || a.name.en).localeCompare(b.name.lo || b.name.en, 'lo'))
        .map((p) => ({ ...p })),
    addParticipant: async (d) => {
      if (!d.name.en.trim() && !d.name.lo.trim()) fail('invalid_argument', { name: 'name', value: '' });
      const p: Participant = { ...d, id: `person-${++clock}`, workshop_id: overview.workshop.id, deleted: false };
      people.push(p);
      return { ...p };
    },
    updateParticipant: async (id, d) => {
      Object.assign(person(id), d);
      return { ...person(id) };
    },
    deleteParticipant: async (id) => {
      person(id).deleted = true;
      return { ...person(id) };
    },
    restoreParticipant: async (id) => {
      person(id).deleted = false;
      return { ...person(id) };
    },
    previewParticipants: async () => fail('bad_import_file', { detail: 'not in the memory backend' }),
    importParticipants: async () => fail('bad_import_file', { detail: 'not in the memory backend' }),
    attendance: async (day) => checkins.filter((a) => a.day === day).map((a) => ({ ...a })),
    setAttendance: async (participantId, day, present) => {
      let a = checkins.find((x) => x.participant_id === participantId && x.day === day);
      if (!a) {
        a = { id: `att-${++clock}`, workshop_id: overview.workshop.id, participant_id: participantId, day, present, deleted: false };
        checkins.push(a);
      }
      a.present = present;
      return { ...a };
    },
    createGroup: async (d) => {
      if (!d.name.trim()) fail('empty_title');
      overview.groups.push({
        id: `group-${++clock}`,
        workshop_id: overview.workshop.id,
        name: d.name.trim(),
        position: overview.groups.length,
        focus_area_ids: d.focus_areas,
        facilitator: d.facilitator,
        note_taker: d.note_taker,
        deleted: false,
      });
      return overview;
    },
    updateGroup: async (id, d) => {
      const g = overview.groups.find((x) => x.id === id) ?? fail('unknown_group', { group: id, known: '' });
      Object.assign(g, { name: d.name.trim(), focus_area_ids: d.focus_areas, facilitator: d.facilitator, note_taker: d.note_taker });
      return overview;
    },
    updateAgendaItem: async (id, d) => {
      const item = overview.agenda.find((a) => a.id === id) ?? fail('not_found', { entity: 'agenda_item', id });
      if (d.ends_at < d.starts_at) fail('invalid_argument', { name: 'HH:MM', value: `${d.starts_at}–${d.ends_at}` });
      Object.assign(item, d);
      return overview;
    },
    setFullscreen: async () => {},
    syncSettings: async () => ({ ...settings }),
    setSyncSettings: async (s, create = false) => {
      const folder = s.folder.trim();
      if (folder && !folders.has(folder)) {
        if (!create) fail('sync_folder_missing', { folder });
        folders.add(folder);
      }
      const label = s.label.trim();
      if ([...label].length > LIMITS.maxTableLabelChars) fail('invalid_argument', { name: 'label', value: `> ${LIMITS.maxTableLabelChars}` });
      Object.assign(settings, { folder, label });
      return report();
    },
    syncStatus: async () => report(),
    syncNow: async () => {
      if (!settings.folder) fail('no_sync_folder');
      if (!workshopKey) plainFiles++;
      return report();
    },
    onSync: async () => () => {},
    onJoinProgress: async (listener) => {
      joinListeners.add(listener);
      return () => joinListeners.delete(listener);
    },
    pickFolder: async () => null,
    pickExportFile: async () => null,
    pickImportFiles: async () => [],
    exportWork: async () => ({ files: 1, ops: clock, new_ops: 0 }),
    surveyForms: async () => surveyForms.map((f) => structuredClone(f)),
    roomOpen: async (offers) => {
      if (offers.length === 0) fail('invalid_argument', { name: 'offers' });
      for (const o of offers) {
        if (o.kind === 'survey' && !surveyForms.some((f) => f.form_id === o.key || f.kind === o.key)) fail('not_found', { entity: 'survey', id: o.key });
        if ((o.kind === 'ideas' || o.kind === 'pictures') && !overview.groups.some((g) => g.id === o.group_id)) fail('unknown_group', { group: o.group_id, known: '' });
        if (o.kind === 'ideas' && !overview.questions.some((q) => q.id === o.question_id)) fail('not_found', { entity: 'guiding_question', id: o.question_id });
        if (o.kind === 'vote' && !overview.groups.some((g) => g.id === o.group_id && g.focus_area_ids.includes(o.focus_area_id))) {
          fail('invalid_argument', { name: 'focus', value: o.focus_area_id });
        }
      }
      const address = `http://192.168.43.7:49213/${ROOM_CODE}/`;
      room = { open: true, address: room.open ? room.address : address, code: ROOM_CODE, offers: offers.map((o) => ({ ...o })), local_only: false, qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' };
      return structuredClone(room);
    },
    roomClose: async () => {
      room = closedRoom();
      return structuredClone(room);
    },
    roomStatus: async () => structuredClone(room),
    saveSurveyForm: async (formKey, format, lang, path) => {
      if (!surveyForms.some((f) => f.form_id === formKey || f.kind === formKey)) fail('not_found', { entity: 'survey', id: formKey });
      if (format !== 'docx' && format !== 'xlsform') fail('invalid_argument', { name: 'format', value: format });
      if (lang !== 'lo' && lang !== 'en') fail('invalid_argument', { name: 'lang', value: lang });
      return { path, bytes: 9_000 };
    },
    saveOfflineForm: async (formKey, path) => {
      if (!surveyForms.some((f) => f.form_id === formKey || f.kind === formKey)) fail('not_found', { entity: 'survey', id: formKey });
      return { path, bytes: 60_000 };
    },
    /** As the store reads them, without the checksum: each file's body id counted once. */
    importResponseFiles: async (formKey, files) => {
      const form = surveyForms.find((f) => f.form_id === formKey || f.kind === formKey) ?? fail('not_found', { entity: 'survey', id: formKey });
      const report = { imported: 0, duplicates: 0, refused: [] as { file: string; error: SalaError }[] };
      for (const f of files) {
        try {
          const file = JSON.parse(new TextDecoder().decode(new Uint8Array(f.bytes)));
          const body = JSON.parse(file.body);
          if (file.form_id !== form.form_id) throw { code: 'response_file_other_form', params: { file: f.name, form: file.form_id } };
          if (surveyResponses.some((r) => r.id === body.id)) {
            report.duplicates++;
            continue;
          }
          surveyResponses.push({
            id: body.id, workshop_id: overview.workshop.id, form_id: form.form_id, form_version: form.version, version_id: form.id,
            participant_id: null, answers: body.answers, device_id: 'memory', created_hlc: hlc(), deleted: false,
          });
          report.imported++;
        } catch (e) {
          report.refused.push({ file: f.name, error: (e as SalaError).code ? (e as SalaError) : { code: 'response_file_invalid', params: { file: f.name } } });
        }
      }
      return report;
    },
    /** As the store computes them, with words split at spaces (the real cloud segments Lao). */
    roomResults: async (): Promise<RoomResults> => {
      const results: OfferResults[] = [];
      for (const o of room.offers) {
        if (o.kind === 'survey') {
          const form = surveyForms.find((f) => f.form_id === o.key || f.kind === o.key);
          const r = await self.surveyResults(o.key);
          const from = surveyResponses.filter((x) => x.form_id === form?.form_id && !x.deleted && x.source).length;
          results.push({ kind: 'survey', key: o.key, results: r, from_phones: from });
        } else if (o.kind === 'ideas') {
          const mine = ideas.filter((i) => i.group_id === o.group_id && i.question_id === o.question_id);
          const shown = mine.flatMap((i) =>
            i.status === 'accepted' ? [notes.find((n) => n.id === i.note_id)?.text ?? ''] : i.status === 'merged' ? [i.text] : [],
          );
          const counts = new Map<string, number>();
          for (const t of shown) for (const w of new Set(t.toLowerCase().split(/\s+/).filter((w) => w.length > 1))) counts.set(w, (counts.get(w) ?? 0) + 1);
          const words = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word, count]) => ({ word, count }));
          const n = (s: string) => mine.filter((i) => i.status === s).length;
          results.push({ kind: 'ideas', group_id: o.group_id, question_id: o.question_id, received: mine.length, waiting: n('pending'), accepted: n('accepted') + n('merged'), words });
        } else if (o.kind === 'pictures') {
          const n = pictures.filter((p) => p.picture.group_id === o.group_id && !p.picture.deleted).length;
          results.push({ kind: 'pictures', group_id: o.group_id, pictures: n });
        } else {
          const view = await board(o.group_id, o.focus_area_id);
          const cards = view.cards
            .map((c) => ({ card_id: c.card.id, quadrant: c.card.quadrant, text: c.card.text, votes: c.votes }))
            .sort((a, b) => b.votes - a.votes);
          results.push({ kind: 'vote', group_id: o.group_id, focus_area_id: o.focus_area_id, cards, voters: new Set(view.cards.flatMap((c) => c.voters)).size });
        }
      }
      return { offers: results };
    },
    answerSurvey: async (formKey, participantId, answers) => {
      const form = surveyForms.find((f) => f.form_id === formKey || f.kind === formKey);
      if (!form) fail('not_found', { what: 'survey', id: formKey });
      for (const q of form.sections.flatMap((s) => s.questions)) {
        const a = answers[q.key];
        const blank = !a || (a.type === 'text' && a.value.trim() === '') || (a.type === 'choices' && a.value.length === 0);
        if (q.required && blank) fail('invalid_argument', { name: q.key, value: 'required' });
      }
      const t = hlc();
      surveyResponses.push({
        id: `response-${clock}`,
        workshop_id: overview.workshop.id,
        form_id: form.form_id,
        form_version: form.version,
        version_id: form.id,
        participant_id: participantId,
        answers: { ...answers },
        device_id: 'memory',
        created_hlc: t,
        deleted: false,
      });
      return `response-${clock}`;
    },
    surveyResults: async (formKey) => {
      const form = surveyForms.find((f) => f.form_id === formKey || f.kind === formKey);
      if (!form) fail('not_found', { what: 'survey', id: formKey });
      const mine = surveyResponses.filter((r) => r.form_id === form.form_id && !r.deleted);
      const questions = form.sections
        .flatMap((s) => s.questions)
        .map((q) => {
          const given = mine.map((r) => r.answers[q.key]).filter((a): a is Answer => a !== undefined);
          const ratings = given.flatMap((a) => (a.type === 'rating' ? [a.value] : []));
          const counts = new Map<string, number>();
          for (const a of given) {
            const keys = a.type === 'rating' ? [String(a.value)] : a.type === 'choice' ? [a.value] : a.type === 'choices' ? a.value : [];
            for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
          }
          const order =
            q.kind.type === 'rating'
              ? Array.from({ length: q.kind.max - q.kind.min + 1 }, (_, i) => String(q.kind.type === 'rating' ? q.kind.min + i : i))
              : q.kind.type === 'single' || q.kind.type === 'multiple'
                ? q.kind.options.map((o) => o.key)
                : [];
          return {
            key: q.key,
            answered: given.length,
            mean: ratings.length ? ratings.reduce((x, y) => x + y, 0) / ratings.length : null,
            distribution: order.map((k) => [k, counts.get(k) ?? 0] as [string, number]),
            texts: given.flatMap((a) => (a.type === 'text' && a.value.trim() ? [a.value.trim()] : [])),
          };
        });
      return { form: structuredClone(form), responses: mine.length, by_version: [[form.version, mine.length]], questions, knowledge: [] };
    },
    editSurveyForm: async (formKey, edit) => {
      const i = surveyForms.findIndex((f) => f.form_id === formKey || f.kind === formKey);
      if (i < 0) fail('not_found', { what: 'survey', id: formKey });
      const blank = (b: { en: string; lo: string }) => b.en.trim() === '' && b.lo.trim() === '';
      if (blank(edit.title)) fail('survey_no_title');
      const questions = edit.sections.flatMap((s) => s.questions);
      if (questions.length === 0) fail('survey_no_questions');
      questions.forEach((q, n) => {
        if (blank(q.text)) fail('survey_question_no_text', { number: String(n + 1) });
        if ((q.kind.type === 'single' || q.kind.type === 'multiple') && q.kind.options.length < 2)
          fail('survey_too_few_options', { number: String(n + 1) });
        if ((q.kind.type === 'single' || q.kind.type === 'multiple') && q.kind.options.some((o) => blank(o.label)))
          fail('survey_option_no_label', { number: String(n + 1) });
      });
      const form = surveyForms[i];
      const answered = surveyResponses.some((r) => r.version_id === form.id);
      const next = answered ? { ...form, ...structuredClone(edit), id: `${form.form_id}.v${form.version + 1}`, version: form.version + 1 } : { ...form, ...structuredClone(edit) };
      surveyForms[i] = next;
      return structuredClone(next);
    },
    previewSurveyAnswers: async (formKey, fileName) => {
      const form = surveyForms.find((f) => f.form_id === formKey || f.kind === formKey);
      if (!form) fail('not_found', { what: 'survey', id: formKey });
      if (!fileName.endsWith('.csv')) fail('bad_import_file', { detail: fileName });
      return { rows: [], ignored_columns: [] };
    },
    importSurveyAnswers: async () => 0,
    backups: async () => backupList.map((b) => ({ ...b })),
    backupNow: async () => {
      const b: BackupInfo = { file: `sala-${backupList.length}-manual.db`, path: `/memory/Sala/backups/sala-${backupList.length}-manual.db`, created_ms: Date.UTC(2026, 10, 28, 9, backupList.length), reason: 'manual', bytes: 4096 };
      backupList.unshift(b);
      return { ...b };
    },
    restoreBackup: async (file) => {
      if (!backupList.some((b) => b.file === file)) fail('backup_invalid', { file, detail: 'not in backups/' });
    },
    reportFolder: async () => '/memory/Sala',
    pickReportFile: async () => null,
    saveReport: async (request) => {
      if (!request.path.startsWith('/')) fail('invalid_argument', { name: 'path', value: request.path });
      return { path: request.path, bytes: 1024 };
    },
    openPath: async () => {},
    revealPath: async () => {},
    importFiles: async (paths) => ({ files: paths.length, ops: 0, new_ops: 0 }),
    conflicts: async () => conflictList.map((c) => ({ ...c })),
    resolveConflict: async (c, json) => {
      const i = conflictList.findIndex((x) => x.entity_id === c.entity_id && x.field === c.field);
      if (i < 0) fail('not_found', { what: 'conflict', id: `${c.entity_id}.${c.field}` });
      const value: unknown = JSON.parse(json);
      if (c.entity === 'note') Object.assign(find(c.entity_id), { [c.field]: value });
      conflictList.splice(i, 1);
      return conflictList.map((x) => ({ ...x }));
    },
    folderWorkshops: async () => [],
    joinFolder: async () => {
      const tell = (p: JoinProgressView) => joinListeners.forEach((l) => l(p));
      tell({ step: 'snapshot', done: 0, total: 0, seconds_left: null });
      tell({ step: 'reading', done: 1, total: 1, seconds_left: null });
      tell({ step: 'indexing', done: 0, total: 0, seconds_left: null });
      return overview;
    },
    joinFile: async () => overview,
    workshopKey: async () => workshopKey,
    setWorkshopKey: async (passphrase) => {
      if ([...passphrase.trim()].length < 8) fail('passphrase_too_short', { min: '8' });
      workshopKey = `age1memory${passphrase.trim().length}`;
      return workshopKey;
    },
    withdrawPlainFiles: async () => {
      if (!settings.folder) fail('no_sync_folder');
      if (!workshopKey) fail('no_workshop_key');
      const removed = plainFiles;
      plainFiles = 0;
      return { removed, report: report() };
    },
    matrix: async (filter) => ({
      cells: [...byCell(filter).values()].map((c) => c.cell),
      devices: [...new Set(notes.map((n) => n.device_id))].sort(),
    }),
    provenance: async (ids) =>
      ids.map((id) => ({ id, created_by: 'memory', created_hlc: '', edited_by: 'memory', edited_hlc: '' })),
    matrixCell: async (groupId, focusAreaId, filter) => {
      const c = byCell(filter).get(`${groupId}/${focusAreaId}`);
      return { notes: c?.notes ?? [], cards: c?.cards ?? [], actions: c?.actions ?? [], pictures: c?.pictures ?? [] };
    },
  };
  return self;
}

/** The memory backend's one survey form: a required rating, a single choice and a comment. */
export function memorySurvey(workshopId: string): SurveyForm {
  const b = (en: string, lo: string) => ({ en, lo });
  return {
    id: 'post.v1',
    workshop_id: workshopId,
    form_id: 'post',
    kind: 'post',
    title: b('Workshop evaluation', 'ການປະເມີນກອງປະຊຸມ'),
    intro: b('Thank you for taking part.', 'ຂໍຂອບໃຈທີ່ໄດ້ເຂົ້າຮ່ວມ.'),
    version: 1,
    anonymous: false,
    deleted: false,
    sections: [
      {
        title: b('Your knowledge now', 'ຄວາມຮູ້ຂອງທ່ານໃນຕອນນີ້'),
        questions: [
          {
            key: 'knowledge.policy',
            text: b('How well do you know “Policy” now?', 'ຕອນນີ້ທ່ານຮູ້ກ່ຽວກັບ “ນະໂຍບາຍ” ຫຼາຍປານໃດ?'),
            kind: { type: 'rating', min: 1, max: 5, low: b('Not at all', 'ບໍ່ຮູ້ເລີຍ'), high: b('Very well', 'ຮູ້ດີຫຼາຍ') },
            required: true,
            topic: 'policy',
          },
          {
            key: 'role',
            text: b('Where do you work?', 'ທ່ານເຮັດວຽກຢູ່ໃສ?'),
            kind: {
              type: 'single',
              options: [
                { key: 'government', label: b('Government', 'ລັດຖະບານ') },
                { key: 'other', label: b('Other', 'ອື່ນໆ') },
              ],
            },
            required: false,
            topic: null,
          },
          { key: 'comments', text: b('Any other comments', 'ຄຳເຫັນອື່ນໆ'), kind: { type: 'long_text' }, required: false, topic: null },
        ],
      },
    ],
  };
}
