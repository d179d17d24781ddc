//! Desktop notifications behind a small trait, so the alert logic is tested
//! without a notification daemon.

pub trait Notifier: Send + Sync {
    /// Shows "incoming call"; `on_show` runs if the agent picks "Show Ringside".
    fn incoming_call(&self, remote: &str, on_show: Box<dyn FnOnce() + Send>) -> Result<(), String>;
}

pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn incoming_call(&self, remote: &str, on_show: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        let handle = notify_rust::Notification::new()
            .appname("Ringside")
            .summary("Incoming call")
            // The far end chooses this text: one line, no markup.
            .body(&format!(
                "{}\nSwitch to Ringside to choose \"Do not log the call\".",
                ringside_core::untrusted::notification_text(remote)
            ))
            .action("default", "Show Ringside")
            .action("show", "Show Ringside")
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
