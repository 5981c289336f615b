//! The answer file the offline survey form saves (issue 20, "circulate the survey"): a
//! participant opens the form (one HTML file, no network), answers, and presses "Save my
//! answers"; the browser saves this small JSON file, which they e-mail back and the coordinator
//! drops into Sala.
//!
//! ```text
//! {"sala_response":1,"workshop_id":"…","workshop_title":{"en":…,"lo":…},
//!  "form_id":"…","version_id":"…","form_version":2,
//!  "body":"{\"id\":\"<uuid>\",\"answers\":{…},\"saved_at\":\"2026-…\"}",
//!  "sha256":"<hex of the body's UTF-8 bytes>"}
//! ```
//!
//! The body is kept as the very text the form wrote, so the checksum needs no canonical JSON.
//! The checksum tells a damaged or hand-edited file apart; it is not a signature (anyone with
//! the form file can make one — docs/security.md). The body's `id`, made once per browser and
//! form, is the response's id: the same file (or a second save) imported twice counts once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Bilingual;
use crate::survey::Answer;

/// The format this Sala writes into the form and reads back.
pub const RESPONSE_FILE_FORMAT: u32 = 1;
/// The largest answer file read (a form's answers; its long texts are at most 20,000
/// characters each).
pub const MAX_RESPONSE_FILE: usize = 512 * 1024;

/// An answer file as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseFile {
    pub sala_response: u32,
    pub workshop_id: String,
    pub workshop_title: Bilingual,
    pub form_id: String,
    pub version_id: String,
    pub form_version: u32,
    pub body: String,
    pub sha256: String,
}

/// What the body holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseBody {
    pub id: String,
    pub answers: BTreeMap<String, Answer>,
    #[serde(default)]
    pub saved_at: String,
}

/// Why a file is not an answer file this Sala can take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseFileError {
    #[error("larger than {max} bytes")]
    TooLarge { max: usize },
    #[error("not a Sala answer file: {0}")]
    NotAnswerFile(String),
    #[error("made by a newer Sala (format {0})")]
    Newer(u32),
    #[error("changed or damaged after it was saved (its checksum does not match)")]
    Damaged,
}

/// The SHA-256 of `text`, in hex (what the form computes over the body).
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads an answer file: whole, of a format this Sala reads, its body as saved.
pub fn read_response_file(bytes: &[u8]) -> Result<(ResponseFile, ResponseBody), ResponseFileError> {
    if bytes.len() > MAX_RESPONSE_FILE {
        return Err(ResponseFileError::TooLarge {
            max: MAX_RESPONSE_FILE,
        });
    }
    let file: ResponseFile = serde_json::from_slice(bytes)
        .map_err(|e| ResponseFileError::NotAnswerFile(e.to_string()))?;
    if file.sala_response > RESPONSE_FILE_FORMAT {
        return Err(ResponseFileError::Newer(file.sala_response));
    }
    if !file.sha256.eq_ignore_ascii_case(&sha256_hex(&file.body)) {
        return Err(ResponseFileError::Damaged);
    }
    let body: ResponseBody = serde_json::from_str(&file.body)
        .map_err(|e| ResponseFileError::NotAnswerFile(e.to_string()))?;
    Ok((file, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(body: &str) -> String {
        serde_json::json!({
            "sala_response": 1, "workshop_id": "w", "workshop_title": {"en": "W", "lo": "ວ"},
            "form_id": "f", "version_id": "f.v1", "form_version": 1,
            "body": body, "sha256": sha256_hex(body),
        })
        .to_string()
    }

    #[test]
    fn a_saved_file_reads_back_and_any_change_is_seen() {
        let body = r#"{"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","answers":{"q1":{"type":"rating","value":4}}}"#;
        let good = file(body);
        let (f, b) = read_response_file(good.as_bytes()).unwrap();
        assert_eq!((f.form_id.as_str(), b.answers.len()), ("f", 1));
        let changed = good.replace(r#"\"value\":4"#, r#"\"value\":5"#);
        assert_ne!(changed, good);
        assert_eq!(
            read_response_file(changed.as_bytes()),
            Err(ResponseFileError::Damaged)
        );
        assert!(matches!(
            read_response_file(b"name,answer\nx,y"),
            Err(ResponseFileError::NotAnswerFile(_))
        ));
        let newer = good.replace("\"sala_response\":1", "\"sala_response\":9");
        assert_eq!(
            read_response_file(newer.as_bytes()),
            Err(ResponseFileError::Newer(9))
        );
        let huge = vec![b' '; MAX_RESPONSE_FILE + 1];
        assert!(matches!(
            read_response_file(&huge),
            Err(ResponseFileError::TooLarge { .. })
        ));
    }

    #[test]
    fn the_checksum_is_the_one_a_browser_computes() {
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1), as the form's script computes it.
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
