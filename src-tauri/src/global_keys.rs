//! System-wide shortcuts (Ctrl+Alt+A/H/E/D) so the agent can answer, hold,
//! hang up and tick "Do not log the call" while working in the CRM. The
//! engine picks the call each acts on, as for the window's Alt keys.
//! On X11 these are key grabs; where the desktop refuses them (Wayland, or
//! a key another program holds) Ringside says so and the window's keys work.

use ringside_core::shortcut::Shortcut;
use ringside_engine::ipc::{ErrorCode, Request, ASK_HOLD_EVENT};
use ringside_engine::EngineHandle;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_global_shortcut::{
    Code, GlobalShortcutExt, Modifiers, Shortcut as Keys, ShortcutState,
};

const KEYS: [(Code, Shortcut); 4] = [
    (Code::KeyA, Shortcut::Answer),
    (Code::KeyH, Shortcut::HoldResume),
    (Code::KeyE, Shortcut::Hangup),
    (Code::KeyD, Shortcut::ToggleDoNotLog),
];

fn keys(code: Code) -> Keys {
    Keys::new(Some(Modifiers::CONTROL | Modifiers::ALT), code)
}

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, pressed, event| {
            if event.state() != ShortcutState::Pressed {
                return;
            }
            let Some((_, shortcut)) = KEYS.iter().find(|(code, _)| keys(*code) == *pressed) else {
                return;
            };
            on_shortcut(app, *shortcut);
        })
        .build()
}

fn on_shortcut<R: Runtime>(app: &AppHandle<R>, shortcut: Shortcut) {
    // DNL-7: the checkbox is changed in the companion: bring it forward so
    // the agent sees what the key did.
    if shortcut == Shortcut::ToggleDoNotLog {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    }
    let Some(engine) = app.try_state::<EngineHandle>() else {
        return;
    };
    let engine = engine.inner().clone();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = engine.request(Request::Shortcut { shortcut }).await {
            tracing::info!(?shortcut, code = ?e.code, "{}", e.message);
            // The question the Answer button would ask, asked in the window.
            if e.code == ErrorCode::AnotherCallInConversation {
                if let Some(window) = app.get_webview_window("main") {
                    let _ = window.unminimize();
                    let _ = window.show();
                    let _ = window.set_focus();
                }
                let _ = app.emit(ASK_HOLD_EVENT, ());
            }
        }
    });
}

/// Grabs the keys; returns what could not be grabbed, to tell the agent.
pub fn register<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    let refused: Vec<String> = KEYS
        .iter()
        .filter_map(|(code, _)| {
            let k = keys(*code);
            app.global_shortcut()
                .register(k)
                .err()
                .map(|e| format!("{k} ({e})"))
        })
        .collect();
    if refused.is_empty() {
        tracing::info!("system-wide shortcuts Ctrl+Alt+A/H/E/D ready");
        None
    } else {
        let message = format!(
            "system-wide shortcuts unavailable: {}; the window's Alt+A/H/E/D still work",
            refused.join(", ")
        );
        tracing::warn!("{message}");
        Some(message)
    }
}
