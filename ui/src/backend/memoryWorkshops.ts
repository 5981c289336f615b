// The in-memory workshops of `memoryBackend`: the list, New workshop, Duplicate, Archive and
// the Workshop settings edits, with the same contract as the Rust store (retired, never
// removed; numbers follow order; overlaps said, not refused; a draft's problems listed).
import type { Backend } from './backend';
import type {
  AgendaItem,
  AgendaPlan,
  FocusArea,
  GuidingQuestion,
  SalaError,
  TemplateProblem,
  Workshop,
  WorkshopChoice,
  WorkshopDraft,
  WorkshopOverview,
  WorkshopSettings,
} from './bindings';
import { TIME, addDays, codeFor, daysBetween, isEmpty, overlapsOf } from '../shared/workshopDraft';

type WorkshopMethods = Pick<
  Backend,
  | 'workshops'
  | 'switchWorkshop'
  | 'draftFromTemplate'
  | 'pickTemplateFile'
  | 'workshopDraftProblems'
  | 'newWorkshop'
  | 'duplicateWorkshop'
  | 'setWorkshopArchived'
  | 'saveTemplate'
  | 'workshopSettings'
  | 'updateWorkshopFacts'
  | 'addFocusArea'
  | 'updateFocusArea'
  | 'moveFocusArea'
  | 'retireFocusArea'
  | 'addQuestion'
  | 'updateQuestion'
  | 'moveQuestion'
  | 'retireQuestion'
  | 'addSession'
  | 'updateSession'
  | 'removeSession'
>;

function fail(code: SalaError['code'], params: Record<string, string> = {}): never {
  throw { code, params } satisfies SalaError;
}

const empty = isEmpty;
/** A deep copy (of plain data, or of the page's reactive state as Tauri would send it). */
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Every problem of a draft, as the Rust store lists them (the ones the steps can cause). */
export function draftProblems(d: WorkshopDraft): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  if (empty(d.title)) out.push({ kind: 'no_title' });
  const days = daysBetween(d.start_date, d.end_date);
  if (days === 0) out.push({ kind: 'dates', start: d.start_date, end: d.end_date });
  const codes = new Set<string>();
  for (const f of d.focus_areas) {
    if (!/^[a-z0-9-]+$/.test(f.code) || codes.has(f.code)) out.push({ kind: 'focus_area_code', code: f.code });
    codes.add(f.code);
    if (empty(f.name)) out.push({ kind: 'focus_area_name', code: f.code });
  }
  d.questions.forEach((q, i) => {
    if (empty(q)) out.push({ kind: 'question_text', number: i + 1 });
  });
  for (const a of d.agenda) {
    if (days && (a.day < 1 || a.day > days)) out.push({ kind: 'agenda_day', day: a.day, days });
    if (!TIME.test(a.starts_at) || !TIME.test(a.ends_at) || a.ends_at < a.starts_at)
      out.push({ kind: 'agenda_times', starts_at: a.starts_at, ends_at: a.ends_at });
    if (empty(a.title)) out.push({ kind: 'agenda_title', day: a.day, starts_at: a.starts_at });
  }
  for (const g of d.groups) {
    if (!g.name.trim()) out.push({ kind: 'group_name', name: g.name });
    for (const c of g.focus_areas) if (!codes.has(c)) out.push({ kind: 'group_focus_area', group: g.name, code: c });
  }
  return out;
}

export function memoryWorkshops(overview: WorkshopOverview, nextId: () => string): WorkshopMethods {
  const choice = (w: Workshop): WorkshopChoice => ({
    workshop_id: w.id,
    title: w.title,
    start_date: w.start_date,
    end_date: w.end_date,
    here: true,
    current: w.id === overview.workshop.id,
    archived: archived.has(w.id),
  });
  const archived = new Set<string>();
  /** Every workshop's structure, by id (the current one is `overview` itself). */
  const held = new Map<string, WorkshopOverview>([[overview.workshop.id, clone(overview)]]);
  const retiredAreas: FocusArea[] = [];
  const retiredQuestions: GuidingQuestion[] = [];
  const removedSessions: AgendaItem[] = [];
  const list = () => [...held.values()].map((o) => choice(o.workshop)).sort((a, b) => a.start_date.localeCompare(b.start_date));

  /** Makes `next` the current workshop: `overview` (which every view holds) takes its content. */
  const become = (next: WorkshopOverview) => {
    held.set(overview.workshop.id, clone(overview));
    Object.assign(overview, clone(next));
    held.set(next.workshop.id, clone(next));
    retiredAreas.length = retiredQuestions.length = removedSessions.length = 0;
    return overview;
  };
  const make = (d: WorkshopDraft): WorkshopOverview => {
    const problems = draftProblems(d);
    if (problems.length) fail('template_has_problems', { count: String(problems.length) });
    const id = nextId();
    const areas: FocusArea[] = d.focus_areas.map((f, i) => ({ id: nextId(), workshop_id: id, position: i, deleted: false, ...f }));
    const byCode = (c: string) => areas.find((a) => a.code === c)?.id ?? '';
    return {
      workshop: {
        id,
        title: d.title,
        start_date: d.start_date,
        end_date: d.end_date,
        venue: d.venue,
        organisers: d.organisers,
        template: d.template,
        is_demo: false,
        objectives: d.objectives,
      },
      focus_areas: areas,
      questions: d.questions.map((text, i) => ({ id: nextId(), workshop_id: id, number: i + 1, text, deleted: false })),
      agenda: d.agenda.map((a, i) => ({ id: nextId(), workshop_id: id, position: i, deleted: false, ...a })),
      groups: d.groups.map((g, i) => ({
        id: nextId(),
        workshop_id: id,
        name: g.name,
        position: i,
        focus_area_ids: g.focus_areas.map(byCode),
        facilitator: g.facilitator,
        note_taker: g.note_taker,
        deleted: false,
      })),
    };
  };
  const draftOf = (o: WorkshopOverview, start: string, template: string): WorkshopDraft => {
    const days = Math.max(1, daysBetween(o.workshop.start_date, o.workshop.end_date));
    const code = (id: string) => o.focus_areas.find((f) => f.id === id)?.code ?? '';
    return {
      template,
      title: { en: '', lo: '' },
      start_date: start,
      end_date: addDays(start, days - 1),
      venue: { en: '', lo: '' },
      organisers: { en: '', lo: '' },
      objectives: [],
      focus_areas: o.focus_areas.map((f) => ({ kind: f.kind, code: f.code, name: f.name, description: f.description })),
      questions: o.questions.map((q) => q.text),
      agenda: o.agenda.map((a) => ({ day: a.day, starts_at: a.starts_at, ends_at: a.ends_at, kind: a.kind, title: a.title, room: a.room })),
      groups: o.groups.map((g) => ({ name: g.name, focus_areas: g.focus_area_ids.map(code), facilitator: g.facilitator, note_taker: g.note_taker })),
    };
  };
  const builtin = clone(overview);

  const settings = async (): Promise<WorkshopSettings> => {
    const agenda = [...overview.agenda, ...removedSessions].sort(
      (a, b) => a.day - b.day || a.starts_at.localeCompare(b.starts_at) || a.position - b.position,
    );
    return clone({
      workshop: overview.workshop,
      focus_areas: [...overview.focus_areas, ...retiredAreas],
      questions: [...overview.questions, ...retiredQuestions],
      agenda,
      overlaps: overlapsOf(agenda),
      days: daysBetween(overview.workshop.start_date, overview.workshop.end_date),
    });
  };
  const area = (id: string) => overview.focus_areas.find((f) => f.id === id) ?? fail('not_found', { entity: 'focus_area', id });
  const question = (id: string) => overview.questions.find((q) => q.id === id) ?? fail('not_found', { entity: 'guiding_question', id });
  const renumber = () => overview.questions.forEach((q, i) => (q.number = i + 1));
  const checkSession = (p: AgendaPlan) => {
    const days = daysBetween(overview.workshop.start_date, overview.workshop.end_date);
    if (p.day < 1 || p.day > days) fail('template_has_problems', { count: '1' });
    if (!TIME.test(p.starts_at) || !TIME.test(p.ends_at) || p.ends_at < p.starts_at) fail('template_has_problems', { count: '1' });
    if (empty(p.title)) fail('template_has_problems', { count: '1' });
  };
  /** Retires (or removes) a row — it moves to `shelf`, marked — or brings it back, last. */
  const shelve = <T extends { id: string; deleted: boolean }>(live: T[], shelf: T[], id: string, on: boolean, entity: string) => {
    const [from, to] = on ? [live, shelf] : [shelf, live];
    const i = from.findIndex((x) => x.id === id);
    if (i < 0) {
      if (on) fail('not_found', { entity, id });
      return;
    }
    to.push({ ...from.splice(i, 1)[0], deleted: on });
  };
  const move = <T>(items: T[], from: number, to: number) => {
    const [x] = items.splice(from, 1);
    items.splice(Math.min(to, items.length), 0, x);
  };

  return {
    workshops: async () => list(),
    switchWorkshop: async (id) => become(held.get(id) ?? fail('not_found', { entity: 'workshop', id })),
    draftFromTemplate: async (source, start) => ({
      draft:
        source.kind === 'blank'
          ? draftOf({ ...builtin, focus_areas: [], questions: [], agenda: [], groups: [], workshop: { ...builtin.workshop, end_date: builtin.workshop.start_date } }, start, 'blank')
          : draftOf(builtin, start, builtin.workshop.template),
      problems: [],
    }),
    pickTemplateFile: async () => null,
    workshopDraftProblems: async (d) => draftProblems(d),
    newWorkshop: async (d) => become(make(d)),
    duplicateWorkshop: async (r) => {
      const d = { ...draftOf(overview, r.start_date, overview.workshop.template), title: r.title, end_date: r.end_date };
      return become(make(d));
    },
    setWorkshopArchived: async (id, on) => {
      if (!held.has(id)) fail('not_found', { entity: 'workshop', id });
      if (on && id === overview.workshop.id) fail('invalid_argument', { name: 'workshop', value: id });
      if (on) archived.add(id);
      else archived.delete(id);
      return list();
    },
    saveTemplate: async (suggested) => `/memory/${suggested}`,
    workshopSettings: settings,
    updateWorkshopFacts: async (f) => {
      if (empty(f.title) || daysBetween(f.start_date, f.end_date) === 0) fail('template_has_problems', { count: '1' });
      Object.assign(overview.workshop, { ...f, objectives: f.objectives.filter((o) => !empty(o)) });
      return settings();
    },
    addFocusArea: async (p) => {
      if (empty(p.name)) fail('template_has_problems', { count: '1' });
      const taken = new Set([...overview.focus_areas, ...retiredAreas].map((f) => f.code));
      const code = p.code && !taken.has(p.code) ? p.code : codeFor(p.name, taken);
      overview.focus_areas.push({ id: nextId(), workshop_id: overview.workshop.id, position: overview.focus_areas.length, deleted: false, ...p, code });
      return settings();
    },
    updateFocusArea: async (id, p) => {
      if (empty(p.name)) fail('template_has_problems', { count: '1' });
      Object.assign(area(id), { name: p.name, description: p.description, kind: p.kind });
      return settings();
    },
    moveFocusArea: async (id, to) => {
      move(overview.focus_areas, overview.focus_areas.indexOf(area(id)), to);
      overview.focus_areas.forEach((f, i) => (f.position = i));
      return settings();
    },
    retireFocusArea: async (id, retired) => {
      shelve(overview.focus_areas, retiredAreas, id, retired, 'focus_area');
      return settings();
    },
    addQuestion: async (text) => {
      if (empty(text)) fail('template_has_problems', { count: '1' });
      overview.questions.push({ id: nextId(), workshop_id: overview.workshop.id, number: overview.questions.length + 1, text, deleted: false });
      return settings();
    },
    updateQuestion: async (id, text) => {
      if (empty(text)) fail('template_has_problems', { count: '1' });
      question(id).text = text;
      return settings();
    },
    moveQuestion: async (id, to) => {
      move(overview.questions, overview.questions.indexOf(question(id)), to);
      renumber();
      return settings();
    },
    retireQuestion: async (id, retired) => {
      shelve(overview.questions, retiredQuestions, id, retired, 'guiding_question');
      renumber();
      return settings();
    },
    addSession: async (p) => {
      checkSession(p);
      overview.agenda.push({ id: nextId(), workshop_id: overview.workshop.id, position: overview.agenda.length, deleted: false, ...p });
      return settings();
    },
    updateSession: async (id, p) => {
      checkSession(p);
      Object.assign(overview.agenda.find((a) => a.id === id) ?? fail('not_found', { entity: 'agenda_item', id }), p);
      return settings();
    },
    removeSession: async (id, removed) => {
      shelve(overview.agenda, removedSessions, id, removed, 'agenda_item');
      return settings();
    },
  };
}
