//! Opening a workspace, for `bench`: the child process that opens it as the window does
//! (`bench-load`), and the timing of that child from outside against `cat`.

use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use super::{median, peak_memory_kib};
use crate::app::AppState;
use crate::storage;
use crate::text::Lang;

/// Child process: opens `dir` as the app does (built-in rules, the workspace through
/// this computer's open cache, the state the screens draw from) and prints
/// "<open seconds in-process> <peak KiB> <products> <products from the cache>". With
/// `evidence`, the window's evidence check then runs to its end as the window runs it
/// (gathered on its own thread from a snapshot, results recorded as they come), and
/// the peak printed is the one after it, followed by the number of files it recorded.
pub fn child_load(dir: Option<&Path>, evidence: bool) -> Result<(), String> {
    let dir = dir.ok_or("bench-load needs a folder")?;
    let start = Instant::now();
    let mut catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let holidays = storage::assets::apply_workspace_holidays(&mut catalog, dir);
    let today = chrono::Local::now().date_naive();
    let loaded = storage::load_workspace_for(dir, &catalog, today).map_err(|e| e.to_string())?;
    let from_cache = loaded.from_cache;
    let mut state = AppState::from_loaded(dir, loaded, catalog, today, Lang::Vi, holidays);
    let seconds = start.elapsed().as_secs_f64();
    // The peak counts what the window's screens add too: the dashboard's agenda and
    // counts (the start screen) and the portfolio's rows, from the digests the load
    // computed (nothing is decoded).
    let agenda = crate::domain::agenda::agenda(state.workspace(), state.catalog(), state.today());
    let stats = crate::domain::agenda::stats(state.workspace(), state.catalog(), state.today());
    let rows = crate::ui::portfolio::build_rows(&state);
    let mut recorded = String::new();
    if evidence {
        let mut job =
            crate::jobs::VerifyJob::start_gathering(state.attachments_to_verify_later(), || {})
                .map_err(|e| e.to_string())?;
        let mut files = 0;
        while !job.finished {
            let arrived = job.poll();
            files += arrived.len();
            state.record_evidence(arrived);
            std::thread::sleep(Duration::from_millis(16));
        }
        recorded = format!(" {files}");
    }
    println!(
        "{seconds} {} {} {from_cache}{recorded}",
        peak_memory_kib().unwrap_or(0),
        state.workspace().products.len(),
    );
    // Opening is what is timed, not freeing: the window keeps its workspace until the
    // process ends, when the operating system takes the memory back at once.
    std::mem::forget(state);
    std::mem::forget((agenda, stats, rows));
    Ok(())
}

/// Opening a workspace, timed from outside (see [`measure_open`]).
pub(super) struct OpenFigures {
    /// Opening, the whole process (median).
    pub(super) load: Duration,
    /// The same, timed inside the process (without its start and exit).
    pub(super) load_inside: Duration,
    /// Opening without the cache (every file parsed), the whole process, once.
    pub(super) no_cache: Duration,
    /// Products the timed opens took from the cache.
    pub(super) from_cache: usize,
    /// The second of two `cat`s (median).
    pub(super) cat: Duration,
    /// Median of the seven side-by-side ratios.
    pub(super) load_over_cat: f64,
    pub(super) peak_kib: u64,
    /// The same with the evidence check the window starts at open run to its end.
    pub(super) peak_with_check_kib: u64,
    /// Evidence files that check recorded.
    pub(super) evidence_files: usize,
}

/// What one `bench-load` child said.
struct Opened {
    /// The whole process, timed from outside.
    wall: Duration,
    /// Timed inside it.
    inside: Duration,
    peak_kib: u64,
    from_cache: usize,
    /// Evidence files its check recorded (with `--evidence`).
    files: usize,
}

/// Runs `bench-load` on `dir` with the open cache in `cache` ("off": none), with the
/// evidence check run to its end when `evidence`.
fn open_child(exe: &Path, dir: &Path, cache: &Path, evidence: bool) -> Result<Opened, String> {
    let start = Instant::now();
    let out = Process::new(exe)
        .arg("bench-load")
        .arg(dir)
        .args(evidence.then_some("--evidence"))
        .env(storage::cache::CACHE_DIR_VAR, cache)
        .output()
        .map_err(|e| e.to_string())?;
    let wall = start.elapsed();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let parts: Vec<&str> = text.split_whitespace().collect();
    let said = || {
        format!(
            "bench-load said: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let inside: f64 = parts
        .first()
        .and_then(|s| s.parse().ok())
        .ok_or_else(said)?;
    Ok(Opened {
        wall,
        inside: Duration::from_secs_f64(inside),
        peak_kib: parts.get(1).and_then(|s| s.parse().ok()).ok_or_else(said)?,
        from_cache: parts.get(3).and_then(|s| s.parse().ok()).ok_or_else(said)?,
        files: parts.get(4).and_then(|s| s.parse().ok()).unwrap_or(0),
    })
}

/// Opening `dir`, timed from outside as a person waits for it: the whole child process
/// (start, built-in rules, the workspace through the open cache, exit) against `cat
/// products/*.ron` run twice, the second taken (a warm read), side by side in 7 pairs;
/// the median of the pairs' ratios. The first child builds the cache; one child without
/// the cache gives the figure of parsing every file; one more runs the evidence check
/// the window starts at open to its end (memory, not time).
pub(super) fn measure_open(dir: &Path, cache: &Path) -> Result<OpenFigures, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let no_cache = open_child(&exe, dir, Path::new("off"), false)?.wall;
    // The cache never takes a file changed within the last 3 s (storage::cache): let
    // the files just written settle, as a workspace opened on another day has.
    std::thread::sleep(Duration::from_millis(3_300));
    open_child(&exe, dir, cache, false)?; // builds the cache
    let mut loads = Vec::new();
    let mut inside = Vec::new();
    let mut cats = Vec::new();
    let mut ratios = Vec::new();
    let mut peak_kib = 0;
    let mut from_cache = 0;
    for _ in 0..7 {
        storage::probe::cat_products(dir)?;
        let cat = storage::probe::cat_products(dir)?;
        let opened = open_child(&exe, dir, cache, false)?;
        peak_kib = peak_kib.max(opened.peak_kib);
        from_cache = opened.from_cache;
        ratios.push(opened.wall.as_secs_f64() / cat.as_secs_f64().max(1e-9));
        loads.push(opened.wall);
        inside.push(opened.inside);
        cats.push(cat);
    }
    let checked = open_child(&exe, dir, cache, true)?;
    ratios.sort_by(f64::total_cmp);
    Ok(OpenFigures {
        load: median(loads),
        load_inside: median(inside),
        no_cache,
        from_cache,
        cat: median(cats),
        load_over_cat: ratios.get(ratios.len() / 2).copied().unwrap_or(0.0),
        peak_kib,
        peak_with_check_kib: checked.peak_kib,
        evidence_files: checked.files,
    })
}
