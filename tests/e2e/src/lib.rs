//! A small W3C WebDriver client and a harness that starts `tauri-driver`
//! for the real Ringside binary, with its data in a fresh folder.

pub mod desktop;
pub mod driver;
pub mod org;
pub mod webdriver;

pub use driver::Harness;
pub use webdriver::{Element, Session, WebDriverError};
