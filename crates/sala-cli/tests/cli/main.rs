//! `sala` as a coordinator runs it: a real binary, a real data folder. One test binary, its
//! scenarios in modules by what the coordinator does; the helpers here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

mod basics;
mod capture;
mod errors;
mod outputs;
mod people;
mod pictures;
mod safety;
mod surveys;

const LAO_NOTE: &str = "ການແບ່ງປັນຂໍ້ມູນລະຫວ່າງກະຊວງຍັງມີຂໍ້ຈຳກັດ";

#[path = "../kit/mod.rs"]
mod kit;

fn sala(data: &Path, args: &[&str]) -> Output {
    kit::run(data, "test-machine", args)
}

/// `note add --group G --question N --text T`, then `more`.
fn note_add<'a>(
    group: &'a str,
    question: &'a str,
    text: &'a str,
    more: &[&'a str],
) -> Vec<&'a str> {
    let mut args = vec![
        "note",
        "add",
        "--group",
        group,
        "--question",
        question,
        "--text",
        text,
    ];
    args.extend_from_slice(more);
    args
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn demo() -> TempDir {
    let dir = TempDir::new().unwrap();
    let o = sala(dir.path(), &["init", "--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

fn dump(data: &Path) -> serde_json::Value {
    let o = sala(data, &["dump", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// One error case: the arguments, the exit code, and words the message must contain.
#[track_caller]
fn check(data: &Path, args: &[&str], code: i32, needle: &str) {
    let o = sala(data, args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
    assert!(
        stderr(&o).contains(needle),
        "{args:?}: {:?} lacks {needle:?}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty(), "{args:?} printed {:?}", stdout(&o));
}

#[test]
fn the_dump_format_of_the_demo_with_one_note() {
    let dir = demo();
    sala(dir.path(), &note_add("D", "5", LAO_NOTE, &[]));
    let d = dump(dir.path());
    // Ids and timestamps differ every run; the shape and the content must not.
    insta::assert_json_snapshot!("demo_dump", d, {
        ".device_id" => "[device]",
        ".workshop.id" => "[id]",
        ".**.id" => "[id]",
        ".**.workshop_id" => "[id]",
        ".**.group_id" => "[id]",
        ".**.question_id" => "[id]",
        ".**.focus_area_ids[]" => "[id]",
        ".**.device_id" => "[device]",
        ".**.created_hlc" => "[hlc]",
        ".**.updated_hlc" => "[hlc]",
        ".provenance[].created_by" => "[device]",
        ".provenance[].edited_by" => "[device]",
        ".provenance[].edited_hlc" => "[hlc]",
    });
}
