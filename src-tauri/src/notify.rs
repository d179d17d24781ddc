//! Desktop notifications behind a small trait, so the alert logic is tested
//! without a notification daemon.

use crate::shell_text::Arg;

pub trait Notifier: Send + Sync {
    /// Shows "incoming call"; `on_show` runs if the agent picks "Show Ringside".
    fn incoming_call(&self, remote: &str, on_show: Box<dyn FnOnce() + Send>) -> Result<(), String>;
}

/// Notifications in the language in force.
pub struct DesktopNotifier(pub std::sync::Arc<crate::language::Speech>);

impl Notifier for DesktopNotifier {
    fn incoming_call(&self, remote: &str, on_show: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        let text = self.0.text();
        // The far end chooses this text: one line, no markup.
        let who = ringside_core::untrusted::notification_text(remote);
        let show = text.get("shell-notify-show", &[]);
        let handle = notify_rust::Notification::new()
            .appname("Ringside")
            .summary(&text.get("shell-notify-incoming", &[]))
            .body(&text.get("shell-notify-body", &[("who", Arg::Text(&who))]))
            .action("default", &show)
            .action("show", &show)
            .show()
            .map_err(|e| e.to_string())?;
        // Waiting for the click blocks; keep it off the async runtime.
        std::thread::spawn(move || {
            handle.wait_for_action(|action| {
                if action == "default" || action == "show" {
                    on_show();
                }
            });
        });
        Ok(())
    }
}

/// A plain notice (no actions), shown off the calling thread: the D-Bus
/// call blocks, and a desktop without a notification daemon only logs it.
pub fn notice(summary: String, body: String) {
    std::thread::spawn(move || {
        if let Err(e) = notify_rust::Notification::new()
            .appname("Ringside")
            .summary(&summary)
            .body(&body)
            .show()
        {
            tracing::info!(error = %e, "{summary}: {body}");
        }
    });
}
