//! The developers' binary (`ocop_tracker::cli::dev`): benchmarks, the demo's generator,
//! the tests' children. Not part of what officers install.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    ocop_tracker::cli::dev::main(&args)
}
