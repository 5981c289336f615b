// rust-i18n reads the YAML at compile time but does not tell cargo about it.
fn main() {
    println!("cargo:rerun-if-changed=../../locales");
    println!("cargo:rerun-if-changed=../../locales/en.yml");
    println!("cargo:rerun-if-changed=../../locales/lo.yml");
}
