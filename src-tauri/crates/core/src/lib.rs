//! Ringside's pure core: no I/O, no clock. Every function takes the time it
//! needs as a [`Millis`] argument, so the same inputs always give the same
//! decisions — in the app, the CLI replay and the tests alike.

pub mod admin_config;
pub mod budget;
pub mod call_end;
pub mod caller_settings;
pub mod checkbox;
pub mod decision;
pub mod desk;
pub mod field_error;
pub mod found_contact;
pub mod link_down;
pub mod login;
pub mod phase;
pub mod phone_number;
pub mod presence;
pub mod record;
pub mod redact;
pub mod screen_pop;
pub mod second_call;
pub mod session;
pub mod settings;
pub mod shortcut;
pub mod signal;
pub mod softphone_settings;
pub mod time;
pub mod untrusted;

pub use call_end::CallEnd;
pub use caller_settings::{AutoCreate, CallerSettings};
pub use checkbox::{checkbox_visible, DoNotLogBox};
pub use decision::{decide, DecisionInput, DecisionReason, LogDecision, Writer};
pub use desk::{CallView, Desk, DeskError, Effect, FinishedCall, Input, LiveCall};
pub use field_error::FieldError;
pub use login::{CompanionLogin, CrmLogin, LoginEvent, LoginState, LoginTracker};
pub use phase::{Direction, Phase};
pub use record::RecordRef;
pub use session::{Anomaly, CallId, CallSession, PhaseChange, TransitionError, MAX_PHASES};
pub use settings::{Settings, SettingsError};
pub use signal::{CallSignal, EndedBy, SignalKind};
pub use softphone_settings::PhoneSettings;
pub use time::Millis;
