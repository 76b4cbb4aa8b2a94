//! `ocop-dev`: the developers' binary. Benchmarks, the shipped demo's generator and the
//! children the tests and benchmarks start. None of this is in `ocop-tracker`, the
//! program officers run (issue 25): `bench-saves` rewrites every product's notes in a
//! loop and `write-seed` rewrites a workspace, which no slip of the keyboard in the
//! user's program may do.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::domain::demo;
use crate::storage;

const USAGE: &str = "\
ocop-dev — developers' commands of ocop-tracker (not shipped to officers)

Usage:
  ocop-dev bench [--sizes 20,20000] [--idle-seconds 60] [--out FILE|-]
                                         speed and memory figures for the README
  ocop-dev bench-import [--size-mib 1024]
  ocop-dev bench-xlsx [--size 20000] [--runs 1] [--in DIR]
                                         portfolio export and import figures, beside the disk's floor
  ocop-dev bench-bundle [--size-mib 1024]  bundle export vs zip -r -0; many communes
  ocop-dev bench-dossier [--scans 200] [--pdfs 30] [--runs 3]  the dossier to print
  ocop-dev write-seed DIR [--force]      regenerate the shipped demo (from the checkout)
";

/// Set by the tests for the children that rewrite a workspace in a loop.
pub const TEST_CHILD: &str = "OCOP_TEST_CHILD";

/// Runs the developers' binary with `args` (without the program name).
pub fn main(args: &[String]) -> ExitCode {
    storage::diagnostics::install_panic_hook(|_| {});
    let result = match args.first().map(String::as_str) {
        Some("write-seed") => write_seed(args.get(1).map(Path::new), args),
        Some("bench") => crate::bench::run(&args[1..]),
        Some("bench-import") => crate::bench::run_import(&args[1..]),
        Some("bench-xlsx") => crate::bench::run_xlsx(&args[1..]),
        Some("bench-bundle") => crate::bench::exchange::run(&args[1..]),
        Some("bench-xlsx-export") => crate::bench::child_xlsx_export(&args[1..]),
        Some("bench-dossier") => crate::bench::dossier::run(&args[1..]),
        Some("bench-dossier-child") => crate::bench::dossier::child(&args[1..]),
        Some("bench-load") => crate::bench::child_load(
            args.get(1).map(Path::new),
            args.iter().any(|a| a == "--evidence"),
        ),
        // Test children that rewrite every product's notes in a loop: never on a real
        // workspace by a slip of the keyboard (the tests set OCOP_TEST_CHILD).
        Some("bench-saves" | "bench-sync-writer") if std::env::var_os(TEST_CHILD).is_none() => {
            Err(format!(
                "“{}” is a test helper that overwrites every product's notes; it runs only under the tests ({TEST_CHILD}=1)",
                args[0]
            ))
        }
        Some("bench-saves") => crate::bench::child_save_loop(args.get(1).map(Path::new)),
        Some("bench-sync-writer") => crate::bench::child_sync_writer(&args[1..]),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command “{other}”\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `write-seed DIR [--force]`: regenerates the shipped demo workspace (developer tool);
/// over an existing workspace only with `--force` (it rewrites every file).
fn write_seed(dir: Option<&Path>, args: &[String]) -> Result<(), String> {
    let dir = dir.ok_or("write-seed needs a folder")?;
    if storage::looks_like_workspace(dir) && !args.iter().any(|a| a == "--force") {
        return Err(format!(
            "refusing to write over an existing workspace (add --force to regenerate the demo) — {}",
            dir.display()
        ));
    }
    let catalog = storage::assets::builtin_catalog()
        .map_err(|_| "built-in rule data is damaged".to_owned())?;
    let mut workspace = demo::seed_workspace(&catalog);
    storage::save_workspace(dir, &workspace).map_err(|e| e.to_string())?;
    // Sample evidence made for the demo (assets/demo-evidence), attached to its documents.
    // Run from the source checkout (`cargo run -- write-seed saves --force`): the samples
    // are read from there, not from a path baked in at build time.
    let samples = Path::new("assets/demo-evidence");
    if !storage::fsio::check_dir(samples).unwrap_or(false) {
        return Err(format!(
            "write-seed runs from the source checkout: no {} here",
            samples.display()
        ));
    }
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let added_at = date(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .ok_or("bad sample date")?;
    // (product, document, sample file, document date, valid until)
    type Sample<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<NaiveDate>,
        Option<NaiveDate>,
    );
    let attach: [Sample; 3] = [
        (
            "com-hong-quang",
            "product-story",
            "Bao bì cốm Hồng Quang.jpg",
            None,
            None,
        ),
        (
            "com-hong-quang",
            "test-report",
            "Phiếu kiểm nghiệm cốm 2026.jpg",
            date(2026, 4, 22),
            date(2027, 4, 22),
        ),
        (
            "com-hong-quang",
            "ip-documents",
            "Đơn nhãn hiệu được chấp nhận.jpg",
            date(2026, 8, 20),
            None,
        ),
    ];
    let never = std::sync::atomic::AtomicBool::new(false);
    for (product_id, key, file, document_date, valid_until) in attach {
        let imported =
            storage::evidence::import_file(dir, &samples.join(file), &mut |_| {}, &never)
                .map_err(|e| e.to_string())?;
        let product = workspace
            .products
            .get_mut(
                &crate::domain::model::ProductId::parse(product_id).ok_or("bad seed product id")?,
            )
            .ok_or("seed product missing")?;
        let entry = product
            .current_mut()
            .and_then(|a| a.dossier.iter_mut().find(|e| e.key == key))
            .ok_or("seed document missing")?;
        entry.attachments.push(crate::domain::dossier::Attachment {
            sha256: imported.sha256,
            file_name: imported.file_name,
            size_bytes: imported.size_bytes,
            stored_path: imported.stored_path,
            added_at,
            document_date,
            valid_until,
        });
        storage::save_product(dir, product).map_err(|e| e.to_string())?;
    }
    println!("wrote the seed workspace to {}", dir.display());
    Ok(())
}
