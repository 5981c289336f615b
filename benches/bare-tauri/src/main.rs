#[tauri::command]
fn ui_ready(since_navigation_ms: f64) {
    if std::env::var_os("SALA_STARTUP_REPORT").is_some() {
        eprintln!("sala: ui-ready ({since_navigation_ms:.0} ms after the page started loading)");
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .expect("run the bare app");
}
