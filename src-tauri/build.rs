fn main() {
    // Declare the app's own commands so capabilities must grant each one.
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
            "ipc",
            "painted",
            "language",
            "set_language",
            "quit",
        ]));
    if let Err(e) = tauri_build::try_build(attributes) {
        // Without the built UI there is nothing to embed: say what to run.
        panic!("tauri build step failed: {e:#}\n(has the UI been built? run `npm --prefix ui run build`)");
    }
}
