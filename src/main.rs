//! Thin binary: run a CLI command, or start the GUI.
//!
//! On Windows the .exe belongs to the GUI subsystem: no console window opens on a
//! double-click; CLI commands attach to the terminal they were started from
//! (`cli::console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // `args_os`: `std::env::args` would panic on an argument that is not Unicode (on
    // Windows, a path with an unpaired UTF-16 surrogate); name it instead.
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => {
                ocop_tracker::cli::console::attach_parent();
                eprintln!("error: an argument is not valid Unicode: {}", arg.display());
                return ExitCode::from(2);
            }
        }
    }
    ocop_tracker::cli::main(&args)
}
