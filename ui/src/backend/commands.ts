// Generated from the #[tauri::command] functions in src-tauri/src by crates/sala-commands.
// Do not edit: run `cargo xtask bindings` after changing a command.
import { invoke } from '@tauri-apps/api/core';
import type {
  Action,
  ActionDraft,
  AgendaDraft,
  AgendaPlan,
  Answer,
  AnswersPreview,
  Attendance,
  BackupInfo,
  Bilingual,
  BoardView,
  Bootstrap,
  ConflictView,
  DraftFromTemplate,
  DuplicateRequest,
  FocusAreaPlan,
  GroupDraft,
  Idea,
  ImportPreview,
  LaoCheck,
  Matrix,
  MatrixFilter,
  MatrixItems,
  NamedFile,
  NewCard,
  NewNote,
  Note,
  NoteChange,
  Participant,
  ParticipantDraft,
  Picture,
  PictureFile,
  PictureItem,
  PictureTarget,
  Provenance,
  Quadrant,
  ReportRequest,
  ResponseFilesImport,
  RoomOffer,
  RoomResults,
  RoomView,
  SavedReport,
  SearchHit,
  SearchQuery,
  SourceRef,
  SurveyForm,
  SurveyFormEdit,
  SurveyResults,
  SwotCard,
  SyncReport,
  SyncSettings,
  TemplateProblem,
  TemplateSource,
  TransferView,
  UiLanguage,
  Withdrawn,
  WorkshopChoice,
  WorkshopDraft,
  WorkshopFacts,
  WorkshopOverview,
  WorkshopSettings,
} from './bindings';

/** Every command of the shell. Each resolves to its result or rejects with a `SalaError`
 *  (`code` and `params`, said in the user's language by the UI). */
export interface Commands {
  // commands::app
  /**
   * Every message of a language; available even when the store could not be opened, so that
   * the error itself can be shown translated.
   */
  messages(language: UiLanguage): Promise<Record<string, string>>;
  /**
   * The UI's language on this laptop, kept for the next start.
   */
  setLanguage(language: UiLanguage): Promise<void>;
  /**
   * The current workshop: its groups, focus areas, guiding questions and agenda.
   */
  overview(): Promise<WorkshopOverview>;
  /**
   * Everything the first screen needs, in one round trip: the language, its messages, and the
   * workshop (or why the store could not be opened).
   */
  bootstrap(): Promise<Bootstrap>;
  /**
   * The UI has painted a stage of start-up: `shell` (the frame with the workshop, its sections
   * and groups) or `workspace` (the group's notes under a guiding question). With
   * `SALA_STARTUP_REPORT` set, says so on stderr, so a harness can time start-up from the outside
   * (`cargo xtask bench`).
   */
  uiReady(stage: string, sinceNavigationMs: number): Promise<void>;
  // commands::backups
  /**
   * The backups in the data folder, newest first; works when the store could not be opened.
   */
  backups(): Promise<BackupInfo[]>;
  /**
   * "Back up now": a backup made at once, off the store's lock.
   */
  backupNow(): Promise<BackupInfo>;
  /**
   * Replaces the database with one of the data folder's backups, named by its file name (no
   * other path is taken), and opens it. The window reloads afterwards.
   */
  restoreBackup(file: string): Promise<void>;
  // commands::group_work
  /**
   * The live notes under one group and guiding question, oldest first.
   */
  notesFor(groupId: string, questionId: string): Promise<Note[]>;
  /**
   * Saves a new note.
   */
  addNote(note: NewNote): Promise<Note>;
  /**
   * Saves an edit made from `base` (the text the editor started from, or last saved); words
   * other tables added meanwhile are kept in the returned note.
   */
  updateNote(id: string, text: string, base?: string | null): Promise<Note>;
  /**
   * Moves a note to the trash, to restore.
   */
  deleteNote(id: string): Promise<Note>;
  /**
   * Brings a note back from the trash.
   */
  restoreNote(id: string): Promise<Note>;
  /**
   * Every deleted note of the workshop, to restore.
   */
  trash(): Promise<Note[]>;
  /**
   * Changes one thing about a note: its text, language, stakeholder, key point, tags or
   * translation.
   */
  changeNote(id: string, change: NoteChange): Promise<Note>;
  /**
   * Typing accidents in Lao text (Thai letters, zero-width spaces) and the offered fix.
   */
  laoCheck(text: string): Promise<LaoCheck>;
  /**
   * A group's SWOT board for a focus area: its cards by quadrant, clusters and dot votes.
   */
  board(groupId: string, focusAreaId: string): Promise<BoardView>;
  /**
   * Adds a SWOT card.
   */
  addCard(card: NewCard): Promise<SwotCard>;
  /**
   * Makes a SWOT card from a note, linked back to it.
   */
  cardFromNote(noteId: string, focusAreaId: string, quadrant: Quadrant): Promise<SwotCard>;
  /**
   * Edits a card's text.
   */
  editCard(id: string, text: string): Promise<SwotCard>;
  /**
   * Moves a card to a quadrant, at a place in it; the board after.
   */
  moveCard(id: string, quadrant: Quadrant, index: number): Promise<BoardView>;
  /**
   * Puts `other_id` into `lead_id`'s cluster; the board after.
   */
  clusterCards(leadId: string, otherId: string): Promise<BoardView>;
  /**
   * Takes a card out of its cluster; the board after.
   */
  unclusterCard(id: string): Promise<BoardView>;
  /**
   * One of `voter`'s dots on a card, cast in `session` (an agenda item's id).
   */
  vote(cardId: string, voter: string, session?: string | null): Promise<BoardView>;
  /**
   * Takes back one of `voter`'s dots.
   */
  unvote(cardId: string, voter: string): Promise<BoardView>;
  /**
   * The board's dot budget per voter.
   */
  setVoteLimit(groupId: string, focusAreaId: string, limit: number): Promise<BoardView>;
  /**
   * Deletes a card (restorable).
   */
  deleteCard(id: string): Promise<SwotCard>;
  /**
   * Brings a deleted card back.
   */
  restoreCard(id: string): Promise<SwotCard>;
  /**
   * The action plan: the live actions by due date (undated last), then title.
   */
  actions(): Promise<Action[]>;
  /**
   * Adds an action to the plan.
   */
  addAction(draft: ActionDraft): Promise<Action>;
  /**
   * Edits an action.
   */
  updateAction(id: string, draft: ActionDraft): Promise<Action>;
  /**
   * Deletes an action (restorable).
   */
  deleteAction(id: string): Promise<Action>;
  /**
   * Brings a deleted action back.
   */
  restoreAction(id: string): Promise<Action>;
  /**
   * Notes and SWOT cards matching the query, best first; Lao words are found inside unspaced
   * text.
   */
  search(query: SearchQuery): Promise<SearchHit[]>;
  /**
   * What each of these ids is (a note or a card) and its text, for showing links.
   */
  sources(ids: string[]): Promise<SourceRef[]>;
  // commands::people
  /**
   * The live participants in Lao alphabetical order (Latin names after Lao ones).
   */
  participants(): Promise<Participant[]>;
  /**
   * Adds a participant by hand.
   */
  addParticipant(draft: ParticipantDraft): Promise<Participant>;
  /**
   * Edits a participant.
   */
  updateParticipant(id: string, draft: ParticipantDraft): Promise<Participant>;
  /**
   * Deletes a participant.
   */
  deleteParticipant(id: string): Promise<Participant>;
  /**
   * Brings a deleted participant back (the undo of a delete).
   */
  restoreParticipant(id: string): Promise<Participant>;
  /**
   * Reads a participant list (the file's bytes, as the user picked it) into a preview.
   */
  previewParticipants(fileName: string, bytes: number[]): Promise<ImportPreview>;
  /**
   * Imports a participant list: every row, or with `skip_bad` the rows without problems, in
   * one transaction; refused, writing nothing, when rows have problems and `skip_bad` is off.
   * How many were imported.
   */
  importParticipants(fileName: string, bytes: number[], skipBad: boolean): Promise<number>;
  /**
   * Who is checked in on a day of the workshop.
   */
  attendance(day: number): Promise<Attendance[]>;
  /**
   * Checks a participant in (or out) for a day.
   */
  setAttendance(participantId: string, day: number, present: boolean): Promise<Attendance>;
  // commands::pictures
  /**
   * Keeps a picture the user gave (a file picked, dropped or pasted) with `target`'s work: made
   * upright, scaled and stripped of its metadata away from the store, then saved.
   */
  attachPicture(target: PictureTarget, file: PictureFile, caption: string): Promise<Picture>;
  /**
   * A group's pictures (live, in the order added), each with whether it has arrived and its
   * thumbnail.
   */
  groupPictures(groupId: string): Promise<PictureItem[]>;
  /**
   * The workshop's pictures in the trash.
   */
  picturesInTrash(): Promise<PictureItem[]>;
  /**
   * A picture whole, as a `data:` address (the full-screen viewer).
   */
  pictureData(id: string): Promise<string>;
  /**
   * Changes a picture's caption.
   */
  setPictureCaption(id: string, caption: string): Promise<Picture>;
  /**
   * Puts a picture in the trash.
   */
  deletePicture(id: string): Promise<Picture>;
  /**
   * Brings a picture back from the trash.
   */
  restorePicture(id: string): Promise<Picture>;
  // commands::reports
  /**
   * The folder reports go to unless the user picks another: `Documents/Sala` (else the home
   * folder's `Sala`).
   */
  reportFolder(): Promise<string>;
  /**
   * The system's save dialog for a report; `None` when cancelled.
   */
  pickReportFile(suggested: string, extension: string): Promise<string | null>;
  /**
   * Produces the report asked for and writes it whole (a temporary file, flushed, renamed): an
   * existing file is replaced only by a complete one. Its folder is made if missing.
   */
  saveReport(request: ReportRequest): Promise<SavedReport>;
  /**
   * Opens a written report in the program the system uses for it.
   */
  openPath(path: string): Promise<void>;
  /**
   * Shows a written report in its folder.
   */
  revealPath(path: string): Promise<void>;
  // commands::room
  /**
   * Opens the room with these offers; a room already open keeps its address and code and offers
   * these from now on. Returns where phones reach it, its code and its QR code.
   */
  roomOpen(offers: RoomOffer[]): Promise<RoomView>;
  /**
   * Closes the room: phones reach nothing any more.
   */
  roomClose(): Promise<RoomView>;
  /**
   * The room as it is: open or not, and where.
   */
  roomStatus(): Promise<RoomView>;
  /**
   * The ideas waiting under one group and guiding question, oldest first.
   */
  pendingIdeas(groupId: string, questionId: string): Promise<Idea[]>;
  /**
   * Accepts an idea: it becomes a note (its text as sent, or `text` as the table edited it),
   * from a participant, in the session given.
   */
  acceptIdea(id: string, text?: string | null, agendaItemId?: string | null): Promise<Note>;
  /**
   * Merges an idea into a note of its group and question: its text is added to the note's.
   */
  mergeIdea(id: string, noteId: string): Promise<Note>;
  /**
   * Rejects an idea: it leaves the queue, kept.
   */
  rejectIdea(id: string): Promise<Idea>;
  /**
   * Puts a rejected idea back in the queue.
   */
  reconsiderIdea(id: string): Promise<Idea>;
  /**
   * What the open room's offers have gathered so far: the projector's live results (survey
   * answers, the ideas the table accepted and their words, the dots per card). Nothing when the
   * room is closed.
   */
  roomResults(): Promise<RoomResults>;
  // commands::surveys
  /**
   * The workshop's survey forms (the built-in ones made on first use).
   */
  surveyForms(): Promise<SurveyForm[]>;
  /**
   * Records one person's answers (checked first; nothing is written when one is wrong). The
   * kiosk gets back only the response's id, never anyone's answers.
   */
  answerSurvey(form: string, participantId: string | null, answers: Record<string, Answer>): Promise<string>;
  /**
   * A form's results: responses per version, each question's answers, and the change in
   * self-assessed knowledge for the before/after forms.
   */
  surveyResults(form: string): Promise<SurveyResults>;
  /**
   * Saves the coordinator's changes to a form: in place while nobody has answered it, else as
   * its next version.
   */
  editSurveyForm(form: string, edit: SurveyFormEdit): Promise<SurveyForm>;
  /**
   * Reads a file of answers collected elsewhere into a preview; writes nothing.
   */
  previewSurveyAnswers(form: string, fileName: string, bytes: number[]): Promise<AnswersPreview>;
  /**
   * Imports a file of answers: every row, or with `skip_bad` the good ones.
   */
  importSurveyAnswers(form: string, fileName: string, bytes: number[], skipBad: boolean): Promise<number>;
  /**
   * Writes form `form` as the offline form (one HTML file that needs no network) to `path`,
   * whole or not at all.
   */
  saveOfflineForm(form: string, path: string): Promise<SavedReport>;
  /**
   * Imports answer files saved by the offline form of `form`: each imported, counted once if
   * already here, or refused with why.
   */
  importResponseFiles(form: string, files: NamedFile[]): Promise<ResponseFilesImport>;
  /**
   * Writes form `form` for where Sala is not to `path`: `docx` (printed, in `lang`, numbered as
   * the paper entry asks) or `xlsform` (KoboToolbox, ODK; both languages), whole or not at all.
   */
  saveSurveyForm(form: string, format: string, lang: string, path: string): Promise<SavedReport>;
  // commands::sync
  /**
   * The shared folder and this laptop's table label.
   */
  syncSettings(): Promise<SyncSettings>;
  /**
   * Saves the shared folder (empty: stop syncing) and the table label, then syncs. A folder
   * that is not there is refused (`sync_folder_missing`), or made first with `create`.
   */
  setSyncSettings(settings: SyncSettings, create?: boolean | null): Promise<SyncReport>;
  /**
   * Where things stand, without touching the folder.
   */
  syncStatus(): Promise<SyncReport>;
  /**
   * "Sync now": a pass, answered with its report.
   */
  syncNow(): Promise<SyncReport>;
  /**
   * The system's folder dialog; `None` when cancelled.
   */
  pickFolder(): Promise<string | null>;
  /**
   * The system's save dialog for an export; `None` when cancelled.
   */
  pickExportFile(suggested: string): Promise<string | null>;
  /**
   * The system's open dialog for sync files to import; empty when cancelled.
   */
  pickImportFiles(): Promise<string[]>;
  /**
   * "Export my work": everything this laptop holds of the workshop, in one file.
   */
  exportWork(path: string): Promise<TransferView>;
  /**
   * "Import files…": sync files from a USB stick or an e-mail, checked before anything is applied.
   */
  importFiles(paths: string[]): Promise<TransferView>;
  /**
   * The Conflicts inbox: every unresolved field, with the item it belongs to.
   */
  conflicts(): Promise<ConflictView[]>;
  /**
   * Resolves a conflict with `json` (one of its values, or a combination typed by the user).
   */
  resolveConflict(entity: string, entityId: string, field: string, json: string): Promise<ConflictView[]>;
  /**
   * The workshops on this laptop.
   */
  workshops(): Promise<WorkshopChoice[]>;
  /**
   * The workshops a shared folder holds.
   */
  folderWorkshops(folder: string): Promise<WorkshopChoice[]>;
  /**
   * Makes another workshop on this laptop the current one.
   */
  switchWorkshop(workshopId: string): Promise<WorkshopOverview>;
  /**
   * Joins a workshop from a shared folder, which becomes this laptop's shared folder; the
   * `join-progress` event tells the window how far it is.
   */
  joinFolder(folder: string, workshopId: string, passphrase?: string | null): Promise<WorkshopOverview>;
  /**
   * Joins the workshop in an exported file.
   */
  joinFile(path: string, passphrase?: string | null): Promise<WorkshopOverview>;
  /**
   * The public half of the current workshop's key on this laptop, or `None` without one.
   */
  workshopKey(): Promise<string | null>;
  /**
   * Sets the current workshop's key from a passphrase, or from a key file the user picks in the
   * system dialog (`passphrase` empty); `None` when the dialog was cancelled.
   */
  setWorkshopKey(passphrase: string): Promise<string | null>;
  /**
   * Removes from the shared folder the files this laptop wrote there before the workshop had
   * a key, once their contents went out again encrypted.
   */
  withdrawPlainFiles(): Promise<Withdrawn>;
  /**
   * The coordinator's matrix, for every table or one, every session or one.
   */
  matrix(filter: MatrixFilter): Promise<Matrix>;
  /**
   * What one cell of the coordinator's matrix holds.
   */
  matrixCell(groupId: string, focusAreaId: string, filter: MatrixFilter): Promise<MatrixItems>;
  /**
   * Which table created and last changed each of these items.
   */
  provenance(ids: string[]): Promise<Provenance[]>;
  // commands::workshop
  /**
   * The steps' starting point: the built-in or blank template's workshop from `start_date`.
   */
  draftFromTemplate(source: TemplateSource, startDate: string): Promise<DraftFromTemplate>;
  /**
   * "New from template file": the system's open dialog, the file read here (never by the
   * page), its workshop or every problem in words; `None` when cancelled.
   */
  pickTemplateFile(startDate: string): Promise<DraftFromTemplate | null>;
  /**
   * What stands in the way of making the workshop, each problem in words on the page.
   */
  workshopDraftProblems(draft: WorkshopDraft): Promise<TemplateProblem[]>;
  /**
   * Makes the workshop set up in the steps and switches to it.
   */
  newWorkshop(draft: WorkshopDraft): Promise<WorkshopOverview>;
  /**
   * The next edition of the current workshop, switched to.
   */
  duplicateWorkshop(request: DuplicateRequest): Promise<WorkshopOverview>;
  /**
   * Archives a workshop on this laptop (or brings it back); the list after.
   */
  setWorkshopArchived(workshopId: string, archived: boolean): Promise<WorkshopChoice[]>;
  /**
   * "Save as template": the system's save dialog, then the current workshop's structure as a
   * template file, written whole; the path written, or `None` when cancelled.
   */
  saveTemplate(suggested: string): Promise<string | null>;
  /**
   * The coordinator's Workshop settings; each edit below answers with them as they are after it.
   */
  workshopSettings(): Promise<WorkshopSettings>;
  /**
   * Edits the workshop's facts: title, dates, venue, organisers, objectives.
   */
  updateWorkshopFacts(facts: WorkshopFacts): Promise<WorkshopSettings>;
  /**
   * Adds a focus area.
   */
  addFocusArea(plan: FocusAreaPlan): Promise<WorkshopSettings>;
  /**
   * Edits a focus area.
   */
  updateFocusArea(id: string, plan: FocusAreaPlan): Promise<WorkshopSettings>;
  /**
   * Moves a focus area to a place in the list.
   */
  moveFocusArea(id: string, to: number): Promise<WorkshopSettings>;
  /**
   * Retires a focus area (its work kept), or brings it back.
   */
  retireFocusArea(id: string, retired: boolean): Promise<WorkshopSettings>;
  /**
   * Adds a guiding question.
   */
  addQuestion(text: Bilingual): Promise<WorkshopSettings>;
  /**
   * Edits a guiding question's wording.
   */
  updateQuestion(id: string, text: Bilingual): Promise<WorkshopSettings>;
  /**
   * Moves a guiding question to a place in the list.
   */
  moveQuestion(id: string, to: number): Promise<WorkshopSettings>;
  /**
   * Retires a guiding question (its notes kept), or brings it back.
   */
  retireQuestion(id: string, retired: boolean): Promise<WorkshopSettings>;
  /**
   * Adds a session to the agenda.
   */
  addSession(plan: AgendaPlan): Promise<WorkshopSettings>;
  /**
   * Edits an agenda session.
   */
  updateSession(id: string, plan: AgendaPlan): Promise<WorkshopSettings>;
  /**
   * Removes an agenda session, or brings it back.
   */
  removeSession(id: string, removed: boolean): Promise<WorkshopSettings>;
  /**
   * Adds a breakout group; the overview after it.
   */
  createGroup(draft: GroupDraft): Promise<WorkshopOverview>;
  /**
   * Edits a breakout group (its name, focus areas, facilitator and note-taker); the overview
   * after it.
   */
  updateGroup(id: string, draft: GroupDraft): Promise<WorkshopOverview>;
  /**
   * Edits an agenda item from the group screens; the overview after it.
   */
  updateAgendaItem(id: string, draft: AgendaDraft): Promise<WorkshopOverview>;
}

/** The commands, through Tauri's `invoke`. */
export const commands: Commands = {
  messages: (language) => invoke('messages', { language }),
  setLanguage: (language) => invoke('set_language', { language }),
  overview: () => invoke('overview'),
  bootstrap: () => invoke('bootstrap'),
  uiReady: (stage, sinceNavigationMs) => invoke('ui_ready', { stage, sinceNavigationMs }),
  backups: () => invoke('backups'),
  backupNow: () => invoke('backup_now'),
  restoreBackup: (file) => invoke('restore_backup', { file }),
  notesFor: (groupId, questionId) => invoke('notes_for', { groupId, questionId }),
  addNote: (note) => invoke('add_note', { note }),
  updateNote: (id, text, base) => invoke('update_note', { id, text, base: base ?? null }),
  deleteNote: (id) => invoke('delete_note', { id }),
  restoreNote: (id) => invoke('restore_note', { id }),
  trash: () => invoke('trash'),
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
  search: (query) => invoke('search', { query }),
  sources: (ids) => invoke('sources', { ids }),
  participants: () => invoke('participants'),
  addParticipant: (draft) => invoke('add_participant', { draft }),
  updateParticipant: (id, draft) => invoke('update_participant', { id, draft }),
  deleteParticipant: (id) => invoke('delete_participant', { id }),
  restoreParticipant: (id) => invoke('restore_participant', { id }),
  previewParticipants: (fileName, bytes) => invoke('preview_participants', { fileName, bytes }),
  importParticipants: (fileName, bytes, skipBad) => invoke('import_participants', { fileName, bytes, skipBad }),
  attendance: (day) => invoke('attendance', { day }),
  setAttendance: (participantId, day, present) => invoke('set_attendance', { participantId, day, present }),
  attachPicture: (target, file, caption) => invoke('attach_picture', { target, file, caption }),
  groupPictures: (groupId) => invoke('group_pictures', { groupId }),
  picturesInTrash: () => invoke('pictures_in_trash'),
  pictureData: (id) => invoke('picture_data', { id }),
  setPictureCaption: (id, caption) => invoke('set_picture_caption', { id, caption }),
  deletePicture: (id) => invoke('delete_picture', { id }),
  restorePicture: (id) => invoke('restore_picture', { id }),
  reportFolder: () => invoke('report_folder'),
  pickReportFile: (suggested, extension) => invoke('pick_report_file', { suggested, extension }),
  saveReport: (request) => invoke('save_report', { request }),
  openPath: (path) => invoke('open_path', { path }),
  revealPath: (path) => invoke('reveal_path', { path }),
  roomOpen: (offers) => invoke('room_open', { offers }),
  roomClose: () => invoke('room_close'),
  roomStatus: () => invoke('room_status'),
  pendingIdeas: (groupId, questionId) => invoke('pending_ideas', { groupId, questionId }),
  acceptIdea: (id, text, agendaItemId) => invoke('accept_idea', { id, text: text ?? null, agendaItemId: agendaItemId ?? null }),
  mergeIdea: (id, noteId) => invoke('merge_idea', { id, noteId }),
  rejectIdea: (id) => invoke('reject_idea', { id }),
  reconsiderIdea: (id) => invoke('reconsider_idea', { id }),
  roomResults: () => invoke('room_results'),
  surveyForms: () => invoke('survey_forms'),
  answerSurvey: (form, participantId, answers) => invoke('answer_survey', { form, participantId, answers }),
  surveyResults: (form) => invoke('survey_results', { form }),
  editSurveyForm: (form, edit) => invoke('edit_survey_form', { form, edit }),
  previewSurveyAnswers: (form, fileName, bytes) => invoke('preview_survey_answers', { form, fileName, bytes }),
  importSurveyAnswers: (form, fileName, bytes, skipBad) => invoke('import_survey_answers', { form, fileName, bytes, skipBad }),
  saveOfflineForm: (form, path) => invoke('save_offline_form', { form, path }),
  importResponseFiles: (form, files) => invoke('import_response_files', { form, files }),
  saveSurveyForm: (form, format, lang, path) => invoke('save_survey_form', { form, format, lang, path }),
  syncSettings: () => invoke('sync_settings'),
  setSyncSettings: (settings, create) => invoke('set_sync_settings', { settings, create: create ?? null }),
  syncStatus: () => invoke('sync_status'),
  syncNow: () => invoke('sync_now'),
  pickFolder: () => invoke('pick_folder'),
  pickExportFile: (suggested) => invoke('pick_export_file', { suggested }),
  pickImportFiles: () => invoke('pick_import_files'),
  exportWork: (path) => invoke('export_work', { path }),
  importFiles: (paths) => invoke('import_files', { paths }),
  conflicts: () => invoke('conflicts'),
  resolveConflict: (entity, entityId, field, json) => invoke('resolve_conflict', { entity, entityId, field, json }),
  workshops: () => invoke('workshops'),
  folderWorkshops: (folder) => invoke('folder_workshops', { folder }),
  switchWorkshop: (workshopId) => invoke('switch_workshop', { workshopId }),
  joinFolder: (folder, workshopId, passphrase) => invoke('join_folder', { folder, workshopId, passphrase: passphrase ?? null }),
  joinFile: (path, passphrase) => invoke('join_file', { path, passphrase: passphrase ?? null }),
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
  createGroup: (draft) => invoke('create_group', { draft }),
  updateGroup: (id, draft) => invoke('update_group', { id, draft }),
  updateAgendaItem: (id, draft) => invoke('update_agenda_item', { id, draft }),
};
