//! Helpers for the workspace-level tests in `tests/`.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Every `.rs` file under `dir`.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n != "target" && n != "node_modules")
            {
                out.extend(rust_files(&path));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The locale keys named as the second argument of `message(…, "key"` in Rust source.
pub fn message_keys_used(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for (i, _) in source.match_indices("message(") {
        let rest = &source[i + "message(".len()..];
        let Some(comma) = rest.find(',') else {
            continue;
        };
        let after = rest[comma + 1..].trim_start();
        if let Some(lit) = after.strip_prefix('"')
            && let Some(end) = lit.find('"')
        {
            let key = &lit[..end];
            if key.contains('.')
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
            {
                keys.push(key.to_owned());
            }
        }
    }
    keys
}

/// One place the code makes an error: its code's locale name (`sync_file_torn`), the
/// parameters given in the same chain of `.with("name", …)`, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorMade {
    pub code: String,
    pub params: Vec<String>,
    pub at: String,
}

/// `CamelCase` to `snake_case`, as serde names the error codes.
fn snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The end (exclusive) of the balanced parentheses opening at `s[0]`.
fn balanced(s: &str) -> Option<usize> {
    let mut depth = 0;
    let mut in_str = false;
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match c {
            '"' if prev != '\\' => in_str = !in_str,
            '(' if !in_str => depth += 1,
            ')' if !in_str => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// Every `SalaError::new(ErrorCode::X)` in `source` with the `.with("name", …)` calls chained
/// right after it. `file` names it in `at`.
pub fn errors_made(file: &str, source: &str) -> Vec<ErrorMade> {
    const NEW: &str = "SalaError::new(ErrorCode::";
    let mut out = Vec::new();
    for (i, _) in source.match_indices(NEW) {
        let rest = &source[i + NEW.len()..];
        let Some(end) = rest.find(')') else { continue };
        let code = &rest[..end];
        if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let mut params = Vec::new();
        let mut tail = &rest[end + 1..];
        loop {
            let t = tail.trim_start();
            // `.with_io(e)` gives what the OS said: `reason` and `detail`.
            if t.starts_with(".with_io(") {
                params.extend(["reason".to_owned(), "detail".to_owned()]);
                let Some(close) = balanced(&t[".with_io".len()..]) else {
                    break;
                };
                tail = &t[".with_io".len() + close..];
                continue;
            }
            let Some(call) = t.strip_prefix(".with(") else {
                break;
            };
            if let Some(lit) = call.trim_start().strip_prefix('"')
                && let Some(q) = lit.find('"')
            {
                params.push(lit[..q].to_owned());
            }
            let Some(close) = balanced(&t[".with".len()..]) else {
                break;
            };
            tail = &t[".with".len() + close..];
        }
        let line = source[..i].matches('\n').count() + 1;
        out.push(ErrorMade {
            code: snake(code),
            params,
            at: format!("{file}:{line}"),
        });
    }
    out
}
