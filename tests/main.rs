//! All integration tests in one test binary: each file under `tests/` is a module here.
//! One binary links egui, wgpu and the rest once instead of once per file (about 250 MB
//! of disk and a link each, 23 times over, on a cold CI run). Run one file's tests with
//! `cargo test --test integration <module>::`, e.g. `cargo test --test integration snapshots::`.

mod common;

mod cache;
mod cli;
mod commands;
mod criteria_data;
mod daily_use;
mod documents;
mod dossier_print;
mod evidence;
mod exchange;
mod fixtures;
#[cfg(unix)]
// a child per input under `ulimit` (sh); the Windows build is fuzzed through its shared code
mod fuzz;
mod gui;
mod hardening;
mod holidays;
mod hostile_input;
mod ics;
mod kill;
mod layers;
mod long_text;
mod paths;
mod province_lists;
mod roundtrip;
mod sharing;
mod sharing_gui;
mod sides;
mod snapshots;
mod stars;
mod storage;
mod store;
mod summary;
mod syncthing;
mod windows;
mod xlsx;
