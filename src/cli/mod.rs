//! Command-line interface, in the same binary as the GUI, for scripts and for checking
//! a workspace without a display.
//!
//! ```text
//! ocop-tracker [--workspace DIR] [--lang vi|en] [--today YYYY-MM-DD]   start the GUI
//! ocop-tracker init DIR --commune … --province … | --producer …   a new workspace
//! ocop-tracker remark DIR --product ID [--document KEY] "text"     a remark
//! ocop-tracker check DIR                 exit 0 clean, 1 problems, 2 not a workspace
//! ocop-tracker list DIR [--format csv]   one line per product
//! ocop-tracker demo-data DIR --products N [--seed S]
//! ocop-tracker score DIR [--product ID]  parts, total, star, blockers, suggestions
//! ocop-tracker calendar DIR [--out FILE] iCalendar of upcoming deadlines, stable UIDs
//! ocop-tracker gc DIR [--dry-run]        evidence files no product (nor the trash) uses
//! ocop-tracker export DIR --product ID --form 01|02|03|letter|sheet|report --out FILE
//! ocop-tracker export DIR --portfolio --out FILE.xlsx   the portfolio as Excel
//! ocop-tracker export DIR --summary --from DATE --to DATE --out FILE.docx|.xlsx
//!                                        the commune's periodic report
//! ocop-tracker import DIR FILE [--dry-run] …          a product list from Excel/ODS/CSV
//! ocop-tracker bundle DIR --product ID --out FILE.ocop.zip   the electronic dossier
//! ocop-tracker verify FILE.ocop.zip      exit 0 sound, 1 problems, 2 not a bundle
//! ocop-tracker receive DIR FILE.ocop.zip [--received DATE]  import a bundle
//! ```
//!
//! The developers' commands (benchmarks, the demo's generator, the tests' children) are
//! in another binary, `ocop-dev` ([`dev`]): never in the program officers run.

mod bundle;
mod calendar;
mod check;
mod conflicts;
pub mod console;
pub mod dev;
mod export;
mod gc;
mod list;
mod out;
mod roundtrip;
mod score;
mod xlsx;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::demo;
use crate::storage::{self, StorageError};
use crate::text::{self, Lang};

/// Value of `--name VALUE` in `args`.
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn today_from(args: &[String]) -> Result<NaiveDate, String> {
    match flag(args, "--today") {
        Some(raw) => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_err(|_| text::summary_flag_error("--today", raw, lang_from(args))),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// `--lang en` for English; Vietnamese otherwise, like the GUI.
fn lang_from(args: &[String]) -> Lang {
    match flag(args, "--lang") {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// Opens the workspace `dir` as the GUI does (its holiday overlay, the per-PC lock,
/// checked saving), "today" from `--today`.
fn open_state(dir: &Path, args: &[String], lang: Lang) -> Result<crate::app::AppState, String> {
    let today = today_from(args)?;
    let (catalog, _) =
        storage::assets::catalog_for(dir).map_err(|e| crate::text::storage_error(&e, lang))?;
    crate::app::AppState::open(dir, catalog, today, lang)
        .map_err(|e| crate::text::storage_error(&e, lang))
}

/// Opens the workspace `dir` to read it only (no lock, no edit): `calendar`, `export`.
fn open_to_read(dir: &Path, args: &[String], lang: Lang) -> Result<crate::app::AppState, String> {
    let today = today_from(args)?;
    let (catalog, _) =
        storage::assets::catalog_for(dir).map_err(|e| crate::text::storage_error(&e, lang))?;
    crate::app::AppState::open_to_read(dir, catalog, today, lang)
        .map_err(|e| crate::text::storage_error(&e, lang))
}

/// Loads the workspace in `dir` and its rule data (with the workspace's own holidays),
/// printing every problem met on the way as a warning.
fn load_warning(dir: &Path, lang: Lang) -> Result<(storage::LoadedWorkspace, Catalog), String> {
    let loaded = storage::load_workspace(dir).map_err(|e| crate::text::storage_error(&e, lang))?;
    let (catalog, holiday_problems) =
        storage::assets::catalog_for(dir).map_err(|e| crate::text::storage_error(&e, lang))?;
    for problem in loaded.problems.iter().chain(holiday_problems.iter()) {
        out::warning(lang, &crate::text::storage_error(problem, lang));
    }
    Ok((loaded, catalog))
}

/// The edits that went to a conflict copy instead of the product file (another officer,
/// a sync tool or the window changed the file meanwhile), since `before` conflict copies
/// were known: each named, so a command never reports success for what is only in a
/// copy. None when there is none.
fn conflicts_written(state: &crate::app::AppState, before: usize, lang: Lang) -> Option<String> {
    let new: Vec<String> = state
        .conflicts()
        .iter()
        .skip(before)
        .filter(|c| c.tool == storage::ConflictTool::ThisApp)
        .map(|c| {
            format!(
                "{}: {} → {}",
                lang.t(crate::text::CLI_WENT_TO_CONFLICT),
                c.of,
                out::printable(&c.path.display().to_string())
            )
        })
        .collect();
    (!new.is_empty()).then(|| {
        format!(
            "{}\n{}",
            new.join("\n"),
            lang.t(crate::text::CLI_CONFLICT_WHAT_TO_DO)
        )
    })
}

/// The built-in rule data; damaged, it is said in `lang` and the exit code is 2.
fn catalog(lang: Lang) -> Result<Catalog, ExitCode> {
    storage::assets::builtin_catalog().map_err(|err| {
        out::error(
            lang,
            &format!(
                "{}: {}",
                lang.t(text::CLI_BUILTIN_DAMAGED),
                text::storage_error(&err, lang)
            ),
        );
        ExitCode::from(2)
    })
}

/// Runs the binary with `args` (without the program name).
pub fn main(args: &[String]) -> ExitCode {
    console::attach_parent();
    // A panic in a command writes a crash report and says where on standard error (the
    // window's start-up below adds a message box).
    storage::diagnostics::install_panic_hook(|_| {});
    // A double-click on a bundle (where the OS associates `.ocop.zip` with the app) passes
    // its path alone: open it for review.
    if let Some(first) = args.first()
        && storage::bundle::is_zip_to_review(Path::new(first))
    {
        let mut rest = vec!["--workspace".to_owned(), first.clone()];
        rest.extend(args.iter().skip(1).cloned());
        return gui(&rest);
    }
    let command = args.first().map(String::as_str);
    let result = match command {
        Some("-h" | "--help" | "help") => {
            print!("{}", text::cli_usage(lang_from(args)));
            return ExitCode::SUCCESS;
        }
        Some("check") => return check::run(&args[1..]),
        Some("list") => list::run(&args[1..]),
        Some("demo-data") => demo_data(&args[1..]),
        Some("score") => score::run(&args[1..]),
        Some("calendar") => calendar::run(&args[1..]),
        Some("gc") => gc::run(&args[1..]),
        Some("conflicts") => return conflicts::run(&args[1..]),
        Some("export") if args.iter().any(|a| a == "--portfolio") => {
            xlsx::export_portfolio(&args[1..])
        }
        Some("export") if args.iter().any(|a| a == "--summary") => export::summary(&args[1..]),
        Some("import") => return xlsx::import(&args[1..]),
        Some("export") => export::run(&args[1..]),
        Some("bundle") => bundle::export(&args[1..]),
        Some("verify") => return bundle::verify(&args[1..]),
        Some("receive") => return bundle::receive(&args[1..]),
        Some("init") => roundtrip::init(&args[1..]),
        Some("remark") => roundtrip::remark(&args[1..]),
        Some(other) if !other.starts_with('-') => {
            // The error line is made printable (the word came from outside); the usage is
            // ours and keeps its lines (it was printed with every newline as `\u{a}`).
            let lang = lang_from(args);
            out::error(lang, &text::cli_unknown_command(other, lang));
            eprint!("\n{}", text::cli_usage(lang));
            return ExitCode::from(2);
        }
        _ => return gui(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            out::error(lang_from(args), &message);
            ExitCode::from(2)
        }
    }
}

/// `demo-data DIR --products N [--seed S]`: a realistic synthetic workspace.
fn demo_data(args: &[String]) -> Result<(), String> {
    let lang = lang_from(args);
    let dir = PathBuf::from(
        args.first()
            .ok_or_else(|| text::cli_needs_folder("demo-data", lang))?,
    );
    let raw_count = flag(args, "--products").ok_or(lang.t(text::CLI_DEMO_NEEDS_PRODUCTS))?;
    let count: usize = raw_count
        .parse()
        .map_err(|_| text::cli_not_whole_number("--products", raw_count, lang))?;
    let seed: u64 = match flag(args, "--seed") {
        Some(raw) => raw
            .parse()
            .map_err(|_| text::cli_not_whole_number("--seed", raw, lang))?,
        None => 1,
    };
    if dir.join(storage::WORKSPACE_FILE).exists() || dir.join(storage::PRODUCTS_DIR).exists() {
        return Err(text::cli_refuse_over_workspace(&dir, lang));
    }
    let catalog = catalog(lang).map_err(|_| lang.t(text::CLI_BUILTIN_DAMAGED).to_owned())?;
    let workspace =
        demo::synthetic_workspace(count, seed, &catalog, chrono::Local::now().date_naive());
    storage::save_workspace(&dir, &workspace)
        .map_err(|e: StorageError| text::storage_error(&e, lang))?;
    let samples = demo::sample_evidence();
    storage::evidence::store_samples_for(
        &dir,
        samples.iter().map(|(n, b, _)| (*n, b.as_slice())),
        &workspace,
    )
    .map_err(|e| text::evidence_error(&e, lang))?;
    println!(
        "{}",
        text::cli_wrote_products(count, &dir.display().to_string(), lang)
    );
    Ok(())
}

/// The demo workspace the start screen offers: the first of
/// [`demo_workspace_candidates`] that is one.
fn demo_workspace() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok();
    demo_workspace_candidates(exe.as_deref())
        .into_iter()
        .find(|p| storage::looks_like_workspace(p))
}

/// Whether `demo` is the source checkout's `saves/` (`cargo run`): only then does the
/// window open it when nothing else is known. An installed or unzipped program offers
/// to create the commune's own workspace instead (issue 22).
fn is_source_checkout_demo(demo: &Path) -> bool {
    // Beside this crate's Cargo.toml (found at run time: no path of the machine that
    // built the program is baked into it).
    demo.file_name().is_some_and(|n| n == "saves")
        && demo
            .parent()
            .map(|root| root.join("Cargo.toml"))
            .and_then(|manifest| {
                storage::fsio::read_regular(&manifest, 64 * 1024)
                    .ok()
                    .flatten()
            })
            .is_some_and(|text| String::from_utf8_lossy(&text).contains("name = \"ocop-tracker\""))
}

/// Where the demo workspace may be: `saves/` beside the executable (the Windows zip:
/// a double-click or a shortcut may start it in any working folder), `saves/` in the
/// working folder, then beside the sources when the program is in their target/<profile>/
/// (`cargo run` from another folder).
fn demo_workspace_candidates(exe: Option<&Path>) -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(exe_dir) = exe.and_then(Path::parent) {
        candidates.push(exe_dir.join("saves"));
    }
    candidates.push(PathBuf::from("saves"));
    // `cargo run` from another folder: the program is in target/<profile>/ of the sources.
    if let Some(sources) = exe
        .and_then(Path::parent)
        .and_then(Path::parent)
        .and_then(Path::parent)
    {
        candidates.push(sources.join("saves"));
    }
    candidates
}

fn gui(args: &[String]) -> ExitCode {
    let catalog = match catalog(lang_from(args)) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let pinned_today = match flag(args, "--today") {
        Some(_) => match today_from(args) {
            Ok(d) => Some(d),
            Err(err) => {
                out::error(lang_from(args), &err);
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let explicit = flag(args, "--workspace").map(str::to_owned);
    let lang_flag = match flag(args, "--lang") {
        Some("en") => Some(Lang::En),
        Some("vi") => Some(Lang::Vi),
        _ => None,
    };
    // `--window 1280x2000`: a window size, e.g. for documentation screenshots.
    let window = flag(args, "--window")
        .and_then(|raw| raw.split_once('x'))
        .and_then(|(w, h)| Some([w.parse::<f32>().ok()?, h.parse::<f32>().ok()?]));
    // Everything from here on may fail where nobody sees a console: a log file, a
    // crash report and a message box say what happened (issue 22).
    let log = crate::storage::diagnostics::start_log();
    crate::ui::start::set_box_lang(
        lang_flag
            .or_else(crate::ui::start::remembered_lang)
            .unwrap_or_default(),
    );
    crate::storage::diagnostics::install_panic_hook(crate::ui::start::crash_box);
    // Windows: started from inside a zip or a temporary folder, nothing beside the .exe
    // is there to stay: say "extract first" and stop, before any workspace is touched.
    let temp = std::env::temp_dir();
    if cfg!(windows)
        && let Ok(exe) = std::env::current_exe()
        && crate::storage::diagnostics::start_place(&exe, &temp)
            != crate::storage::diagnostics::StartPlace::Installed
    {
        log::warn!("started from a temporary place: {}", exe.display());
        crate::ui::start::error_box(crate::ui::start::box_lang().t(crate::text::EXTRACT_FIRST));
        return ExitCode::from(2);
    }
    let demo = demo_workspace();
    let start = crate::ui::start::Start {
        catalog,
        pinned_today,
        lang: lang_flag,
        window,
        workspace: explicit.map(PathBuf::from),
        many: flag(args, "--many").map(PathBuf::from),
        open_demo_first: demo.as_deref().is_some_and(is_source_checkout_demo),
        demo,
        refuse_temp: cfg!(windows).then_some(temp),
        renderer: flag(args, "--renderer")
            .map(str::to_owned)
            .or_else(|| std::env::var("OCOP_RENDERER").ok()),
        force_panic: std::env::var_os("OCOP_FORCE_PANIC").is_some_and(|v| !v.is_empty()),
    };
    match crate::ui::start::run(start) {
        Ok(()) => ExitCode::SUCCESS,
        Err(crate::ui::start::StartError::NoRenderer(failures)) => {
            let lang = crate::ui::start::box_lang();
            let message = crate::ui::start::no_window_message(lang, &failures, log.as_deref());
            log::error!("no renderer could start the window");
            // Not `out::error`: the message keeps its lines.
            eprintln!(
                "{}: {}\n{message}",
                lang.t(text::CLI_ERROR),
                lang.t(text::CLI_WINDOW_NOT_STARTED)
            );
            crate::ui::start::error_box(&message);
            ExitCode::from(2)
        }
        Err(crate::ui::start::StartError::Other(err)) => {
            log::error!("the window failed: {err}");
            let lang = crate::ui::start::box_lang();
            eprintln!(
                "{}: {}: {err}",
                lang.t(text::CLI_ERROR),
                lang.t(text::CLI_WINDOW_FAILED)
            );
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test code")]
    use super::*;

    /// The Windows zip: `ocop-tracker.exe` and `saves/` side by side, started by a
    /// double-click from some other working folder: the packaged demo is found first.
    #[test]
    fn the_demo_beside_the_executable_is_found_first() {
        let unzipped = tempfile::tempdir().unwrap();
        let saves = unzipped.path().join("saves");
        storage::save_workspace(&saves, &crate::domain::model::Workspace::default()).unwrap();
        let exe = unzipped.path().join("ocop-tracker.exe");
        let candidates = demo_workspace_candidates(Some(&exe));
        assert_eq!(candidates.first(), Some(&saves));
        let found = candidates
            .into_iter()
            .find(|p| storage::looks_like_workspace(p));
        assert_eq!(found, Some(saves));
        // Without an executable path, the working folder remains.
        assert_eq!(demo_workspace_candidates(None).len(), 1);
    }
}
