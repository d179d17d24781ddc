//! DNL-7: the checkbox can only be changed in Ringside, so a call that rings
//! while Ringside is in the background gets a notification that brings it
//! forward. No notification service is a logged fact, never a failure.

use crate::notify::Notifier;

/// Returns whether a notification was shown.
pub fn alert_if_background(
    notifier: &dyn Notifier,
    focused: bool,
    remote: &str,
    bring_forward: impl FnOnce() + Send + 'static,
) -> bool {
    if focused {
        return false;
    }
    match notifier.incoming_call(remote, Box::new(bring_forward)) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, "desktop notifications are unavailable; the call still rings in Ringside");
            false
        }
    }
}

/// `alert_if_background` on a blocking thread: showing a notification is a
/// D-Bus round trip that a stuck notification daemon can hold for seconds,
/// and the task that forwards the desk's events must never wait on it.
pub fn alert_off_the_loop(
    notifier: std::sync::Arc<dyn Notifier>,
    focused: bool,
    remote: String,
    bring_forward: impl FnOnce() + Send + 'static,
) -> tauri::async_runtime::JoinHandle<bool> {
    tauri::async_runtime::spawn_blocking(move || {
        alert_if_background(notifier.as_ref(), focused, &remote, bring_forward)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    struct Fake {
        works: bool,
        shown: AtomicUsize,
    }

    impl Notifier for Fake {
        fn incoming_call(
            &self,
            _remote: &str,
            on_show: Box<dyn FnOnce() + Send>,
        ) -> Result<(), String> {
            if !self.works {
                return Err(
                    "org.freedesktop.Notifications was not provided by any .service files".into(),
                );
            }
            self.shown.fetch_add(1, Ordering::SeqCst);
            on_show(); // the agent clicks "Show Ringside"
            Ok(())
        }
    }

    #[test]
    fn dnl7_notifies_only_in_the_background_and_the_action_brings_the_window_forward() {
        let fake = Fake {
            works: true,
            shown: AtomicUsize::new(0),
        };
        let forward = Arc::new(AtomicBool::new(false));
        assert!(!alert_if_background(&fake, true, "+1", || {}));
        assert_eq!(fake.shown.load(Ordering::SeqCst), 0);
        let f = forward.clone();
        assert!(alert_if_background(&fake, false, "+1", move || f.store(true, Ordering::SeqCst)));
        assert_eq!(fake.shown.load(Ordering::SeqCst), 1);
        assert!(forward.load(Ordering::SeqCst));
    }

    /// A notification daemon that hangs does not hold up the caller.
    #[test]
    fn a_stuck_notification_service_never_blocks_the_event_loop() {
        struct Stuck(std::sync::Mutex<std::sync::mpsc::Receiver<()>>);
        impl Notifier for Stuck {
            fn incoming_call(&self, _: &str, _: Box<dyn FnOnce() + Send>) -> Result<(), String> {
                // Blocks until the test lets it go (a D-Bus call that hangs).
                let _ = self.0.lock().unwrap().recv();
                Ok(())
            }
        }
        let (release, wait) = std::sync::mpsc::channel();
        let notifier: Arc<dyn Notifier> = Arc::new(Stuck(std::sync::Mutex::new(wait)));
        let started = std::time::Instant::now();
        let shown = alert_off_the_loop(notifier, false, "+13108675309".into(), || {});
        assert!(
            started.elapsed() < std::time::Duration::from_millis(500),
            "the caller waited on the notification"
        );
        release.send(()).unwrap();
        assert!(tauri::async_runtime::block_on(shown).unwrap());
    }

    #[test]
    fn dnl7_no_notification_service_is_not_fatal() {
        let fake = Fake {
            works: false,
            shown: AtomicUsize::new(0),
        };
        assert!(!alert_if_background(&fake, false, "+1", || {}));
    }
}
