//! `ocop-tracker bench-bundle`: the electronic dossier's figures for the README.
//!
//! - Exporting a product with `--size-mib` MiB of evidence (default 1024, in 16
//!   incompressible files) against `zip -r -0` of the same files (goal ≤ 1.3×), then
//!   verifying and receiving that bundle.
//! - Opening a folder of many communes: 100 workspaces of 5 products (goal < 2 s), and
//!   20,000 products in 100 workspaces against one workspace of 20,000.
//!
//! Warm page cache for both sides; the bundle is synced to disk before it is renamed,
//! `zip` does not sync. Medians of three. Not a test: nothing here asserts a time.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::app::AppState;
use crate::app::exchange;
use crate::command::Command;
use crate::domain::demo;
use crate::domain::model::ProductId;
use crate::storage::{self, probe};
use crate::text::Lang;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// Runs the bundle and many-communes figures.
pub fn run(args: &[String]) -> Result<(), String> {
    let mib: u64 = super::number_flag(args, "--size-mib", 1024)?;
    let root = probe::scratch_dir("ocop-bench-bundle")?;
    let result = bundle_figures(&root, mib).and_then(|()| many_figures(&root));
    probe::remove_scratch(&root);
    result
}

fn bundle_figures(root: &Path, mib: u64) -> Result<(), String> {
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let ws = root.join("ws");
    storage::save_workspace(&ws, &demo::seed_workspace(&catalog)).map_err(|e| e.to_string())?;
    eprintln!("writing {mib} MiB of evidence…");
    let files = probe::write_random_files(&root.join("source"), 16, mib * 1024 * 1024 / 16, 7)?;
    let cancel = AtomicBool::new(false);
    let mut attachments = Vec::new();
    for file in &files {
        let imported = storage::evidence::import_file(&ws, file, &mut |_| {}, &cancel)
            .map_err(|e| e.to_string())?;
        attachments.push(imported.to_attachment(chrono::Local::now().naive_local()));
        probe::remove_file(file);
    }
    let today = chrono::Local::now().date_naive();
    let mut state =
        AppState::open(&ws, catalog.clone(), today, Lang::Vi).map_err(|e| e.to_string())?;
    let id = ProductId::parse("com-hong-quang").ok_or("demo id")?;
    state
        .apply(&Command::Attach {
            id: id.clone(),
            key: "product-story".to_owned(),
            attachments,
        })
        .map_err(|e| format!("{e:?}"))?;
    if !state.flush() {
        return Err("could not save the product".to_owned());
    }
    let out = root.join("Cốm Hồng Quang.ocop.zip");
    let reference = root.join("reference.zip");
    // Warm the cache once, then alternate.
    probe::zip_stored(&ws, "evidence", &reference)?;
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let mut manifest = None;
    for _ in 0..3 {
        let start = Instant::now();
        let request = state.bundle_request(&id).map_err(|e| e.to_string())?;
        manifest = Some(
            request
                .write(&out, &mut |_, _| {}, &cancel)
                .map_err(|e| e.to_string())?,
        );
        ours.push(start.elapsed());
        theirs.push(probe::zip_stored(&ws, "evidence", &reference)?);
    }
    let manifest = manifest.ok_or("no bundle")?;
    let start = Instant::now();
    let verified =
        storage::bundle::verify(&out, &mut |_, _| {}, &cancel).map_err(|e| e.to_string())?;
    let verify = start.elapsed();
    if !verified.problems.is_empty() {
        return Err(format!(
            "the bundle does not verify: {:?}",
            verified.problems
        ));
    }
    let commune = root.join("xa");
    storage::save_workspace(&commune, &crate::domain::model::Workspace::default())
        .map_err(|e| e.to_string())?;
    let mut receiver =
        AppState::open(&commune, catalog, today, Lang::Vi).map_err(|e| e.to_string())?;
    let start = Instant::now();
    receiver
        .import_bundle(&out, Some(today), &mut |_, _| {}, &cancel)
        .map_err(|e| e.to_string())?;
    if !receiver.flush() {
        return Err("could not save the received product".to_owned());
    }
    let receive = start.elapsed();
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "| evidence | bundle export | zip -r -0 of the same files | ratio | verify | receive (verify + copy + save) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {mib} MiB in {} evidence files ({} files in all) | {} | {} | {:.2}× (goal ≤ 1.3×) | {} | {} |",
        manifest
            .files
            .iter()
            .filter(|f| matches!(f.role, crate::domain::exchange::FileRole::Evidence { .. }))
            .count(),
        manifest.files.len(),
        secs(ours),
        secs(theirs),
        ours.as_secs_f64() / theirs.as_secs_f64().max(1e-9),
        secs(verify),
        secs(receive),
    );
    probe::remove_file(&out);
    Ok(())
}

/// A district folder of `communes` workspaces of `each` products.
fn district(
    root: &Path,
    name: &str,
    communes: usize,
    each: usize,
) -> Result<std::path::PathBuf, String> {
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let dir = root.join(name);
    let today = chrono::Local::now().date_naive();
    for n in 0..communes {
        let mut workspace = demo::synthetic_workspace(each, n as u64 + 1, &catalog, today);
        workspace.info.commune = format!("Xã số {n:03}");
        storage::save_workspace(&dir.join(format!("xa-{n:03}")), &workspace)
            .map_err(|e| e.to_string())?;
    }
    Ok(dir)
}

fn time_many(dir: &Path) -> Result<(Duration, usize), String> {
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let mut samples = Vec::new();
    let mut count = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let state = exchange::open_many(dir, catalog.clone(), today, Lang::Vi)
            .map_err(|e| e.to_string())?;
        samples.push(start.elapsed());
        count = state.workspace().products.len();
    }
    Ok((median(samples), count))
}

fn many_figures(root: &Path) -> Result<(), String> {
    eprintln!("writing 100 communes…");
    let small = district(root, "huyen-500", 100, 5)?;
    let (small_time, small_count) = time_many(&small)?;
    let big = district(root, "huyen-20000", 100, 200)?;
    let (big_time, big_count) = time_many(&big)?;
    // One workspace of the same 20,000 products, for comparison.
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let single = root.join("one-workspace");
    let today = chrono::Local::now().date_naive();
    storage::save_workspace(
        &single,
        &demo::synthetic_workspace(20_000, 1, &catalog, today),
    )
    .map_err(|e| e.to_string())?;
    let mut samples = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let state =
            AppState::open(&single, catalog.clone(), today, Lang::Vi).map_err(|e| e.to_string())?;
        samples.push(start.elapsed());
        drop(state);
    }
    let single_time = median(samples);
    println!();
    println!("| folder of many communes (read-only) | products | open |");
    println!("|---|---:|---:|");
    println!(
        "| 100 workspaces × 5 | {small_count} | {} (goal < 2 s) |",
        secs(small_time)
    );
    println!(
        "| 100 workspaces × 200 | {big_count} | {} |",
        secs(big_time)
    );
    println!(
        "| one workspace (for comparison) | 20000 | {} |",
        secs(single_time)
    );
    Ok(())
}
