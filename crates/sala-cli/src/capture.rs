//! `sala card …`, `sala action …`, `sala search …` and `sala participant …`: the groups' SWOT cards,
//! the action plan, search across the workshop, and the participants (added, imported, listed,
//! exported).

use clap::{Subcommand, ValueEnum};
use sala_core::api::{ActionDraft, NewCard, UiLanguage};
use sala_core::model::{ActionStatus, Horizon, Priority, Quadrant, Stakeholder};
use sala_core::{ErrorCode, SalaError};
use sala_i18n::message;
use sala_store::Store;

use crate::out;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QuadrantArg {
    #[value(name = "s", alias = "strengths")]
    S,
    #[value(name = "w", alias = "weaknesses")]
    W,
    #[value(name = "o", alias = "opportunities")]
    O,
    #[value(name = "t", alias = "threats")]
    T,
}

impl From<QuadrantArg> for Quadrant {
    fn from(q: QuadrantArg) -> Self {
        match q {
            QuadrantArg::S => Quadrant::Strengths,
            QuadrantArg::W => Quadrant::Weaknesses,
            QuadrantArg::O => Quadrant::Opportunities,
            QuadrantArg::T => Quadrant::Threats,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StakeholderArg {
    Government,
    PrivateSector,
    CivilSociety,
    Academia,
    DevelopmentPartner,
    InternationalExpert,
}

impl From<StakeholderArg> for Stakeholder {
    fn from(s: StakeholderArg) -> Self {
        match s {
            StakeholderArg::Government => Stakeholder::Government,
            StakeholderArg::PrivateSector => Stakeholder::PrivateSector,
            StakeholderArg::CivilSociety => Stakeholder::CivilSociety,
            StakeholderArg::Academia => Stakeholder::Academia,
            StakeholderArg::DevelopmentPartner => Stakeholder::DevelopmentPartner,
            StakeholderArg::InternationalExpert => Stakeholder::InternationalExpert,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HorizonArg {
    Short,
    Medium,
    Long,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PriorityArg {
    High,
    Medium,
    Low,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Proposed,
    Agreed,
    InProgress,
    Done,
}

/// `sala card add`'s arguments.
#[derive(Debug, clap::Args)]
pub struct AddCard {
    #[arg(long)]
    pub group: String,
    /// Focus area: code (e.g. data-security), name or id.
    #[arg(long)]
    pub focus: String,
    #[arg(long)]
    pub quadrant: QuadrantArg,
    #[arg(long)]
    pub text: String,
    #[arg(long)]
    pub stakeholder: Option<StakeholderArg>,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Add a card to a group's board for a focus area.
    Add(AddCard),
    /// Cluster a card (and its cluster) into another's cluster; every text is kept.
    Cluster {
        /// The card that leads the cluster.
        lead: String,
        /// The card that joins it.
        other: String,
    },
    /// Move a card to the trash.
    Delete { id: String },
    /// Bring a card back from the trash.
    Restore { id: String },
    /// Place one dot on a card.
    Vote {
        /// The card's id.
        id: String,
        /// Who votes (default: the user name).
        #[arg(long)]
        voter: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GenderArg {
    Female,
    Male,
    Other,
    Undisclosed,
}

#[derive(Debug, Subcommand)]
pub enum ParticipantCommand {
    /// Add a participant.
    Add {
        #[arg(long, default_value = "")]
        name_lo: String,
        #[arg(long, default_value = "")]
        name_en: String,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long)]
        stakeholder: Option<StakeholderArg>,
        #[arg(long, default_value = "undisclosed")]
        gender: GenderArg,
        #[arg(long)]
        group: Option<String>,
        /// Consents to be named in reports.
        #[arg(long)]
        consent: bool,
    },
    /// Import a participant list (CSV or XLSX); shows every row's problems first.
    Import {
        file: std::path::PathBuf,
        /// Import the good rows even when others have problems.
        #[arg(long)]
        skip_bad: bool,
        /// Only show what would be imported.
        #[arg(long)]
        dry_run: bool,
    },
    /// List the participants in Lao alphabetical order.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Write the participant list — names, contacts, consent: personal data — as XLSX or CSV.
    Export {
        #[command(flatten)]
        to: crate::report::ActionsArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action to the plan.
    Add {
        #[arg(long)]
        title: String,
        /// Focus area: code, name or id.
        #[arg(long)]
        focus: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
        #[arg(long)]
        horizon: Option<HorizonArg>,
        #[arg(long, default_value = "medium")]
        priority: PriorityArg,
        #[arg(long, default_value = "proposed")]
        status: StatusArg,
        #[arg(long, default_value = "")]
        responsible: String,
        #[arg(long, default_value = "")]
        partners: String,
        #[arg(long, default_value = "")]
        description: String,
        /// The card or note it comes from (its id).
        #[arg(long, value_name = "ID")]
        from: Option<String>,
    },
}

fn quadrant_name(lang: UiLanguage, q: Quadrant) -> String {
    let key = match q {
        Quadrant::Strengths => "swot.quadrant.strengths",
        Quadrant::Weaknesses => "swot.quadrant.weaknesses",
        Quadrant::Opportunities => "swot.quadrant.opportunities",
        Quadrant::Threats => "swot.quadrant.threats",
    };
    message(lang, key, &[])
}

pub fn card(store: &mut Store, lang: UiLanguage, command: CardCommand) -> Result<(), SalaError> {
    match command {
        CardCommand::Add(args) => add_card(store, lang, args),
        CardCommand::Cluster { lead, other } => {
            let board = store.cluster_cards(&lead, &other)?;
            let key = board
                .cards
                .iter()
                .find(|c| c.card.id == lead)
                .and_then(|c| c.card.cluster_id.clone());
            let n = board
                .cards
                .iter()
                .filter(|c| key.is_some() && c.card.cluster_id == key)
                .count();
            out(&message(lang, "cli.clustered", &[("n", &n.to_string())]))
        }
        CardCommand::Delete { id } => {
            let c = store.delete_card(&id)?;
            out(&message(lang, "cli.card_deleted", &[("id", &c.id)]))
        }
        CardCommand::Restore { id } => {
            let c = store.restore_card(&id)?;
            out(&message(lang, "cli.card_restored", &[("id", &c.id)]))
        }
        CardCommand::Vote { id, voter } => {
            let voter = voter
                .or_else(|| std::env::var("USER").ok())
                .or_else(|| std::env::var("USERNAME").ok())
                .unwrap_or_else(|| "sala".into());
            let board = store.vote(&id, &voter)?;
            let votes = board
                .cards
                .iter()
                .find(|c| c.card.id == id)
                .map_or(0, |c| c.votes);
            let used = board
                .cards
                .iter()
                .flat_map(|c| &c.voters)
                .filter(|v| **v == voter.trim())
                .count();
            out(&message(
                lang,
                "cli.voted",
                &[
                    ("id", &id),
                    ("votes", &votes.to_string()),
                    ("voter", voter.trim()),
                    ("used", &used.to_string()),
                    ("limit", &board.vote_limit.to_string()),
                ],
            ))
        }
    }
}

/// `sala card add`: a card on a group's board for a focus area.
fn add_card(store: &mut Store, lang: UiLanguage, args: AddCard) -> Result<(), SalaError> {
    let AddCard {
        group,
        focus,
        quadrant,
        text,
        stakeholder,
    } = args;
    let g = store.find_group(&group)?;
    let f = store.focus_area(&focus)?;
    let card = store.add_card(&NewCard {
        group_id: g.id.clone(),
        focus_area_id: f.id.clone(),
        quadrant: quadrant.into(),
        text,
        stakeholder: stakeholder.map(Into::into),
        source_note_id: None,
        agenda_item_id: None,
    })?;
    let focus_name = f.name.in_lang(lang).to_owned();
    out(&message(
        lang,
        "cli.card_added",
        &[
            ("id", &card.id),
            ("quadrant", &quadrant_name(lang, card.quadrant)),
            ("group", &g.name),
            ("focus", &focus_name),
        ],
    ))
}

pub fn action(
    store: &mut Store,
    lang: UiLanguage,
    command: ActionCommand,
) -> Result<(), SalaError> {
    match command {
        ActionCommand::Add {
            title,
            focus,
            start,
            due,
            horizon,
            priority,
            status,
            responsible,
            partners,
            description,
            from,
        } => {
            let draft = ActionDraft {
                title,
                description,
                focus_area_id: focus,
                responsible,
                partners,
                start_date: start,
                due_date: due,
                horizon: horizon.map(|h| match h {
                    HorizonArg::Short => Horizon::Short,
                    HorizonArg::Medium => Horizon::Medium,
                    HorizonArg::Long => Horizon::Long,
                }),
                priority: match priority {
                    PriorityArg::High => Priority::High,
                    PriorityArg::Medium => Priority::Medium,
                    PriorityArg::Low => Priority::Low,
                },
                status: match status {
                    StatusArg::Proposed => ActionStatus::Proposed,
                    StatusArg::Agreed => ActionStatus::Agreed,
                    StatusArg::InProgress => ActionStatus::InProgress,
                    StatusArg::Done => ActionStatus::Done,
                },
                source_id: from,
                agenda_item_id: None,
            };
            let a = store.add_action(&draft)?;
            out(&message(
                lang,
                "cli.action_added",
                &[("id", &a.id), ("title", &a.title)],
            ))
        }
    }
}

pub fn search(
    store: &Store,
    lang: UiLanguage,
    query: &str,
    group: Option<&str>,
    json: bool,
) -> Result<(), SalaError> {
    let group_id = group
        .map(|g| store.find_group(g))
        .transpose()?
        .map(|g| g.id);
    let hits = store.search(&sala_core::api::SearchQuery {
        text: query.to_owned(),
        group_id,
        ..Default::default()
    })?;
    if json {
        let text = serde_json::to_string_pretty(&hits).map_err(|e| {
            SalaError::new(sala_core::ErrorCode::Storage).with("detail", e.to_string())
        })?;
        return out(&text);
    }
    if hits.is_empty() {
        return out(&message(lang, "cli.no_hits", &[("query", query)]));
    }
    let ov = store.overview()?;
    for h in hits {
        let kind = message(lang, &format!("search.kind.{}", h.entity), &[]);
        let group = h
            .group_id
            .as_ref()
            .and_then(|g| ov.groups.iter().find(|x| &x.id == g))
            .map(|g| format!(" · {}", message(lang, "group.label", &[("name", &g.name)])))
            .unwrap_or_default();
        let text: String = h
            .snippets
            .iter()
            .map(|s| {
                if s.hit {
                    format!("«{}»", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect();
        out(&format!("{} [{kind}{group}] {text}", h.id))?;
    }
    Ok(())
}

pub fn participant(
    store: &mut Store,
    lang: UiLanguage,
    command: ParticipantCommand,
) -> Result<(), SalaError> {
    match command {
        ParticipantCommand::Export { to } => crate::report::write(
            store,
            lang,
            sala_core::api::ReportKind::Participants,
            to.format.as_deref(),
            &to.to,
            sala_core::api::ReportParts::default(),
            None,
        ),
        ParticipantCommand::Add {
            name_lo,
            name_en,
            organisation,
            stakeholder,
            gender,
            group,
            consent,
        } => {
            let p = store.add_participant(&sala_core::api::ParticipantDraft {
                name: sala_core::model::Bilingual {
                    en: name_en,
                    lo: name_lo,
                },
                organisation,
                stakeholder: stakeholder.map(Into::into),
                gender: match gender {
                    GenderArg::Female => sala_core::model::Gender::Female,
                    GenderArg::Male => sala_core::model::Gender::Male,
                    GenderArg::Other => sala_core::model::Gender::Other,
                    GenderArg::Undisclosed => sala_core::model::Gender::Undisclosed,
                },
                contact: String::new(),
                consent,
                group_id: group,
            })?;
            let name = if p.name.lo.is_empty() {
                &p.name.en
            } else {
                &p.name.lo
            };
            out(&message(
                lang,
                "cli.participant_added",
                &[("id", &p.id), ("name", name)],
            ))
        }
        ParticipantCommand::Import {
            file,
            skip_bad,
            dry_run,
        } => import_participants(store, lang, &file, skip_bad, dry_run),
        ParticipantCommand::List { json } => list_participants(store, json),
    }
}

/// `sala participant import FILE [--dry-run] [--skip-bad]`: the preview, then the import.
fn import_participants(
    store: &mut Store,
    lang: UiLanguage,
    file: &std::path::Path,
    skip_bad: bool,
    dry_run: bool,
) -> Result<(), SalaError> {
    let (name, bytes) = read_input(file)?;
    let preview = store.preview_participants(&name, &bytes)?;
    show_preview(
        lang,
        preview.rows.len(),
        preview.rows.iter().map(|r| {
            let problems = r.problems.iter().map(|p| problem_text(lang, p)).collect();
            (r.line, problems)
        }),
    )?;
    if dry_run {
        return Ok(());
    }
    let n = store.import_participants(&name, &bytes, skip_bad)?;
    out(&message(lang, "import.imported", &[("n", &n.to_string())]))
}

/// `sala participant list [--json]`: each with both names and organisation.
fn list_participants(store: &Store, json: bool) -> Result<(), SalaError> {
    let people = store.participants()?;
    if json {
        let text = serde_json::to_string_pretty(&people).map_err(|e| {
            SalaError::new(sala_core::ErrorCode::Storage).with("detail", e.to_string())
        })?;
        return out(&text);
    }
    for p in people {
        let names = [p.name.lo.as_str(), p.name.en.as_str()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        out(&format!("{} {names} · {}", p.id, p.organisation))?;
    }
    Ok(())
}

/// One import problem as a sentence.
pub fn problem_text(lang: UiLanguage, p: &sala_core::api::ImportProblem) -> String {
    use sala_core::api::ImportProblem as P;
    match p {
        P::MissingName => message(lang, "import.problem.missing_name", &[]),
        P::UnknownCategory { value } => {
            message(lang, "import.problem.unknown_category", &[("value", value)])
        }
        P::UnknownGender { value } => {
            message(lang, "import.problem.unknown_gender", &[("value", value)])
        }
        P::UnknownGroup { value } => {
            message(lang, "import.problem.unknown_group", &[("value", value)])
        }
        P::Duplicate { name } => message(lang, "import.problem.duplicate", &[("name", name)]),
        P::TooLong {
            column,
            length,
            max,
        } => message(
            lang,
            "import.problem.too_long",
            &[
                ("column", column),
                ("length", &length.to_string()),
                ("max", &max.to_string()),
            ],
        ),
    }
}

/// A file to import: its name (which says CSV or XLSX) and its bytes — no more than an import
/// reads ([`sala_store::sheet::MAX_IMPORT_BYTES`]), so a huge file is refused unread.
pub(crate) fn read_input(file: &std::path::Path) -> Result<(String, Vec<u8>), SalaError> {
    let bytes = read_user_file(file, sala_store::sheet::MAX_IMPORT_BYTES as u64)?;
    sala_store::sheet::check_size(&bytes)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// A file named on the command line, read whole when it is an ordinary file (a link to one is
/// followed: the user named it) of at most `max` bytes; more is not read (the caller refuses
/// it), and a pipe or a device is refused rather than waited on.
pub(crate) fn read_user_file(file: &std::path::Path, max: u64) -> Result<Vec<u8>, SalaError> {
    use std::io::Read;
    let io = |e: std::io::Error| SalaError::io(file.display(), &e);
    if !std::fs::metadata(file).map_err(io)?.is_file() {
        return Err(SalaError::new(ErrorCode::SyncNotAFile).with("file", file.display()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .map_err(io)?
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// An import's preview: every row's problems on standard error, then how many rows and how
/// many with problems.
pub(crate) fn show_preview(
    lang: UiLanguage,
    total: usize,
    rows: impl Iterator<Item = (u32, Vec<String>)>,
) -> Result<(), SalaError> {
    let mut bad = 0;
    for (line, problems) in rows.filter(|(_, p)| !p.is_empty()) {
        bad += 1;
        crate::err_out(&format!(
            "{}: {}",
            message(lang, "import.line", &[("n", &line.to_string())]),
            problems.join("; ")
        ));
    }
    out(&message(
        lang,
        "import.rows",
        &[("n", &total.to_string()), ("bad", &bad.to_string())],
    ))
}
