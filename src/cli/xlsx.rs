//! `export DIR --portfolio --out FILE.xlsx` and `import DIR FILE.xlsx [--dry-run]`:
//! the portfolio as an Excel workbook, and a product list brought in from Excel or
//! LibreOffice, with the same preview and checks as the GUI.

use std::path::Path;
use std::process::ExitCode;

use crate::app::AppState;
use crate::app::spreadsheet::{DuplicateChoice, ImportSheet, SheetChoice, portfolio_book};
use crate::domain::spreadsheet::{ImportField, ImportPreview, ImportRow};
use crate::storage;
use crate::text::{self, Lang};

use super::out::{Out, printable};

/// `export DIR --portfolio --out FILE.xlsx`: writes the portfolio workbook.
pub fn export_portfolio(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = Path::new(
        args.first()
            .ok_or_else(|| text::cli_needs_folder("export", lang))?,
    );
    let out = super::flag(args, "--out").ok_or(lang.t(text::CLI_PORTFOLIO_NEEDS_OUT))?;
    let today = super::today_from(args)?;
    let (loaded, catalog) = super::load_warning(dir, lang)?;
    let book = portfolio_book(&loaded.workspace, &catalog, today, lang);
    storage::spreadsheet::write_portfolio(Path::new(out), &book).map_err(|e| {
        format!(
            "{}: {}",
            lang.t(text::XLSX_EXPORT_FAILED),
            text::storage_error(&e, lang)
        )
    })?;
    eprintln!(
        "{}",
        text::cli_wrote_products(book.rows.len(), &printable(out), lang)
    );
    Ok(())
}

/// `import DIR FILE [--dry-run] [--sheet NAME|all] [--map FIELD=COLUMN]… [--set N|none]
/// [--duplicates skip|update|add]`: prints the preview (where the header is and which
/// column is which, good rows with their set, rows with problems and why, rows skipped,
/// products already there), then imports unless `--dry-run`.
/// Exit 0: every product row imported (or would be); 1: some rows left out, or nothing
/// to import; 2: the workspace or the file could not be read, a bad option, or the import
/// failed.
pub fn import(args: &[String]) -> ExitCode {
    let lang = super::lang_from(args);
    match import_inner(args, lang) {
        Ok(code) => code,
        Err(message) => {
            super::out::error(lang, &message);
            ExitCode::from(2)
        }
    }
}

/// Every value of a repeatable flag.
fn flags<'a>(args: &'a [String], name: &str) -> Vec<&'a str> {
    args.iter()
        .zip(args.iter().skip(1))
        .filter(|(flag, _)| *flag == name)
        .map(|(_, value)| value.as_str())
        .collect()
}

/// A column named on the command line: its letter ("C", "AA") or its 1-based number.
fn column_index(raw: &str) -> Option<usize> {
    let raw = raw.trim();
    if let Ok(n) = raw.parse::<usize>() {
        return n.checked_sub(1);
    }
    if raw.is_empty() || raw.len() > 3 || !raw.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut index = 0usize;
    for c in raw.to_ascii_uppercase().bytes() {
        index = index * 26 + usize::from(c - b'A') + 1;
    }
    index.checked_sub(1)
}

/// `--sheet`, `--map`, `--set` and `--duplicates` applied to the file read: what the
/// preview's controls give the GUI.
fn apply_options(sheet: &mut ImportSheet, args: &[String], lang: Lang) -> Result<(), String> {
    if let Some(wanted) = super::flag(args, "--sheet") {
        if wanted.eq_ignore_ascii_case("all") {
            sheet.choose_sheets(SheetChoice::All);
        } else {
            let folded = crate::domain::search::fold(wanted.trim());
            let index = sheet
                .tables
                .iter()
                .position(|t| crate::domain::search::fold(t.sheet.name.trim()) == folded)
                .ok_or_else(|| {
                    let names: Vec<String> = sheet
                        .tables
                        .iter()
                        .map(|t| format!("“{}”", t.sheet.name))
                        .collect();
                    text::cli_import_no_sheet(wanted, &names.join(", "), lang)
                })?;
            sheet.choose_sheets(SheetChoice::One(index));
        }
    }
    for map in flags(args, "--map") {
        let (field, column) = map
            .split_once('=')
            .ok_or_else(|| text::cli_map_not_pair(map, lang))?;
        let field = ImportField::ALL
            .into_iter()
            .find(|f| text::import_field_key(*f) == field.trim().to_lowercase())
            .ok_or_else(|| {
                let keys: Vec<&str> = ImportField::ALL
                    .into_iter()
                    .map(text::import_field_key)
                    .collect();
                text::cli_map_no_field(field.trim(), &keys.join(", "), lang)
            })?;
        let column = if ["-", "none"].contains(&column.trim()) {
            None
        } else {
            Some(column_index(column).ok_or_else(|| text::cli_map_not_column(column, lang))?)
        };
        for index in sheet.chosen() {
            if let Some(table) = sheet.tables.get_mut(index) {
                table.choose(field, column);
            }
        }
    }
    Ok(())
}

/// What `--set` says of rows without a set: `Some(Some(n))` set n, `Some(None)` leave
/// them unchosen, `None` take the proposals.
fn set_option(args: &[String], lang: Lang) -> Result<Option<Option<u8>>, String> {
    let Some(raw) = super::flag(args, "--set") else {
        return Ok(None);
    };
    if raw.eq_ignore_ascii_case("none") {
        return Ok(Some(None));
    }
    raw.parse::<u8>()
        .ok()
        .filter(|n| crate::domain::criteria::SETS.contains(n))
        .map(|n| Some(Some(n)))
        .ok_or_else(|| text::cli_bad_set(raw, lang))
}

/// `--duplicates skip|update|add` (skip when absent).
fn duplicate_option(args: &[String], lang: Lang) -> Result<DuplicateChoice, String> {
    match super::flag(args, "--duplicates") {
        None | Some("skip") => Ok(DuplicateChoice::Skip),
        Some("update") => Ok(DuplicateChoice::UpdateCertificate),
        Some("add") => Ok(DuplicateChoice::AddNew),
        Some(other) => Err(text::cli_not_one_of(
            "--duplicates",
            other,
            "skip, update, add",
            lang,
        )),
    }
}

/// `import`: the file read and checked, the preview printed section by section, then
/// (unless `--dry-run`) the products imported and saved. Exit 0 when every row went in,
/// 1 when some were left out (or nothing was to import), an error for exit 2.
fn import_inner(args: &[String], lang: Lang) -> Result<ExitCode, String> {
    let (Some(dir), Some(file)) = (args.first(), args.get(1)) else {
        return Err(lang.t(text::CLI_IMPORT_NEEDS).to_owned());
    };
    let (dir, file) = (Path::new(dir.as_str()), Path::new(file.as_str()));
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let today = super::today_from(args)?;
    let set_choice = set_option(args, lang)?;
    let duplicates = duplicate_option(args, lang)?;
    // The file first: a file that cannot be read leaves the workspace untouched (not even
    // its lock file is made).
    let mut sheet = ImportSheet::read(file).map_err(|e| {
        format!(
            "{}: {}",
            lang.t(text::XL_IMPORT_READ_FAILED),
            crate::say::app_error(&e, lang)
        )
    })?;
    apply_options(&mut sheet, args, lang)?;
    let (catalog, _) =
        storage::assets::catalog_for(dir).map_err(|e| text::storage_error(&e, lang))?;
    // A dry run only reads the workspace; an import opens it as the GUI does (the per-PC
    // lock, checked saving).
    let (mut state, loaded) = if dry_run {
        let loaded = storage::load_workspace(dir).map_err(|e| text::storage_error(&e, lang))?;
        for problem in &loaded.problems {
            super::out::warning(lang, &text::storage_error(problem, lang));
        }
        (None, Some(loaded))
    } else {
        let state = AppState::open(dir, catalog.clone(), today, lang)
            .map_err(|e| text::storage_error(&e, lang))?;
        for problem in state.load_problems() {
            super::out::warning(lang, &crate::say::reason(problem, lang));
        }
        (Some(state), None)
    };
    let workspace = match (&state, &loaded) {
        (Some(state), _) => state.workspace(),
        (None, Some(loaded)) => &loaded.workspace,
        (None, None) => return Err(lang.t(text::NO_WORKSPACE).to_owned()),
    };
    let mut out = Out::new();
    let missing = sheet.missing_required();
    if !missing.is_empty() {
        // Nothing in the file can be read as products: exit 2, as for an unreadable file.
        return Err(format!(
            "{}: {}",
            file.display(),
            text::import_missing_columns(&missing, lang, false)
        ));
    }
    let preview = sheet.preview(
        &match &state {
            Some(state) => state.known_products(),
            None => crate::domain::spreadsheet::KnownProducts::of_workspace(workspace),
        },
        &catalog,
    );
    if let Some(set) = set_choice {
        for row in preview.good.iter().filter(|r| r.scoring_set.is_none()) {
            sheet.set_choices.insert(row.at, set);
        }
    }
    for duplicate in &preview.existing {
        sheet.duplicate_choices.insert(duplicate.row.at, duplicates);
    }
    print_mapping(&mut out, &sheet, lang);
    print_rows(&mut out, &sheet, &preview, lang);
    print_existing(&mut out, &sheet, &preview, duplicates, lang);
    print_skipped_and_warnings(&mut out, &sheet, &preview, lang);
    let updates = preview
        .existing
        .iter()
        .filter(|d| sheet.duplicate_choice(d.row.at) != DuplicateChoice::Skip)
        .count();
    let left_out = !preview.bad.is_empty() || (preview.good.is_empty() && updates == 0);
    if dry_run {
        out.line(lang.t(text::XL_IMPORT_DRY_RUN));
        out.finish(lang)?;
        return Ok(ExitCode::from(u8::from(left_out)));
    }
    if preview.good.is_empty() && updates == 0 {
        out.line(lang.t(text::XL_IMPORT_NOTHING));
        out.finish(lang)?;
        return Ok(ExitCode::from(1));
    }
    out.finish(lang)?;
    let Some(state) = state.as_mut() else {
        return Err(lang.t(text::NO_WORKSPACE).to_owned());
    };
    import_and_save(state, preview, sheet, dir, left_out, lang)
}

/// Each chosen sheet's layout, and which column each field is read from (with how sure
/// the guess is).
fn print_mapping(out: &mut Out, sheet: &ImportSheet, lang: Lang) {
    for index in sheet.chosen() {
        let Some(table) = sheet.tables.get(index) else {
            continue;
        };
        out.line(printable(&sheet.layout_line(index, lang)));
        for (field, col) in &table.mapping {
            let confidence = table
                .confidence
                .get(field)
                .map(|c| lang.t(text::confidence_name(*c)))
                .unwrap_or_default();
            let heading = table.layout.headings.get(*col).cloned().unwrap_or_default();
            out.line(printable(&format!(
                "  {} ← {}: {heading} ({confidence})",
                lang.t(text::import_field_name(*field)),
                crate::app::spreadsheet::column_letter(*col),
            )));
        }
    }
}

/// The rows to import (name, set, stage, certificate) and the bad rows with their
/// problems.
fn print_rows(out: &mut Out, sheet: &ImportSheet, preview: &ImportPreview, lang: Lang) {
    out.line(format!(
        "{} ({}):",
        lang.t(text::XL_IMPORT_GOOD_ROWS),
        preview.good.len()
    ));
    for good in &preview.good {
        let certificate = good
            .certificate
            .as_ref()
            .map(|c| format!(" · {}★ {} {}", c.star, c.number, lang.date(c.issued_on)))
            .unwrap_or_default();
        out.line(printable(&format!(
            "  {}: {} · {} · {}{certificate}",
            sheet.row_label(good.at, lang),
            crate::app::spreadsheet::name_and_producer(&good.name, &good.producer),
            set_text(sheet, good, lang),
            lang.t(text::stage_name(good.stage)),
        )));
    }
    if !preview.bad.is_empty() {
        out.line(format!(
            "{} ({}):",
            lang.t(text::XL_IMPORT_BAD_ROWS),
            preview.bad_rows()
        ));
        for (at, problems) in preview.bad_by_row() {
            out.line(printable(&format!(
                "  {}: {}",
                sheet.row_label(at, lang),
                sheet.problems_text(at, &problems, lang)
            )));
        }
    }
}

/// The rows naming products already in the workspace, and what happens to each.
fn print_existing(
    out: &mut Out,
    sheet: &ImportSheet,
    preview: &ImportPreview,
    duplicates: DuplicateChoice,
    lang: Lang,
) {
    if !preview.existing.is_empty() {
        out.line(format!(
            "{} ({}):",
            lang.t(text::XL_IMPORT_EXISTING),
            preview.existing.len()
        ));
        for duplicate in &preview.existing {
            let what = match duplicates {
                DuplicateChoice::Skip => text::XL_IMPORT_SKIP,
                DuplicateChoice::UpdateCertificate => text::XL_IMPORT_UPDATE_CERT,
                DuplicateChoice::AddNew => text::XL_IMPORT_ADD_NEW,
            };
            out.line(printable(&format!(
                "  {}: {} · {} {} ({}: {}) → {}",
                sheet.row_label(duplicate.row.at, lang),
                crate::app::spreadsheet::name_and_producer(
                    &duplicate.row.name,
                    &duplicate.row.producer
                ),
                lang.t(text::XL_IMPORT_IN_WORKSPACE),
                duplicate.existing,
                lang.t(text::FIELD_PRODUCER).to_lowercase(),
                duplicate.existing_producer,
                lang.t(what),
            )));
        }
    }
}

/// The rows skipped (and why), then the warnings.
fn print_skipped_and_warnings(
    out: &mut Out,
    sheet: &ImportSheet,
    preview: &ImportPreview,
    lang: Lang,
) {
    if !preview.skipped.is_empty() {
        out.line(format!(
            "{} ({}):",
            lang.t(text::XL_IMPORT_SKIPPED),
            preview.skipped.len()
        ));
        for (at, reason) in &preview.skipped {
            out.line(printable(&format!(
                "  {}: {}",
                sheet.row_label(*at, lang),
                text::import_skip_reason(*reason, lang)
            )));
        }
    }
    if !preview.warnings.is_empty() {
        out.line(format!("{}:", lang.t(text::XL_IMPORT_WARNINGS)));
        for (at, warning) in &preview.warnings {
            out.line(printable(&format!(
                "  {}: {}",
                sheet.row_label(*at, lang),
                text::import_warning(warning, lang)
            )));
        }
    }
}

/// The import itself, the files written: how many products were added and updated, or
/// how many were saved of how many when the disk failed; exit 1 when some went only to a
/// conflict copy.
fn import_and_save(
    state: &mut AppState,
    preview: ImportPreview,
    sheet: ImportSheet,
    dir: &Path,
    left_out: bool,
    lang: Lang,
) -> Result<ExitCode, String> {
    let conflicts_before = state.conflicts().len();
    let (added, updated) = state
        .import_products(&preview, &sheet)
        .map_err(|e| crate::say::app_error(&e, lang))?;
    // The rows are in the products now: let them go before the files are written.
    drop(preview);
    drop(sheet);
    if !state.flush() {
        // A disk that filled up, a folder that went away: some files are written, the
        // rest not. Say how many, and that running it again adds the rest (the saved ones
        // are then duplicates by name, skipped by default).
        let mut problems: Vec<String> = state.messages().iter().map(|m| m.words(lang)).collect();
        let total = added + updated;
        let saved = total.saturating_sub(state.unsaved_count());
        problems.push(text::import_partly_saved(saved, total, lang));
        return Err(problems.join("\n"));
    }
    // Never "imported" for what went only to a conflict copy.
    if let Some(conflicts) = super::conflicts_written(state, conflicts_before, lang) {
        super::out::error(lang, &conflicts);
        return Ok(ExitCode::from(1));
    }
    eprintln!("{}", text::cli_import_done(added, updated, dir, lang));
    Ok(ExitCode::from(u8::from(left_out)))
}

/// The set a row is imported with, and where it comes from.
fn set_text(sheet: &ImportSheet, row: &ImportRow, lang: Lang) -> String {
    let set = sheet.set_for(row);
    match (set, &row.proposal) {
        (None, _) => lang.t(text::XL_IMPORT_NOT_CHOSEN).to_owned(),
        (Some(n), Some(p)) if row.scoring_set.is_none() && p.set == n => format!(
            "{} {n} ({}: {})",
            lang.t(text::FIELD_SET).to_lowercase(),
            lang.t(text::XL_IMPORT_PROPOSED),
            text::proposal_reason(&p.reason, lang)
        ),
        (Some(n), _) => format!("{} {n}", lang.t(text::FIELD_SET).to_lowercase()),
    }
}
