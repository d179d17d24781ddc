// Embedded migrations: rebuild when one is added.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
