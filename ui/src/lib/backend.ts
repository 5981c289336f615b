// The one typed interface the UI uses to reach Rust. `tauriBackend` calls the shell's commands;
// `memoryBackend` (memoryBackend.ts) implements the same contract for unit tests.
import { invoke } from '@tauri-apps/api/core';
import type {
  Action,
  ActionDraft,
  AgendaDraft,
  AgendaPlan,
  Answer,
  Bilingual,
  Attendance,
  BoardView,
  Bootstrap,
  ConflictView,
  DraftFromTemplate,
  DuplicateRequest,
  FocusAreaPlan,
  GroupDraft,
  ImportPreview,
  LaoCheck,
  Matrix,
  MatrixFilter,
  MatrixItems,
  NewCard,
  NewNote,
  Note,
  NoteChange,
  Participant,
  ParticipantDraft,
  Provenance,
  Quadrant,
  ReportRequest,
  SalaError,
  SavedReport,
  SearchHit,
  SearchQuery,
  SourceRef,
  SurveyForm,
  SurveyResults,
  SwotCard,
  SyncReport,
  SyncSettings,
  TemplateProblem,
  TemplateSource,
  TransferView,
  UiLanguage,
  WorkshopChoice,
  WorkshopDraft,
  WorkshopFacts,
  WorkshopSettings,
  WorkshopOverview,
  Withdrawn,
  AnswersPreview,
  SurveyFormEdit,
  BackupInfo,
} from './bindings';

export type Messages = Record<string, string>;

export interface Backend {
  messages(language: UiLanguage): Promise<Messages>;
  setLanguage(language: UiLanguage): Promise<void>;
  overview(): Promise<WorkshopOverview>;
  notesFor(groupId: string, questionId: string): Promise<Note[]>;
  addNote(note: NewNote): Promise<Note>;
  /** Saves an edit made from `base` (the text the editor started from, or last saved); words
   * other tables added meanwhile are kept in the returned note. */
  updateNote(id: string, text: string, base?: string): Promise<Note>;
  deleteNote(id: string): Promise<Note>;
  restoreNote(id: string): Promise<Note>;
  trash(): Promise<Note[]>;
  /** Everything the first screen needs, in one round trip. */
  bootstrap(): Promise<Bootstrap>;
  /** Tells the shell a start-up stage is painted (start-up is timed from outside). */
  uiReady(stage: 'shell' | 'workspace'): Promise<void>;
  changeNote(id: string, change: NoteChange): Promise<Note>;
  laoCheck(text: string): Promise<LaoCheck>;
  board(groupId: string, focusAreaId: string): Promise<BoardView>;
  addCard(card: NewCard): Promise<SwotCard>;
  cardFromNote(noteId: string, focusAreaId: string, quadrant: Quadrant): Promise<SwotCard>;
  editCard(id: string, text: string): Promise<SwotCard>;
  moveCard(id: string, quadrant: Quadrant, index: number): Promise<BoardView>;
  clusterCards(leadId: string, otherId: string): Promise<BoardView>;
  unclusterCard(id: string): Promise<BoardView>;
  /** One of `voter`'s dots on a card, cast in `session` (an agenda item's id). */
  vote(cardId: string, voter: string, session?: string | null): Promise<BoardView>;
  unvote(cardId: string, voter: string): Promise<BoardView>;
  setVoteLimit(groupId: string, focusAreaId: string, limit: number): Promise<BoardView>;
  deleteCard(id: string): Promise<SwotCard>;
  restoreCard(id: string): Promise<SwotCard>;
  actions(): Promise<Action[]>;
  addAction(draft: ActionDraft): Promise<Action>;
  updateAction(id: string, draft: ActionDraft): Promise<Action>;
  deleteAction(id: string): Promise<Action>;
  restoreAction(id: string): Promise<Action>;
  sources(ids: string[]): Promise<SourceRef[]>;
  search(query: SearchQuery): Promise<SearchHit[]>;
  participants(): Promise<Participant[]>;
  addParticipant(draft: ParticipantDraft): Promise<Participant>;
  updateParticipant(id: string, draft: ParticipantDraft): Promise<Participant>;
  deleteParticipant(id: string): Promise<Participant>;
  previewParticipants(fileName: string, bytes: number[]): Promise<ImportPreview>;
  importParticipants(fileName: string, bytes: number[], skipBad: boolean): Promise<number>;
  attendance(day: number): Promise<Attendance[]>;
  createGroup(draft: GroupDraft): Promise<WorkshopOverview>;
  updateAgendaItem(id: string, draft: AgendaDraft): Promise<WorkshopOverview>;
  updateGroup(id: string, draft: GroupDraft): Promise<WorkshopOverview>;
  setAttendance(participantId: string, day: number, present: boolean): Promise<Attendance>;
  /** Full screen on or off for the present views (the window; a CSS overlay does the rest). */
  setFullscreen(on: boolean): Promise<void>;
  syncSettings(): Promise<SyncSettings>;
  /** Saves the shared folder (empty: stop syncing) and table label, then syncs once. */
  /** Saves the shared folder and the table label; `create` makes a folder that is not there. */
  setSyncSettings(settings: SyncSettings, create?: boolean): Promise<SyncReport>;
  /** Where sync stands, without touching the folder. */
  syncStatus(): Promise<SyncReport>;
  syncNow(): Promise<SyncReport>;
  /** Every report of the background sync task, as it comes. Resolves to a function that stops listening. */
  onSync(listener: (report: SyncReport) => void): Promise<() => void>;
  /** The system's dialogs; `null` / empty when cancelled. */
  pickFolder(): Promise<string | null>;
  pickExportFile(suggested: string): Promise<string | null>;
  pickImportFiles(): Promise<string[]>;
  exportWork(path: string): Promise<TransferView>;
  /** Reports: the default folder, the save dialog (`null` when cancelled), writing one, and
   *  opening what was written (in its program, or its folder). */
  /** Surveys: the workshop's forms (the built-in ones made on first use), one person's answers
   *  (checked in Rust; resolves to the response's id only), and a form's results. */
  surveyForms(): Promise<SurveyForm[]>;
  answerSurvey(form: string, participantId: string | null, answers: Record<string, Answer>): Promise<string>;
  surveyResults(form: string): Promise<SurveyResults>;
  /** The coordinator's edit of a form: in place while unanswered, else its next version. */
  editSurveyForm(form: string, edit: SurveyFormEdit): Promise<SurveyForm>;
  /** Answers collected elsewhere (CSV/XLSX): a preview that writes nothing, then the import. */
  previewSurveyAnswers(form: string, fileName: string, bytes: number[]): Promise<AnswersPreview>;
  importSurveyAnswers(form: string, fileName: string, bytes: number[], skipBad: boolean): Promise<number>;
  /** Backups of the database in the data folder (newest first; listed even when the store
   *  could not be opened), one made now, and restoring one by its file name (the window
   *  reloads after). */
  backups(): Promise<BackupInfo[]>;
  backupNow(): Promise<BackupInfo>;
  restoreBackup(file: string): Promise<void>;
  reportFolder(): Promise<string>;
  pickReportFile(suggested: string, extension: string): Promise<string | null>;
  saveReport(request: ReportRequest): Promise<SavedReport>;
  openPath(path: string): Promise<void>;
  revealPath(path: string): Promise<void>;
  importFiles(paths: string[]): Promise<TransferView>;
  conflicts(): Promise<ConflictView[]>;
  /** Resolves a conflict with a value (JSON text): one of its values or a combination. */
  resolveConflict(conflict: ConflictView, json: string): Promise<ConflictView[]>;
  workshops(): Promise<WorkshopChoice[]>;
  folderWorkshops(folder: string): Promise<WorkshopChoice[]>;
  switchWorkshop(workshopId: string): Promise<WorkshopOverview>;
  /** Joining; a workshop whose files are encrypted needs its passphrase (or a key this
   *  laptop already keeps). */
  joinFolder(folder: string, workshopId: string, passphrase?: string): Promise<WorkshopOverview>;
  joinFile(path: string, passphrase?: string): Promise<WorkshopOverview>;
  /** The current workshop's key on this laptop (its public half), or null; setting it from a
   *  passphrase, or (passphrase '') from a key file picked in the system dialog — null when
   *  cancelled. */
  workshopKey(): Promise<string | null>;
  setWorkshopKey(passphrase: string): Promise<string | null>;
  /** Removes this laptop's files written before the workshop had a key from the shared folder. */
  withdrawPlainFiles(): Promise<Withdrawn>;
  /** The coordinator's matrix: every table's work, or one table's; every session's, or one's. */
  matrix(filter: MatrixFilter): Promise<Matrix>;
  matrixCell(groupId: string, focusAreaId: string, filter: MatrixFilter): Promise<MatrixItems>;
  /** Which table created and last changed each of these items. */
  provenance(ids: string[]): Promise<Provenance[]>;

  /** A workshop of one's own. The New workshop steps start from a template's workshop (the
   *  built-in or blank one, or a template file picked in the system dialog and read in Rust —
   *  `null` when cancelled); a draft's problems are listed before it is made. */
  draftFromTemplate(source: TemplateSource, startDate: string): Promise<DraftFromTemplate>;
  pickTemplateFile(startDate: string): Promise<DraftFromTemplate | null>;
  workshopDraftProblems(draft: WorkshopDraft): Promise<TemplateProblem[]>;
  /** Makes the workshop (or the current one's next edition) and switches to it. */
  newWorkshop(draft: WorkshopDraft): Promise<WorkshopOverview>;
  duplicateWorkshop(request: DuplicateRequest): Promise<WorkshopOverview>;
  /** Archives a workshop on this laptop, or brings it back; the list after. */
  setWorkshopArchived(workshopId: string, archived: boolean): Promise<WorkshopChoice[]>;
  /** Save as template: the save dialog, then the file written; its path, `null` when cancelled. */
  saveTemplate(suggested: string): Promise<string | null>;
  /** The coordinator's Workshop settings, and each edit of them (the settings after it). */
  workshopSettings(): Promise<WorkshopSettings>;
  updateWorkshopFacts(facts: WorkshopFacts): Promise<WorkshopSettings>;
  addFocusArea(plan: FocusAreaPlan): Promise<WorkshopSettings>;
  updateFocusArea(id: string, plan: FocusAreaPlan): Promise<WorkshopSettings>;
  moveFocusArea(id: string, to: number): Promise<WorkshopSettings>;
  retireFocusArea(id: string, retired: boolean): Promise<WorkshopSettings>;
  addQuestion(text: Bilingual): Promise<WorkshopSettings>;
  updateQuestion(id: string, text: Bilingual): Promise<WorkshopSettings>;
  moveQuestion(id: string, to: number): Promise<WorkshopSettings>;
  retireQuestion(id: string, retired: boolean): Promise<WorkshopSettings>;
  addSession(plan: AgendaPlan): Promise<WorkshopSettings>;
  updateSession(id: string, plan: AgendaPlan): Promise<WorkshopSettings>;
  removeSession(id: string, removed: boolean): Promise<WorkshopSettings>;
}

/** Whether a thrown value is the typed error every command returns. */
export function isSalaError(e: unknown): e is SalaError {
  return typeof e === 'object' && e !== null && 'code' in e && 'params' in e;
}

export const tauriBackend: Backend = {
  messages: (language) => invoke('messages', { language }),
  setLanguage: (language) => invoke('set_language', { language }),
  overview: () => invoke('overview'),
  notesFor: (groupId, questionId) => invoke('notes_for', { groupId, questionId }),
  addNote: (note) => invoke('add_note', { note }),
  updateNote: (id, text, base) => invoke('update_note', { id, text, base: base ?? null }),
  deleteNote: (id) => invoke('delete_note', { id }),
  restoreNote: (id) => invoke('restore_note', { id }),
  trash: () => invoke('trash'),
  bootstrap: () => invoke('bootstrap'),
  uiReady: (stage) => invoke('ui_ready', { stage, sinceNavigationMs: performance.now() }),
  changeNote: (id, change) => invoke('change_note', { id, change }),
  laoCheck: (text) => invoke('lao_check', { text }),
  board: (groupId, focusAreaId) => invoke('board', { groupId, focusAreaId }),
  addCard: (card) => invoke('add_card', { card }),
  cardFromNote: (noteId, focusAreaId, quadrant) => invoke('card_from_note', { noteId, focusAreaId, quadrant }),
  editCard: (id, text) => invoke('edit_card', { id, text }),
  moveCard: (id, quadrant, index) => invoke('move_card', { id, quadrant, index }),
  clusterCards: (leadId, otherId) => invoke('cluster_cards', { leadId, otherId }),
  unclusterCard: (id) => invoke('uncluster_card', { id }),
  vote: (cardId, voter, session) => invoke('vote', { cardId, voter, session: session ?? null }),
  unvote: (cardId, voter) => invoke('unvote', { cardId, voter }),
  setVoteLimit: (groupId, focusAreaId, limit) => invoke('set_vote_limit', { groupId, focusAreaId, limit }),
  deleteCard: (id) => invoke('delete_card', { id }),
  restoreCard: (id) => invoke('restore_card', { id }),
  actions: () => invoke('actions'),
  addAction: (draft) => invoke('add_action', { draft }),
  updateAction: (id, draft) => invoke('update_action', { id, draft }),
  deleteAction: (id) => invoke('delete_action', { id }),
  restoreAction: (id) => invoke('restore_action', { id }),
  sources: (ids) => invoke('sources', { ids }),
  search: (query) => invoke('search', { query }),
  participants: () => invoke('participants'),
  addParticipant: (draft) => invoke('add_participant', { draft }),
  updateParticipant: (id, draft) => invoke('update_participant', { id, draft }),
  deleteParticipant: (id) => invoke('delete_participant', { id }),
  previewParticipants: (fileName, bytes) => invoke('preview_participants', { fileName, bytes }),
  importParticipants: (fileName, bytes, skipBad) => invoke('import_participants', { fileName, bytes, skipBad }),
  attendance: (day) => invoke('attendance', { day }),
  createGroup: (draft) => invoke('create_group', { draft }),
  updateAgendaItem: (id, draft) => invoke('update_agenda_item', { id, draft }),
  updateGroup: (id, draft) => invoke('update_group', { id, draft }),
  setAttendance: (participantId, day, present) => invoke('set_attendance', { participantId, day, present }),
  setFullscreen: async (on) => {
    const { getCurrentWindow } = await import('@tauri-apps/api/window');
    await getCurrentWindow().setFullscreen(on);
  },
  syncSettings: () => invoke('sync_settings'),
  setSyncSettings: (settings, create = false) => invoke('set_sync_settings', { settings, create }),
  syncStatus: () => invoke('sync_status'),
  syncNow: () => invoke('sync_now'),
  onSync: async (listener) => {
    const { listen } = await import('@tauri-apps/api/event');
    return listen<SyncReport>('sync', (e) => listener(e.payload));
  },
  pickFolder: () => invoke('pick_folder'),
  pickExportFile: (suggested) => invoke('pick_export_file', { suggested }),
  pickImportFiles: () => invoke('pick_import_files'),
  exportWork: (path) => invoke('export_work', { path }),
  surveyForms: () => invoke('survey_forms'),
  answerSurvey: (form, participantId, answers) => invoke('answer_survey', { form, participantId, answers }),
  surveyResults: (form) => invoke('survey_results', { form }),
  editSurveyForm: (form, edit) => invoke('edit_survey_form', { form, edit }),
  previewSurveyAnswers: (form, fileName, bytes) => invoke('preview_survey_answers', { form, fileName, bytes }),
  importSurveyAnswers: (form, fileName, bytes, skipBad) => invoke('import_survey_answers', { form, fileName, bytes, skipBad }),
  backups: () => invoke('backups'),
  backupNow: () => invoke('backup_now'),
  restoreBackup: (file) => invoke('restore_backup', { file }),
  reportFolder: () => invoke('report_folder'),
  pickReportFile: (suggested, extension) => invoke('pick_report_file', { suggested, extension }),
  saveReport: (request) => invoke('save_report', { request }),
  openPath: (path) => invoke('open_path', { path }),
  revealPath: (path) => invoke('reveal_path', { path }),
  importFiles: (paths) => invoke('import_files', { paths }),
  conflicts: () => invoke('conflicts'),
  resolveConflict: (c, json) =>
    invoke('resolve_conflict', { entity: c.entity, entityId: c.entity_id, field: c.field, json }),
  workshops: () => invoke('workshops'),
  folderWorkshops: (folder) => invoke('folder_workshops', { folder }),
  switchWorkshop: (workshopId) => invoke('switch_workshop', { workshopId }),
  joinFolder: (folder, workshopId, passphrase) => invoke('join_folder', { folder, workshopId, passphrase: passphrase || null }),
  joinFile: (path, passphrase) => invoke('join_file', { path, passphrase: passphrase || null }),
  workshopKey: () => invoke('workshop_key'),
  setWorkshopKey: (passphrase) => invoke('set_workshop_key', { passphrase }),
  withdrawPlainFiles: () => invoke('withdraw_plain_files'),
  matrix: (filter) => invoke('matrix', { filter }),
  matrixCell: (groupId, focusAreaId, filter) => invoke('matrix_cell', { groupId, focusAreaId, filter }),
  provenance: (ids) => invoke('provenance', { ids }),
  draftFromTemplate: (source, startDate) => invoke('draft_from_template', { source, startDate }),
  pickTemplateFile: (startDate) => invoke('pick_template_file', { startDate }),
  workshopDraftProblems: (draft) => invoke('workshop_draft_problems', { draft }),
  newWorkshop: (draft) => invoke('new_workshop', { draft }),
  duplicateWorkshop: (request) => invoke('duplicate_workshop', { request }),
  setWorkshopArchived: (workshopId, archived) => invoke('set_workshop_archived', { workshopId, archived }),
  saveTemplate: (suggested) => invoke('save_template', { suggested }),
  workshopSettings: () => invoke('workshop_settings'),
  updateWorkshopFacts: (facts) => invoke('update_workshop_facts', { facts }),
  addFocusArea: (plan) => invoke('add_focus_area', { plan }),
  updateFocusArea: (id, plan) => invoke('update_focus_area', { id, plan }),
  moveFocusArea: (id, to) => invoke('move_focus_area', { id, to }),
  retireFocusArea: (id, retired) => invoke('retire_focus_area', { id, retired }),
  addQuestion: (text) => invoke('add_question', { text }),
  updateQuestion: (id, text) => invoke('update_question', { id, text }),
  moveQuestion: (id, to) => invoke('move_question', { id, to }),
  retireQuestion: (id, retired) => invoke('retire_question', { id, retired }),
  addSession: (plan) => invoke('add_session', { plan }),
  updateSession: (id, plan) => invoke('update_session', { id, plan }),
  removeSession: (id, removed) => invoke('remove_session', { id, removed }),
};
