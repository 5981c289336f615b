//! The data-governance workshop's three built-in forms, from `templates/surveys.toml` and the
//! workshop's own focus areas and agenda.

use super::*;

const BUILTIN_SURVEYS: &str = include_str!("../../../../templates/surveys.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveysFile {
    format: u32,
    forms: Vec<FormSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormSpec {
    kind: SurveyKind,
    title: Bilingual,
    intro: Bilingual,
    #[serde(default)]
    anonymous: bool,
    sections: Vec<SectionSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionSpec {
    title: Bilingual,
    /// One rating question per pillar and element of the workshop, `{name}` in `each.text`.
    #[serde(default)]
    each_focus_area: Option<EachSpec>,
    /// One rating question per session of the agenda (plenaries and breakouts).
    #[serde(default)]
    each_session: Option<EachSpec>,
    #[serde(default)]
    questions: Vec<QuestionSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EachSpec {
    key: String,
    text: Bilingual,
    scale: ScaleSpec,
    #[serde(default)]
    required: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleSpec {
    min: u8,
    max: u8,
    low: Bilingual,
    high: Bilingual,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionSpec {
    key: String,
    text: Bilingual,
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    options: Vec<SurveyOption>,
    #[serde(default)]
    scale: Option<ScaleSpec>,
}

/// One generated rating question: its key suffix, the name put in its text, its topic.
type Generated<'a> = (&'a str, &'a Bilingual, Option<&'a str>);

fn bad(detail: impl Into<String>) -> SalaError {
    SalaError::new(ErrorCode::BadTemplate).with("detail", detail.into())
}

fn fill(text: &Bilingual, name: &Bilingual) -> Bilingual {
    Bilingual {
        en: text.en.replace("{name}", &name.en),
        lo: text.lo.replace("{name}", &name.lo),
    }
}

fn rating(s: &ScaleSpec) -> Result<QuestionKind, SalaError> {
    if s.min >= s.max {
        return Err(bad(format!("a scale from {} to {} is empty", s.min, s.max)));
    }
    Ok(QuestionKind::Rating {
        min: s.min,
        max: s.max,
        low: s.low.clone(),
        high: s.high.clone(),
    })
}

/// A form of the workshop, without its id: the store gives it one.
#[derive(Debug, Clone, PartialEq)]
pub struct NewForm {
    pub kind: SurveyKind,
    pub title: Bilingual,
    pub intro: Bilingual,
    pub anonymous: bool,
    pub sections: Vec<SurveySection>,
}

/// The three built-in forms for a workshop with these focus areas (pillars first, then
/// elements, in their order) and this agenda (its plenary and breakout sessions).
pub fn builtin_forms(
    focus_areas: &[FocusArea],
    agenda: &[AgendaItem],
) -> Result<Vec<NewForm>, SalaError> {
    parse_forms(BUILTIN_SURVEYS, focus_areas, agenda)
}

/// Forms from a surveys file (format 1, see `templates/surveys.toml`), checked.
pub fn parse_forms(
    source: &str,
    focus_areas: &[FocusArea],
    agenda: &[AgendaItem],
) -> Result<Vec<NewForm>, SalaError> {
    let file: SurveysFile = toml::from_str(source).map_err(|e| bad(e.to_string()))?;
    if file.format != 1 {
        return Err(bad(format!(
            "surveys format {} is not supported (expected 1)",
            file.format
        )));
    }
    let mut areas: Vec<&FocusArea> = focus_areas.iter().filter(|f| !f.deleted).collect();
    areas.sort_by_key(|f| {
        (
            match f.kind {
                FocusAreaKind::Pillar => 0,
                FocusAreaKind::Element => 1,
            },
            f.position,
        )
    });
    let mut sessions: Vec<&AgendaItem> = agenda
        .iter()
        .filter(|a| !a.deleted && matches!(a.kind, AgendaKind::Plenary | AgendaKind::Breakout))
        .collect();
    sessions
        .sort_by(|a, b| (a.day, &a.starts_at, a.position).cmp(&(b.day, &b.starts_at, b.position)));
    let mut forms = Vec::new();
    for f in file.forms {
        let sections = f
            .sections
            .into_iter()
            .map(|s| section(s, &areas, &sessions))
            .collect::<Result<Vec<_>, _>>()?;
        let mut keys: Vec<&str> = sections
            .iter()
            .flat_map(|s| s.questions.iter().map(|q| q.key.as_str()))
            .collect();
        keys.sort_unstable();
        if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            return Err(bad(format!("question key {} is used twice", w[0])));
        }
        forms.push(NewForm {
            kind: f.kind,
            title: f.title,
            intro: f.intro,
            anonymous: f.anonymous,
            sections,
        });
    }
    Ok(forms)
}

/// One section of a form: its generated questions (one per focus area, one per session), then
/// its own.
fn section(
    s: SectionSpec,
    areas: &[&FocusArea],
    sessions: &[&AgendaItem],
) -> Result<SurveySection, SalaError> {
    let mut questions = Vec::new();
    let each: Vec<(&EachSpec, Vec<Generated<'_>>)> = [
        s.each_focus_area.as_ref().map(|e| {
            let of = areas
                .iter()
                .map(|a| (a.code.as_str(), &a.name, Some(a.code.as_str())));
            (e, of.collect())
        }),
        s.each_session.as_ref().map(|e| {
            let of = sessions.iter().map(|i| (i.id.as_str(), &i.title, None));
            (e, of.collect())
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (e, of) in each {
        for (suffix, name, topic) in of {
            questions.push(SurveyQuestion {
                key: format!("{}.{suffix}", e.key),
                text: fill(&e.text, name),
                kind: rating(&e.scale)?,
                required: e.required,
                topic: topic.map(str::to_owned),
            });
        }
    }
    for q in s.questions {
        questions.push(question(q)?);
    }
    Ok(SurveySection {
        title: s.title,
        questions,
    })
}

/// A question as the file writes it.
fn question(q: QuestionSpec) -> Result<SurveyQuestion, SalaError> {
    let kind = match q.kind.as_str() {
        "single" => QuestionKind::Single { options: q.options },
        "multiple" => QuestionKind::Multiple { options: q.options },
        "short_text" => QuestionKind::ShortText,
        "long_text" => QuestionKind::LongText,
        "rating" => rating(
            q.scale
                .as_ref()
                .ok_or_else(|| bad(format!("{}: a rating needs a scale", q.key)))?,
        )?,
        other => return Err(bad(format!("{}: unknown question kind {other}", q.key))),
    };
    Ok(SurveyQuestion {
        key: q.key,
        text: q.text,
        kind,
        required: q.required,
        topic: None,
    })
}
