//! `bench-xlsx`: the portfolio exported to Excel and imported back, and a list laid out
//! as provinces publish them (titles, a two-row merged header, no set column) imported.

use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use super::{number_flag, peak_memory_kib};
use crate::app::AppState;
use crate::command::Command;
use crate::domain::demo;
use crate::storage;
use crate::text::Lang;

/// `bench-xlsx [--size N] [--runs N] [--in DIR]`: the portfolio export of N products (default 20,000) to
/// `.xlsx`, with the peak memory it adds (measured in a child process, goal: bounded),
/// and the import of the same N rows into an empty workspace: reading and checking
/// (the preview), building and applying the one command in memory, and writing every
/// product file (atomic, fsynced); then the same for a list of N rows laid out as
/// provinces publish them (titles, a two-row merged header, no set column).
pub fn run_xlsx(args: &[String]) -> Result<(), String> {
    let size: usize = number_flag(args, "--size", 20_000)?;
    let runs: usize = number_flag(args, "--runs", 1)?;
    // `--in DIR`: where the scratch workspaces go (another file system), else the
    // system's temp folder.
    let scratch = match args.iter().position(|a| a == "--in") {
        Some(i) => {
            let dir = args.get(i + 1).ok_or("--in: which folder?")?;
            storage::probe::scratch_dir_in(Path::new(dir), "ocop-bench-xlsx")?
        }
        None => storage::probe::scratch_dir("ocop-bench-xlsx")?,
    };
    println!(
        "Scratch folder: {} ({})",
        scratch.display(),
        storage::probe::describe_file_system(&scratch)
    );
    println!(
        "| products | export .xlsx | memory the export adds (peak) | file | import: read + check (preview) | import: build + apply the command in memory | import: write the product files | import in all | the disk alone: create + write + rename the same files (no sync) | import ÷ the disk alone |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    // Every run's files stay until the last run is done. On ext4 without a journal (this
    // VM's disk), the inode allocator passes over inodes freed in the last 60 s, or 6
    // minutes while their inode table block is not yet written back (`recently_deleted`
    // in fs/ext4/ialloc.c): deleting one run's 40,000 files made the next run's file
    // creation up to 10 times slower. A journalled file system (ext4 with its journal,
    // NTFS) does not do this.
    for run in 0..runs.max(1) {
        let result = storage::probe::scratch_sub_dir(&scratch, &format!("run-{run}"))
            .and_then(|root| bench_xlsx(size, &root));
        let Ok(f) = result else {
            storage::probe::remove_scratch(&scratch);
            return result.map(|_| ());
        };
        let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());
        let all = f.read + f.apply + f.write;
        println!(
            "| {size} | {} (goal < 3 s) | {:.1} MiB | {:.1} MiB | {} | {} | {} ({} files) | {} (goal < 5 s) | {} | {:.2}× |",
            secs(f.export),
            f.export_peak_mib,
            f.bytes as f64 / (1024.0 * 1024.0),
            secs(f.read),
            secs(f.apply),
            secs(f.write),
            f.imported,
            secs(all),
            secs(f.floor),
            all.as_secs_f64() / f.floor.as_secs_f64().max(1e-9),
        );
    }
    // A list as provinces publish it (titles, a two-row merged header, no set column: a
    // set is proposed for every row from its group and name), imported the same way.
    println!();
    println!(
        "| rows | list as provinces publish it | import: read + check + propose sets (preview) | import: build + apply | import: write the product files | import in all |"
    );
    println!("|---:|---|---:|---:|---:|---:|");
    for run in 0..runs.max(1) {
        let result = storage::probe::scratch_sub_dir(&scratch, &format!("list-{run}"))
            .and_then(|root| bench_published_list(size, &root));
        let Ok(f) = result else {
            storage::probe::remove_scratch(&scratch);
            return result.map(|_| ());
        };
        let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());
        println!(
            "| {size} | {:.1} MiB, {} imported, {} with a proposed set | {} | {} | {} | {} (goal < 5 s) |",
            f.bytes as f64 / (1024.0 * 1024.0),
            f.imported,
            f.proposed,
            secs(f.read),
            secs(f.apply),
            secs(f.write),
            secs(f.read + f.apply + f.write),
        );
    }
    storage::probe::remove_scratch(&scratch);
    Ok(())
}

/// Figures of one import of a list as provinces publish it.
struct ListFigures {
    bytes: u64,
    read: Duration,
    apply: Duration,
    write: Duration,
    imported: usize,
    /// Rows whose set was proposed (the list has no set column).
    proposed: usize,
}

/// Writes a list of `size` rows laid out as provinces publish them (products of five
/// groups, named as communes name them), then imports it into an empty workspace.
fn bench_published_list(size: usize, root: &Path) -> Result<ListFigures, String> {
    const KINDS: [(&str, &str); 5] = [
        ("Cốm", "Thực phẩm chế biến"),
        ("Rượu ngô", "Đồ uống"),
        ("Thịt trâu gác bếp", "Thực phẩm chế biến"),
        ("Khăn thổ cẩm", "Vải và may mặc"),
        ("Mật ong bạc hà", "Thực phẩm thô, sơ chế"),
    ];
    let rows: Vec<[String; 8]> = (0..size)
        .map(|n| {
            let (kind, group) = KINDS.get(n % KINDS.len()).copied().unwrap_or(KINDS[0]);
            [
                format!("{kind} số {n}"),
                format!("HTX Nông nghiệp số {n}"),
                format!("Thôn {}, xã Hồng Quang, huyện Lâm Bình", n % 40),
                group.to_owned(),
                format!("{},5", 70 + n % 25),
                if n % 10 < 7 { "3 sao" } else { "4 sao" }.to_owned(),
                format!("{}/QĐ-UBND", 1000 + n % 900),
                format!("{:02}/12/2025", 1 + n % 28),
            ]
        })
        .collect();
    let file = root.join("danh-sach.xlsx");
    storage::spreadsheet::write_published_list(&file, &rows).map_err(|e| e.to_string())?;
    let bytes = storage::probe::file_size(&file).unwrap_or(0);
    let timed = import_timed(&file, root, true)?;
    Ok(ListFigures {
        bytes,
        read: timed.read,
        apply: timed.apply,
        write: timed.write,
        imported: timed.imported,
        proposed: timed.proposed,
    })
}

/// One import of `file` into an empty workspace under `root`, timed in three parts.
struct Timed {
    read: Duration,
    apply: Duration,
    write: Duration,
    imported: usize,
    /// Rows with a proposed set.
    proposed: usize,
}

/// Reads and checks `file` (the preview), builds and applies the one command on a copy
/// in memory, then imports it for real with its writes. `whole` refuses a list with a
/// row left out (the province list must import whole).
fn import_timed(file: &Path, root: &Path, whole: bool) -> Result<Timed, String> {
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let dir = root.join("empty");
    storage::save_workspace(&dir, &crate::domain::model::Workspace::default())
        .map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let mut state = AppState::open(&dir, catalog, today, Lang::Vi).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let sheet = crate::app::spreadsheet::ImportSheet::read(file).map_err(|e| e.to_string())?;
    let preview = sheet.preview(&state.known_products(), state.catalog());
    let read = start.elapsed();
    if whole && !preview.bad.is_empty() {
        return Err(format!("rows refused: {:?}", preview.bad.first()));
    }
    let proposed = preview.good.iter().filter(|r| r.proposal.is_some()).count();
    let start = Instant::now();
    let (products, updated) = state
        .products_to_import(&preview, &sheet)
        .map_err(|e| e.to_string())?;
    let mut copy = state.workspace().clone();
    crate::command::apply(
        &mut copy,
        state.catalog(),
        &Command::ImportProducts { products, updated },
    )
    .map_err(|e| e.to_string())?;
    let apply = start.elapsed();
    drop(copy);
    let start = Instant::now();
    let (imported, _) = state
        .import_products(&preview, &sheet)
        .map_err(|e| e.to_string())?;
    if !state.flush() {
        return Err(format!("saving failed: {:?}", state.messages()));
    }
    let write = start.elapsed().saturating_sub(apply);
    Ok(Timed {
        read,
        apply,
        write,
        imported,
        proposed,
    })
}

struct XlsxFigures {
    export: Duration,
    export_peak_mib: f64,
    bytes: u64,
    read: Duration,
    apply: Duration,
    write: Duration,
    imported: usize,
    /// [`storage::probe::write_floor`] of the imported files, measured right after.
    floor: Duration,
}

fn bench_xlsx(size: usize, root: &Path) -> Result<XlsxFigures, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let file = root.join("portfolio.xlsx");
    let out = Process::new(&exe)
        .arg("bench-xlsx-export")
        .arg(size.to_string())
        .arg(&file)
        .output()
        .map_err(|e| e.to_string())?;
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let mut parts = said.split_whitespace();
    let export: f64 = parts.next().and_then(|s| s.parse().ok()).ok_or(format!(
        "bench-xlsx-export said: {said} {}",
        String::from_utf8_lossy(&out.stderr)
    ))?;
    let peak_added_kib: f64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let bytes = storage::probe::file_size(&file).unwrap_or(0);

    // Import into an empty workspace.
    let timed = import_timed(&file, root, false)?;
    let dir = root.join("empty");
    let floor = storage::probe::write_floor(&dir, &root.join("floor"))?;
    Ok(XlsxFigures {
        export: Duration::from_secs_f64(export),
        export_peak_mib: peak_added_kib / 1024.0,
        bytes,
        read: timed.read,
        apply: timed.apply,
        write: timed.write,
        imported: timed.imported,
        floor,
    })
}

/// Child process: builds a synthetic workspace of N products in memory, then exports it
/// to FILE; prints "<export seconds> <peak KiB added by the export>".
pub fn child_xlsx_export(args: &[String]) -> Result<(), String> {
    let [size, file, ..] = args else {
        return Err("bench-xlsx-export N FILE".to_owned());
    };
    let size: usize = size.parse().map_err(|_| "N")?;
    let catalog = storage::assets::builtin_catalog().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let workspace = demo::synthetic_workspace(size, 42, &catalog, today);
    // The products' digests, as a window has them from its load (`load_workspace_for`):
    // the export reads its rows from them.
    let of = crate::domain::store::DigestOf {
        catalog: &catalog,
        today,
        side: workspace.info.kind,
    };
    workspace.products.digests(of).for_each(drop);
    let before = peak_memory_kib().unwrap_or(0);
    let start = Instant::now();
    let book = crate::app::spreadsheet::portfolio_book(&workspace, &catalog, today, Lang::Vi);
    storage::spreadsheet::write_portfolio(Path::new(file), &book).map_err(|e| e.to_string())?;
    let seconds = start.elapsed().as_secs_f64();
    let after = peak_memory_kib().unwrap_or(0);
    println!("{seconds} {}", after.saturating_sub(before));
    Ok(())
}
