//! The one error type that crosses every edge.
//!
//! Libraries return [`SalaError`]; it carries a stable [`ErrorCode`] and named parameters. The UI
//! and the CLI turn `error.<code>` from the locale files into a sentence in the user's language,
//! so no error text is ever built in Rust.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable, machine-readable error codes. Each has a key `error.<code>` in both locale files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The database is held by another Sala (or another program) and did not free up in time.
    DatabaseLocked,
    /// The database file is damaged or is not a Sala database.
    DatabaseCorrupt,
    /// The database was written by a newer Sala.
    DatabaseTooNew,
    /// The disk is full.
    DiskFull,
    /// The data folder or database cannot be written (read-only disk, permissions).
    ReadOnly,
    /// Any other storage failure; `detail` says what SQLite reported.
    Storage,
    /// A file or folder could not be read or written; `path` and `detail`.
    Io,
    /// A file was written but the system opened it in no program (no program for its kind);
    /// `path`, `detail`.
    OpenFailed,
    /// There is no workshop yet in this data folder.
    NoWorkshop,
    /// No group with that name or id; `group`.
    UnknownGroup,
    /// No guiding question with that number; `number`, `max`.
    UnknownQuestion,
    /// No note with that id; `id`.
    UnknownNote,
    /// No row with that id; `entity`, `id`.
    NotFound,
    /// A note is empty (only spaces).
    EmptyText,
    /// A text is longer than allowed; `length`, `max`.
    TextTooLong,
    /// A language code is not `lo`, `en` or `mixed`; `value`.
    UnknownLanguage,
    /// A template or demo file could not be read; `detail`.
    BadTemplate,
    /// An argument is not valid; `name`, `value`.
    InvalidArgument,
    /// This person has used all their dots on this board; `voter`, `limit`.
    VoteLimitReached,
    /// A title is empty.
    EmptyTitle,
    /// The due date is before the start date; `start`, `due`.
    DueBeforeStart,
    /// A date is not a real `YYYY-MM-DD` date; `value`.
    InvalidDate,
    /// A real date outside the years Sala accepts (2000–2100); `value`, `from`, `to`.
    DateOutOfRange,
    /// No focus area with that code, name or id; `focus`, `known`.
    UnknownFocusArea,
    /// Cards on different boards or quadrants cannot be clustered.
    ClusterMismatch,
    /// An import file cannot be read as a table; `detail`.
    BadImportFile,
    /// An import has rows with problems and was not told to skip them; `count`.
    ImportHasProblems,
    /// No shared folder is set for sync.
    NoSyncFolder,
    /// The folder chosen as the shared folder does not exist (yet); `folder`.
    SyncFolderMissing,
    /// The path chosen as the shared folder is a file; `folder`.
    SyncNotAFolder,
    /// The shared folder cannot be reached (unplugged, share gone); `folder`, `detail`.
    SyncFolderUnreachable,
    /// The shared folder cannot be written; `folder`, `detail`. Changes wait on this laptop.
    SyncFolderReadOnly,
    /// A sync file is shorter than its header says (still being copied?); `file`, `have`, and
    /// `need` (`?` when even the header is incomplete).
    SyncFileTorn,
    /// A sync file is damaged (bad header, checksum, or op); `file`, `detail`.
    SyncFileCorrupt,
    /// A sync file was written by a newer Sala; `file`, `found`, `known`.
    SyncFutureFormat,
    /// A sync file belongs to another workshop; `file`, `other`, `workshop`.
    SyncOtherWorkshop,
    /// A copy a sync program made of a sync file; never applied; `file`.
    SyncConflictCopy,
    /// The shared folder holds no workshop with that id, or none at all; `folder`, `workshop`.
    SyncNoWorkshop,
    /// A survey form has no title in either language.
    SurveyNoTitle,
    /// A survey form has no question.
    SurveyNoQuestions,
    /// A survey question has no text in either language; `number`.
    SurveyQuestionNoText,
    /// A choice question has fewer than two choices; `number`.
    SurveyTooFewOptions,
    /// A choice of a question has no label in either language; `number`.
    SurveyOptionNoLabel,
    /// A rating scale is not from 0 or 1 up to at most 10, with at least two points; `number`.
    SurveyBadScale,
    /// This phone has already answered this form (one response per phone per form); `form`.
    SurveyAnsweredOnThisPhone,
    /// A file is not a Sala database that can be restored; `file`, `detail`.
    BackupInvalid,
    /// There is no backup to restore.
    NoBackup,
    /// A sync file is encrypted and this laptop has not the workshop's key; `file`.
    SyncNeedsKey,
    /// A sync file is encrypted with another key than this laptop's; `file`.
    SyncWrongKey,
    /// An encrypted sync file was changed after it was written; `file`, `detail`.
    SyncFileTampered,
    /// A sync file was written without the workshop's key, which this laptop has; `file`.
    SyncNotEncrypted,
    /// A passphrase is shorter than `min` characters.
    PassphraseTooShort,
    /// A key file holds no age secret key (`AGE-SECRET-KEY-1…`).
    NotAKeyFile,
    /// A sync file holds a change this Sala cannot apply; `file`, `table`, `op`, `entity`,
    /// `detail`. The file is set aside and tried again; everything else goes on.
    SyncBadOp,
    /// A sync file carries a timestamp no real clock makes; `file`, `table`, `op`, `time`.
    SyncImpossibleTime,
    /// A sync file changes a row of another workshop; `file`, `table`, `op`, `entity`.
    SyncOtherWorkshopRow,
    /// Another sync pass is running on this data folder (the app, or a `sala` command).
    SyncBusy,
    /// A file in the shared folder (or to import) is larger than Sala reads; `file`, `size`
    /// and `max` (in MB).
    SyncFileTooLarge,
    /// An entry in the shared folder is not an ordinary file or folder (a link, a pipe, a
    /// device); `file`.
    SyncNotAFile,
    /// An import file is, or unpacks to, more than Sala reads; `max` (MB).
    ImportTooLarge,
    /// A sheet has content beyond the rows and columns Sala reads; `cell`, `rows`, `columns`.
    ImportSheetTooLarge,
    /// A CSV quotation mark is opened and never closed; `line`.
    ImportUnclosedQuote,
    /// Some lines of a batch were not saved (each was named as it failed); `count`, `lines`.
    NotAllSaved,
    /// The current workshop has no key on this laptop (and the action needs one).
    NoWorkshopKey,
    /// A template, workshop file or new workshop has problems, each listed; `count`.
    TemplateHasProblems,
    /// A participant's idea was already accepted, merged or rejected (perhaps on another
    /// laptop); `status`.
    IdeaAlreadyModerated,
    /// A phone sent the most ideas it may for one question; `max`.
    IdeaLimitReached,
    /// A file is not an answer file of Sala's offline form; `file`.
    ResponseFileInvalid,
    /// An answer file was changed or damaged after it was saved; `file`.
    ResponseFileDamaged,
    /// An answer file comes from a newer Sala's form; `file`.
    ResponseFileNewer,
    /// An answer file is for another workshop; `file`, `workshop`.
    ResponseFileOtherWorkshop,
    /// An answer file answers another form than the one being imported; `file`, `form`.
    ResponseFileOtherForm,
    /// A file given as a picture is not a JPEG or PNG picture; `file`.
    PictureUnsupported,
    /// A HEIC photo (an iPhone's own format), which Sala cannot read; `file`.
    PictureHeic,
    /// A picture file that cannot be read (damaged, cut short); `file`.
    PictureDamaged,
    /// A picture file bigger than Sala takes; `file`, `size` and `max` (megabytes).
    PictureTooLarge,
    /// A picture with more pixels than Sala decodes; `file`, `width`, `height`.
    PictureTooManyPixels,
    /// The workshop holds as many megabytes of pictures as it may; `max`.
    WorkshopPicturesFull,
    /// A picture whose file has not arrived from the shared folder yet; `caption`.
    PictureNotArrived,
}

impl ErrorCode {
    /// The locale key of this code's message.
    pub fn locale_key(self) -> String {
        let json = serde_json::to_value(self).unwrap_or_default();
        format!("error.{}", json.as_str().unwrap_or("storage"))
    }

    /// Every code, for the locale-parity test.
    pub const ALL: [ErrorCode; 79] = [
        ErrorCode::DatabaseLocked,
        ErrorCode::DatabaseCorrupt,
        ErrorCode::DatabaseTooNew,
        ErrorCode::DiskFull,
        ErrorCode::ReadOnly,
        ErrorCode::Storage,
        ErrorCode::Io,
        ErrorCode::OpenFailed,
        ErrorCode::NoWorkshop,
        ErrorCode::UnknownGroup,
        ErrorCode::UnknownQuestion,
        ErrorCode::UnknownNote,
        ErrorCode::NotFound,
        ErrorCode::EmptyText,
        ErrorCode::TextTooLong,
        ErrorCode::UnknownLanguage,
        ErrorCode::BadTemplate,
        ErrorCode::InvalidArgument,
        ErrorCode::VoteLimitReached,
        ErrorCode::EmptyTitle,
        ErrorCode::DueBeforeStart,
        ErrorCode::InvalidDate,
        ErrorCode::DateOutOfRange,
        ErrorCode::UnknownFocusArea,
        ErrorCode::ClusterMismatch,
        ErrorCode::BadImportFile,
        ErrorCode::ImportHasProblems,
        ErrorCode::NoSyncFolder,
        ErrorCode::SyncFolderMissing,
        ErrorCode::SyncNotAFolder,
        ErrorCode::SyncFolderUnreachable,
        ErrorCode::SyncFolderReadOnly,
        ErrorCode::SyncFileTorn,
        ErrorCode::SyncFileCorrupt,
        ErrorCode::SyncFutureFormat,
        ErrorCode::SyncOtherWorkshop,
        ErrorCode::SyncConflictCopy,
        ErrorCode::SyncNoWorkshop,
        ErrorCode::SurveyNoTitle,
        ErrorCode::SurveyNoQuestions,
        ErrorCode::SurveyQuestionNoText,
        ErrorCode::SurveyTooFewOptions,
        ErrorCode::SurveyOptionNoLabel,
        ErrorCode::SurveyBadScale,
        ErrorCode::SurveyAnsweredOnThisPhone,
        ErrorCode::BackupInvalid,
        ErrorCode::NoBackup,
        ErrorCode::SyncNeedsKey,
        ErrorCode::SyncWrongKey,
        ErrorCode::SyncFileTampered,
        ErrorCode::SyncNotEncrypted,
        ErrorCode::PassphraseTooShort,
        ErrorCode::NotAKeyFile,
        ErrorCode::SyncBadOp,
        ErrorCode::SyncImpossibleTime,
        ErrorCode::SyncOtherWorkshopRow,
        ErrorCode::SyncBusy,
        ErrorCode::SyncFileTooLarge,
        ErrorCode::SyncNotAFile,
        ErrorCode::ImportTooLarge,
        ErrorCode::ImportSheetTooLarge,
        ErrorCode::ImportUnclosedQuote,
        ErrorCode::NotAllSaved,
        ErrorCode::NoWorkshopKey,
        ErrorCode::TemplateHasProblems,
        ErrorCode::IdeaAlreadyModerated,
        ErrorCode::IdeaLimitReached,
        ErrorCode::ResponseFileInvalid,
        ErrorCode::ResponseFileDamaged,
        ErrorCode::ResponseFileNewer,
        ErrorCode::ResponseFileOtherWorkshop,
        ErrorCode::ResponseFileOtherForm,
        ErrorCode::PictureUnsupported,
        ErrorCode::PictureHeic,
        ErrorCode::PictureDamaged,
        ErrorCode::PictureTooLarge,
        ErrorCode::PictureTooManyPixels,
        ErrorCode::WorkshopPicturesFull,
        ErrorCode::PictureNotArrived,
    ];
}

/// A typed error with named parameters, serialised to the UI as `{ code, params }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{code:?} {params:?}")]
pub struct SalaError {
    pub code: ErrorCode,
    pub params: BTreeMap<String, String>,
}

impl SalaError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            params: BTreeMap::new(),
        }
    }

    /// Adds a named parameter, used as `%{name}` in the locale message.
    #[must_use]
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// Adds what the operating system said: `reason` (an [`IoReason`] code) and `detail` (its
    /// own words, in English). Where the error is shown, a known reason replaces `detail` with
    /// a translated phrase and adds what to do (see `sala_i18n::error_message`).
    #[must_use]
    pub fn with_io(self, e: &std::io::Error) -> Self {
        self.with("reason", IoReason::of(e).code())
            .with("detail", e)
    }

    /// A file or folder (`path`) that could not be used: [`ErrorCode::Io`] with the reason.
    pub fn io(path: impl std::fmt::Display, e: &std::io::Error) -> Self {
        Self::new(ErrorCode::Io).with("path", path).with_io(e)
    }
}

/// Why the operating system refused a file or folder, in terms a person can act on. Each but
/// `Other` has `io_reason.<code>` (what happened) and `io_advice.<code>` (what to do) in both
/// locale files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoReason {
    NotFound,
    PermissionDenied,
    ReadOnly,
    DiskFull,
    InUse,
    PathTooLong,
    NameNotAllowed,
    Other,
}

impl IoReason {
    pub const ALL: [IoReason; 8] = [
        IoReason::NotFound,
        IoReason::PermissionDenied,
        IoReason::ReadOnly,
        IoReason::DiskFull,
        IoReason::InUse,
        IoReason::PathTooLong,
        IoReason::NameNotAllowed,
        IoReason::Other,
    ];

    /// The reason of an I/O error, from its kind and, where the kind is too coarse, the OS code.
    pub fn of(e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::NotFound => Self::NotFound,
            K::PermissionDenied => Self::PermissionDenied,
            K::ReadOnlyFilesystem => Self::ReadOnly,
            K::StorageFull | K::QuotaExceeded => Self::DiskFull,
            K::ResourceBusy | K::ExecutableFileBusy => Self::InUse,
            K::InvalidFilename if is_too_long(e.raw_os_error()) => Self::PathTooLong,
            K::InvalidFilename => Self::NameNotAllowed,
            _ => Self::from_os_code(e.raw_os_error()),
        }
    }

    /// Codes Rust gives no kind of its own (Windows' sharing and lock violations).
    fn from_os_code(code: Option<i32>) -> Self {
        match code {
            #[cfg(windows)]
            Some(32 | 33) => Self::InUse, // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
            #[cfg(windows)]
            Some(206) => Self::PathTooLong, // ERROR_FILENAME_EXCED_RANGE
            #[cfg(windows)]
            Some(123) => Self::NameNotAllowed, // ERROR_INVALID_NAME
            _ => Self::Other,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::PermissionDenied => "permission_denied",
            Self::ReadOnly => "read_only",
            Self::DiskFull => "disk_full",
            Self::InUse => "in_use",
            Self::PathTooLong => "path_too_long",
            Self::NameNotAllowed => "name_not_allowed",
            Self::Other => "other",
        }
    }
}

/// ENAMETOOLONG (Linux 36, macOS and the BSDs 63) and Windows' ERROR_FILENAME_EXCED_RANGE.
fn is_too_long(code: Option<i32>) -> bool {
    matches!(code, Some(36)) && cfg!(target_os = "linux")
        || matches!(code, Some(63)) && cfg!(any(target_os = "macos", target_os = "freebsd"))
        || matches!(code, Some(206)) && cfg!(windows)
}

pub type Result<T, E = SalaError> = std::result::Result<T, E>;
