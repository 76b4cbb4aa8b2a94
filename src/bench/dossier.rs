//! `bench-dossier`: the dossier to print at the size the issue names: about 300 pages,
//! 200 MB of 12-megapixel JPEG scans and 30 PDFs, exported in a child process whose peak
//! memory is read from /proc; the PDF's size is compared with its inputs'.

use std::path::Path;
use std::process::Command as Process;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use super::{number_flag, peak_memory_kib};
use crate::app::AppState;
use crate::command::Command;
use crate::documents::pdf::Block;
use crate::domain::demo;
use crate::domain::dossier::DocStatus;
use crate::domain::model::{ProductId, Workspace};
use crate::storage;
use crate::text::Lang;

/// `bench-dossier [--scans N] [--pdfs N] [--runs N]`: builds a workspace with one product
/// whose dossier holds N scans (default 200, 4000 × 3000 pixels, about 1 MB each) and N
/// PDFs (default 30, about three pages each): about 300 pages and 200 MB, the issue's
/// figure; then times the export (median of runs).
pub fn run(args: &[String]) -> Result<(), String> {
    let scans: usize = number_flag(args, "--scans", 200)?;
    let pdfs: usize = number_flag(args, "--pdfs", 30)?;
    let runs: usize = number_flag(args, "--runs", 3)?;
    let root = storage::probe::scratch_dir("ocop-bench-dossier")?;
    let result = build_and_time(&root, scans, pdfs, runs);
    storage::probe::remove_scratch(&root);
    result
}

fn build_and_time(root: &Path, scans: usize, pdfs: usize, runs: usize) -> Result<(), String> {
    let ws = root.join("ws");
    let inputs = root.join("inputs");
    let start = Instant::now();
    let (files, input_bytes) = make_inputs(&inputs, scans, pdfs)?;
    println!(
        "inputs: {scans} scans + {pdfs} PDFs, {:.1} MiB, made in {:.1} s",
        input_bytes as f64 / (1024.0 * 1024.0),
        start.elapsed().as_secs_f64()
    );
    let id = make_workspace(&ws, &files)?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    println!("| run | pages | export | peak memory (whole process) | PDF | PDF ÷ inputs |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut times = Vec::new();
    for run in 0..runs.max(1) {
        let out = root.join(format!("ho-so-{run}.pdf"));
        let output = Process::new(&exe)
            .arg("bench-dossier-child")
            .arg(&ws)
            .arg(id.as_str())
            .arg(&out)
            .output()
            .map_err(|e| e.to_string())?;
        let said = String::from_utf8_lossy(&output.stdout).to_string();
        let mut parts = said.split_whitespace();
        let (Some(seconds), Some(peak), Some(pages)) = (
            parts.next().and_then(|s| s.parse::<f64>().ok()),
            parts.next().and_then(|s| s.parse::<u64>().ok()),
            parts.next().and_then(|s| s.parse::<usize>().ok()),
        ) else {
            return Err(format!(
                "bench-dossier-child said: {said} {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        };
        let size = storage::probe::file_size(&out).unwrap_or(0);
        println!(
            "| {} | {pages} | {seconds:.2} s (goal < 15 s) | {:.0} MiB (goal < 400 MB) | {:.1} MiB | {:.2}× (goal ≤ 1.1×) |",
            run + 1,
            peak as f64 / 1024.0,
            size as f64 / (1024.0 * 1024.0),
            size as f64 / input_bytes.max(1) as f64,
        );
        times.push(Duration::from_secs_f64(seconds));
        storage::probe::remove_file(&out);
    }
    times.sort();
    if let Some(median) = times.get(times.len() / 2) {
        println!("median export: {:.2} s", median.as_secs_f64());
    }
    Ok(())
}

/// One 4000 × 3000 JPEG (a scan: text-like stripes and light noise, about 1 MB), then each
/// copy made distinct by a comment segment (different bytes, the same picture); and PDFs
/// of three to four pages (the app's own PDF writer). Returns (name, path) and the bytes.
fn make_inputs(
    dir: &Path,
    scans: usize,
    pdfs: usize,
) -> Result<(Vec<(String, std::path::PathBuf)>, u64), String> {
    let (w, h) = (4000u32, 3000u32);
    let mut state: u32 = 0x1234_5678;
    let pixels = image::GrayImage::from_fn(w, h, |x, y| {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let line: u8 = if (y / 40) % 3 == 0 && (x / 12) % 5 != 0 {
            60
        } else {
            235
        };
        let noise = (state >> 28) as u8;
        image::Luma([line.saturating_add(noise)])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 75)
        .encode_image(&pixels)
        .map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for n in 0..scans {
        let comment = format!("scan {n}");
        let mut bytes = Vec::with_capacity(jpeg.len() + 16);
        bytes.extend_from_slice(jpeg.get(..2).unwrap_or_default());
        bytes.extend([0xFF, 0xFE]);
        bytes.extend(u16::try_from(comment.len() + 2).unwrap_or(0).to_be_bytes());
        bytes.extend(comment.as_bytes());
        bytes.extend_from_slice(jpeg.get(2..).unwrap_or_default());
        let name = format!("Trang scan {n:03}.jpg");
        let path = dir.join(&name);
        storage::probe::write_file(&path, &bytes)?;
        total += bytes.len() as u64;
        files.push((name, path));
    }
    for n in 0..pdfs {
        let mut blocks = vec![Block::Title(format!("Hợp đồng liên kết số {n}"))];
        for line in 0..(60 + 20 * (n % 2)) {
            blocks.push(Block::Text(format!(
                "Điều {line}. Bên A cung cấp nguyên liệu cốm cho bên B theo đúng tiêu chuẩn đã thoả thuận, số {n}-{line}."
            )));
        }
        let bytes = crate::documents::pdf::render(&blocks, "Hợp đồng", "Hợp đồng")?;
        let name = format!("Hợp đồng {n:02}.pdf");
        let path = dir.join(&name);
        storage::probe::write_file(&path, &bytes)?;
        total += bytes.len() as u64;
        files.push((name, path));
    }
    Ok((files, total))
}

/// A workspace with one product whose every document is ready and holds its share of
/// the files (in the dossier list's order).
fn make_workspace(ws: &Path, files: &[(String, std::path::PathBuf)]) -> Result<ProductId, String> {
    storage::save_workspace(ws, &Workspace::default()).map_err(|e| e.to_string())?;
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let template = catalog.current_template().ok_or("no template")?.clone();
    let today = chrono::Local::now().date_naive();
    let mut state = AppState::open(ws, catalog, today, Lang::Vi).map_err(|e| e.to_string())?;
    let id = ProductId::parse("com-bench").ok_or("id")?;
    let product = demo::new_product(id.clone(), "Cốm Hồng Quang", 6, &template, 2026);
    state
        .apply(&Command::ImportProducts {
            products: vec![product],
            updated: Vec::new(),
        })
        .map_err(|e| format!("{e:?}"))?;
    let keys: Vec<String> = template.items.iter().map(|i| i.key.clone()).collect();
    let at = today.and_hms_opt(9, 0, 0).ok_or("time")?;
    let share = files.len().div_ceil(keys.len().max(1));
    for (key, chunk) in keys.iter().zip(files.chunks(share.max(1))) {
        let mut attachments = Vec::new();
        for (_, path) in chunk {
            let imported =
                storage::evidence::import_file(ws, path, &mut |_| {}, &AtomicBool::new(false))
                    .map_err(|e| format!("{e:?}"))?;
            attachments.push(imported.to_attachment(at));
        }
        state
            .apply(&Command::Attach {
                id: id.clone(),
                key: key.clone(),
                attachments,
            })
            .map_err(|e| format!("{e:?}"))?;
        state
            .apply(&Command::SetDocStatus {
                id: id.clone(),
                key: key.clone(),
                status: DocStatus::Ready,
            })
            .map_err(|e| format!("{e:?}"))?;
    }
    if !state.flush() {
        return Err(format!("saving failed: {:?}", state.messages()));
    }
    Ok(id)
}

/// Child process: exports the dossier of product ID in DIR to OUT; prints "<seconds>
/// <peak KiB of the process> <pages>".
pub fn child(args: &[String]) -> Result<(), String> {
    let [dir, id, out, ..] = args else {
        return Err("bench-dossier-child DIR ID OUT".to_owned());
    };
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let state = AppState::open_to_read(Path::new(dir), catalog, today, Lang::Vi)
        .map_err(|e| e.to_string())?;
    let id = ProductId::parse(id).ok_or("id")?;
    let request = state.print_request(&id).map_err(|e| e.to_string())?;
    let start = Instant::now();
    request
        .write(Path::new(out), &mut |_, _| {}, &AtomicBool::new(false))
        .map_err(|e| crate::say::print_failure(&e, crate::text::Lang::En))?;
    let seconds = start.elapsed().as_secs_f64();
    // The export's peak, taken before the PDF is read back below (that read holds it whole).
    let peak = peak_memory_kib().unwrap_or(0);
    // The pages counted in the PDF written (read back, as a reader would).
    let written = storage::probe::read_file(Path::new(out))?;
    let pages = hayro_syntax::Pdf::new(written).map_or(0, |pdf| pdf.pages().len());
    println!("{seconds} {peak} {pages}");
    Ok(())
}
