//! SIGKILL during saves: a child process edits products through the app's own save path
//! and is killed at random moments, 50 times. After every kill each product file must
//! parse (old or new content, never torn), and after the next open (once the temp files'
//! one-minute grace has passed) no temp file may be left.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use ocop_tracker::app::AppState;
use ocop_tracker::storage;
use ocop_tracker::ui::text::Lang;

const KILLS: usize = 50;

/// A small deterministic pseudo-random sequence (no dependency, reproducible runs).
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn temp_files(ws: &Path) -> Vec<std::path::PathBuf> {
    storage::temp_dirs(ws)
        .iter()
        .flat_map(|dir| storage::fsio::stray_temps(dir))
        .map(|t| t.path)
        .collect()
}

#[test]
fn fifty_kills_during_saves_tear_no_file_and_leave_no_temp_file() {
    let (_tmp, ws) = common::demo_copy();
    let mut seed = 0x5eed_u64;
    let mut temps_left_by_kills = 0;
    for round in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ocop-dev"))
            .arg("bench-saves")
            .arg(&ws)
            .env("OCOP_TEST_CHILD", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the saving child");
        // Kill only once the child says its saves are running (it first opens the
        // workspace and parses the rule data: a kill then would test nothing), then at a
        // random moment among them.
        let mut said = String::new();
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        std::io::BufRead::read_line(&mut stdout, &mut said).expect("read the child");
        assert_eq!(
            said.trim(),
            "saving",
            "round {round}: the child never began saving"
        );
        std::thread::sleep(Duration::from_millis(next(&mut seed) % 30));
        let still_running = child.try_wait().expect("poll").is_none();
        child.kill().expect("SIGKILL");
        let out = child.wait_with_output().expect("reap");
        assert!(
            still_running,
            "round {round}: the child stopped by itself: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let loaded = storage::load_workspace(&ws).expect("load");
        assert!(
            loaded.problems.is_empty(),
            "round {round}: torn or unreadable file: {:?}",
            loaded.problems
        );
        assert_eq!(loaded.workspace.products.len(), 2, "round {round}");
        temps_left_by_kills += temp_files(&ws).len();
        // Let the temp files age past the grace period instead of waiting a minute.
        for path in temp_files(&ws) {
            let old = SystemTime::now() - storage::fsio::TEMP_GRACE - Duration::from_secs(5);
            fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(old))
                .expect("age temp file");
        }
        let state = AppState::open(&ws, common::catalog(), common::today(), Lang::En)
            .expect("open after a kill");
        assert!(
            state.load_problems().is_empty(),
            "{:?}",
            state.load_problems()
        );
        assert_eq!(temp_files(&ws), Vec::<std::path::PathBuf>::new());
    }
    eprintln!("{KILLS} kills, {temps_left_by_kills} temp files left by kills, all cleaned");
}
