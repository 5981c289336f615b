//! Survey answers taken on three laptops reach every laptop, each counted once, with the same
//! results everywhere — whatever order the files are read in and however often.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use sala_core::survey::{Answer, QuestionKind};
use sala_sync::sync_pass;

mod laptops;
use laptops::{Laptop, NOW, joined, laptop};

/// Every required question of the post-workshop form, ratings set to `v`.
fn answer(l: &mut Laptop, v: u8, comment: &str) {
    let form = l.store.survey_form("post").unwrap();
    let mut answers: BTreeMap<String, Answer> = form
        .questions()
        .filter(|q| q.required)
        .map(|q| match q.kind {
            QuestionKind::Rating { .. } => (q.key.clone(), Answer::Rating(v)),
            _ => (q.key.clone(), Answer::Text(String::new())),
        })
        .collect();
    answers.insert("comments".into(), Answer::Text(comment.into()));
    l.store.answer_survey("post", None, answers).unwrap();
}

#[test]
fn answers_from_three_laptops_are_all_counted_once_everywhere() {
    let shared = tempfile::tempdir().unwrap();
    let mut a = laptop("a");
    a.store.ensure_demo().unwrap();
    a.store.ensure_builtin_surveys().unwrap();
    sync_pass(&mut a.store, shared.path(), NOW).unwrap();
    let mut b = joined("b", shared.path());
    let mut c = joined("c", shared.path());
    // The forms came with the workshop: b and c do not make their own.
    assert_eq!(
        c.store.survey_versions().unwrap(),
        a.store.survey_versions().unwrap()
    );

    // Kiosks on three tables, offline.
    answer(&mut a, 5, "ຄວນມີເວລາສົນທະນາກຸ່ມຫຼາຍກວ່ານີ້");
    answer(&mut a, 4, "");
    answer(&mut b, 2, "More case studies");
    answer(&mut c, 3, "");
    // Passes in an odd order, some twice.
    let mut tables = [a, b, c];
    for i in [2, 0, 1, 0, 2, 1, 2, 0, 1] {
        sync_pass(&mut tables[i].store, shared.path(), NOW).unwrap();
    }
    let [a, b, c] = tables;

    let results = a.store.survey_results("post").unwrap();
    assert_eq!(results.responses, 4);
    let overall = results
        .questions
        .iter()
        .find(|q| q.key == "overall")
        .unwrap();
    assert_eq!((overall.answered, overall.mean), (4, Some(3.5)));
    let comments = results
        .questions
        .iter()
        .find(|q| q.key == "comments")
        .unwrap();
    let mut texts = comments.texts.clone();
    texts.sort();
    assert_eq!(texts, ["More case studies", "ຄວນມີເວລາສົນທະນາກຸ່ມຫຼາຍກວ່ານີ້"]);
    for l in [&b, &c] {
        assert_eq!(l.store.survey_results("post").unwrap(), results);
    }
}
