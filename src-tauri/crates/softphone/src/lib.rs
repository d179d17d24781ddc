//! Softphone connectors turn a phone's own events into [`CallSignal`]s and
//! carry call commands back. Every connector is a task behind two channels,
//! so the engine treats a simulator, baresip or an ACD socket alike.

pub mod acd;
pub mod baresip;
pub mod connector;
pub mod plain_error;
pub mod scenario;
pub mod simulator;

pub use connector::{ConnectorCommand, ConnectorEvent, ConnectorHandle, StateCause};
pub use scenario::{parse_scenario, Scenario, ScenarioError, Step, StepAction};
pub use simulator::{spawn_simulator, SimulatorProbe};
