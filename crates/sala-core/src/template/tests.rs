//! The templates, workshop files, dates and drafts, as a spec.

use super::*;

#[test]
fn builtin_template_has_the_concept_notes_framework() {
    let t = Template::builtin();
    let pillars = t
        .focus_areas
        .iter()
        .filter(|f| f.kind == FocusAreaKind::Pillar)
        .count();
    let elements = t
        .focus_areas
        .iter()
        .filter(|f| f.kind == FocusAreaKind::Element)
        .count();
    assert_eq!((pillars, elements), (4, 6));
    assert_eq!(t.guiding_questions.len(), 5);
    assert_eq!(t.days, 2);
    let kinds: BTreeSet<_> = t.agenda.iter().map(|a| format!("{:?}", a.kind)).collect();
    for k in [
        "Opening",
        "Plenary",
        "Breakout",
        "ReportBack",
        "NextSteps",
        "Closing",
    ] {
        assert!(kinds.contains(k), "agenda lacks {k}");
    }
    // Every Lao text is in Lao script.
    for fa in &t.focus_areas {
        assert!(
            fa.name
                .lo
                .chars()
                .any(|c| ('\u{0E80}'..='\u{0EFF}').contains(&c)),
            "{}",
            fa.code
        );
    }
}

#[test]
fn demo_workshop_is_the_may_2023_consultation_in_vientiane() {
    let w = WorkshopSpec::demo();
    assert_eq!(
        (w.start_date.as_str(), w.end_date.as_str()),
        ("2023-05-11", "2023-05-12")
    );
    assert!(w.venue.en.contains("Vientiane"));
    assert!(w.organisers.en.contains("UN DESA"));
    assert!(
        w.organisers
            .en
            .contains("Ministry of Technology and Communications")
    );
    assert!(w.groups.len() >= 3);
    assert!(w.groups.iter().any(|g| g.focus_areas.len() > 1));
    w.check_against(&Template::builtin()).unwrap();
}

#[track_caller]
fn check_problems(source: &str, expected: &[TemplateProblem]) {
    match Template::read(source) {
        Ok(_) => assert!(expected.is_empty(), "accepted, expected {expected:?}"),
        Err(found) => assert_eq!(found, expected, "{source}"),
    }
}

fn base(extra: &str) -> String {
    format!(
        "format = 2\nid = \"t\"\nname = {{ en = \"T\", lo = \"ທ\" }}\ndays = 1\n\
         focus_areas = []\nguiding_questions = []\n{extra}"
    )
}

fn agenda(day: u32, starts: &str, ends: &str, title: &str) -> String {
    format!(
        "[[agenda]]\nday = {day}\nstarts_at = \"{starts}\"\nends_at = \"{ends}\"\nkind = \"opening\"\ntitle = {{ en = \"{title}\", lo = \"\" }}\n"
    )
}

#[test]
fn bad_templates_are_refused_with_every_problem_named() {
    use TemplateProblem as P;
    check_problems(&base(""), &[]);
    // Format 1 files (both languages everywhere) are still read.
    check_problems(&base("").replace("format = 2", "format = 1"), &[]);
    check_problems(
        &base("").replace("format = 2", "format = 9"),
        &[P::Format {
            found: 9,
            known: TEMPLATE_FORMAT,
        }],
    );
    // One language may be empty; none may not.
    check_problems(&base("").replace("lo = \"ທ\"", "lo = \"\""), &[]);
    check_problems(
        &base("").replace("{ en = \"T\", lo = \"ທ\" }", "{ en = \"\", lo = \" \" }"),
        &[P::NoName],
    );
    // Several problems at once, each named.
    check_problems(
        &base(&(agenda(2, "09:00", "10:00", "Opening") + &agenda(1, "25:00", "10:00", ""))),
        &[
            P::AgendaDay { day: 2, days: 1 },
            P::AgendaTimes {
                starts_at: "25:00".into(),
                ends_at: "10:00".into(),
            },
            P::AgendaTitle {
                day: 1,
                starts_at: "25:00".into(),
            },
        ],
    );
    let focus =
        "[[focus_areas]]\nkind = \"pillar\"\ncode = \"a b\"\nname = { en = \"\", lo = \"\" }\n";
    check_problems(
        &(base("").replace("focus_areas = []\n", "") + focus),
        &[
            P::FocusAreaCode { code: "a b".into() },
            P::FocusAreaName { code: "a b".into() },
        ],
    );
}

#[test]
fn a_syntax_error_says_its_line() {
    let source = base("surprise = 1");
    assert_eq!(
        Template::read(&source).unwrap_err(),
        [TemplateProblem::Syntax {
            line: Some(7),
            detail: "unknown field `surprise`, expected one of `format`, `id`, `name`, `days`, `focus_areas`, `guiding_questions`, `agenda`".into()
        }]
    );
    let Err(problems) = Template::read("format = 2\nid = = \"x\"\n") else {
        panic!("accepted");
    };
    assert!(
        matches!(problems[0], TemplateProblem::Syntax { line: Some(2), .. }),
        "{problems:?}"
    );
}

#[test]
fn a_workshop_set_up_from_a_template_is_that_template_with_its_facts() {
    let t = Template::builtin();
    let mut draft = WorkshopDraft::from_template(&t, "2027-03-01");
    assert_eq!(draft.end_date, "2027-03-02", "the template's two days");
    assert_eq!(draft.focus_areas.len(), 10);
    assert_eq!(draft.questions.len(), 5);
    // Nothing but a title (in one language) is needed.
    assert_eq!(draft.problems(), [TemplateProblem::NoTitle]);
    draft.title.lo = "ກອງປະຊຸມ 2027".into();
    assert_eq!(draft.problems(), []);
    let (template, spec) = draft.split();
    assert_eq!(template.focus_areas, t.focus_areas);
    assert_eq!(template.guiding_questions, t.guiding_questions);
    assert_eq!(template.agenda, t.agenda);
    assert!(spec.problems_with(&template).is_empty());
    // Written out and read back, both files are the same.
    assert_eq!(Template::read(&template.to_toml()).unwrap(), template);
    assert_eq!(WorkshopSpec::read(&spec.to_toml()).unwrap(), spec);
}

#[test]
fn a_workshop_being_set_up_names_what_is_wrong() {
    use TemplateProblem as P;
    let mut d = WorkshopDraft::from_template(&Template::blank(), "2027-03-01");
    d.title.en = "Next".into();
    assert_eq!(d.end_date, "2027-03-01");
    d.start_date = "2027-03-02".into();
    d.questions = vec![Bilingual::new("", "")];
    d.groups = vec![
        GroupSpec {
            name: "A".into(),
            focus_areas: vec!["nowhere".into()],
            facilitator: String::new(),
            note_taker: String::new(),
        },
        GroupSpec {
            name: " a ".into(),
            focus_areas: vec![],
            facilitator: String::new(),
            note_taker: String::new(),
        },
    ];
    assert_eq!(
        d.problems(),
        [
            P::Dates {
                start: "2027-03-02".into(),
                end: "2027-03-01".into()
            },
            P::QuestionText { number: 1 },
            P::GroupFocusArea {
                group: "A".into(),
                code: "nowhere".into()
            },
            P::GroupName { name: "a".into() },
        ]
    );
    for (start, ok) in [
        ("1999-12-31", false),
        ("2000-01-01", true),
        ("2101-01-01", false),
    ] {
        let mut d = WorkshopDraft::from_template(&Template::blank(), start);
        d.title.en = "x".into();
        assert_eq!(d.problems().is_empty(), ok, "{start}");
    }
}

#[test]
fn dates_count_days_across_months_and_leap_years() {
    for (start, end, days) in [
        ("2023-05-11", "2023-05-12", 2),
        ("2024-02-28", "2024-03-01", 3),
        ("2023-12-31", "2024-01-01", 2),
        ("2023-05-12", "2023-05-11", 0),
    ] {
        assert_eq!(days_between(start, end), days, "{start}..{end}");
    }
    for d in ["1970-01-01", "2000-02-29", "2023-05-11", "2100-12-31"] {
        assert_eq!(date_from_days(days_since_epoch(d).unwrap()), d);
    }
}

#[test]
fn iso_dates_are_checked_for_real() {
    for (s, ok) in [
        ("2023-05-11", true),
        ("2024-02-29", true),
        ("2023-02-29", false),
        ("2023-13-01", false),
        ("11/05/2023", false),
        ("2023-5-1", false),
    ] {
        assert_eq!(is_iso_date(s), ok, "{s}");
    }
}
