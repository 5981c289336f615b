// Without this a Windows release build opens a console window beside the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    sala_app_lib::run();
}
