//! Command-line interface, in the same binary as the GUI, for scripts and for checking
//! a workspace without a display.
//!
//! ```text
//! ocop-tracker [--workspace DIR] [--lang vi|en] [--today YYYY-MM-DD]   start the GUI
//! ocop-tracker check DIR                 exit 0 clean, 1 problems, 2 not a workspace
//! ocop-tracker list DIR [--format csv]   one line per product
//! ocop-tracker demo-data DIR --products N [--seed S]
//! ocop-tracker score DIR [--product ID]  parts, total, star, blockers, suggestions
//! ocop-tracker calendar DIR [--out FILE] iCalendar of upcoming deadlines, stable UIDs
//! ocop-tracker gc DIR [--dry-run]        evidence files no product (nor the trash) uses
//! ocop-tracker bench                     speed and memory figures for the README
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::app::AppState;
use crate::domain::agenda;
use crate::domain::catalog::Catalog;
use crate::domain::deadlines;
use crate::domain::demo;
use crate::domain::dossier;
use crate::domain::ics;
use crate::storage::{self, StorageError};
use crate::ui::text::{self, Lang};

const USAGE: &str = "\
ocop-tracker — theo dõi sản phẩm OCOP / OCOP product tracker

Usage:
  ocop-tracker [--workspace DIR] [--lang vi|en] [--today YYYY-MM-DD] [--window WxH]
  ocop-tracker check DIR
  ocop-tracker list DIR [--format csv] [--today YYYY-MM-DD]
  ocop-tracker demo-data DIR --products N [--seed S]
  ocop-tracker score DIR [--product ID] [--sheet self|commune]
  ocop-tracker calendar DIR [--out FILE] [--lang vi|en] [--today YYYY-MM-DD]
  ocop-tracker gc DIR [--dry-run]        remove evidence files no product uses
  ocop-tracker bench [--sizes 20,20000]
  ocop-tracker bench-import [--size-mib 1024]
";

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
            .map_err(|_| format!("--today: “{raw}” is not a date (YYYY-MM-DD)")),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn catalog() -> Result<Catalog, ExitCode> {
    storage::assets::builtin_catalog().map_err(|err| {
        eprintln!("error: built-in rule data is damaged: {err}");
        ExitCode::from(2)
    })
}

/// Runs the binary with `args` (without the program name).
pub fn main(args: &[String]) -> ExitCode {
    let command = args.first().map(String::as_str);
    let result = match command {
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("check") => return check(args.get(1).map(Path::new)),
        Some("list") => list(&args[1..]),
        Some("demo-data") => demo_data(&args[1..]),
        Some("score") => score(&args[1..]),
        Some("calendar") => calendar(&args[1..]),
        Some("gc") => gc(&args[1..]),
        Some("write-seed") => write_seed(args.get(1).map(Path::new)),
        Some("bench") => crate::bench::run(&args[1..]),
        Some("bench-import") => crate::bench::run_import(&args[1..]),
        Some("bench-load") => crate::bench::child_load(args.get(1).map(Path::new)),
        Some(other) if !other.starts_with('-') => {
            Err(format!("unknown command “{other}”\n\n{USAGE}"))
        }
        _ => return gui(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `check DIR`: loads everything and prints every problem with its file.
fn check(dir: Option<&Path>) -> ExitCode {
    let Some(dir) = dir else {
        eprintln!("error: check needs a folder\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let loaded = match storage::load_workspace(dir) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let mut catalog = match catalog() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    problems.extend(
        storage::assets::apply_workspace_holidays(&mut catalog, dir)
            .iter()
            .map(ToString::to_string),
    );
    for product in loaded.workspace.products.values() {
        let path = storage::product_path(dir, &product.id);
        if !(1..=26).contains(&product.scoring_set) {
            problems.push(format!(
                "scoring_set {} is not one of the 26 sets — {}",
                product.scoring_set,
                path.display()
            ));
        }
        for app in &product.applications {
            for entry in &app.dossier {
                for attachment in &entry.attachments {
                    let never = std::sync::atomic::AtomicBool::new(false);
                    let status = storage::evidence::verify(dir, attachment, &never);
                    let what = match status {
                        storage::evidence::EvidenceStatus::Ok => continue,
                        storage::evidence::EvidenceStatus::Missing => {
                            "evidence file missing".to_owned()
                        }
                        storage::evidence::EvidenceStatus::Altered { .. } => {
                            "evidence file changed since it was attached (SHA-256 differs)"
                                .to_owned()
                        }
                        storage::evidence::EvidenceStatus::Unsafe { reason } => {
                            format!("evidence path refused, never read: {reason}")
                        }
                        storage::evidence::EvidenceStatus::Unchecked { reason } => {
                            format!("evidence file could not be checked: {reason}")
                        }
                    };
                    problems.push(format!(
                        "{what}: “{}” ({}) on {} — {}",
                        attachment.stored_path,
                        attachment.file_name,
                        entry.key,
                        path.display()
                    ));
                }
            }
            if catalog.template(&app.rule_version).is_none() {
                problems.push(format!(
                    "unknown rule version “{}” — {}",
                    app.rule_version,
                    path.display()
                ));
            }
        }
    }
    for problem in &problems {
        println!("{problem}");
    }
    println!(
        "{} products read, {} problems",
        loaded.workspace.products.len(),
        problems.len()
    );
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// `list DIR [--format csv]`.
fn list(args: &[String]) -> Result<(), String> {
    let dir = args.first().ok_or("list needs a folder")?;
    let csv = flag(args, "--format") == Some("csv");
    let today = today_from(args)?;
    let loaded = storage::load_workspace(Path::new(dir)).map_err(|e| e.to_string())?;
    for problem in &loaded.problems {
        eprintln!("warning: {problem}");
    }
    let catalog = catalog().map_err(|_| "built-in rule data is damaged".to_owned())?;
    // Machine-readable by default (English rule names, stage codes); `--lang vi` for people.
    let lang = match flag(args, "--lang") {
        Some("vi") => Lang::Vi,
        _ => Lang::En,
    };
    if csv {
        println!("id,name,producer,stage,dossier_percent,next_deadline,deadline_rule");
    }
    for product in loaded.workspace.products.values() {
        let app = product.current();
        let stage = app.map_or("", |a| a.stage.code());
        let pct = app
            .map(|a| dossier::completeness(&a.dossier, catalog.template(&a.rule_version)).percent())
            .unwrap_or(0);
        let deadline = deadlines::next_deadline(product, today, &catalog.calendar);
        let (date, rule) = deadline
            .map(|d| {
                (
                    d.date.to_string(),
                    lang.t(text::deadline_name(d.kind)).to_owned(),
                )
            })
            .unwrap_or_default();
        if csv {
            println!(
                "{},{},{},{},{},{},{}",
                csv_field(product.id.as_str()),
                csv_field(&product.name),
                csv_field(&product.producer.name),
                stage,
                pct,
                date,
                csv_field(&rule)
            );
        } else {
            let stage_text = match (lang, app) {
                (Lang::Vi, Some(a)) => lang.t(text::stage_name(a.stage)),
                _ => stage,
            };
            println!(
                "{:<28} {:<30} {:<36} {:<22} {:>3}%  {} {}",
                product.id.as_str(),
                product.name,
                product.producer.name,
                stage_text,
                pct,
                date,
                rule
            );
        }
    }
    Ok(())
}

/// `score DIR [--product ID] [--sheet self|commune]`: the score sheet as a person reads it.
fn score(args: &[String]) -> Result<(), String> {
    use crate::domain::criteria::Part;
    use crate::domain::scoring::{self, Outcome, SuggestionReason};
    let dir = args.first().ok_or("score needs a folder")?;
    let only = flag(args, "--product");
    let commune_sheet = match flag(args, "--sheet") {
        None | Some("self") => false,
        Some("commune") => true,
        Some(other) => return Err(format!("--sheet: “{other}” (self or commune)")),
    };
    let loaded = storage::load_workspace(Path::new(dir)).map_err(|e| e.to_string())?;
    for problem in &loaded.problems {
        eprintln!("warning: {problem}");
    }
    let catalog = catalog().map_err(|_| "built-in rule data is damaged".to_owned())?;
    if let Some(id) = only
        && !loaded.workspace.products.keys().any(|k| k.as_str() == id)
    {
        return Err(format!("no product “{id}” in {dir}"));
    }
    for product in loaded.workspace.products.values() {
        if only.is_some_and(|id| id != product.id.as_str()) {
            continue;
        }
        println!(
            "{} ({}) — set {}",
            product.name, product.id, product.scoring_set
        );
        let Some(app) = product.current() else {
            println!("  no application");
            continue;
        };
        let Some(set) = catalog.scoring_set(&app.rule_version, product.scoring_set) else {
            println!(
                "  no criteria for {} set {}",
                app.rule_version, product.scoring_set
            );
            continue;
        };
        let sheet = if commune_sheet {
            &app.scores.commune_view
        } else {
            &app.scores.self_assessment
        };
        let summary = scoring::evaluate(set, sheet);
        let stars = match summary.outcome() {
            Outcome::Recognised(s) => "★".repeat(usize::from(s)),
            Outcome::NotRecognised => {
                format!("not recognisable (score band {}★)", summary.band_star)
            }
            Outcome::Eliminated => "eliminated".to_owned(),
        };
        println!(
            "  A {}/{}  B {}/{}  C {}/{}  total {}/{}  {stars}",
            summary.part_points(Part::A),
            set.part_max(Part::A),
            summary.part_points(Part::B),
            set.part_max(Part::B),
            summary.part_points(Part::C),
            set.part_max(Part::C),
            summary.total,
            summary.max_total
        );
        if !summary.complete {
            println!(
                "  answered {}/{}; reachable total {}–{}",
                summary.answered,
                summary.criteria_count,
                summary.lowest_reachable,
                summary.highest_reachable
            );
        }
        for key in &summary.eliminated {
            let label = set
                .elimination(key)
                .map_or(key.as_str(), |e| e.label_en.as_str());
            println!("  eliminated: {label}");
        }
        if let Some(plan) = scoring::way_to_next_star(set, sheet) {
            println!(
                "  next: {}★ needs {} points ({} missing)",
                plan.target_star, plan.threshold, plan.points_gap
            );
            for unmet in &plan.unmet_minima {
                let name = set
                    .criterion(&unmet.criterion_key)
                    .map(|c| format!("{} {}", c.code, c.name_en))
                    .unwrap_or_else(|| unmet.criterion_key.clone());
                println!(
                    "  blocker: {name}: {} of {} points needed for {}★",
                    unmet.current_points, unmet.required_points, unmet.star
                );
            }
            let template = catalog.template(&app.rule_version);
            for suggestion in plan.suggestions.iter().take(5) {
                let Some(criterion) = set.criterion(&suggestion.criterion_key) else {
                    continue;
                };
                let to = criterion
                    .option(suggestion.to_option)
                    .map_or("", |o| o.label_en.as_str());
                let why = match suggestion.reason {
                    SuggestionReason::StarMinimum(s) => format!("minimum for {s}★"),
                    SuggestionReason::Points => "points".to_owned(),
                };
                println!(
                    "  suggest: {} {} → “{to}” (+{}, {why})",
                    criterion.code, criterion.name_en, suggestion.points_gain
                );
                if let Some(template) = template {
                    for item in dossier::backing_items(template, &criterion.name_vi) {
                        println!("           evidence: {}", item.name_en);
                    }
                }
            }
            if plan.suggestions.len() > 5 {
                println!("  … and {} more changes", plan.suggestions.len() - 5);
            }
        }
    }
    Ok(())
}

/// The iCalendar text of every upcoming deadline of the open workspace.
pub fn calendar_text(state: &AppState, lang: Lang) -> String {
    let items = agenda::agenda(&state.workspace, &state.catalog, state.today);
    let events = agenda::calendar_events(&items, |item| {
        let rule = lang.t(text::deadline_name(item.kind));
        let doc = item
            .document_key
            .as_deref()
            .map(|key| crate::ui::dashboard::document_name(state, item, key, lang));
        let summary = match &doc {
            Some(doc) => format!("{}: {rule} – {doc}", item.product_name),
            None => format!("{}: {rule}", item.product_name),
        };
        let description = format!(
            "{} ({}). {}",
            rule,
            lang.date(item.date),
            lang.t(text::CALENDAR_SOURCE)
        );
        (summary, description)
    });
    let name = if state.workspace.info.name.is_empty() {
        "OCOP".to_owned()
    } else {
        format!("OCOP – {}", state.workspace.info.name)
    };
    ics::to_ics(&name, &events, chrono::Utc::now())
}

/// `calendar DIR [--out FILE]`: writes the iCalendar file (or prints it).
fn calendar(args: &[String]) -> Result<(), String> {
    let dir = args.first().ok_or("calendar needs a folder")?;
    let today = today_from(args)?;
    let lang = match flag(args, "--lang") {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    };
    let catalog = catalog().map_err(|_| "built-in rule data is damaged".to_owned())?;
    let state = AppState::open(Path::new(dir), catalog, today, lang).map_err(|e| e.to_string())?;
    for problem in &state.load_problems {
        eprintln!("warning: {problem}");
    }
    let text = calendar_text(&state, lang);
    match flag(args, "--out") {
        Some(out) => {
            storage::write_atomic(Path::new(out), text.as_bytes()).map_err(|e| e.to_string())?;
            let events = text.matches("BEGIN:VEVENT").count();
            println!("wrote {events} events to {out}");
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// `gc DIR [--dry-run]`: lists, then removes, evidence files that nothing references.
fn gc(args: &[String]) -> Result<(), String> {
    let dir = Path::new(args.first().ok_or("gc needs a folder")?);
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let loaded = storage::load_workspace(dir).map_err(|e| e.to_string())?;
    let orphans = storage::unused_evidence(dir, &loaded.workspace, &loaded.unreadable)
        .map_err(|e| e.to_string())?;
    for orphan in &orphans {
        if dry_run {
            println!("would remove {orphan}");
        } else {
            storage::evidence::remove_stored(dir, orphan).map_err(|e| e.to_string())?;
            println!("removed {orphan}");
        }
    }
    println!(
        "{} unused evidence file(s){}",
        orphans.len(),
        if dry_run {
            " (dry run: nothing removed)"
        } else {
            ""
        }
    );
    Ok(())
}

/// `demo-data DIR --products N [--seed S]`: a realistic synthetic workspace.
fn demo_data(args: &[String]) -> Result<(), String> {
    let dir = PathBuf::from(args.first().ok_or("demo-data needs a folder")?);
    let count: usize = flag(args, "--products")
        .ok_or("demo-data needs --products N")?
        .parse()
        .map_err(|_| "--products: not a whole number".to_owned())?;
    let seed: u64 = match flag(args, "--seed") {
        Some(raw) => raw
            .parse()
            .map_err(|_| "--seed: not a whole number".to_owned())?,
        None => 1,
    };
    if dir.join(storage::WORKSPACE_FILE).exists() || dir.join(storage::PRODUCTS_DIR).exists() {
        return Err(format!(
            "refusing to write over an existing workspace — {}",
            dir.display()
        ));
    }
    let catalog = catalog().map_err(|_| "built-in rule data is damaged".to_owned())?;
    let template = catalog.current_template().ok_or("no dossier template")?;
    let workspace =
        demo::synthetic_workspace(count, seed, template, chrono::Local::now().date_naive());
    storage::save_workspace(&dir, &workspace).map_err(|e: StorageError| e.to_string())?;
    println!("wrote {count} products to {}", dir.display());
    Ok(())
}

/// `write-seed DIR`: regenerates the shipped demo workspace (developer tool).
fn write_seed(dir: Option<&Path>) -> Result<(), String> {
    let dir = dir.ok_or("write-seed needs a folder")?;
    let catalog = catalog().map_err(|_| "built-in rule data is damaged".to_owned())?;
    let mut workspace = demo::seed_workspace(&catalog);
    storage::save_workspace(dir, &workspace).map_err(|e| e.to_string())?;
    // Sample evidence made for the demo (assets/demo-evidence), attached to its documents.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-evidence");
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
            .get_mut(&crate::domain::model::ProductId(product_id.to_owned()))
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

/// Which workspace the GUI opens: `--workspace`, else the last one, else the demo.
fn startup_workspace(explicit: Option<&str>, last: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(PathBuf::from(dir));
    }
    if let Some(last) = last.filter(|p| p.is_dir()) {
        return Some(last);
    }
    [
        PathBuf::from("saves"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves"),
    ]
    .into_iter()
    .find(|p| p.join(storage::WORKSPACE_FILE).is_file())
}

fn gui(args: &[String]) -> ExitCode {
    let catalog = match catalog() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let pinned_today = match flag(args, "--today") {
        Some(_) => match today_from(args) {
            Ok(d) => Some(d),
            Err(err) => {
                eprintln!("error: {err}");
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
    let window_flag = flag(args, "--window").is_some();
    let size = flag(args, "--window")
        .and_then(|raw| raw.split_once('x'))
        .and_then(|(w, h)| Some([w.parse::<f32>().ok()?, h.parse::<f32>().ok()?]))
        .unwrap_or([1280.0, 800.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Theo dõi OCOP – OCOP tracker")
            .with_inner_size(size)
            .with_min_inner_size([800.0, 500.0]),
        // An explicit --window size wins over the size remembered from last time.
        persist_window: !window_flag,
        ..Default::default()
    };
    let result = eframe::run_native(
        "ocop-tracker",
        options,
        Box::new(move |cc| {
            crate::ui::theme::install(&cc.egui_ctx);
            let stored_lang: Option<Lang> = cc
                .storage
                .and_then(|s| eframe::get_value(s, crate::ui::PREF_LANG));
            let last: Option<PathBuf> = cc
                .storage
                .and_then(|s| eframe::get_value(s, crate::ui::PREF_LAST_WORKSPACE));
            let lang = lang_flag.or(stored_lang).unwrap_or_default();
            let officer: Option<String> = cc
                .storage
                .and_then(|s| eframe::get_value(s, crate::ui::PREF_OFFICER));
            let dir = startup_workspace(explicit.as_deref(), last);
            let mut app = crate::ui::OcopApp::new(catalog, None, lang, pinned_today);
            app.officer = officer.unwrap_or_default();
            if window_flag {
                app.requested_size = Some(egui::vec2(size[0], size[1]));
            }
            if let Some(dir) = dir.as_deref() {
                app.open_workspace(dir);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: could not start the window: {err}");
            ExitCode::from(2)
        }
    }
}
