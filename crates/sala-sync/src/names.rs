//! File names in a device folder, and the names sync programs give their own files.
//!
//! A device writes `NNNNNNNN.sala-ops` (eight digits, more once the numbers need them). Anything else that mentions such a name is
//! a copy some sync program made — Syncthing `00000003.sync-conflict-20231201-101500-ABCDEF7.sala-ops`,
//! Dropbox `00000003 (Noy's conflicted copy 2023-12-01).sala-ops`, OneDrive
//! `00000003-LAPTOP-7.sala-ops`, Google Drive `00000003 (1).sala-ops` — and is never applied.
//! Temporary files (Sala's own `.NNNNNNNN.sala-ops.tmp-…`, Syncthing's `.syncthing.…tmp`, partial
//! downloads) are skipped silently: they become real files or vanish.

/// The extension of a sync file.
pub const EXTENSION: &str = ".sala-ops";

/// What a name in a device folder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A device's own file, with its sequence number.
    Ops(u64),
    /// A copy made by a sync program.
    ConflictCopy,
    /// Being written by someone; skipped.
    Temporary,
    /// Not a sync file (`device.json`, `desktop.ini`, …); skipped.
    Other,
}

/// The name of sync file `seq`.
pub fn ops_name(seq: u64) -> String {
    format!("{seq:08}{EXTENSION}")
}

fn temporary(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with(".syncthing.")
        || lower.starts_with('~')
        || lower.starts_with(".~")
        || lower.contains(".tmp")
        || lower.ends_with(".part")
        || lower.ends_with(".partial")
        || lower.ends_with(".crdownload")
        || lower.ends_with(".download")
        || (lower.starts_with('.') && lower.contains(EXTENSION))
}

pub fn classify(name: &str) -> FileKind {
    if temporary(name) {
        return FileKind::Temporary;
    }
    let Some(stem) = name.strip_suffix(EXTENSION) else {
        return FileKind::Other;
    };
    if (8..=19).contains(&stem.len()) && stem.bytes().all(|b| b.is_ascii_digit()) {
        return stem.parse().map_or(FileKind::Other, FileKind::Ops);
    }
    // Another name around a sync file's number: a copy.
    if stem.len() > 8 && stem.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        return FileKind::ConflictCopy;
    }
    FileKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, kind: FileKind) {
        assert_eq!(classify(name), kind, "{name}");
    }

    #[test]
    fn names_sync_programs_make_are_told_apart() {
        check("00000003.sala-ops", FileKind::Ops(3));
        check(&ops_name(12_345), FileKind::Ops(12_345));
        check(
            "00000003.sync-conflict-20231201-101500-ABCDEF7.sala-ops",
            FileKind::ConflictCopy,
        );
        check(
            "00000003 (Noy's conflicted copy 2023-12-01).sala-ops",
            FileKind::ConflictCopy,
        );
        check(
            "00000003 (conflicted copy 2023-12-01 101500).sala-ops",
            FileKind::ConflictCopy,
        );
        check("00000003-LAPTOP-7.sala-ops", FileKind::ConflictCopy);
        check("00000003 (1).sala-ops", FileKind::ConflictCopy);
        check(".00000003.sala-ops.tmp-0190aa", FileKind::Temporary);
        check(".syncthing.00000003.sala-ops.tmp", FileKind::Temporary);
        check("~00000003.sala-ops", FileKind::Temporary);
        check("00000003.sala-ops.part", FileKind::Temporary);
        check("device.json", FileKind::Other);
        check("desktop.ini", FileKind::Other);
        check("3.sala-ops", FileKind::Other);
        // Numbers past eight digits keep their place (a folder with a file planted at
        // 99999999 must not hide the files after it).
        check("100000000.sala-ops", FileKind::Ops(100_000_000));
        check(&ops_name(1_234_567_890), FileKind::Ops(1_234_567_890));
        check("99999999999999999999.sala-ops", FileKind::ConflictCopy);
        check("0000000a.sala-ops", FileKind::Other);
    }
}
