//! Builds the Tauri app around a running engine.

use std::time::Instant;

use ringside_core::LoginEvent;
use std::sync::Arc;

use ringside_crm::{Keychain, OsKeychain, SecretError, SecretStore};
use ringside_engine::problems::ProblemCode;
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_salesforce::SalesforceProvider;
use ringside_softphone::spawn_simulator;
use tauri::{Manager, WindowEvent};

use crate::commands::{self, FirstPaint, Launch};
use crate::notify::DesktopNotifier;
use std::time::Duration;

pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RINGSIDE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

/// Reveal phone numbers in logs only when asked (they are personal data).
fn reveal_pii() -> bool {
    std::env::var("RINGSIDE_LOG_NUMBERS").is_ok_and(|v| v == "1")
}

pub fn run(launched: Instant) -> Result<(), Box<dyn std::error::Error>> {
    let db = ringside_engine::paths::database_path()?;
    #[cfg(unix)]
    let single = match crate::single_instance::claim(&crate::single_instance::socket_path(&db)) {
        Ok(crate::single_instance::Claim::AlreadyRunning) => {
            println!("Ringside is already running: its window was brought forward.");
            return Ok(());
        }
        Ok(crate::single_instance::Claim::First(listener)) => Some(listener),
        Err(e) => {
            tracing::warn!(error = %e, "cannot tell whether Ringside already runs; starting anyway");
            None
        }
    };
    let speech = Arc::new(crate::language::Speech::load(&db));
    let data_dir = db
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    tauri::Builder::default()
        .manage(Launch(launched))
        .manage(FirstPaint::default())
        .manage(speech.clone())
        .manage(crate::quit_guard::QuitGuard::default())
        .invoke_handler(tauri::generate_handler![
            commands::ipc,
            commands::painted,
            commands::language,
            commands::set_language,
            commands::quit
        ])
        .plugin(crate::global_keys::plugin())
        .plugin({
            crate::geometry::adopt_earlier(&data_dir);
            crate::geometry::plugin(&data_dir)
        })
        .manage(crate::geometry::Moves::default())
        .setup(move |app| {
            // Nothing but the window is on the first frame's path: the
            // engine (store, keychain, built-in CRM) and the system-wide
            // keys (X11 key grabs hold up the event loop for most of a
            // second) start once the page reports its first paint, or after
            // 2 s should it never. IPC calls made meanwhile wait for the
            // engine (`EngineSlot`).
            lean_webview(app);
            let (started, slot) = crate::engine_slot::EngineSlot::new();
            app.manage(slot);
            let painted = app.state::<FirstPaint>().subscribe();
            app.manage(crate::tray::build(app.handle(), speech.clone(), &data_dir));
            #[cfg(unix)]
            if let Some(listener) = single {
                tracing::info!(socket = %listener.path.display(), "a second start brings this window forward");
                let handle = app.handle().clone();
                listener.serve(move || crate::tray::show_window(&handle));
            }
            exit_on_terminate(app.handle().clone());
            let handle = app.handle().clone();
            let speech = speech.clone();
            tauri::async_runtime::spawn(async move {
                FirstPaint::wait(painted, Duration::from_secs(2)).await;
                // The grabs hop to the main thread one key at a time; the
                // engine does not wait for them.
                let keys = handle.clone();
                let keys_refused = tokio::task::spawn_blocking(move || crate::global_keys::register(&keys));
                let engine = match start_engine(db.clone()).await {
                    Ok(engine) => engine,
                    Err(e) => {
                        let why = format!("Ringside cannot open its store at {}: {e}", db.display());
                        tracing::error!("{why}");
                        started.failed(why);
                        return;
                    }
                };
                tracing::info!(store = %db.display(), "engine started");
                handle.manage(engine.clone());
                started.ready(engine.clone());
                crate::forward::spawn(handle.clone(), engine.clone(), DesktopNotifier(speech));
                // STATE-3: opening the companion logs the agent in to it.
                if let Err(e) = engine.login(LoginEvent::CompanionOpened).await {
                    tracing::error!(error = %e, "could not record the companion login");
                }
                let keys_refused = keys_refused
                    .await
                    .unwrap_or_else(|e| Some(format!("system-wide shortcuts unavailable: {e}")));
                if let Some(problem) = keys_refused {
                    engine
                        .report_problem(ProblemCode::ShortcutsRefused, problem)
                        .await;
                }
            });
            Ok(())
        })
        .on_page_load(|webview, payload| {
            let since_launch_ms = webview.state::<Launch>().0.elapsed().as_millis();
            tracing::info!(event = ?payload.event(), since_launch_ms, "page load");
        })
        .on_window_event(|window, event| {
            // The engine may still be starting: closing hides or minimises
            // the window without it.
            let engine = window
                .try_state::<EngineHandle>()
                .map(|e| e.inner().clone());
            let event = match event {
                WindowEvent::CloseRequested { api, .. } => {
                    // Closing never quits: calls go on being logged. With a
                    // tray the window hides; without one it is minimised,
                    // so the task bar brings it back. Quit is in the tray
                    // menu and in the window.
                    api.prevent_close();
                    let tray = window.state::<crate::tray::DeskTray>();
                    let how = tray.on_close();
                    let _ = match how {
                        crate::tray_host::OnClose::Hide => window.hide(),
                        crate::tray_host::OnClose::Minimise => window.minimize(),
                    };
                    tracing::info!(?how, "window closed: Ringside keeps running");
                    tray.closed(how);
                    return;
                }
                // STATE-3: focusing the companion counts as logging in to it.
                WindowEvent::Focused(true) => {
                    window.state::<crate::tray::DeskTray>().seen();
                    LoginEvent::CompanionFocused
                }
                WindowEvent::Destroyed => LoginEvent::CompanionClosed,
                WindowEvent::Moved(_) | WindowEvent::Resized(_) => {
                    crate::geometry::moved(window);
                    return;
                }
                _ => return,
            };
            // Before the engine is up there is nothing to tell: it logs the
            // companion in when it starts.
            if let Some(engine) = engine {
                tauri::async_runtime::spawn(async move {
                    let _ = engine.login(event).await;
                });
            }
        })
        .build(tauri::generate_context!())?
        .run(|app, event| {
            // On the way out the engine saves what it holds (held calls,
            // a write cut short stays queued for the next start).
            if let tauri::RunEvent::Exit = event {
                if let Some(engine) = app.try_state::<EngineHandle>() {
                    let engine = engine.inner().clone();
                    // The timer is made inside the runtime (the event loop's
                    // thread has none of its own).
                    tauri::async_runtime::block_on(async move {
                        let _ = tokio::time::timeout(
                            std::time::Duration::from_secs(5),
                            engine.shutdown(),
                        )
                        .await;
                    });
                }
            }
        });
    Ok(())
}

/// One local page that never navigates: WebKit's caches for browsing
/// (back/forward pages, a large memory cache) hold nothing it reuses.
fn lean_webview(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(webkit2gtk::CacheModel::DocumentViewer);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// The engine on the desk's store, the demo softphone (or the one the
/// agent chose), Salesforce sign-in with the OS keychain, and the saved org
/// or else the built-in sandbox CRM.
async fn start_engine(db: std::path::PathBuf) -> Result<EngineHandle, String> {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::File(db));
    options.simulator = Some(probe);
    options.reveal_pii = reveal_pii();
    options.crm = Some(Arc::new(SalesforceProvider {
        secrets: open_keychain().await,
        ..SalesforceProvider::without_keychain()
    }));
    options.auto_connect = true;
    options.saved_phone = true;
    // BUDGET-3: an org that runs a relay is followed, not polled.
    options.feed = Some(Arc::new(ringside_relay::NatsFeed::default()));
    start(options, connector).await.map_err(|e| e.to_string())
}

/// A session logout or `kill` sends SIGTERM: close the window properly so
/// the companion logout is recorded and WebKit shuts down cleanly.
fn exit_on_terminate(app: tauri::AppHandle) {
    #[cfg(unix)]
    tauri::async_runtime::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            return;
        };
        if term.recv().await.is_some() {
            tracing::info!("terminate signal: closing");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.destroy();
            }
            app.exit(0);
        }
    });
}

/// The OS keychain for org tokens. Without one, org sign-in says what is
/// missing; the built-in sandbox needs none.
async fn open_keychain() -> Result<Arc<dyn SecretStore>, SecretError> {
    let kind = Keychain::from_env();
    let opened = tokio::task::spawn_blocking(move || OsKeychain::open(kind))
        .await
        .map_err(|e| SecretError::Failed(e.to_string()))?;
    match opened {
        Ok(k) => {
            tracing::info!(keychain = k.name(), "keychain ready");
            Ok(Arc::new(k))
        }
        Err(e) => {
            tracing::warn!(error = %e, "no keychain: org sign-in is unavailable");
            Err(e)
        }
    }
}
