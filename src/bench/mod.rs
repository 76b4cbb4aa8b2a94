//! `ocop-tracker bench`: speed and memory figures quoted in the README.
//!
//! Measures, on this machine in one run, for each workspace size: load time and peak
//! memory (in a child process, so each size starts from a clean heap), the portfolio
//! frame time in a headless context, one search keystroke, and saving one edit.
//! Not a test: these machines are shared and noisy, so nothing here asserts a time.

pub mod dossier;
pub mod exchange;
mod open;
mod xlsx;

pub use open::child_load;
use open::{OpenFigures, measure_open};
pub use xlsx::{child_xlsx_export, run_xlsx};

use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use crate::app::AppState;
use crate::command::Command;
use crate::domain::demo;
use crate::domain::dossier::DocStatus;
use crate::storage;
use crate::text::Lang;
use crate::ui::OcopApp;
use crate::ui::headless::Headless;

/// What `bench` printed, kept for its results file (see [`run`]).
static REPORT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Prints a line of the results and keeps it for the results file.
macro_rules! say {
    () => {
        say!("")
    };
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        println!("{line}");
        if let Ok(mut report) = REPORT.lock() {
            report.push_str(&line);
            report.push('\n');
        }
    }};
}

/// The number after `name` in `args`, or `default`; a value that is not a number is an
/// error naming the flag.
fn number_flag<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> Result<T, String> {
    match args
        .iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
    {
        Some(raw) => raw.parse().map_err(|_| format!("{name}: “{raw}”")),
        None => Ok(default),
    }
}

/// Peak resident memory of this process in KiB (Linux `VmHWM`), if known.
fn peak_memory_kib() -> Option<u64> {
    storage::probe::proc_status_kib("VmHWM")
}

/// Child process for the kill test (`tests/kill.rs`): edits products of `dir` through
/// the app's own save path as fast as it can, forever, until it is killed.
pub fn child_save_loop(dir: Option<&Path>) -> Result<(), String> {
    let dir = dir.ok_or("bench-saves needs a folder")?;
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let mut state = AppState::open(dir, catalog, today, Lang::En).map_err(|e| e.to_string())?;
    let ids: Vec<_> = state.workspace().products.keys().cloned().collect();
    let mut n: u64 = 0;
    loop {
        for id in &ids {
            n += 1;
            if n == 2 {
                // The first save is on disk and the second begins: the test kills only
                // after this line, so every kill lands among saves.
                use std::io::Write as _;
                let mut out = std::io::stdout();
                let _ = writeln!(out, "saving");
                let _ = out.flush();
            }
            let command = Command::SetText {
                id: id.clone(),
                field: crate::command::TextField::Notes,
                value: format!(
                    "edit {n} {}",
                    "x".repeat(usize::try_from(n % 4000).unwrap_or(0))
                ),
            };
            state.apply(&command).map_err(|e| e.to_string())?;
            if state.unsaved_count() > 0 {
                return Err(format!("save failed: {:?}", state.messages()));
            }
        }
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Figures for one workspace size.
struct Figures {
    products: usize,
    /// Mean size of a product file.
    file_kib: u64,
    /// Opening, from outside.
    open: OpenFigures,
    frame: Duration,
    dashboard: Duration,
    /// One product's screen: the Overview and the Scoring tab.
    product_frames: [Duration; 2],
    keystroke: Duration,
    /// Saving one edit, all of it.
    save: Duration,
    /// Of which waiting for fsync.
    fsync: Duration,
    /// The rest (what the app itself does).
    save_rest: Duration,
    frame_after_edit: Duration,
}

fn frame(app: &mut OcopApp, ctx: &Headless) -> Duration {
    ctx.frame(app)
}

fn measure(size: usize, root: &Path) -> Result<Figures, String> {
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let dir = root.join(format!("ws-{size}"));
    let workspace = demo::synthetic_workspace(size, 42, &catalog, today);
    storage::save_workspace(&dir, &workspace).map_err(|e| e.to_string())?;
    let samples = demo::sample_evidence();
    storage::evidence::store_samples_for(
        &dir,
        samples.iter().map(|(n, b, _)| (*n, b.as_slice())),
        &workspace,
    )
    .map_err(|e| e.to_string())?;
    drop(workspace);

    let open = measure_open(&dir, &root.join(format!("cache-{size}")))?;
    let file_kib = storage::probe::products_size(&dir)? / 1024 / size.max(1) as u64;

    // Frame time: the real app, portfolio screen, headless context.
    let state =
        AppState::open(&dir, catalog.clone(), today, Lang::Vi).map_err(|e| e.to_string())?;
    let mut app = OcopApp::new(catalog, None, Lang::Vi, Some(today));
    app.state = Some(state);
    let ctx = Headless::default();
    for _ in 0..5 {
        frame(&mut app, &ctx); // warm-up: caches, font atlas
    }
    app.screen = crate::ui::Screen::Portfolio;
    for _ in 0..5 {
        frame(&mut app, &ctx);
    }
    let frames: Vec<Duration> = (0..50).map(|_| frame(&mut app, &ctx)).collect();
    app.screen = crate::ui::Screen::Dashboard;
    for _ in 0..5 {
        frame(&mut app, &ctx);
    }
    let dashboard_frames: Vec<Duration> = (0..50).map(|_| frame(&mut app, &ctx)).collect();
    // One product's screen, its Overview (the at-a-glance status: evaluation, the way to
    // the next star, deadlines) and its Scoring tab; the evaluation and the way to the next
    // star are kept per revision (`AppState::evaluation`), the rest is computed each frame.
    let first = app
        .state
        .as_ref()
        .and_then(|s| s.workspace().products.keys().next().cloned());
    let mut product_frames = [Duration::ZERO; 2];
    if let Some(id) = first {
        app.screen = crate::ui::Screen::Product(id);
        for (i, tab) in [
            crate::ui::product::ProductTab::Overview,
            crate::ui::product::ProductTab::Scoring,
        ]
        .into_iter()
        .enumerate()
        {
            app.product_view.tab = tab;
            for _ in 0..5 {
                frame(&mut app, &ctx);
            }
            product_frames[i] = median((0..50).map(|_| frame(&mut app, &ctx)).collect());
        }
    }
    app.screen = crate::ui::Screen::Portfolio;

    // One search keystroke: the query changes, the next frame filters all rows.
    let mut keystrokes = Vec::new();
    for (i, query) in ["c", "co", "com", "com h", "com ho"]
        .iter()
        .cycle()
        .take(20)
        .enumerate()
    {
        app.portfolio.query = (*query).to_owned();
        if i % 5 == 0 {
            app.portfolio.query.clear();
            frame(&mut app, &ctx);
            app.portfolio.query = (*query).to_owned();
        }
        keystrokes.push(frame(&mut app, &ctx));
    }

    // Saving one edit: apply a command (includes the atomic write with fsync).
    let id = app
        .state
        .as_ref()
        .ok_or("no state")?
        .workspace()
        .products
        .keys()
        .nth(size / 2)
        .cloned()
        .ok_or("empty workspace")?;
    let mut saves = Vec::new();
    let mut syncs = Vec::new();
    let mut after_edit = Vec::new();
    for i in 0..60 {
        let status = if i % 2 == 0 {
            DocStatus::Ready
        } else {
            DocStatus::InProgress
        };
        let command = Command::SetDocStatus {
            id: id.clone(),
            key: "form-01".into(),
            status,
        };
        let synced_before = storage::fsio::time_in_fsync();
        let start = Instant::now();
        app.state
            .as_mut()
            .ok_or("no state")?
            .apply(&command)
            .map_err(|e| e.to_string())?;
        saves.push(start.elapsed());
        syncs.push(storage::fsio::time_in_fsync().saturating_sub(synced_before));
        // The next frame rebuilds the portfolio's cached rows for the new revision.
        after_edit.push(frame(&mut app, &ctx));
    }
    Ok(Figures {
        products: size,
        file_kib,
        open,
        frame: median(frames),
        dashboard: median(dashboard_frames),
        product_frames,
        keystroke: median(keystrokes),
        save_rest: median(
            saves
                .iter()
                .zip(&syncs)
                .map(|(s, f)| s.saturating_sub(*f))
                .collect(),
        ),
        save: median(saves),
        fsync: median(syncs),
        frame_after_edit: median(after_edit),
    })
}

/// Where `bench` keeps its results: `--out FILE`, none with `--out -`, else
/// `tools/bench-output/bench-<date>-<time>.txt` when run from the repository (whose
/// README quotes these files).
fn results_file(args: &[String]) -> Option<std::path::PathBuf> {
    match args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
    {
        Some(out) if out == "-" => None,
        Some(out) => Some(out.into()),
        None => {
            let folder = Path::new("tools/bench-output");
            folder.is_dir().then(|| {
                folder.join(format!(
                    "bench-{}.txt",
                    chrono::Utc::now().format("%Y-%m-%d-%H%M")
                ))
            })
        }
    }
}

/// Writes what `bench` printed to `out`, under a line saying when, on what and from
/// which build it ran.
fn write_results(out: &Path) -> Result<(), String> {
    let commit = Process::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    let header = format!(
        "# ocop-dev bench ({} UTC, ocop-tracker {}, release build at {commit}; {}; products written by the synthetic generator as heavy as real ones: every criterion answered, 20-40 history entries, 3-8 attachments each with a file of its own, notes)\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M"),
        env!("CARGO_PKG_VERSION"),
        storage::probe::machine_line(),
    );
    let report = REPORT.lock().map(|r| r.clone()).unwrap_or_default();
    storage::probe::write_file(out, format!("{header}{report}").as_bytes())?;
    eprintln!("results written to {}", out.display());
    Ok(())
}

/// Runs the benchmark and prints a Markdown table (and keeps it: [`results_file`]).
pub fn run(args: &[String]) -> Result<(), String> {
    let sizes: Vec<usize> = match args
        .iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
    {
        Some(raw) => raw
            .split(',')
            .map(|s| {
                s.trim()
                    .parse::<usize>()
                    .map_err(|_| format!("--sizes: “{s}”"))
            })
            .collect::<Result<_, _>>()?,
        None => vec![20, 20_000],
    };
    let out = results_file(args);
    let root = storage::probe::scratch_dir("ocop-bench")?;
    let mut all = Vec::new();
    for size in &sizes {
        eprintln!("measuring {size} products…");
        let figures = measure(*size, &root);
        all.push(figures);
    }
    storage::probe::remove_scratch(&root);
    let all: Vec<Figures> = all.into_iter().collect::<Result<_, _>>()?;
    say!(
        "| products | file size | open (whole process) | of which inside | from the cache | open without the cache | `cat` of the files (2nd of 2) | open ÷ cat (median of 7 pairs) | peak memory (open, the dashboard and the portfolio rows) | the same with the evidence check run (files) | portfolio frame | dashboard frame | search keystroke | save one edit | of which fsync | save without fsync | first frame after an edit |"
    );
    say!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for f in &all {
        say!(
            "| {} | {} KiB | {} | {} | {} | {} | {} | {:.2}× | {:.1} MiB | {:.1} MiB ({}) | {} | {} | {} | {} | {} | {} | {} |",
            f.products,
            f.file_kib,
            ms(f.open.load),
            ms(f.open.load_inside),
            f.open.from_cache,
            ms(f.open.no_cache),
            ms(f.open.cat),
            f.open.load_over_cat,
            f.open.peak_kib as f64 / 1024.0,
            f.open.peak_with_check_kib as f64 / 1024.0,
            f.open.evidence_files,
            ms(f.frame),
            ms(f.dashboard),
            ms(f.keystroke),
            ms(f.save),
            ms(f.fsync),
            ms(f.save_rest),
            ms(f.frame_after_edit)
        );
    }
    if let (Some(small), Some(large)) = (all.first(), all.last())
        && small.products != large.products
    {
        let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64().max(1e-9);
        say!();
        say!(
            "frame ratio {}/{}: {:.2}× (goal ≤ 1.3×); save ratio without fsync: {:.2}× (goal ≤ 1.5×); open of {}: {:.2} s (goal < 2 s, and ≤ 2× cat)",
            large.products,
            small.products,
            ratio(small.frame, large.frame),
            ratio(small.save_rest, large.save_rest),
            large.products,
            large.open.load.as_secs_f64()
        );
    }
    for f in &all {
        say!(
            "product screen frame at {} products: Overview {}, Scoring tab {} (the evaluation and the way to the next star kept per revision)",
            f.products,
            ms(f.product_frames[0]),
            ms(f.product_frames[1])
        );
    }
    let long_note = long_note_memory(&root)?;
    say!("opening a product with a 1 MiB note: +{long_note:.1} MiB resident (goal ≤ 50 MiB)");
    document_figures()?;
    if let Some(largest) = sizes.iter().max() {
        let dir = root.join(format!("watch-{largest}"));
        let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
        let workspace =
            demo::synthetic_workspace(*largest, 7, &catalog, chrono::Local::now().date_naive());
        storage::save_workspace(&dir, &workspace).map_err(|e| e.to_string())?;
        let delay = watch_delay(&dir);
        let idle_seconds: u64 = number_flag(args, "--idle-seconds", 60)?;
        let idle = idle_cpu(&dir, Duration::from_secs(idle_seconds));
        storage::probe::remove_scratch(&root);
        let delay = delay?;
        say!(
            "outside change seen by the watcher ({largest} products): {} (goal < 2 s)",
            ms(delay)
        );
        match idle? {
            Some(cpu) => say!(
                "watching {largest} products while idle: {:.2} s of CPU in {idle_seconds} s ({:.2} % of one core; goal < 1 %)",
                cpu.as_secs_f64(),
                cpu.as_secs_f64() * 100.0 / idle_seconds.max(1) as f64
            ),
            None => say!("watching while idle: CPU time not measured here (no /proc)"),
        }
    }
    if let Some(out) = out {
        write_results(&out)?;
    }
    Ok(())
}

/// Time to build each form and the status report of the demo's Cốm (median of 9, bytes
/// in memory: writing them is one atomic file write).
fn document_figures() -> Result<(), String> {
    use crate::documents::{self, DocKind, Input};
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let workspace = demo::seed_workspace(&catalog);
    let product = workspace
        .products
        .values()
        .find(|p| p.scoring_set == 6)
        .ok_or("no demo product")?;
    let input = Input {
        product: &product,
        workspace: &workspace.info,
        catalog: &catalog,
        today: chrono::Local::now().date_naive(),
    };
    say!();
    say!("| document ({}) | build time | size | goal |", product.name);
    say!("|---|---:|---:|---|");
    for kind in DocKind::ALL {
        let mut samples = Vec::new();
        let mut size = 0;
        for _ in 0..9 {
            let started = std::time::Instant::now();
            let bytes = documents::render(kind, &input, crate::text::Lang::Vi)
                .map_err(|e| e.to_string())?;
            samples.push(started.elapsed());
            size = bytes.len();
        }
        say!(
            "| {} | {} | {} KiB | < 200 ms |",
            crate::text::Lang::Vi.t(kind.name()),
            ms(median(samples)),
            size / 1024
        );
    }
    Ok(())
}

/// Child process for the sync stress test (`tests/syncthing.rs`, ignored by default):
/// `bench-sync-writer DIR SECONDS SEED NAME` edits random products' notes through the
/// app's own save path at random moments for SECONDS, looking at the folder for others'
/// changes now and then like the GUI's watcher does, and prints every value it wrote
/// (`NAME-N`), one per line, so that the test can look for each one at the end.
pub fn child_sync_writer(args: &[String]) -> Result<(), String> {
    let [dir, seconds, seed, name, ..] = args else {
        return Err("bench-sync-writer DIR SECONDS SEED NAME".to_owned());
    };
    let seconds: u64 = seconds.parse().map_err(|_| "SECONDS")?;
    let mut seed: u64 = seed.parse().map_err(|_| "SEED")?;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let dir = Path::new(dir);
    let mut state = AppState::open(dir, catalog, today, Lang::En).map_err(|e| e.to_string())?;
    state.set_officer(name.clone());
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut n = 0u64;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50 + next() % 450));
        if next() % 3 == 0 {
            state.rescan();
        }
        let ids: Vec<_> = state.workspace().products.keys().cloned().collect();
        let Some(id) = ids.get(usize::try_from(next()).unwrap_or(0) % ids.len().max(1)) else {
            continue;
        };
        n += 1;
        let token = format!("{name}-{n}");
        state
            .apply(&Command::SetText {
                id: id.clone(),
                field: crate::command::TextField::Notes,
                value: token.clone(),
            })
            .map_err(|e| e.to_string())?;
        println!("{token}");
    }
    Ok(())
}

/// Resident memory of this process in KiB (Linux `VmRSS`), if known.
fn resident_kib() -> Option<u64> {
    storage::probe::proc_status_kib("VmRSS")
}

/// Memory added by opening a product whose notes hold 1 MiB of text (goal: ≤ 50 MiB),
/// in the real app, headless.
fn long_note_memory(root: &Path) -> Result<f64, String> {
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let mut workspace = demo::seed_workspace(&catalog);
    let id = workspace
        .products
        .keys()
        .next()
        .cloned()
        .ok_or("no seed product")?;
    if let Some(product) = workspace.products.get_mut(&id) {
        product.notes = "Ghi chú rất dài. ".repeat(1024 * 1024 / 17);
    }
    let dir = root.join("long-note");
    storage::save_workspace(&dir, &workspace).map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let mut app = OcopApp::new(catalog, Some(&dir), Lang::Vi, Some(today));
    let ctx = Headless::default();
    app.screen = crate::ui::Screen::Portfolio;
    for _ in 0..5 {
        frame(&mut app, &ctx);
    }
    let before = resident_kib().unwrap_or(0);
    app.screen = crate::ui::Screen::Product(id);
    for _ in 0..5 {
        frame(&mut app, &ctx);
    }
    let after = resident_kib().unwrap_or(0);
    Ok(after.saturating_sub(before) as f64 / 1024.0)
}

/// Time from another writer's rename in `products/` until the watcher reports it (what
/// the GUI waits for before it reloads; the goal is under 2 s), median of 5.
fn watch_delay(dir: &Path) -> Result<Duration, String> {
    let listing = storage::product_dir_listing(dir);
    let job =
        crate::jobs::WatchJob::start(dir.to_owned(), listing, || {}).map_err(|e| e.to_string())?;
    std::thread::sleep(Duration::from_millis(300));
    let product = storage::probe::some_product_file(dir)?;
    let mut delays = Vec::new();
    for round in 0..5 {
        let start = storage::probe::outside_rewrite(&product, &format!("outside edit {round}"))?;
        loop {
            if job.poll().is_some() {
                delays.push(start.elapsed());
                break;
            }
            if start.elapsed() > Duration::from_secs(60) {
                return Err("the watcher never reported the change".to_owned());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    Ok(median(delays))
}

/// CPU used by the workspace watcher over `span` while nothing happens (file events and
/// its listing of `products/` every `RESCAN_EVERY`): the process's CPU time, this thread
/// only sleeping meanwhile. None where `/proc` is not.
fn idle_cpu(dir: &Path, span: Duration) -> Result<Option<Duration>, String> {
    let listing = storage::product_dir_listing(dir);
    let job =
        crate::jobs::WatchJob::start(dir.to_owned(), listing, || {}).map_err(|e| e.to_string())?;
    std::thread::sleep(Duration::from_secs(1));
    let Some(before) = storage::probe::process_cpu_time() else {
        return Ok(None);
    };
    std::thread::sleep(span);
    let after = storage::probe::process_cpu_time();
    drop(job);
    Ok(after.map(|a| a.saturating_sub(before)))
}

/// `bench-import [--size-mib N]`: evidence import of an N MiB file against `cp` plus
/// `sha256sum` of the same file, side by side in one run (each once, warm cache).
pub fn run_import(args: &[String]) -> Result<(), String> {
    let mib: u64 = number_flag(args, "--size-mib", 1024)?;
    let root = storage::probe::scratch_dir("ocop-bench-import")?;
    eprintln!("importing a {mib} MiB file…");
    let result = crate::storage::probe::bench_import(&root, mib * 1024 * 1024);
    storage::probe::remove_scratch(&root);
    let (import, reference) = result?;
    say!("| file | import (copy + SHA-256 + fsync) | cp + sha256sum | ratio |");
    say!("|---:|---:|---:|---:|");
    say!(
        "| {mib} MiB | {:.2} s | {:.2} s | {:.2}× (goal ≤ 1.3×) |",
        import.as_secs_f64(),
        reference.as_secs_f64(),
        import.as_secs_f64() / reference.as_secs_f64().max(1e-9)
    );
    Ok(())
}
