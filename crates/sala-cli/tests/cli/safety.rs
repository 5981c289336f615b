//! Backups and the workshop key from the command line.

use super::*;

#[test]
fn a_damaged_database_is_restored_from_a_backup_with_the_cli() {
    let dir = demo();
    let d = dir.path();
    let o = sala(d, &note_add("A", "1", "ຂໍ້ມູນເປີດ", &[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sala(d, &["--ui-lang", "lo", "backup"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("ສຳຮອງຂໍ້ມູນໄວ້ທີ່"), "{}", stdout(&o));
    let copy = d.join("copy.db");
    let o = sala(d, &["backup", "--out", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sala(d, &["--ui-lang", "en", "backup", "--list"]);
    assert!(
        stdout(&o).contains("-manual.db  ·  asked for"),
        "{}",
        stdout(&o)
    );

    // The disk damages the database: every command says so; restore brings the note back.
    let db = d.join("sala.db");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[16..4096].fill(0xA5);
    std::fs::write(&db, bytes).unwrap();
    check(d, &["--ui-lang", "en", "search", "ຂໍ້ມູນ"], 1, "damaged");
    let o = sala(d, &["--ui-lang", "en", "restore"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("is kept as sala.db.damaged-"),
        "{}",
        stdout(&o)
    );
    let o = sala(d, &["search", "ຂໍ້ມູນເປີດ"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("ຂໍ້ມູນເປີດ"), "{}", stdout(&o));
    // A file that is not a backup: refused, translated, nothing changed.
    std::fs::write(d.join("x.db"), "not a database").unwrap();
    check(
        d,
        &[
            "--ui-lang",
            "lo",
            "restore",
            d.join("x.db").to_str().unwrap(),
        ],
        1,
        "ບໍ່ແມ່ນໄຟລ໌ສຳຮອງຂອງ Sala",
    );
    let o = sala(d, &["restore", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_workshop_key_encrypts_what_the_cli_shares_and_joining_needs_it() {
    let a = demo();
    let shared = TempDir::new().unwrap();
    let folder = shared.path().to_str().unwrap();
    let keys = TempDir::new().unwrap();
    let key_file = keys.path().join("workshop.key");
    let k = key_file.to_str().unwrap();
    let o = sala(a.path(), &["--ui-lang", "en", "key", "show"]);
    assert!(stdout(&o).contains("has no key"), "{}", stdout(&o));
    let o = sala(a.path(), &["key", "new", "--out", k]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sala(
        a.path(),
        &["--ui-lang", "lo", "key", "set", "--key-file", k],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ຕັ້ງກະແຈຂອງກອງປະຊຸມນີ້ແລ້ວ (age1"),
        "{}",
        stdout(&o)
    );
    let o = sala(a.path(), &note_add("A", "1", "ລັບ", &[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sala(a.path(), &["sync", "--folder", folder]);
    assert!(o.status.success(), "{}", stderr(&o));

    let b = TempDir::new().unwrap();
    check(
        b.path(),
        &["--ui-lang", "en", "join", "--folder", folder],
        1,
        "does not have yet",
    );
    let not_a_key = keys.path().join("notes.txt");
    std::fs::write(&not_a_key, "hello").unwrap();
    check(
        b.path(),
        &[
            "--ui-lang",
            "en",
            "join",
            "--folder",
            folder,
            "--key-file",
            not_a_key.to_str().unwrap(),
        ],
        1,
        "holds no key",
    );
    let o = sala(b.path(), &["join", "--folder", folder, "--key-file", k]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sala(b.path(), &["search", "ລັບ"]);
    assert!(stdout(&o).contains("ລັບ"), "{}", stdout(&o));
}
