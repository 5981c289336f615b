#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

/// The client's line for the one command declared in `rust`, or the error it is refused with.
fn client_line(rust: &str) -> String {
    match commands_in(rust, "commands::x", Path::new("x.rs")) {
        Ok(commands) => {
            let ts = typescript(&commands);
            ts.lines()
                .find(|l| l.contains("): Promise<"))
                .unwrap_or("(no command)")
                .trim()
                .to_owned()
        }
        Err(e) => format!("error: {e}"),
    }
}

fn check(rust: &str, expected: &str) {
    assert_eq!(client_line(rust), expected, "for {rust}");
}

#[test]
fn arguments_and_results_are_said_in_typescript() {
    let cases = [
        (
            "#[tauri::command] pub async fn notes_for(state: State<'_, AppState>, group_id: String, question_id: String) -> Result<Vec<Note>> { todo!() }",
            "notesFor(groupId: string, questionId: string): Promise<Note[]>;",
        ),
        (
            "#[tauri::command] pub async fn f(app: AppHandle, granted: State<'_, Granted>, bytes: Vec<u8>, skip_bad: bool) -> Result<u32> { todo!() }",
            "f(bytes: number[], skipBad: boolean): Promise<number>;",
        ),
        (
            "#[tauri::command] pub async fn f(answers: BTreeMap<String, Answer>) -> Result<Option<String>> { todo!() }",
            "f(answers: Record<string, Answer>): Promise<string | null>;",
        ),
        (
            "#[tauri::command] pub async fn f(w: tauri::Window) -> Result<()> { todo!() }",
            "f(): Promise<void>;",
        ),
        (
            "#[tauri::command] pub async fn f(x: Vec<Option<f64>>) -> std::result::Result<PathBuf, SalaError> { todo!() }",
            "f(x: (number | null)[]): Promise<string>;",
        ),
        // Only trailing Options may be left out.
        (
            "#[tauri::command] pub async fn vote(card_id: String, session: Option<String>, voter: String) -> Result<BoardView> { todo!() }",
            "vote(cardId: string, session: string | null, voter: string): Promise<BoardView>;",
        ),
        (
            "#[tauri::command] pub async fn join(folder: String, passphrase: Option<String>, create: Option<bool>) -> Result<()> { todo!() }",
            "join(folder: string, passphrase?: string | null, create?: boolean | null): Promise<void>;",
        ),
        // A type alias of the same file is followed.
        (
            "type Messages = BTreeMap<String, String>;\n#[tauri::command] pub async fn messages(language: UiLanguage) -> Result<Messages> { todo!() }",
            "messages(language: UiLanguage): Promise<Record<string, string>>;",
        ),
        // Not a command: not in the client.
        (
            "pub async fn helper(x: String) -> Result<()> { todo!() }",
            "(no command)",
        ),
    ];
    for (rust, expected) in cases {
        check(rust, expected);
    }
}

#[test]
fn what_the_client_cannot_say_is_refused_with_the_commands_name() {
    let cases = [
        (
            "#[tauri::command] pub async fn big(n: u64) -> Result<()> { todo!() }",
            "error: command `big` (x.rs): `u64` does not fit a JavaScript number",
        ),
        (
            "#[tauri::command] pub async fn bare() -> Vec<Note> { todo!() }",
            "error: command `bare` (x.rs): returns `Vec < Note >`; a command returns `Result<T>` (the error is `SalaError`)",
        ),
        (
            "#[tauri::command] pub async fn none() { }",
            "error: command `none` (x.rs): a command returns `Result<T>` (the error is `SalaError`)",
        ),
        (
            "#[tauri::command] pub async fn io() -> Result<(), std::io::Error> { todo!() }",
            "error: command `io` (x.rs): fails with `std :: io :: Error`, not `SalaError`",
        ),
        (
            "#[tauri::command] async fn hidden() -> Result<()> { todo!() }",
            "error: command `hidden` (x.rs): a command in a module must be `pub`",
        ),
        (
            "#[tauri::command] pub async fn tuple(x: (String, u32)) -> Result<()> { todo!() }",
            "error: command `tuple` (x.rs): `(String , u32)` is not a type the client can say",
        ),
        (
            "#[tauri::command] pub async fn generic(x: Page<Note>) -> Result<()> { todo!() }",
            "error: command `generic` (x.rs): `Page < Note >`: generic types are not exported",
        ),
    ];
    for (rust, expected) in cases {
        check(rust, expected);
    }
}

#[test]
fn the_rust_doc_comment_becomes_the_clients() {
    let rust = "/// Saves an edit.\n///\n/// Words other tables added are kept; `*/` is harmless.\n#[tauri::command]\npub async fn update_note(id: String, text: String, base: Option<String>) -> Result<Note> { todo!() }";
    let commands = commands_in(rust, "commands::notes", Path::new("notes.rs")).unwrap();
    let ts = typescript(&commands);
    assert!(ts.contains(
        "  // commands::notes\n  /**\n   * Saves an edit.\n   *\n   * Words other tables added are kept; `*\\/` is harmless.\n   */\n  updateNote(id: string, text: string, base?: string | null): Promise<Note>;\n"
    ), "{ts}");
    assert!(
        ts.contains("  updateNote: (id, text, base) => invoke('update_note', { id, text, base: base ?? null }),\n"),
        "{ts}"
    );
    assert!(
        ts.contains("import type {\n  Note,\n} from './bindings';"),
        "{ts}"
    );
}

#[test]
fn the_handler_list_names_every_command_by_its_module_path() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("commands")).unwrap();
    std::fs::write(
        src.join("lib.rs"),
        "#[tauri::command]\nasync fn messages() -> Result<()> { todo!() }\nfn run() {}\n",
    )
    .unwrap();
    std::fs::write(
        src.join("commands/notes.rs"),
        "#[tauri::command]\npub async fn add_note(note: NewNote) -> Result<Note> { todo!() }\n#[tauri::command]\npub async fn trash() -> Result<Vec<Note>> { todo!() }\n",
    )
    .unwrap();
    std::fs::write(src.join("commands/mod.rs"), "pub mod notes;\n").unwrap();
    std::fs::write(src.join("notes.txt"), "#[tauri::command] not rust").unwrap();
    let commands = scan(src).unwrap();
    assert_eq!(
        handler_list(&commands),
        "tauri::generate_handler![\n    commands::notes::add_note,\n    commands::notes::trash,\n    messages,\n]"
    );

    // The same name twice would be one `invoke` name for two functions.
    std::fs::write(
        src.join("commands/mod.rs"),
        "#[tauri::command]\npub async fn trash() -> Result<()> { todo!() }\n",
    )
    .unwrap();
    let err = scan(src).unwrap_err().to_string();
    assert_eq!(
        err,
        "command `trash` is declared twice (commands::trash and commands::notes::trash)"
    );
}

#[test]
fn a_file_that_does_not_parse_is_named() {
    let err = commands_in("fn (", "", Path::new("src/broken.rs")).unwrap_err();
    assert!(
        err.to_string().starts_with("cannot parse src/broken.rs: "),
        "{err}"
    );
}

#[test]
fn snake_case_names_become_camel_case() {
    for (snake, camel_case) in [
        ("add_note", "addNote"),
        ("focus_area_id", "focusAreaId"),
        ("matrix", "matrix"),
        ("since_navigation_ms", "sinceNavigationMs"),
    ] {
        assert_eq!(camel(snake), camel_case);
    }
}
