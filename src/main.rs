//! Thin binary: run a CLI command, or start the GUI.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    ocop_tracker::cli::main(&args)
}
