//! The tray icon, and the window following the desk. Closing the window
//! never quits: where the desktop shows the tray it hides the window, else
//! it minimises it (`tray_host.rs`), and Ringside goes on tracking and
//! logging calls. The tray shows the phone, the CRM and the calls missed
//! since the window was last in front, and offers show/hide and quit. A
//! ringing call names itself in the window's title and sets the urgency
//! hint until it stops ringing.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use ringside_engine::ipc::Snapshot;
use ringside_engine::problems::ProblemCode;
use ringside_engine::EngineHandle;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, UserAttentionType, WebviewWindow, Wry};

use crate::desk_lines::{lines, missed_line, DeskLines, APP};
use crate::language::Speech;
use crate::shell_text::ShellText;
use crate::tray_host::{OnClose, TrayChoice};

struct Items {
    icon: TrayIcon<Wry>,
    phone: MenuItem<Wry>,
    crm: MenuItem<Wry>,
    missed: MenuItem<Wry>,
    show: MenuItem<Wry>,
    quit: MenuItem<Wry>,
}

/// The shell's view of the desk: the tray (if the desktop has one), the
/// missed-call count, and what the window last showed.
pub struct DeskTray {
    speech: std::sync::Arc<Speech>,
    items: Option<Items>,
    /// The notice about closing, said once per start for each way of
    /// closing (and once per data folder for hiding, kept in `tray-notice`
    /// beside the store).
    told_hidden: std::sync::atomic::AtomicBool,
    told_minimised: std::sync::atomic::AtomicBool,
    notice_file: std::path::PathBuf,
    missed: AtomicU32,
    shown: Mutex<Option<DeskLines>>,
}

impl DeskTray {
    /// What closing the window does: hide it where a tray can bring it
    /// back, else minimise it. Ringside goes on logging calls either way.
    /// The desktop is asked at each close (a panel can start after
    /// Ringside, or go away): one short session-bus round trip.
    pub fn on_close(&self) -> OnClose {
        let choice = TrayChoice::from_env();
        let host = match choice {
            TrayChoice::Auto if self.items.is_some() => crate::tray_host::status_notifier_host(),
            _ => None,
        };
        let how = crate::tray_host::on_close(choice, self.items.is_some(), host);
        tracing::info!(?host, ?how, "closing the window");
        how
    }

    /// The window was closed: say, once, that Ringside is still running.
    pub fn closed(&self, how: OnClose) {
        let told = match how {
            OnClose::Hide => &self.told_hidden,
            OnClose::Minimise => &self.told_minimised,
        };
        if told.swap(true, Ordering::SeqCst) {
            return;
        }
        if how == OnClose::Hide && self.notice_file.exists() {
            return;
        }
        if how == OnClose::Hide {
            let _ = std::fs::write(&self.notice_file, b"1");
        }
        let text = self.text();
        let (summary, body) = match how {
            OnClose::Hide => (
                text.get("shell-still-running", &[]),
                text.get("shell-closed-to-tray", &[]),
            ),
            OnClose::Minimise => (
                text.get("shell-still-running", &[]),
                text.get("shell-closed-no-tray", &[]),
            ),
        };
        crate::notify::notice(summary, body);
    }

    /// A new desk (on the main thread): the title, the urgency hint and
    /// the tray lines.
    fn desk_changed(&self, window: Option<&WebviewWindow>, now: DeskLines) {
        let mut shown = self.shown.lock().unwrap_or_else(|p| p.into_inner());
        let before = shown.replace(now.clone());
        if before.as_ref() == Some(&now) {
            return;
        }
        if let Some(w) = window {
            if before.as_ref().map(|b| &b.title) != Some(&now.title) {
                let _ = w.set_title(&now.title);
            }
            let rang_before = before.as_ref().map_or(0, |b| b.ringing);
            if now.ringing > rang_before {
                let _ = w.request_user_attention(Some(UserAttentionType::Critical));
            } else if now.ringing == 0 && rang_before > 0 {
                let _ = w.request_user_attention(None);
            }
        }
        if let Some(items) = &self.items {
            let _ = items.phone.set_text(&now.phone);
            let _ = items.crm.set_text(&now.crm);
        }
    }

    /// A call rang out unanswered (missed or given up by the caller).
    pub fn missed_one(&self) {
        let n = self.missed.fetch_add(1, Ordering::SeqCst) + 1;
        self.show_missed(n);
    }

    /// The agent is back at the window: the count starts again.
    pub fn seen(&self) {
        if self.missed.swap(0, Ordering::SeqCst) != 0 {
            self.show_missed(0);
        }
    }

    fn show_missed(&self, n: u32) {
        if let Some(items) = &self.items {
            let text = &self.text();
            let _ = items.missed.set_text(missed_line(n, text));
            let _ = items
                .icon
                .set_title((n > 0).then(|| n.to_string()).as_deref());
            let _ = items
                .icon
                .set_tooltip(Some(format!("{APP} · {}", missed_line(n, text))));
        }
    }

    fn text(&self) -> std::sync::Arc<ShellText> {
        self.speech.text()
    }

    /// A new language (on the main thread): the fixed items now, the desk's
    /// lines with the next snapshot (what was shown is forgotten).
    fn relabel(&self) {
        self.shown.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(items) = &self.items {
            let text = self.text();
            let _ = items.show.set_text(text.get("shell-show-or-hide", &[]));
            let _ = items.quit.set_text(text.get("shell-quit", &[]));
        }
        self.show_missed(self.missed.load(Ordering::SeqCst));
    }
}

/// The agent switched language: the tray and the title follow at once.
pub fn language_changed(app: &AppHandle) {
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || {
        if let Some(tray) = handle.try_state::<DeskTray>() {
            tray.relabel();
        }
    });
    if let Some(engine) = app.try_state::<EngineHandle>() {
        let (engine, app) = (engine.inner().clone(), app.clone());
        tauri::async_runtime::spawn(async move {
            if let Ok(snapshot) = engine.snapshot().await {
                follow_desk(&app, &snapshot);
            }
        });
    }
}

/// A new snapshot: the window and the tray follow it, on the main thread
/// (window calls from the task that forwards events would wait on the
/// event loop; nothing here may hold up a snapshot).
pub fn follow_desk(app: &AppHandle, snapshot: &Snapshot) {
    let Some(speech) = app.try_state::<std::sync::Arc<Speech>>() else {
        return;
    };
    let now = lines(snapshot, &speech.text());
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || {
        if let Some(tray) = handle.try_state::<DeskTray>() {
            tray.desk_changed(handle.get_webview_window("main").as_ref(), now);
        }
    });
}

/// A call rang out unanswered while the agent was away from the window.
pub fn missed_while_away(app: &AppHandle) {
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || {
        let in_front = handle
            .get_webview_window("main")
            .is_some_and(|w| w.is_focused().unwrap_or(false) && w.is_visible().unwrap_or(false));
        if let Some(tray) = handle.try_state::<DeskTray>() {
            if !in_front {
                tray.missed_one();
            }
        }
    });
}

/// Builds the tray. A desktop without the indicator library gets none (the
/// library panics when it cannot be loaded): closing then minimises the
/// window, and the reason is logged.
pub fn build(
    app: &AppHandle,
    speech: std::sync::Arc<Speech>,
    data_dir: &std::path::Path,
) -> DeskTray {
    let text = speech.text();
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| items(app, &text)));
    let items = match built {
        Ok(Ok(items)) => Some(items),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "no tray icon; closing the window minimises it");
            None
        }
        Err(_) => {
            tracing::warn!("no tray icon (the desktop's indicator library is missing); closing the window minimises it");
            None
        }
    };
    DeskTray {
        speech,
        items,
        told_hidden: std::sync::atomic::AtomicBool::new(false),
        told_minimised: std::sync::atomic::AtomicBool::new(false),
        notice_file: data_dir.join("tray-notice"),
        missed: AtomicU32::new(0),
        shown: Mutex::new(None),
    }
}

fn items(app: &AppHandle, text: &ShellText) -> tauri::Result<Items> {
    let line = |id| text.get(id, &[]);
    let phone = MenuItem::with_id(
        app,
        "phone",
        line("shell-phone-starting"),
        false,
        None::<&str>,
    )?;
    let crm = MenuItem::with_id(app, "crm", line("shell-crm-starting"), false, None::<&str>)?;
    let missed = MenuItem::with_id(app, "missed", missed_line(0, text), false, None::<&str>)?;
    let show = MenuItem::with_id(app, "show", line("shell-show-or-hide"), true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", line("shell-quit"), true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &phone,
            &crm,
            &missed,
            &PredefinedMenuItem::separator(app)?,
            &show,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id("ringside")
        .menu(&menu)
        .tooltip(APP)
        .on_menu_event(menu_event);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    Ok(Items {
        icon,
        phone,
        crm,
        missed,
        show,
        quit,
    })
}

fn menu_event(app: &AppHandle, event: MenuEvent) {
    match event.id.as_ref() {
        "show" => toggle_window(app),
        "quit" => quit(app),
        _ => {}
    }
}

/// Brings the window forward (from the tray, a notification, a second start).
pub fn show_window(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

fn toggle_window(app: &AppHandle) {
    let Some(w) = app.get_webview_window("main") else {
        return;
    };
    // In front: hide it; hidden or behind other windows: bring it forward.
    if w.is_visible().unwrap_or(false) && w.is_focused().unwrap_or(false) {
        let _ = w.hide();
    } else {
        show_window(app);
    }
}

/// Quit from the tray: refused once while finished calls are held in
/// memory (as closing the window was before the tray), with the window
/// brought forward to say why.
pub fn quit(app: &AppHandle) {
    let guard = app.state::<crate::quit_guard::QuitGuard>();
    match guard.may_close(std::time::Instant::now(), "Choose Quit") {
        Ok(()) => {
            // STATE-3/4: the companion is closed before the process ends
            // (`exit` itself never destroys the window, so no event says so).
            if let Some(engine) = app.try_state::<EngineHandle>() {
                let engine = engine.inner().clone();
                tauri::async_runtime::block_on(async move {
                    let _ = tokio::time::timeout(
                        std::time::Duration::from_secs(2),
                        engine.login(ringside_core::LoginEvent::CompanionClosed),
                    )
                    .await;
                });
            }
            app.exit(0)
        }
        Err(why) => {
            show_window(app);
            if let Some(engine) = app.try_state::<EngineHandle>() {
                let engine = engine.inner().clone();
                tauri::async_runtime::spawn(async move {
                    engine.report_problem(ProblemCode::QuitHeld, why).await
                });
            }
        }
    }
}
