//! Surveys as data: the built-in forms made for a workshop, what a response may hold, and the
//! results arithmetic on known answers.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use sala_core::model::{AgendaItem, AgendaKind, Bilingual, FocusArea};
use sala_core::survey::{
    Answer, AnswerProblem, KnowledgeChange, QuestionKind, SurveyForm, SurveyKind, SurveyOption,
    SurveyQuestion, SurveyResponse, SurveySection, builtin_forms, check_answers, knowledge_change,
    results,
};
use sala_core::template::Template;

/// The built-in template's focus areas and agenda as a workshop's rows.
fn workshop_rows() -> (Vec<FocusArea>, Vec<AgendaItem>) {
    let t = Template::builtin();
    let areas = t
        .focus_areas
        .iter()
        .enumerate()
        .map(|(i, f)| FocusArea {
            id: format!("fa-{i}"),
            workshop_id: "w".into(),
            kind: f.kind,
            code: f.code.clone(),
            position: i as u32,
            name: f.name.clone(),
            description: f.description.clone(),
            deleted: false,
        })
        .collect();
    let agenda = t
        .agenda
        .iter()
        .enumerate()
        .map(|(i, a)| AgendaItem {
            id: format!("item-{i}"),
            workshop_id: "w".into(),
            day: a.day,
            position: i as u32,
            kind: a.kind,
            title: a.title.clone(),
            starts_at: a.starts_at.clone(),
            ends_at: a.ends_at.clone(),
            room: a.room.clone(),
            deleted: false,
        })
        .collect();
    (areas, agenda)
}

#[test]
fn the_built_in_forms_ask_about_every_pillar_and_element_and_every_session() {
    let (areas, agenda) = workshop_rows();
    let forms = builtin_forms(&areas, &agenda).unwrap();
    let kinds: Vec<SurveyKind> = forms.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [SurveyKind::Pre, SurveyKind::Post, SurveyKind::FollowUp]
    );
    for f in &forms[..2] {
        let topics: Vec<&str> = f.sections[0]
            .questions
            .iter()
            .filter_map(|q| q.topic.as_deref())
            .collect();
        let codes: Vec<&str> = areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(topics, codes, "4 pillars then 6 elements, in order");
    }
    let pre = &forms[0].sections[0].questions[0];
    assert_eq!(pre.key, "knowledge.policy");
    assert_eq!(pre.text.lo, "ທ່ານຮູ້ກ່ຽວກັບ “ນະໂຍບາຍ” ຫຼາຍປານໃດ?");
    assert!(matches!(pre.kind, QuestionKind::Rating { min: 1, max: 5, .. }) && pre.required);
    // One usefulness question per plenary and breakout session (not for breaks or the opening).
    let sessions = agenda
        .iter()
        .filter(|a| matches!(a.kind, AgendaKind::Plenary | AgendaKind::Breakout))
        .count();
    let usefulness = forms[1].questions_count_with_prefix("usefulness.");
    assert_eq!(usefulness, sessions);
    assert!(sessions >= 2);
    for f in &forms {
        for s in &f.sections {
            for q in &s.questions {
                assert!(
                    !q.text.en.contains("{name}") && !q.text.lo.contains("{name}"),
                    "{}",
                    q.key
                );
                assert!(
                    !q.text.lo.trim().is_empty() && !q.text.en.trim().is_empty(),
                    "{}",
                    q.key
                );
            }
        }
    }
}

trait Count {
    fn questions_count_with_prefix(&self, prefix: &str) -> usize;
}

impl Count for sala_core::survey::NewForm {
    fn questions_count_with_prefix(&self, prefix: &str) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.questions)
            .filter(|q| q.key.starts_with(prefix))
            .count()
    }
}

fn b(s: &str) -> Bilingual {
    Bilingual::new(s, s)
}

/// A small form: a required 1–5 rating, a single and a multiple choice, a short and a long text.
fn form(version: u32) -> SurveyForm {
    let options = |keys: &[&str]| {
        keys.iter()
            .map(|k| SurveyOption {
                key: (*k).into(),
                label: b(k),
            })
            .collect()
    };
    let q = |key: &str, kind, required| SurveyQuestion {
        key: key.into(),
        text: b(key),
        kind,
        required,
        topic: None,
    };
    SurveyForm {
        id: format!("form.v{version}"),
        workshop_id: "w".into(),
        form_id: "form".into(),
        kind: SurveyKind::Post,
        title: b("Evaluation"),
        intro: b(""),
        version,
        anonymous: false,
        sections: vec![SurveySection {
            title: b("All"),
            questions: vec![
                SurveyQuestion {
                    topic: Some("policy".into()),
                    ..q(
                        "knowledge.policy",
                        QuestionKind::Rating {
                            min: 1,
                            max: 5,
                            low: b("low"),
                            high: b("high"),
                        },
                        true,
                    )
                },
                q(
                    "role",
                    QuestionKind::Single {
                        options: options(&["government", "academia"]),
                    },
                    false,
                ),
                q(
                    "next",
                    QuestionKind::Multiple {
                        options: options(&["law", "skills", "standards"]),
                    },
                    false,
                ),
                q("name", QuestionKind::ShortText, false),
                q("comments", QuestionKind::LongText, false),
            ],
        }],
        deleted: false,
    }
}

fn answers(list: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
    list.iter()
        .map(|(k, a)| ((*k).to_owned(), a.clone()))
        .collect()
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn what_a_response_may_hold() {
    let f = form(1);
    let check = |given: &[(&str, Answer)], want: &[AnswerProblem]| {
        assert_eq!(check_answers(&f, &answers(given)), want, "{given:?}");
    };
    let key = |k: &str| k.to_owned();
    check(&[("knowledge.policy", Answer::Rating(4))], &[]);
    check(
        &[],
        &[AnswerProblem::Required {
            key: key("knowledge.policy"),
        }],
    );
    check(
        &[("knowledge.policy", Answer::Rating(6))],
        &[AnswerProblem::OutOfRange {
            key: key("knowledge.policy"),
            value: 6,
            min: 1,
            max: 5,
        }],
    );
    check(
        &[("knowledge.policy", Answer::Text("4".into()))],
        &[AnswerProblem::WrongKind {
            key: key("knowledge.policy"),
        }],
    );
    check(
        &[
            ("knowledge.policy", Answer::Rating(1)),
            ("role", Answer::Choice("army".into())),
        ],
        &[AnswerProblem::UnknownOption {
            key: key("role"),
            option: key("army"),
        }],
    );
    check(
        &[
            ("knowledge.policy", Answer::Rating(1)),
            ("next", Answer::Choices(vec!["law".into(), "x".into()])),
        ],
        &[AnswerProblem::UnknownOption {
            key: key("next"),
            option: key("x"),
        }],
    );
    check(
        &[
            ("knowledge.policy", Answer::Rating(1)),
            ("name", Answer::Text("ກ".repeat(501))),
        ],
        &[AnswerProblem::TooLong {
            key: key("name"),
            max: 500,
        }],
    );
    check(
        &[
            ("knowledge.policy", Answer::Rating(1)),
            ("comments", Answer::Text("ກ".repeat(5_000))),
        ],
        &[],
    );
    check(
        &[
            ("knowledge.policy", Answer::Rating(1)),
            ("shoe_size", Answer::Rating(1)),
        ],
        &[AnswerProblem::UnknownQuestion {
            key: key("shoe_size"),
        }],
    );
    // Blank text and an empty choice are no answer.
    check(
        &[
            ("knowledge.policy", Answer::Rating(2)),
            ("comments", Answer::Text("  ".into())),
        ],
        &[],
    );
}

fn response(id: &str, version: u32, hlc: &str, given: &[(&str, Answer)]) -> SurveyResponse {
    SurveyResponse {
        id: id.into(),
        workshop_id: "w".into(),
        form_id: "form".into(),
        form_version: version,
        version_id: format!("form.v{version}"),
        participant_id: None,
        answers: answers(given),
        device_id: "d".into(),
        created_hlc: hlc.into(),
        deleted: false,
        source: None,
    }
}

#[test]
fn results_count_average_and_distribute_each_response_once() {
    let f = form(2);
    let rating = |v| ("knowledge.policy", Answer::Rating(v));
    let mut responses = vec![
        response(
            "r1",
            1,
            "1",
            &[
                rating(1),
                ("role", Answer::Choice("government".into())),
                ("comments", Answer::Text("ຂາດງົບປະມານ".into())),
            ],
        ),
        response(
            "r2",
            2,
            "2",
            &[
                rating(3),
                ("next", Answer::Choices(vec!["law".into(), "skills".into()])),
            ],
        ),
        response(
            "r3",
            2,
            "3",
            &[
                rating(5),
                ("role", Answer::Choice("government".into())),
                ("next", Answer::Choices(vec!["law".into()])),
            ],
        ),
        // An answer to version 1, whose option is gone from version 2: counted, not dropped.
        response(
            "r4",
            1,
            "4",
            &[
                rating(5),
                ("role", Answer::Choice("ngo".into())),
                ("comments", Answer::Text(" More time for groups ".into())),
            ],
        ),
    ];
    let mut trashed = response("r5", 2, "5", &[rating(1)]);
    trashed.deleted = true;
    responses.push(trashed);
    // The same response arriving twice (from two laptops' files) counts once.
    responses.push(responses[1].clone());

    let r = results(&f, &responses);
    let by = |k: &str| r.iter().find(|x| x.key == k).unwrap();
    let dist = |k: &str| {
        by(k)
            .distribution
            .iter()
            .map(|(v, n)| (v.as_str(), *n))
            .collect::<Vec<_>>()
    };
    assert_eq!(by("knowledge.policy").answered, 4);
    assert_eq!(by("knowledge.policy").mean, Some(3.5));
    assert_eq!(
        dist("knowledge.policy"),
        [("1", 1), ("2", 0), ("3", 1), ("4", 0), ("5", 2)]
    );
    assert_eq!(
        dist("role"),
        [("government", 2), ("academia", 0), ("ngo", 1)]
    );
    assert_eq!(dist("next"), [("law", 2), ("skills", 1), ("standards", 0)]);
    assert_eq!(by("next").answered, 2);
    assert_eq!(by("comments").texts, ["ຂາດງົບປະມານ", "More time for groups"]);
    assert_eq!(by("name").answered, 0);

    // Whatever order the responses arrive in, the results are the same.
    let mut reversed = responses.clone();
    reversed.reverse();
    assert_eq!(results(&f, &reversed), r);
}

#[test]
fn knowledge_before_and_after_per_focus_area() {
    let pre = SurveyForm {
        id: "pre.v1".into(),
        form_id: "pre".into(),
        kind: SurveyKind::Pre,
        ..form(1)
    };
    let post = form(1);
    let on = |form: &str, id: &str, v: u8| SurveyResponse {
        form_id: form.into(),
        ..response(id, 1, id, &[("knowledge.policy", Answer::Rating(v))])
    };
    let before = [on("pre", "a", 1), on("pre", "b", 2)];
    let after = [on("form", "c", 4), on("form", "d", 5), on("form", "e", 3)];
    assert_eq!(
        knowledge_change(&pre, &before, &post, &after),
        [KnowledgeChange {
            topic: "policy".into(),
            before: Some(1.5),
            before_n: 2,
            after: Some(4.0),
            after_n: 3
        }]
    );
}
