//! The system's file dialogs (rfd: a desktop portal or zenity on Linux) behind a trait,
//! so tests can answer them and a missing dialog is reported instead of ignored.

use std::path::PathBuf;

/// The system's file dialogs behind a trait, so tests can answer instead.
pub trait FileDialogs {
    /// Asks for a folder; None if cancelled.
    fn pick_folder(&mut self) -> Result<Option<PathBuf>, String>;
    /// Asks for one or more files to open; empty if cancelled.
    fn pick_files(&mut self) -> Result<Vec<PathBuf>, String>;
    /// Asks where to save a file; None if cancelled.
    fn save_file(&mut self, default_name: &str) -> Result<Option<PathBuf>, String>;
}

/// The native dialogs through rfd (a desktop portal or zenity on Linux).
#[derive(Debug, Default)]
pub struct NativeDialogs;

/// Runs a native dialog and tells "cancelled" from "could not be shown".
///
/// rfd returns nothing both when the user cancels and when no dialog backend exists (on
/// Linux: no desktop portal and no zenity). Nobody cancels a dialog within a fraction of a
/// second, so an empty answer that fast means the dialog never appeared.
fn run_dialog<T>(empty: impl Fn(&T) -> bool, show: impl FnOnce() -> T) -> Result<T, String> {
    let started = std::time::Instant::now();
    let answer = show();
    if empty(&answer) && started.elapsed() < std::time::Duration::from_millis(250) {
        return Err("the system file dialog could not be shown".to_owned());
    }
    Ok(answer)
}

impl FileDialogs for NativeDialogs {
    fn pick_folder(&mut self) -> Result<Option<PathBuf>, String> {
        run_dialog(Option::is_none, || rfd::FileDialog::new().pick_folder())
    }

    fn pick_files(&mut self) -> Result<Vec<PathBuf>, String> {
        run_dialog(Vec::is_empty, || {
            rfd::FileDialog::new().pick_files().unwrap_or_default()
        })
    }

    fn save_file(&mut self, default_name: &str) -> Result<Option<PathBuf>, String> {
        run_dialog(Option::is_none, || {
            rfd::FileDialog::new()
                .set_file_name(default_name)
                .save_file()
        })
    }
}
