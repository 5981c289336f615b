//! Backups and restore: a damaged database is refused at start-up, the latest good backup
//! brings the notes back and the damaged file is kept, never overwritten; a file that is not a
//! Sala backup changes nothing; a restored database writes on under a new device id and sends
//! its work again; old backups are pruned; a database an older Sala wrote is backed up before
//! it is migrated.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use sala_core::ErrorCode;
use sala_core::api::BackupReason;
use sala_store::{MachineIdentity, Store, db::backup};
use tempfile::TempDir;

const NOTE: &str = "ຕ້ອງມີກົດໝາຍປົກປ້ອງຂໍ້ມູນສ່ວນບຸກຄົນ";
const NOW: i64 = 1_795_828_712_000;

fn machine() -> MachineIdentity {
    MachineIdentity("laptop-1".into())
}

fn with_note(dir: &Path, text: &str) -> Store {
    let mut s = Store::open_in(dir, &machine()).unwrap();
    s.ensure_demo().unwrap();
    add(&mut s, text);
    s
}

fn add(s: &mut Store, text: &str) {
    s.add_note_at("A", 1, text).unwrap();
}

fn notes(s: &Store) -> Vec<String> {
    let g = s.find_group("A").unwrap();
    let q = s.question_by_number(1).unwrap();
    s.notes_for(&g.id, &q.id)
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect()
}

/// Overwrites part of the file with noise, as a failing disk or a torn copy would.
fn damage(db: &Path) {
    let mut bytes = std::fs::read(db).unwrap();
    // Past the 16-byte magic, the rest of the first page: the header and the schema's root.
    bytes[16..4096].fill(0xA5);
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_damaged_database_is_refused_and_the_latest_good_backup_brings_the_notes_back() {
    let dir = TempDir::new().unwrap();
    let s = with_note(dir.path(), NOTE);
    let device = s.device_id().to_owned();
    let made = backup::make(dir.path(), BackupReason::Auto, NOW).unwrap();
    assert_eq!(made.file, "sala-000001-20261128-011832-auto.db");
    assert!(made.bytes > 0);
    drop(s);

    let db = dir.path().join(sala_store::DB_FILE);
    damage(&db);
    let e = Store::open_in(dir.path(), &machine()).unwrap_err();
    assert_eq!(e.code, ErrorCode::DatabaseCorrupt);
    let damaged_bytes = std::fs::read(&db).unwrap();

    let good = backup::latest_good(dir.path()).unwrap().unwrap();
    assert_eq!(good.file, made.file);
    let kept = backup::restore(dir.path(), Path::new(&good.path), NOW + 60_000)
        .unwrap()
        .unwrap();
    // The damaged database is kept beside it, byte for byte.
    assert!(kept.starts_with("sala.db.damaged-"), "{kept}");
    assert_eq!(
        std::fs::read(dir.path().join(&kept)).unwrap(),
        damaged_bytes
    );

    let s = Store::open_in(dir.path(), &machine()).unwrap();
    assert_eq!(notes(&s), [NOTE]);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    // A restored database writes on under a new id, and all its work waits to go out again.
    assert_ne!(s.device_id(), device);
    assert!(s.waiting().unwrap() > 0);
    let again = s.device_id().to_owned();
    drop(s);
    let s = Store::open_in(dir.path(), &machine()).unwrap();
    assert_eq!(s.device_id(), again, "only once");
    let mut s = s;
    add(&mut s, "after the restore");
    assert_eq!(notes(&s).len(), 2);
}

#[test]
fn restoring_a_readable_database_backs_it_up_first() {
    let dir = TempDir::new().unwrap();
    let s = with_note(dir.path(), NOTE);
    let first = backup::make(dir.path(), BackupReason::Manual, NOW).unwrap();
    drop(s);
    let mut s = Store::open_in(dir.path(), &machine()).unwrap();
    add(&mut s, "typed after the backup");
    drop(s);
    let kept = backup::restore(dir.path(), Path::new(&first.path), NOW + 1000)
        .unwrap()
        .unwrap();
    assert!(kept.ends_with("-before-restore.db"), "{kept}");
    // The restore can itself be undone: the database it replaced is a backup.
    let before_restore = dir.path().join("backups").join(&kept);
    let s = Store::open_in(dir.path(), &machine()).unwrap();
    assert_eq!(notes(&s), [NOTE]);
    drop(s);
    backup::restore(dir.path(), &before_restore, NOW + 2000).unwrap();
    let s = Store::open_in(dir.path(), &machine()).unwrap();
    assert_eq!(notes(&s).len(), 2);
}

#[test]
fn a_file_that_is_not_a_sala_backup_changes_nothing() {
    let dir = TempDir::new().unwrap();
    drop(with_note(dir.path(), NOTE));
    let db = dir.path().join(sala_store::DB_FILE);
    let before = std::fs::read(&db).unwrap();
    let check = |name: &str, bytes: &[u8]| {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let e = backup::restore(dir.path(), &f, NOW).unwrap_err();
        assert_eq!(e.code, ErrorCode::BackupInvalid, "{name}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{name}: untouched");
    };
    check("notes.txt", "ບັນທຶກ".as_bytes());
    check("empty.db", b"");
    // A SQLite file that is not Sala's.
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let e = backup::restore(dir.path(), &other, NOW).unwrap_err();
    assert_eq!(e.code, ErrorCode::BackupInvalid);
    let e = backup::restore(dir.path(), &dir.path().join("missing.db"), NOW).unwrap_err();
    assert_eq!(e.code, ErrorCode::BackupInvalid);
    assert!(
        backup::list(dir.path()).unwrap().is_empty(),
        "no backup made for nothing"
    );
}

#[test]
fn only_the_newest_backups_are_kept() {
    let dir = TempDir::new().unwrap();
    drop(with_note(dir.path(), NOTE));
    for i in 0..13 {
        backup::make(dir.path(), BackupReason::Auto, NOW + i * 600_000).unwrap();
    }
    for i in 0..7 {
        backup::make(dir.path(), BackupReason::Manual, NOW + i * 60_000).unwrap();
    }
    let all = backup::list(dir.path()).unwrap();
    let count = |r: BackupReason| all.iter().filter(|b| b.reason == r).count();
    assert_eq!(
        (count(BackupReason::Auto), count(BackupReason::Manual)),
        (backup::KEEP_AUTO, backup::KEEP_OTHER)
    );
    // The last made first; the first scheduled ones went.
    assert_eq!(
        all[0].file,
        backup::file_name(20, BackupReason::Manual, NOW + 6 * 60_000)
    );
    assert!(
        all.iter()
            .all(|b| b.file != backup::file_name(1, BackupReason::Auto, NOW))
    );
    // Nothing but the backups themselves: no -wal or -shm beside them.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), all.len(), "{names:?}");
    // Files that are not backups are left alone.
    std::fs::write(dir.path().join("backups/README.txt"), "mine").unwrap();
    backup::prune(dir.path()).unwrap();
    assert!(dir.path().join("backups/README.txt").exists());
}

#[test]
fn a_database_an_older_sala_wrote_is_backed_up_before_it_is_migrated() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join(sala_store::DB_FILE);
    // An older Sala's file: every migration but the newest.
    let latest = sala_store::db::migrations::latest_version();
    let mut conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    sala_store::db::migrations::all()
        .to_version(&mut conn, latest - 1)
        .unwrap();
    drop(conn);
    let mut s = Store::open_in(dir.path(), &machine()).unwrap();
    s.ensure_demo().unwrap();
    add(&mut s, NOTE);
    assert_eq!(notes(&s), [NOTE]);
    let backups = backup::list(dir.path()).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, BackupReason::BeforeMigration);
    let version: i64 = rusqlite::Connection::open(&backups[0].path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        latest as i64 - 1,
        "the backup is the file as it was"
    );
}

#[test]
fn backups_made_while_the_clock_was_a_year_ahead_neither_outlive_nor_replace_later_ones() {
    let dir = TempDir::new().unwrap();
    let mut s = with_note(dir.path(), NOTE);
    const YEAR: i64 = 365 * 86_400_000;
    // A week of backups with the laptop's clock a year ahead…
    for i in 0..5 {
        backup::make(dir.path(), BackupReason::Auto, NOW + YEAR + i * 600_000).unwrap();
    }
    // …then the clock is put right, and more notes and backups are made.
    for i in 0..backup::KEEP_AUTO as i64 + 2 {
        add(&mut s, &format!("after the clock was put right {i}"));
        let made = backup::make(dir.path(), BackupReason::Auto, NOW + i * 600_000).unwrap();
        let all = backup::list(dir.path()).unwrap();
        assert_eq!(
            all[0].file, made.file,
            "the one just made is kept, and is the newest"
        );
    }
    let all = backup::list(dir.path()).unwrap();
    assert!(
        all.iter().all(|b| b.created_ms < NOW + YEAR),
        "the year-ahead backups were the oldest made, and went first"
    );
    drop(s);
    // Restore takes the last one made: every note is there.
    let latest = backup::latest_good(dir.path()).unwrap().unwrap();
    backup::restore(dir.path(), Path::new(&latest.path), NOW + YEAR).unwrap();
    let s = Store::open_in(dir.path(), &machine()).unwrap();
    assert_eq!(notes(&s).len(), backup::KEEP_AUTO + 3);
}

#[test]
fn a_backup_counts_as_recent_only_when_made_before_now() {
    use backup::Scheduled::{Adopt, Make};
    let dir = TempDir::new().unwrap();
    drop(with_note(dir.path(), NOTE));
    let every = 600_000;
    // The first look after the app starts, at change mark 5: what the folder holds decides.
    let first_look = |now| backup::due(5, None, backup::latest_ms(dir.path()), now, every);
    assert_eq!(first_look(NOW), Make, "none yet");
    backup::make(dir.path(), BackupReason::Auto, NOW).unwrap();
    assert_eq!(backup::latest_ms(dir.path()), Some(NOW));
    assert_eq!(first_look(NOW + 60_000), Adopt);
    assert_eq!(first_look(NOW + every + 1), Make);
    // Named by a clock a year ahead: not "recent" once the clock is right again.
    backup::make(dir.path(), BackupReason::Auto, NOW + 365 * 86_400_000).unwrap();
    assert_eq!(first_look(NOW + 60_000), Make);
}

#[test]
fn what_an_interrupted_backup_left_is_removed_by_the_next() {
    let dir = TempDir::new().unwrap();
    drop(with_note(dir.path(), NOTE));
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let left = ["sala-000001-20261128-011832-auto.db.partial"];
    let mut paths = Vec::new();
    for name in left {
        for suffix in ["", "-wal", "-shm"] {
            let p = backups.join(format!("{name}{suffix}"));
            std::fs::write(&p, b"half").unwrap();
            // An hour old: no backup is still writing it.
            let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            std::fs::File::options()
                .write(true)
                .open(&p)
                .unwrap()
                .set_modified(old)
                .unwrap();
            paths.push(p);
        }
    }
    backup::make(dir.path(), BackupReason::Manual, NOW).unwrap();
    assert!(paths.iter().all(|p| !p.exists()), "{paths:?}");
}
