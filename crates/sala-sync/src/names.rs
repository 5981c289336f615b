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

/// The extension of a snapshot file (`crate::snapshot`): not an op file, so a Sala before
/// snapshots skips it.
pub const SNAPSHOT_EXTENSION: &str = ".sala-snap";

/// What a name in a device folder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A device's own file, with its sequence number.
    Ops(u64),
    /// A device's snapshot of the workshop, with how many ops it holds.
    Snapshot(u64),
    /// A copy made by a sync program.
    ConflictCopy,
    /// Being written by someone; skipped.
    Temporary,
    /// Not a sync file (`device.json`, `desktop.ini`, …); skipped.
    Other,
}

/// Whether `name` is a workshop's or a device's folder name: a UUID as Sala writes it, in
/// lower case. Windows (and a FAT or exFAT USB stick, and macOS) sees `01A2…` and `01a2…` as one
/// name, Linux as two: only the lower-case form is read, so a twin in other case never counts
/// as another device, and no id read from a file can make a folder that collides with one.
pub fn is_id(name: &str) -> bool {
    sala_store::log::incoming::is_uuid(name) && !name.bytes().any(|b| b.is_ascii_uppercase())
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
    if let Some(ops) = name
        .strip_prefix("snapshot-")
        .and_then(|n| n.strip_suffix(SNAPSHOT_EXTENSION))
        .filter(|n| n.len() == 12 && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return ops.parse().map_or(FileKind::Other, FileKind::Snapshot);
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
            "snapshot-000000300000.sala-snap",
            FileKind::Snapshot(300_000),
        );
        check(
            &crate::snapshot::snapshot_name(20_000),
            FileKind::Snapshot(20_000),
        );
        check("snapshot-300000.sala-snap", FileKind::Other);
        check("snapshot-000000300000 (1).sala-snap", FileKind::Other);
        check(
            ".snapshot-000000300000.sala-snap.tmp-1a2b",
            FileKind::Temporary,
        );
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

    #[test]
    fn only_the_lower_case_form_of_an_id_names_a_folder() {
        let id = "01a246b1-1188-72a0-9d1d-39df01299887";
        assert!(is_id(id));
        assert!(!is_id(&id.to_uppercase()));
        assert!(!is_id("01A246b1-1188-72a0-9d1d-39df01299887"));
        assert!(!is_id("../../outside"));
        assert!(
            !is_id("01a246b1118872a09d1d39df01299887"),
            "the short form is not Sala's"
        );
        assert!(
            is_id(&sala_core::op::new_id()),
            "the ids Sala makes are lower case"
        );
    }
}

/// The longest file name Sala suggests, in bytes of UTF-8 (ext4 allows 255 bytes, NTFS 255
/// UTF-16 units; a Lao letter is 3 bytes): room left for a copy's " (2)".
pub const MAX_NAME_BYTES: usize = 200;

/// A file name every system Sala runs on accepts, made from a title a person typed (a report
/// or a template named after a Lao workshop title): characters Windows refuses (`< > : " / \ |
/// ? *`, control characters) become `-`, trailing dots and spaces go, a device name (`CON`,
/// `aux.txt`, `COM1`…) gets a `_` in front, and a long one is cut at a character boundary,
/// keeping its extension. Lao, and every other script, stays as typed.
pub fn portable_file_name(name: &str) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 16 && !name[i + 1..].contains(' ') => {
            (&name[..i], &name[i..])
        }
        _ => (name, ""),
    };
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_control()
                    || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
                {
                    '-'
                } else {
                    c
                }
            })
            .collect()
    };
    let ext = clean(ext);
    let mut stem = clean(stem).trim().trim_end_matches(['.', ' ']).to_owned();
    let room = MAX_NAME_BYTES.saturating_sub(ext.len());
    if stem.len() > room {
        let mut cut = room;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
        stem = stem.trim_end_matches(['.', ' ']).to_owned();
    }
    if stem.is_empty() {
        stem = "sala".to_owned();
    }
    // CON, PRN, AUX, NUL, COM1–9, LPT1–9 (and the superscript digits Windows also reserves),
    // whatever their case or extension.
    let device = stem
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device[3..].chars().all(|c| c.is_ascii_digit() && c != '0'))
        || ((device.starts_with("COM") || device.starts_with("LPT"))
            && matches!(device.get(3..), Some("¹" | "²" | "³")));
    if reserved {
        stem.insert(0, '_');
    }
    let ext = ext.trim_end_matches(['.', ' ']);
    format!("{stem}{ext}")
}

#[cfg(test)]
mod portable_tests {
    use super::*;

    #[track_caller]
    fn check(typed: &str, name: &str) {
        assert_eq!(portable_file_name(typed), name, "{typed:?}");
    }

    #[test]
    fn names_every_system_accepts() {
        check("summary-report-lo.docx", "summary-report-lo.docx");
        check(
            "ກອງປະຊຸມສຳມະນາ 2023.template.toml",
            "ກອງປະຊຸມສຳມະນາ 2023.template.toml",
        );
        check(
            "Data governance: what next?.docx",
            "Data governance- what next-.docx",
        );
        check("a/b\\c|d*e<f>g\"h.toml", "a-b-c-d-e-f-g-h.toml");
        check("tab\there\n.docx", "tab-here-.docx");
        check("ends with dots... .toml", "ends with dots.toml");
        check("CON", "_CON");
        check("con.docx", "_con.docx");
        check("aux.template.toml", "_aux.template.toml");
        check("COM1.txt", "_COM1.txt");
        check("LPT9", "_LPT9");
        check("COM0.txt", "COM0.txt");
        check("CONSULTATION.docx", "CONSULTATION.docx");
        check("", "sala");
        check("...", "sala");
        check(" ?.toml", "-.toml");
        // A long Lao title: cut at a letter, the extension kept, under the limit.
        let long = format!("{}.template.toml", "ການແບ່ງປັນຂໍ້ມູນ".repeat(20));
        let name = portable_file_name(&long);
        assert!(name.len() <= MAX_NAME_BYTES, "{}", name.len());
        assert!(
            name.ends_with(".toml") && name.starts_with("ການແບ່ງປັນ"),
            "{name}"
        );
    }
}
