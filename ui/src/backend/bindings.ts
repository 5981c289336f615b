// Generated from the Rust types in crates/sala-core by `cargo xtask bindings`. Do not edit.

export type Bilingual = { en: string, lo: string, };

export type Language = "lo" | "en" | "mixed";

export type Workshop = { id: string, title: Bilingual, 
/**
 * ISO dates, `YYYY-MM-DD`.
 */
start_date: string, end_date: string, venue: Bilingual, organisers: Bilingual, 
/**
 * The template it was made from, by its id.
 */
template: string, is_demo: boolean, 
/**
 * What the workshop sets out to do (from the workshop file), in both languages.
 */
objectives: Array<Bilingual>, };

export type AgendaKind = "opening" | "plenary" | "breakout" | "report_back" | "next_steps" | "break" | "closing";

export type AgendaItem = { id: string, workshop_id: string, 
/**
 * 1 for the first day.
 */
day: number, position: number, kind: AgendaKind, title: Bilingual, 
/**
 * `HH:MM`, local time of the venue.
 */
starts_at: string, ends_at: string, room: string, deleted: boolean, };

export type FocusAreaKind = "pillar" | "element";

export type FocusArea = { id: string, workshop_id: string, kind: FocusAreaKind, 
/**
 * Short stable code from the template, e.g. `policy` or `data-security`.
 */
code: string, position: number, name: Bilingual, description: Bilingual, deleted: boolean, };

export type GuidingQuestion = { id: string, workshop_id: string, 
/**
 * 1-based, as printed in the concept note.
 */
number: number, text: Bilingual, deleted: boolean, };

export type Group = { id: string, workshop_id: string, name: string, position: number, focus_area_ids: Array<string>, facilitator: string, note_taker: string, deleted: boolean, };

export type Stakeholder = "government" | "private_sector" | "civil_society" | "academia" | "development_partner" | "international_expert";

export type Note = { id: string, workshop_id: string, group_id: string, question_id: string, agenda_item_id: string | null, text: string, lang: Language, stakeholder: Stakeholder | null, key_point: boolean, tags: Array<string>, translation: string | null, 
/**
 * The device that captured it.
 */
device_id: string, 
/**
 * Hybrid-logical-clock timestamps of creation and of the last change.
 */
created_hlc: string, updated_hlc: string, deleted: boolean, 
/**
 * The participant's idea it was made from (sent from a phone, accepted by the table):
 * shown as "from a participant".
 */
idea_id?: string, };

export type IdeaStatus = "pending" | "accepted" | "merged" | "rejected";

export type Idea = { id: string, workshop_id: string, group_id: string, question_id: string, 
/**
 * As the participant typed it.
 */
text: string, lang: Language, 
/**
 * The phone's anonymous id (made by the room's page; not a person).
 */
phone: string, 
/**
 * The table label of the laptop whose room received it.
 */
via: string, 
/**
 * When it arrived (hybrid logical clock): the queue's order.
 */
received_hlc: string, status: IdeaStatus, 
/**
 * The note it became or was merged into.
 */
note_id: string | null, deleted: boolean, };

export type PictureFormat = "jpeg" | "png";

export type Picture = { id: string, workshop_id: string, group_id: string, question_id: string | null, 
/**
 * The SWOT board (the group's board for this focus area).
 */
focus_area_id: string | null, note_id: string | null, 
/**
 * In Lao or English, as typed; searchable like notes.
 */
caption: string, 
/**
 * SHA-256 of the stored picture, lower-case hex: its name in the shared folder.
 */
content: string, format: PictureFormat, width: number, height: number, 
/**
 * The stored picture's size.
 */
bytes: number, 
/**
 * The laptop that added it (its table label is the picture's provenance).
 */
device: string, 
/**
 * When it was added (hybrid logical clock).
 */
added_hlc: string, deleted: boolean, };

export type PictureTarget = { group_id: string, question_id?: string, focus_area_id?: string, note_id?: string, };

export type PictureItem = { picture: Picture, 
/**
 * Its file is on this laptop (else it has not arrived from the shared folder yet).
 */
arrived: boolean, 
/**
 * The thumbnail as a `data:` address (JPEG), when it has arrived.
 */
thumbnail?: string, };

export type PictureFile = { name: string, base64: string, };

export type Quadrant = "strengths" | "weaknesses" | "opportunities" | "threats";

export type SwotCard = { id: string, workshop_id: string, group_id: string, focus_area_id: string, quadrant: Quadrant, text: string, stakeholder: Stakeholder | null, 
/**
 * Order within the quadrant (ties broken by id).
 */
position: number, 
/**
 * Cards clustered as duplicates share the id of the cluster's lead card; every card keeps
 * its own text.
 */
cluster_id: string | null, 
/**
 * The note it was made from, if any.
 */
source_note_id: string | null, deleted: boolean, 
/**
 * The session of the agenda it was made in.
 */
agenda_item_id: string | null, };

export type SwotBoard = { id: string, workshop_id: string, group_id: string, focus_area_id: string, 
/**
 * Dots each person may place on this board.
 */
vote_limit: number, deleted: boolean, };

export type SwotVote = { id: string, workshop_id: string, card_id: string, 
/**
 * Who voted: a name or initials the facilitator enters.
 */
voter: string, deleted: boolean, 
/**
 * The session of the agenda it was cast in.
 */
agenda_item_id: string | null, };

export type Horizon = "short" | "medium" | "long";

export type Priority = "high" | "medium" | "low";

export type ActionStatus = "proposed" | "agreed" | "in_progress" | "done";

export type Action = { id: string, workshop_id: string, title: string, description: string, focus_area_id: string | null, responsible: string, partners: string, start_date: string | null, due_date: string | null, horizon: Horizon | null, priority: Priority, status: ActionStatus, 
/**
 * The SWOT card or note it came from, if any.
 */
source_id: string | null, deleted: boolean, 
/**
 * The session of the agenda it was proposed in.
 */
agenda_item_id: string | null, };

export type Gender = "female" | "male" | "other" | "undisclosed";

export type Participant = { id: string, workshop_id: string, name: Bilingual, organisation: string, stakeholder: Stakeholder | null, gender: Gender, contact: string, 
/**
 * Consents to be named in reports.
 */
consent: boolean, group_id: string | null, deleted: boolean, };

export type Attendance = { id: string, workshop_id: string, participant_id: string, 
/**
 * 1 for the first day.
 */
day: number, present: boolean, deleted: boolean, };

export type UiLanguage = "en" | "lo";

export type WorkshopOverview = { workshop: Workshop, agenda: Array<AgendaItem>, focus_areas: Array<FocusArea>, questions: Array<GuidingQuestion>, groups: Array<Group>, };

export type NewNote = { group_id: string, question_id: string, text: string, 
/**
 * Detected from the text when absent.
 */
lang: Language | null, 
/**
 * The session of the agenda it is taken in (none: outside any session).
 */
agenda_item_id?: string, };

export type AppInfo = { device_id: string, data_dir: string, language: UiLanguage, version: string, };

export type NoteChange = { "field": "text", "value": string } | { "field": "lang", "value": Language } | { "field": "stakeholder", "value": Stakeholder | null } | { "field": "key_point", "value": boolean } | { "field": "tags", "value": Array<string> } | { "field": "translation", "value": string | null };

export type NewCard = { group_id: string, focus_area_id: string, quadrant: Quadrant, text: string, stakeholder: Stakeholder | null, source_note_id: string | null, 
/**
 * The session of the agenda it is made in.
 */
agenda_item_id?: string, };

export type CardView = { card: SwotCard, 
/**
 * Live votes on this card alone.
 */
votes: number, 
/**
 * Who voted, one entry per dot, sorted.
 */
voters: Array<string>, };

export type BoardView = { group_id: string, focus_area_id: string, vote_limit: number, cards: Array<CardView>, };

export type ActionDraft = { title: string, description: string, focus_area_id: string | null, responsible: string, partners: string, 
/**
 * `YYYY-MM-DD`.
 */
start_date: string | null, due_date: string | null, horizon: Horizon | null, priority: Priority, status: ActionStatus, 
/**
 * The SWOT card or note it came from.
 */
source_id: string | null, 
/**
 * The session of the agenda it is proposed in.
 */
agenda_item_id?: string, };

export type LaoIssue = "thai_character" | "zero_width" | "mark_order";

export type LaoCheck = { issues: Array<LaoIssue>, 
/**
 * The text with the accidents fixed (equal to the input when there is nothing to fix).
 */
fixed: string, };

export type SourceRef = { id: string, 
/**
 * `note` or `card`.
 */
kind: string, text: string, };

export type SearchQuery = { text: string, entity: string | null, group_id: string | null, question_id: string | null, focus_area_id: string | null, stakeholder: string | null, lang: string | null, key_points_only: boolean, 
/**
 * Only what this device (one table's laptop) created.
 */
device: string | null, 
/**
 * At most this many hits (0: 50).
 */
limit: number, };

export type ParticipantDraft = { name: Bilingual, organisation: string, stakeholder: Stakeholder | null, gender: Gender, contact: string, consent: boolean, group_id: string | null, };

export type GroupDraft = { name: string, 
/**
 * Focus areas by id, code or name.
 */
focus_areas: Array<string>, facilitator: string, note_taker: string, };

export type AgendaDraft = { 
/**
 * `HH:MM`.
 */
starts_at: string, ends_at: string, title: Bilingual, room: string, };

export type ImportProblem = { "kind": "missing_name" } | { "kind": "unknown_category", value: string, } | { "kind": "unknown_gender", value: string, } | { "kind": "unknown_group", value: string, } | { "kind": "duplicate", name: string, } | { "kind": "too_long", column: string, length: number, max: number, };

export type ImportRow = { 
/**
 * The row's line (CSV) or row number (XLSX), 1 being the header.
 */
line: number, draft: ParticipantDraft, problems: Array<ImportProblem>, };

export type ImportPreview = { rows: Array<ImportRow>, 
/**
 * Header names recognised, and those ignored.
 */
columns: Array<string>, ignored_columns: Array<string>, };

export type Snippet = { text: string, hit: boolean, };

export type SearchHit = { entity: string, id: string, group_id: string | null, question_id: string | null, focus_area_id: string | null, key_point: boolean, 
/**
 * Higher is better; for ordering only.
 */
score: number, snippets: Array<Snippet>, };

export type ErrorCode = "database_locked" | "database_corrupt" | "database_too_new" | "disk_full" | "read_only" | "storage" | "io" | "open_failed" | "no_workshop" | "unknown_group" | "unknown_question" | "unknown_note" | "not_found" | "empty_text" | "text_too_long" | "unknown_language" | "bad_template" | "invalid_argument" | "vote_limit_reached" | "empty_title" | "due_before_start" | "invalid_date" | "date_out_of_range" | "unknown_focus_area" | "cluster_mismatch" | "bad_import_file" | "import_has_problems" | "no_sync_folder" | "sync_folder_missing" | "sync_not_a_folder" | "sync_folder_unreachable" | "sync_folder_read_only" | "sync_file_torn" | "sync_file_corrupt" | "sync_future_format" | "sync_other_workshop" | "sync_conflict_copy" | "sync_no_workshop" | "survey_no_title" | "survey_no_questions" | "survey_question_no_text" | "survey_too_few_options" | "survey_option_no_label" | "survey_bad_scale" | "survey_answered_on_this_phone" | "backup_invalid" | "no_backup" | "sync_needs_key" | "sync_wrong_key" | "sync_file_tampered" | "sync_not_encrypted" | "passphrase_too_short" | "not_a_key_file" | "sync_bad_op" | "sync_impossible_time" | "sync_other_workshop_row" | "sync_busy" | "sync_file_too_large" | "sync_not_a_file" | "import_too_large" | "import_sheet_too_large" | "import_unclosed_quote" | "not_all_saved" | "no_workshop_key" | "template_has_problems" | "idea_already_moderated" | "idea_limit_reached" | "response_file_invalid" | "response_file_damaged" | "response_file_newer" | "response_file_other_workshop" | "response_file_other_form" | "picture_unsupported" | "picture_heic" | "picture_damaged" | "picture_too_large" | "picture_too_many_pixels" | "workshop_pictures_full" | "picture_not_arrived";

export type SalaError = { code: ErrorCode, params: { [key in string]: string }, };

export type Bootstrap = { language: UiLanguage, messages: { [key in string]: string }, 
/**
 * Absent when the store could not be opened; `error` says why.
 */
overview: WorkshopOverview | null, info: AppInfo | null, error: SalaError | null, };

export type PeerView = { device_id: string, 
/**
 * Its table label ("Table 3"), empty when it has none.
 */
label: string, 
/**
 * Wall-clock ms when its folder was last read.
 */
last_seen_ms: number, 
/**
 * How far ahead of this laptop's clock its timestamps were (0 when not noticeably).
 */
clock_ahead_ms: number, };

export type SyncProblem = { 
/**
 * The device folder and file name, e.g. `0190…/00000003.sala-ops`.
 */
file: string, error: SalaError, 
/**
 * How many passes have tried it.
 */
tries: number, 
/**
 * `false` for a file that is never applied (a conflict copy); `true` when it is retried.
 */
retried: boolean, };

export type SyncReport = { folder: string, 
/**
 * The folder could be read this time.
 */
reached: boolean, 
/**
 * Why not, when it could not (or could not be written).
 */
folder_error: SalaError | null, files_written: number, ops_sent: number, files_read: number, ops_received: number, 
/**
 * This device's changes not yet in the folder.
 */
waiting: number, conflicts: number, devices: Array<PeerView>, problems: Array<SyncProblem>, 
/**
 * Set when this laptop found another writing under its device id and took a new one.
 */
new_device_id: string | null, 
/**
 * Wall-clock ms of the last pass that reached the folder.
 */
last_sync_ms: number | null, 
/**
 * The pass stopped early to let other work in; more files are ready to read.
 */
more: boolean, 
/**
 * Files this laptop wrote to the folder before the workshop had a key: anyone with the
 * folder can still read them (`sala_sync::pass::withdraw_plain` removes them).
 */
plain_files: number, 
/**
 * The search index of a workshop that arrived in a big join is still being built (a
 * slice per pass): a search may miss some of it for a moment.
 */
indexing: boolean, 
/**
 * Pictures this pass wrote to the folder, fetched from it, and still waiting for (their
 * files not in the folder yet, or not whole yet) (issue 21).
 */
pictures_sent: number, pictures_received: number, pictures_waiting: number, };

export type JoinStep = "snapshot" | "reading" | "indexing";

export type JoinProgressView = { step: JoinStep, done: number, total: number, 
/**
 * About how many seconds are left (while reading, once a few files are read).
 */
seconds_left: number | null, };

export type RoomOffer = { "kind": "survey", key: string, } | { "kind": "ideas", group_id: string, question_id: string, } | { "kind": "vote", group_id: string, focus_area_id: string, } | { "kind": "pictures", group_id: string, };

export type RoomArrival = { "kind": "survey_answer", key: string, } | { "kind": "idea", group_id: string, question_id: string, } | { "kind": "vote", group_id: string, focus_area_id: string, } | { "kind": "picture", group_id: string, };

export type NamedFile = { name: string, bytes: Array<number>, };

export type RefusedFile = { file: string, error: SalaError, };

export type ResponseFilesImport = { 
/**
 * New responses.
 */
imported: number, 
/**
 * Files whose answers were already here (imported before, or saved twice).
 */
duplicates: number, 
/**
 * Files not taken, each with why.
 */
refused: Array<RefusedFile>, };

export type WordCount = { word: string, count: number, };

export type CardTally = { card_id: string, quadrant: Quadrant, text: string, votes: number, };

export type OfferResults = { "kind": "survey", key: string, results: SurveyResults, 
/**
 * How many of the responses came from phones.
 */
from_phones: number, } | { "kind": "ideas", group_id: string, question_id: string, received: number, waiting: number, accepted: number, words: Array<WordCount>, } | { "kind": "vote", group_id: string, focus_area_id: string, cards: Array<CardTally>, 
/**
 * How many voters (phones and people) placed dots.
 */
voters: number, } | { "kind": "pictures", group_id: string, pictures: number, };

export type RoomResults = { offers: Array<OfferResults>, };

export type RoomView = { open: boolean, 
/**
 * `http://ADDRESS:PORT/CODE/` — what the QR code holds.
 */
address: string, code: string, 
/**
 * What the room offers the phones now.
 */
offers: Array<RoomOffer>, 
/**
 * No local network was found: only this laptop can reach the room.
 */
local_only: boolean, 
/**
 * The address as a QR code, an SVG image.
 */
qr_svg: string, };

export type Withdrawn = { 
/**
 * Files removed.
 */
removed: number, 
/**
 * Where sync stands afterwards.
 */
report: SyncReport, };

export type WorkshopFacts = { title: Bilingual, start_date: string, end_date: string, venue: Bilingual, organisers: Bilingual, objectives: Array<Bilingual>, };

export type WorkshopSettings = { workshop: Workshop, 
/**
 * Pillars then elements, each in order; retired ones after.
 */
focus_areas: Array<FocusArea>, 
/**
 * Live questions by number, then retired ones.
 */
questions: Array<GuidingQuestion>, 
/**
 * By day and start time; removed ones are marked `deleted`.
 */
agenda: Array<AgendaItem>, 
/**
 * Pairs of agenda item ids whose times overlap on one day.
 */
overlaps: Array<[string, string]>, 
/**
 * How many days the workshop's dates span.
 */
days: number, };

export type DuplicateRequest = { title: Bilingual, start_date: string, end_date: string, };

export type TemplateSource = { "kind": "builtin" } | { "kind": "blank" } | { "kind": "file", text: string, };

export type GroupSpec = { name: string, 
/**
 * Focus-area codes of the template.
 */
focus_areas: Array<string>, facilitator: string, note_taker: string, };

export type FocusAreaPlan = { kind: FocusAreaKind, code: string, name: Bilingual, description: Bilingual, };

export type AgendaPlan = { 
/**
 * 1 for the first day.
 */
day: number, starts_at: string, ends_at: string, kind: AgendaKind, title: Bilingual, room: string, };

export type WorkshopDraft = { 
/**
 * The template it started from (its id).
 */
template: string, title: Bilingual, 
/**
 * `YYYY-MM-DD`; the number of days follows from them.
 */
start_date: string, end_date: string, venue: Bilingual, organisers: Bilingual, objectives: Array<Bilingual>, focus_areas: Array<FocusAreaPlan>, 
/**
 * The guiding questions, numbered in this order.
 */
questions: Array<Bilingual>, agenda: Array<AgendaPlan>, groups: Array<GroupSpec>, };

export type TemplateProblem = { "kind": "syntax", line: number | null, detail: string, } | { "kind": "format", found: number, known: number, } | { "kind": "no_name" } | { "kind": "no_days" } | { "kind": "focus_area_code", code: string, } | { "kind": "focus_area_name", code: string, } | { "kind": "question_text", number: number, } | { "kind": "question_order" } | { "kind": "agenda_day", day: number, days: number, } | { "kind": "agenda_times", starts_at: string, ends_at: string, } | { "kind": "agenda_title", day: number, starts_at: string, } | { "kind": "no_title" } | { "kind": "dates", start: string, end: string, } | { "kind": "group_name", name: string, } | { "kind": "group_focus_area", group: string, code: string, } | { "kind": "wrong_template", wanted: string, found: string, } | { "kind": "too_long", what: string, length: number, max: number, };

export type DraftFromTemplate = { draft: WorkshopDraft | null, problems: Array<TemplateProblem>, };

export type SyncSettings = { 
/**
 * The shared folder; empty when none is chosen.
 */
folder: string, label: string, };

export type ConflictValue = { 
/**
 * The op that wrote it.
 */
op_id: string, 
/**
 * The device that wrote it (its table label is in the sync status).
 */
device: string, 
/**
 * The value as text, for showing.
 */
text: string, 
/**
 * The value as JSON, for choosing it.
 */
json: string, 
/**
 * When it was written, by the writing device's clock.
 */
at_ms: number, };

export type ConflictView = { 
/**
 * `note`, `swot_card`, `action`, …
 */
entity: string, entity_id: string, field: string, 
/**
 * The item's own text or title, to recognise it by.
 */
context: string, 
/**
 * The group it belongs to, when it belongs to one.
 */
group_id: string | null, 
/**
 * The shown value first; for a text two laptops edited at once, each one's own version.
 */
values: Array<ConflictValue>, 
/**
 * For a text two laptops edited at once: the text shown, both edits merged in it, to be
 * checked and accepted (or one version kept instead).
 */
merged: string | null, };

export type WorkshopChoice = { workshop_id: string, title: Bilingual, start_date: string, end_date: string, 
/**
 * Already on this laptop.
 */
here: boolean, 
/**
 * The one this laptop works on now.
 */
current: boolean, 
/**
 * Put away on this laptop (hidden from the list, never deleted; it can be brought back).
 */
archived: boolean, };

export type TransferView = { files: number, ops: number, 
/**
 * Ops this laptop did not hold before (import).
 */
new_ops: number, };

export type MatrixCell = { group_id: string, focus_area_id: string, notes: number, cards: number, actions: number, 
/**
 * Pictures of the group's work there (a board's on its focus area; a question's, a note's
 * or the group's on every focus area of the group, as notes count) (issue 21).
 */
pictures: number, };

export type SessionFilter = { "kind": "any" } | { "kind": "outside" } | { "kind": "session", "id": string };

export type MatrixFilter = { device: string | null, session: SessionFilter, };

export type Matrix = { 
/**
 * Only cells with something in them.
 */
cells: Array<MatrixCell>, 
/**
 * The devices (tables) whose work is in the workshop, for the filter.
 */
devices: Array<string>, };

export type MatrixItems = { notes: Array<Note>, cards: Array<SwotCard>, actions: Array<Action>, pictures: Array<Picture>, };

export type Provenance = { id: string, created_by: string, 
/**
 * The creating op's hybrid-logical-clock timestamp.
 */
created_hlc: string, edited_by: string, edited_hlc: string, };

export type ReportKind = "summary" | "brief" | "actions" | "survey" | "participants";

export type ReportParts = { participation: boolean, groups: boolean, across: boolean, actions: boolean, annex: boolean, 
/**
 * The names and organisations of the participants who consented to be named (never
 * their contacts); off unless asked for.
 */
participant_list: boolean, 
/**
 * The surveys' results (before/after knowledge, the ratings, the choices).
 */
surveys: boolean, 
/**
 * The groups' work session by session of the agenda rather than group by group.
 */
by_session: boolean, 
/**
 * The pictures kept with the groups' work (flipcharts, whiteboards), with their captions
 * (issue 21).
 */
pictures: boolean, };

export type ReportRequest = { kind: ReportKind, format: string, lang: string, parts: ReportParts, path: string, 
/**
 * The survey form (kind, form id or a version's id) of a `Survey` export.
 */
form?: string, 
/**
 * No one's name or contact anywhere in it (`sala_report::anonymise`).
 */
anonymised?: boolean, 
/**
 * For an anonymised report: the person asking checked that no picture shows a face or a
 * name, so the pictures may stay in it (off: an anonymised report has no pictures).
 */
pictures_checked?: boolean, };

export type SavedReport = { path: string, bytes: number, };

export type SurveyKind = "pre" | "post" | "follow_up";

export type SurveyForm = { 
/**
 * This version's row.
 */
id: string, workshop_id: string, 
/**
 * The form every version of it shares.
 */
form_id: string, kind: SurveyKind, title: Bilingual, intro: Bilingual, 
/**
 * 1 for the first; an edit of a form that has answers makes the next.
 */
version: number, 
/**
 * No response is linked to a participant.
 */
anonymous: boolean, sections: Array<SurveySection>, deleted: boolean, };

export type SurveySection = { title: Bilingual, questions: Array<SurveyQuestion>, };

export type SurveyQuestion = { 
/**
 * Stable across versions (`knowledge.policy`, `usefulness.<agenda item id>`, `next_steps`).
 */
key: string, text: Bilingual, kind: QuestionKind, required: boolean, 
/**
 * The focus area (its code) a knowledge question is about.
 */
topic: string | null, };

export type QuestionKind = { "type": "rating", min: number, max: number, low: Bilingual, high: Bilingual, } | { "type": "single", options: Array<SurveyOption>, } | { "type": "multiple", options: Array<SurveyOption>, } | { "type": "short_text" } | { "type": "long_text" };

export type SurveyOption = { key: string, label: Bilingual, };

export type Answer = { "type": "rating", "value": number } | { "type": "choice", "value": string } | { "type": "choices", "value": Array<string> } | { "type": "text", "value": string };

export type AnswerProblem = { "problem": "required", key: string, } | { "problem": "out_of_range", key: string, value: number, min: number, max: number, } | { "problem": "unknown_option", key: string, option: string, } | { "problem": "wrong_kind", key: string, } | { "problem": "too_long", key: string, max: number, } | { "problem": "unknown_question", key: string, };

export type ImportedAnswers = { 
/**
 * The row's line in the file (the header is line 1).
 */
line: number, answers: { [key in string]: Answer }, problems: Array<AnswerProblem>, };

export type AnswersPreview = { rows: Array<ImportedAnswers>, ignored_columns: Array<string>, };

export type SurveyFormEdit = { title: Bilingual, intro: Bilingual, anonymous: boolean, sections: Array<SurveySection>, };

export type SurveyResponse = { id: string, workshop_id: string, 
/**
 * The form (every version of it shares this id), and the version answered: its number and
 * its row.
 */
form_id: string, form_version: number, version_id: string, 
/**
 * `None` when the form is anonymous or the person did not say.
 */
participant_id: string | null, 
/**
 * By question key.
 */
answers: { [key in string]: Answer }, 
/**
 * The device that took the answers.
 */
device_id: string, created_hlc: string, deleted: boolean, 
/**
 * Where the answers came from when not typed on a laptop: a participant's phone in the
 * room (issue 20). `None` for the kiosk, paper entry and imports. (Left out of a response's
 * op when `None`, so a Sala before it reads every response as before.)
 */
source?: ResponseSource, };

export type ResponseSource = { 
/**
 * The phone's anonymous id (random, kept by its browser): one response per form per phone.
 */
phone: string, 
/**
 * The table label of the laptop whose room took it ("phone, via Table 3").
 */
via: string, };

export type QuestionResult = { key: string, 
/**
 * How many responses answered it.
 */
answered: number, 
/**
 * The mean of a rating.
 */
mean: number | null, 
/**
 * (value or option key, count): every scale point or option in order, zeros included,
 * then values no longer on the form (answers to an older version), never dropped.
 */
distribution: Array<[string, number]>, 
/**
 * Text answers, oldest first.
 */
texts: Array<string>, };

export type KnowledgeChange = { 
/**
 * The focus area's code.
 */
topic: string, before: number | null, before_n: number, after: number | null, after_n: number, };

export type SurveyResults = { 
/**
 * The latest version (whose questions the results follow).
 */
form: SurveyForm, responses: number, 
/**
 * (version, responses), oldest version first.
 */
by_version: Array<[number, number]>, questions: Array<QuestionResult>, 
/**
 * Self-assessed knowledge per focus area, before (the pre-workshop form) and after (the
 * post-workshop form); empty for other forms.
 */
knowledge: Array<KnowledgeChange>, };

export type BackupReason = "auto" | "before_migration" | "before_restore" | "manual";

export type BackupInfo = { 
/**
 * Its file name (`sala-000042-20261128-011832-auto.db`: number, UTC time, reason) and
 * full path.
 */
file: string, path: string, 
/**
 * When it was made (UTC, ms since 1970), as its name says — by the laptop's clock then,
 * which may have been wrong: the list is in the order they were made.
 */
created_ms: number, reason: BackupReason, bytes: number, };

/** The limits Rust enforces (crates/sala-core/src/text.rs). */
export const LIMITS = {
  maxNoteChars: 20000,
  maxShortChars: 500,
  maxTableLabelChars: 60,
  defaultVoteLimit: 3,
} as const;
