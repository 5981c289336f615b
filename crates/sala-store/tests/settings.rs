//! A workshop of one's own, as a spec: made from a template with its facts in one language,
//! refused with every problem when it cannot be made, duplicated for its next edition,
//! archived, and edited after it is made — every edit an op, nothing removed.

#![allow(clippy::unwrap_used)]

use sala_core::ErrorCode;
use sala_core::api::{DuplicateRequest, NewNote, TemplateSource, WorkshopFacts};
use sala_core::model::{AgendaKind, Bilingual, FocusAreaKind};
use sala_core::template::{
    AgendaPlan, FocusAreaPlan, GroupSpec, Template, TemplateProblem, WorkshopDraft, WorkshopSpec,
};
use sala_store::{Store, log::ops};

mod kit;

fn lo(text: &str) -> Bilingual {
    Bilingual::new("", text)
}

fn area(code: &str, name: &str) -> FocusAreaPlan {
    FocusAreaPlan {
        kind: FocusAreaKind::Pillar,
        code: code.into(),
        name: lo(name),
        description: Bilingual::default(),
    }
}

fn session(day: u32, starts: &str, ends: &str, kind: AgendaKind, title: &str) -> AgendaPlan {
    AgendaPlan {
        day,
        starts_at: starts.into(),
        ends_at: ends.into(),
        kind,
        title: lo(title),
        room: String::new(),
    }
}

/// The workshop of the end-to-end test: two days, in Lao, from the blank template.
fn lao_workshop(s: &Store) -> WorkshopDraft {
    let mut d = s
        .draft_from(&TemplateSource::Blank, "2027-03-01")
        .draft
        .unwrap();
    d.title = lo("ກອງປະຊຸມປຶກສາຫາລື ຂໍ້ມູນສາທາລະນະສຸກ");
    d.end_date = "2027-03-02".into();
    d.venue = lo("ນະຄອນຫຼວງວຽງຈັນ");
    d.focus_areas = vec![
        area("policy", "ນະໂຍບາຍ"),
        area("systems", "ລະບົບ"),
        area("people", "ບຸກຄະລາກອນ"),
    ];
    d.questions = vec![lo("ຈຸດແຂງ ແລະ ຈຸດອ່ອນແມ່ນຫຍັງ?"), lo("ບາດກ້າວຕໍ່ໄປແມ່ນຫຍັງ?")];
    d.agenda = vec![
        session(1, "09:00", "09:30", AgendaKind::Opening, "ພິທີເປີດ"),
        session(1, "09:30", "12:00", AgendaKind::Breakout, "ກຸ່ມຍ່ອຍ 1"),
        session(2, "09:00", "11:30", AgendaKind::Breakout, "ກຸ່ມຍ່ອຍ 2"),
        session(2, "11:30", "12:00", AgendaKind::Closing, "ພິທີປິດ"),
    ];
    d.groups = vec![
        GroupSpec {
            name: "ກຸ່ມ 1".into(),
            focus_areas: vec!["policy".into(), "systems".into()],
            facilitator: "ສົມພອນ".into(),
            note_taker: "ແສງດາວ".into(),
        },
        GroupSpec {
            name: "ກຸ່ມ 2".into(),
            focus_areas: vec!["people".into()],
            facilitator: String::new(),
            note_taker: String::new(),
        },
    ];
    d
}

#[test]
fn a_workshop_set_up_in_lao_from_the_blank_template_is_an_ordinary_workshop() {
    let (_dir, mut s) = kit::empty();
    let d = lao_workshop(&s);
    let w = s.new_workshop(&d).unwrap();
    assert!(!w.is_demo);
    assert_eq!(w.title.en, "", "one language may be empty");
    assert_eq!(s.current_workshop().unwrap().id, w.id);
    let ov = s.overview().unwrap();
    assert_eq!(ov.focus_areas.len(), 3);
    assert_eq!(
        ov.questions.iter().map(|q| q.number).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(ov.agenda.len(), 4);
    assert_eq!(ov.groups.len(), 2);
    assert_eq!(ov.groups[0].focus_area_ids.len(), 2);
    assert_eq!(ov.groups[0].facilitator, "ສົມພອນ");
    // Every row is an op (it syncs and can be joined like any workshop).
    let n = 1 + 3 + 2 + 4 + 2;
    assert_eq!(ops::count(s.read()).unwrap(), n);
}

#[test]
fn a_workshop_that_cannot_be_made_names_every_problem_and_writes_nothing() {
    let (_dir, mut s) = kit::empty();
    let mut d = lao_workshop(&s);
    d.title = Bilingual::default();
    d.end_date = "2027-02-28".into();
    d.focus_areas.push(area("policy", "ຊ້ຳ"));
    let e = s.new_workshop(&d).unwrap_err();
    assert_eq!(e.code, ErrorCode::TemplateHasProblems);
    assert_eq!(
        d.problems(),
        [
            TemplateProblem::NoTitle,
            TemplateProblem::Dates {
                start: "2027-03-01".into(),
                end: "2027-02-28".into()
            },
            TemplateProblem::FocusAreaCode {
                code: "policy".into()
            },
            // The second day's sessions are outside a workshop that ends before it starts.
            TemplateProblem::AgendaDay { day: 2, days: 1 },
            TemplateProblem::AgendaDay { day: 2, days: 1 },
        ]
    );
    assert_eq!(ops::count(s.read()).unwrap(), 0);
    // A template file that cannot be read says what and where.
    let got = s.draft_from(
        &TemplateSource::File {
            text: "format = 2\nid = \"x\"\nname = = 1\n".into(),
        },
        "2027-03-01",
    );
    assert!(got.draft.is_none());
    assert!(matches!(
        got.problems[0],
        TemplateProblem::Syntax { line: Some(3), .. }
    ));
}

#[test]
fn a_workshop_saved_as_files_and_read_back_has_the_same_structure() {
    let (_dir, mut s) = kit::empty();
    s.new_workshop(&lao_workshop(&s)).unwrap();
    let (template, spec) = s.workshop_files().unwrap();
    let (template_text, spec_text) = (template.to_toml(), spec.to_toml());
    let (_dir2, mut again) = kit::empty();
    let t = Template::read(&template_text).unwrap();
    let w = WorkshopSpec::read(&spec_text).unwrap();
    again.create_workshop(&t, &w).unwrap();
    let strip = |s: &Store| {
        let mut d = s.draft_of_current().unwrap();
        d.template.clear();
        d
    };
    assert_eq!(strip(&again), strip(&s));
    // The built-in demo too.
    let (_dir3, mut demo) = kit::empty();
    demo.ensure_demo().unwrap();
    let (t, w) = demo.workshop_files().unwrap();
    let (_dir4, mut copy) = kit::empty();
    copy.create_workshop(
        &Template::read(&t.to_toml()).unwrap(),
        &WorkshopSpec::read(&w.to_toml()).unwrap(),
    )
    .unwrap();
    assert_eq!(strip(&copy), strip(&demo));
}

#[test]
fn the_next_edition_keeps_the_structure_and_people_but_nothing_typed() {
    let (_dir, mut s) = kit::empty();
    s.ensure_demo().unwrap();
    let g = s.find_group("B").unwrap();
    let q = s.question_by_number(1).unwrap();
    s.add_note(&NewNote {
        group_id: g.id.clone(),
        question_id: q.id,
        text: "ບັນທຶກຂອງປີກາຍ".into(),
        lang: None,
        agenda_item_id: None,
    })
    .unwrap();
    let p = s
        .add_participant(&sala_core::api::ParticipantDraft {
            name: Bilingual::new("Somphone", "ສົມພອນ"),
            organisation: "MTC".into(),
            stakeholder: None,
            gender: sala_core::model::Gender::Male,
            contact: String::new(),
            consent: true,
            group_id: Some(g.id.clone()),
        })
        .unwrap();
    s.set_attendance(&p.id, 1, true).unwrap();
    let forms = s.ensure_builtin_surveys().unwrap();
    let before = s.current_workshop().unwrap();
    let next = s
        .duplicate_workshop(&DuplicateRequest {
            title: Bilingual::new("Second national consultation", ""),
            start_date: "2027-05-11".into(),
            end_date: "2027-05-12".into(),
        })
        .unwrap();
    assert_ne!(next.id, before.id);
    assert_eq!(s.current_workshop().unwrap().id, next.id);
    assert!(s.all_notes().unwrap().is_empty(), "no notes");
    let people = s.participants().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0].group_id,
        Some(s.find_group("B").unwrap().id),
        "in the group of the same name"
    );
    assert!(
        s.attendance(1).unwrap().iter().all(|a| !a.present),
        "no check-ins"
    );
    let ov = s.overview().unwrap();
    assert_eq!((ov.focus_areas.len(), ov.questions.len()), (10, 5));
    assert!(!next.is_demo);
    // The survey forms came along, as forms of the new workshop.
    let copied = s.survey_forms().unwrap();
    assert_eq!(copied.len(), forms.len());
    assert!(
        copied
            .iter()
            .all(|f| f.workshop_id == next.id && f.version == 1)
    );
    assert_eq!(copied[0].title, forms[0].title);
    // The first edition is still there, as it was.
    s.switch_workshop(&before.id).unwrap();
    assert_eq!(s.all_notes().unwrap().len(), 1);
}

#[test]
fn a_workshop_is_archived_on_this_laptop_only_and_comes_back() {
    let (_dir, mut s) = kit::empty();
    s.ensure_demo().unwrap();
    let demo = s.current_workshop().unwrap();
    let e = s.set_archived(&demo.id, true).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument, "not the current one");
    s.new_workshop(&lao_workshop(&s)).unwrap();
    s.set_archived(&demo.id, true).unwrap();
    let listed = s.workshops().unwrap();
    assert!(
        listed
            .iter()
            .any(|w| w.workshop_id == demo.id && w.archived)
    );
    // Archiving writes no op: nothing of the workshop changes for the other laptops.
    let n = ops::count(s.read()).unwrap();
    s.set_archived(&demo.id, false).unwrap();
    assert_eq!(ops::count(s.read()).unwrap(), n);
    assert!(s.workshops().unwrap().iter().all(|w| !w.archived));
}

// Long by design: one scenario step by step, each step using what the one before left.
#[test]
fn focus_areas_questions_and_agenda_are_edited_as_ops_and_retired_not_removed() {
    let (_dir, mut s) = kit::empty();
    s.new_workshop(&lao_workshop(&s)).unwrap();
    let facts = |title: &str| WorkshopFacts {
        title: Bilingual::new("Health data consultation", title),
        start_date: "2027-03-01".into(),
        end_date: "2027-03-02".into(),
        venue: lo("ວຽງຈັນ"),
        organisers: Bilingual::default(),
        objectives: vec![lo("ເພື່ອປຶກສາຫາລື"), Bilingual::default()],
    };
    let w = s.update_workshop_facts(&facts("ກອງປະຊຸມ")).unwrap();
    assert_eq!(w.title.en, "Health data consultation");
    assert_eq!(w.objectives.len(), 1, "an empty objective is left out");
    let mut bad = facts("x");
    bad.end_date = "2026-01-01".into();
    assert_eq!(
        s.update_workshop_facts(&bad).unwrap_err().code,
        ErrorCode::TemplateHasProblems
    );

    // Focus areas: added with a code made from the name, renamed, moved, retired, back.
    let added = s
        .add_focus_area(&FocusAreaPlan {
            kind: FocusAreaKind::Element,
            code: String::new(),
            name: Bilingual::new("Data Sharing & Exchange", ""),
            description: Bilingual::default(),
        })
        .unwrap();
    assert_eq!(added.code, "data-sharing-exchange");
    let renamed = s
        .update_focus_area(
            &added.id,
            &FocusAreaPlan {
                kind: FocusAreaKind::Element,
                code: "ignored".into(),
                name: Bilingual::new("Data sharing", "ການແບ່ງປັນຂໍ້ມູນ"),
                description: Bilingual::default(),
            },
        )
        .unwrap();
    assert_eq!(renamed.code, "data-sharing-exchange", "a code stays");
    let order = s.move_focus_area(&added.id, 0).unwrap();
    assert_eq!(order[0].id, added.id);
    s.retire_focus_area(&added.id, true).unwrap();
    assert!(
        s.overview()
            .unwrap()
            .focus_areas
            .iter()
            .all(|a| a.id != added.id)
    );
    assert!(
        s.all_focus_areas()
            .unwrap()
            .iter()
            .any(|a| a.id == added.id && a.deleted)
    );
    s.retire_focus_area(&added.id, false).unwrap();
    assert!(
        s.overview()
            .unwrap()
            .focus_areas
            .iter()
            .any(|a| a.id == added.id)
    );

    // Questions: numbers follow their order, a retired one is numbered no more.
    let third = s.add_question(&lo("ຄຳຖາມທີສາມ")).unwrap();
    assert_eq!(third.number, 3);
    let numbers = |s: &Store| {
        s.overview()
            .unwrap()
            .questions
            .iter()
            .map(|q| (q.number, q.text.lo.clone()))
            .collect::<Vec<_>>()
    };
    s.move_question(&third.id, 0).unwrap();
    assert_eq!(numbers(&s)[0], (1, "ຄຳຖາມທີສາມ".to_owned()));
    assert_eq!(numbers(&s)[2].0, 3);
    let first = s.question_by_number(2).unwrap();
    s.retire_question(&first.id, true).unwrap();
    assert_eq!(
        numbers(&s).iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [1, 2]
    );
    s.retire_question(&first.id, false).unwrap();
    assert_eq!(
        s.question_by_number(3).unwrap().id,
        first.id,
        "back, as the last"
    );
    let edited = s.update_question(&first.id, &lo("ຂໍ້ຄວາມໃໝ່")).unwrap();
    assert_eq!(edited.text.lo, "ຂໍ້ຄວາມໃໝ່");

    // The agenda: added, changed, removed and back; overlaps are said, not refused.
    let extra = s
        .add_agenda_item(&session(1, "11:00", "12:30", AgendaKind::Plenary, "ສະເໜີ"))
        .unwrap();
    let agenda = s.overview().unwrap().agenda;
    let pairs = sala_store::workshop::programme::overlaps(&agenda);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    let moved = s
        .update_agenda_plan(
            &extra.id,
            &session(2, "13:00", "14:00", AgendaKind::ReportBack, "ລາຍງານ"),
        )
        .unwrap();
    assert_eq!((moved.day, moved.kind), (2, AgendaKind::ReportBack));
    assert!(sala_store::workshop::programme::overlaps(&s.overview().unwrap().agenda).is_empty());
    assert_eq!(
        s.add_agenda_item(&session(3, "09:00", "10:00", AgendaKind::Plenary, "x"))
            .unwrap_err()
            .code,
        ErrorCode::TemplateHasProblems,
        "the workshop has two days"
    );
    s.remove_agenda_item(&extra.id, true).unwrap();
    assert_eq!(s.overview().unwrap().agenda.len(), 4);
    s.remove_agenda_item(&extra.id, false).unwrap();
    assert_eq!(s.overview().unwrap().agenda.len(), 5);
}

#[test]
fn notes_cards_votes_and_actions_record_the_session_they_are_taken_in() {
    let (_dir, mut s) = kit::empty();
    s.new_workshop(&lao_workshop(&s)).unwrap();
    let ov = s.overview().unwrap();
    let breakout = ov.agenda[1].id.clone();
    let g = ov.groups[0].clone();
    let q = ov.questions[0].clone();
    let note = |session: Option<&str>| NewNote {
        group_id: g.id.clone(),
        question_id: q.id.clone(),
        text: "ໃນກຸ່ມຍ່ອຍ".into(),
        lang: None,
        agenda_item_id: session.map(str::to_owned),
    };
    let n = s.add_note(&note(Some(&breakout))).unwrap();
    assert_eq!(n.agenda_item_id.as_deref(), Some(breakout.as_str()));
    assert_eq!(s.add_note(&note(None)).unwrap().agenda_item_id, None);
    let card = s
        .card_from_note(
            &n.id,
            &g.focus_area_ids[0],
            sala_core::model::Quadrant::Strengths,
        )
        .unwrap();
    assert_eq!(
        card.agenda_item_id.as_deref(),
        Some(breakout.as_str()),
        "a card made from a note is of its session"
    );
    let board = s.vote_in(&card.id, "ສົມພອນ", Some(&breakout)).unwrap();
    assert_eq!(board.cards[0].votes, 1);
    let mut d = sala_core::api::ActionDraft::titled("ຮ່າງນະໂຍບາຍ");
    d.agenda_item_id = Some(breakout.clone());
    assert_eq!(
        s.add_action(&d).unwrap().agenda_item_id.as_deref(),
        Some(breakout.as_str())
    );
    // A session that is not on the agenda (or was removed from it) is refused, nothing written.
    let before = ops::count(s.read()).unwrap();
    assert_eq!(
        s.add_note(&note(Some("nowhere"))).unwrap_err().code,
        ErrorCode::NotFound
    );
    s.remove_agenda_item(&breakout, true).unwrap();
    let after_remove = ops::count(s.read()).unwrap();
    assert_eq!(after_remove, before + 1);
    assert_eq!(
        s.add_note(&note(Some(&breakout))).unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(ops::count(s.read()).unwrap(), after_remove);
    // The notes taken in it keep it.
    assert_eq!(
        s.all_notes()
            .unwrap()
            .iter()
            .filter(|n| n.agenda_item_id.as_deref() == Some(breakout.as_str()))
            .count(),
        1
    );
}

#[test]
fn the_settings_view_holds_retired_and_removed_rows_and_names_overlapping_sessions() {
    let (_d, mut s) = kit::empty();
    s.new_workshop(&lao_workshop(&s)).unwrap();
    let before = s.workshop_settings().unwrap();
    assert_eq!(before.days, 2);
    assert_eq!(before.overlaps, Vec::<(String, String)>::new());
    let questions: Vec<String> = before.questions.iter().map(|q| q.id.clone()).collect();

    // Retire the first question, remove the closing, add a session that overlaps day 2's.
    s.retire_question(&questions[0], true).unwrap();
    let closing = before
        .agenda
        .iter()
        .find(|a| a.kind == AgendaKind::Closing)
        .unwrap()
        .id
        .clone();
    s.remove_agenda_item(&closing, true).unwrap();
    let extra = s
        .add_agenda_item(&session(2, "11:00", "12:30", AgendaKind::Plenary, "ສະຫຼຸບ"))
        .unwrap();
    let after = s.workshop_settings().unwrap();

    // Live questions first, numbered again from 1; the retired one after, still there.
    let numbered: Vec<(u32, bool, &str)> = after
        .questions
        .iter()
        .map(|q| (q.number, q.deleted, q.text.lo.as_str()))
        .collect();
    assert_eq!(
        numbered,
        [
            (1, false, "ບາດກ້າວຕໍ່ໄປແມ່ນຫຍັງ?"),
            (1, true, "ຈຸດແຂງ ແລະ ຈຸດອ່ອນແມ່ນຫຍັງ?")
        ]
    );
    // The removed session is listed (to bring back); it overlaps nothing any more.
    assert!(after.agenda.iter().any(|a| a.id == closing && a.deleted));
    let breakout2 = after
        .agenda
        .iter()
        .find(|a| a.day == 2 && a.kind == AgendaKind::Breakout)
        .unwrap();
    assert_eq!(after.overlaps, [(breakout2.id.clone(), extra.id.clone())]);
    // In time order, day by day.
    let times: Vec<(u32, &str)> = after
        .agenda
        .iter()
        .map(|a| (a.day, a.starts_at.as_str()))
        .collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);
}
