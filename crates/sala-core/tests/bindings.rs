//! The committed TypeScript bindings match the Rust types.
//! Run `cargo xtask bindings` (or this test with `UPDATE_BINDINGS=1`) to rewrite them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[test]
fn bindings_are_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/backend/bindings.ts"
    );
    let fresh = sala_core::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/backend/bindings.ts is stale: run `cargo xtask bindings` and commit the result"
    );
}
