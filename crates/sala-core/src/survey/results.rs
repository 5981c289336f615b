//! The results arithmetic: each question's counts, mean and distribution over every version of
//! a form (matched by question key), and self-assessed knowledge before and after.

use super::*;

/// The results of one question over the responses counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuestionResult {
    pub key: String,
    /// How many responses answered it.
    pub answered: u32,
    /// The mean of a rating.
    pub mean: Option<f64>,
    /// (value or option key, count): every scale point or option in order, zeros included,
    /// then values no longer on the form (answers to an older version), never dropped.
    pub distribution: Vec<(String, u32)>,
    /// Text answers, oldest first.
    pub texts: Vec<String>,
}

/// The results of a form's latest version over `responses` (those of any version of it):
/// answers are matched by question key. Each response counts once, whatever its order or how
/// often it appears; trashed responses do not count.
pub fn results(form: &SurveyForm, responses: &[SurveyResponse]) -> Vec<QuestionResult> {
    // Once each, in a fixed order: by creation, then id.
    let mut live: Vec<&SurveyResponse> = responses
        .iter()
        .filter(|r| !r.deleted && r.form_id == form.form_id)
        .collect();
    live.sort_by(|a, b| (&a.created_hlc, &a.id).cmp(&(&b.created_hlc, &b.id)));
    live.dedup_by(|a, b| a.id == b.id);
    form.questions()
        .map(|q| {
            let answers: Vec<&Answer> = live
                .iter()
                .filter_map(|r| r.answers.get(&q.key))
                .filter(|a| !is_blank(a))
                .collect();
            let mut counts: BTreeMap<String, u32> = BTreeMap::new();
            let mut texts = Vec::new();
            let mut ratings = Vec::new();
            for a in &answers {
                match a {
                    Answer::Rating(v) => {
                        ratings.push(f64::from(*v));
                        *counts.entry(v.to_string()).or_default() += 1;
                    }
                    Answer::Choice(o) => *counts.entry(o.clone()).or_default() += 1,
                    Answer::Choices(os) => {
                        let mut os = os.clone();
                        os.sort();
                        os.dedup();
                        for o in os {
                            *counts.entry(o).or_default() += 1;
                        }
                    }
                    Answer::Text(t) => texts.push(t.trim().to_owned()),
                }
            }
            let order: Vec<String> = match &q.kind {
                QuestionKind::Rating { min, max, .. } => {
                    (*min..=*max).map(|v| v.to_string()).collect()
                }
                QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                    options.iter().map(|o| o.key.clone()).collect()
                }
                QuestionKind::ShortText | QuestionKind::LongText => Vec::new(),
            };
            let mut distribution: Vec<(String, u32)> = order
                .iter()
                .map(|k| (k.clone(), counts.remove(k).unwrap_or(0)))
                .collect();
            distribution.extend(counts);
            QuestionResult {
                key: q.key.clone(),
                answered: answers.len() as u32,
                mean: (!ratings.is_empty())
                    .then(|| ratings.iter().sum::<f64>() / ratings.len() as f64),
                distribution,
                texts,
            }
        })
        .collect()
}

/// Self-assessed knowledge of one focus area before and after the workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KnowledgeChange {
    /// The focus area's code.
    pub topic: String,
    pub before: Option<f64>,
    pub before_n: u32,
    pub after: Option<f64>,
    pub after_n: u32,
}

/// The rating questions of `pre` and `post` about the same focus area, side by side, in the
/// order of the pre-workshop form (then topics only the post-workshop form asks about).
pub fn knowledge_change(
    pre: &SurveyForm,
    pre_responses: &[SurveyResponse],
    post: &SurveyForm,
    post_responses: &[SurveyResponse],
) -> Vec<KnowledgeChange> {
    let by_topic =
        |form: &SurveyForm, responses: &[SurveyResponse]| -> Vec<(String, Option<f64>, u32)> {
            let results = results(form, responses);
            form.questions()
                .zip(results)
                .filter(|(q, _)| matches!(q.kind, QuestionKind::Rating { .. }))
                .filter_map(|(q, r)| Some((q.topic.clone()?, r.mean, r.answered)))
                .collect()
        };
    let before = by_topic(pre, pre_responses);
    let after = by_topic(post, post_responses);
    let mut out: Vec<KnowledgeChange> = before
        .iter()
        .map(|(topic, mean, n)| {
            let a = after.iter().find(|(t, _, _)| t == topic);
            KnowledgeChange {
                topic: topic.clone(),
                before: *mean,
                before_n: *n,
                after: a.and_then(|x| x.1),
                after_n: a.map_or(0, |x| x.2),
            }
        })
        .collect();
    for (topic, mean, n) in &after {
        if !out.iter().any(|c| &c.topic == topic) {
            out.push(KnowledgeChange {
                topic: topic.clone(),
                before: None,
                before_n: 0,
                after: *mean,
                after_n: *n,
            });
        }
    }
    out
}

// ---- The built-in forms ------------------------------------------------------------------
