//! The TypeScript declarations of every type that crosses to the UI, as one file.
//!
//! `ui/src/backend/bindings.ts` is this text, committed. The test `bindings_are_current` fails when
//! it is stale; `cargo xtask bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::api::{
    ActionDraft, AgendaDraft, AppInfo, BoardView, Bootstrap, CardTally, CardView, ConflictValue,
    ConflictView, DraftFromTemplate, DuplicateRequest, GroupDraft, ImportPreview, ImportProblem,
    ImportRow, JoinProgressView, JoinStep, LaoCheck, Matrix, MatrixCell, MatrixFilter, MatrixItems,
    NamedFile, NewCard, NewNote, NoteChange, OfferResults, ParticipantDraft, PeerView, PictureFile,
    PictureItem, PictureTarget, Provenance, RefusedFile, ReportKind, ReportParts, ReportRequest,
    ResponseFilesImport, RoomArrival, RoomOffer, RoomResults, RoomView, SavedReport, SearchHit,
    SearchQuery, SessionFilter, Snippet, SourceRef, SurveyResults, SyncProblem, SyncReport,
    SyncSettings, TemplateSource, TransferView, UiLanguage, Withdrawn, WordCount, WorkshopChoice,
    WorkshopFacts, WorkshopOverview, WorkshopSettings,
};
use crate::error::{ErrorCode, SalaError};
use crate::model::*;
use crate::template::{AgendaPlan, FocusAreaPlan, GroupSpec, TemplateProblem, WorkshopDraft};
use crate::text::LaoIssue;

fn decl<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

// Long by design: the list of every type the UI sees, one line each.
/// The file's whole text.
pub fn typescript() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from the Rust types in crates/sala-core by `cargo xtask bindings`. Do not edit.\n\n",
    );
    for d in [
        decl::<Bilingual>(&cfg),
        decl::<Language>(&cfg),
        decl::<Workshop>(&cfg),
        decl::<AgendaKind>(&cfg),
        decl::<AgendaItem>(&cfg),
        decl::<FocusAreaKind>(&cfg),
        decl::<FocusArea>(&cfg),
        decl::<GuidingQuestion>(&cfg),
        decl::<Group>(&cfg),
        decl::<Stakeholder>(&cfg),
        decl::<Note>(&cfg),
        decl::<IdeaStatus>(&cfg),
        decl::<Idea>(&cfg),
        decl::<PictureFormat>(&cfg),
        decl::<Picture>(&cfg),
        decl::<PictureTarget>(&cfg),
        decl::<PictureItem>(&cfg),
        decl::<PictureFile>(&cfg),
        decl::<Quadrant>(&cfg),
        decl::<SwotCard>(&cfg),
        decl::<SwotBoard>(&cfg),
        decl::<SwotVote>(&cfg),
        decl::<Horizon>(&cfg),
        decl::<Priority>(&cfg),
        decl::<ActionStatus>(&cfg),
        decl::<Action>(&cfg),
        decl::<Gender>(&cfg),
        decl::<Participant>(&cfg),
        decl::<Attendance>(&cfg),
        decl::<UiLanguage>(&cfg),
        decl::<WorkshopOverview>(&cfg),
        decl::<NewNote>(&cfg),
        decl::<AppInfo>(&cfg),
        decl::<NoteChange>(&cfg),
        decl::<NewCard>(&cfg),
        decl::<CardView>(&cfg),
        decl::<BoardView>(&cfg),
        decl::<ActionDraft>(&cfg),
        decl::<LaoIssue>(&cfg),
        decl::<LaoCheck>(&cfg),
        decl::<SourceRef>(&cfg),
        decl::<SearchQuery>(&cfg),
        decl::<ParticipantDraft>(&cfg),
        decl::<GroupDraft>(&cfg),
        decl::<AgendaDraft>(&cfg),
        decl::<ImportProblem>(&cfg),
        decl::<ImportRow>(&cfg),
        decl::<ImportPreview>(&cfg),
        decl::<Snippet>(&cfg),
        decl::<SearchHit>(&cfg),
        decl::<ErrorCode>(&cfg),
        decl::<SalaError>(&cfg),
        decl::<Bootstrap>(&cfg),
        decl::<PeerView>(&cfg),
        decl::<SyncProblem>(&cfg),
        decl::<SyncReport>(&cfg),
        decl::<JoinStep>(&cfg),
        decl::<JoinProgressView>(&cfg),
        decl::<RoomOffer>(&cfg),
        decl::<RoomArrival>(&cfg),
        decl::<NamedFile>(&cfg),
        decl::<RefusedFile>(&cfg),
        decl::<ResponseFilesImport>(&cfg),
        decl::<WordCount>(&cfg),
        decl::<CardTally>(&cfg),
        decl::<OfferResults>(&cfg),
        decl::<RoomResults>(&cfg),
        decl::<RoomView>(&cfg),
        decl::<Withdrawn>(&cfg),
        decl::<WorkshopFacts>(&cfg),
        decl::<WorkshopSettings>(&cfg),
        decl::<DuplicateRequest>(&cfg),
        decl::<TemplateSource>(&cfg),
        decl::<GroupSpec>(&cfg),
        decl::<FocusAreaPlan>(&cfg),
        decl::<AgendaPlan>(&cfg),
        decl::<WorkshopDraft>(&cfg),
        decl::<TemplateProblem>(&cfg),
        decl::<DraftFromTemplate>(&cfg),
        decl::<SyncSettings>(&cfg),
        decl::<ConflictValue>(&cfg),
        decl::<ConflictView>(&cfg),
        decl::<WorkshopChoice>(&cfg),
        decl::<TransferView>(&cfg),
        decl::<MatrixCell>(&cfg),
        decl::<SessionFilter>(&cfg),
        decl::<MatrixFilter>(&cfg),
        decl::<Matrix>(&cfg),
        decl::<MatrixItems>(&cfg),
        decl::<Provenance>(&cfg),
        decl::<ReportKind>(&cfg),
        decl::<ReportParts>(&cfg),
        decl::<ReportRequest>(&cfg),
        decl::<SavedReport>(&cfg),
        decl::<crate::survey::SurveyKind>(&cfg),
        decl::<crate::survey::SurveyForm>(&cfg),
        decl::<crate::survey::SurveySection>(&cfg),
        decl::<crate::survey::SurveyQuestion>(&cfg),
        decl::<crate::survey::QuestionKind>(&cfg),
        decl::<crate::survey::SurveyOption>(&cfg),
        decl::<crate::survey::Answer>(&cfg),
        decl::<crate::survey::AnswerProblem>(&cfg),
        decl::<crate::survey::ImportedAnswers>(&cfg),
        decl::<crate::survey::AnswersPreview>(&cfg),
        decl::<crate::survey::SurveyFormEdit>(&cfg),
        decl::<crate::survey::SurveyResponse>(&cfg),
        decl::<crate::survey::ResponseSource>(&cfg),
        decl::<crate::survey::QuestionResult>(&cfg),
        decl::<crate::survey::KnowledgeChange>(&cfg),
        decl::<SurveyResults>(&cfg),
        decl::<crate::api::BackupReason>(&cfg),
        decl::<crate::api::BackupInfo>(&cfg),
    ] {
        out.push_str(&d);
        out.push('\n');
    }
    out.push_str(&limits());
    out
}

/// The limits the core and the store enforce, for the UI and its in-memory backend (which must
/// refuse what Rust refuses, not a copy of the numbers).
fn limits() -> String {
    use crate::text::{DEFAULT_VOTE_LIMIT, MAX_NOTE_CHARS, MAX_SHORT_CHARS, MAX_TABLE_LABEL_CHARS};
    format!(
        "/** The limits Rust enforces (crates/sala-core/src/text.rs). */\n\
         export const LIMITS = {{\n  \
         maxNoteChars: {MAX_NOTE_CHARS},\n  \
         maxShortChars: {MAX_SHORT_CHARS},\n  \
         maxTableLabelChars: {MAX_TABLE_LABEL_CHARS},\n  \
         defaultVoteLimit: {DEFAULT_VOTE_LIMIT},\n\
         }} as const;\n"
    )
}
