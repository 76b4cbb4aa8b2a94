//! `export DIR --portfolio --out FILE.xlsx` and `import DIR FILE.xlsx [--dry-run]`:
//! the portfolio as an Excel workbook, and a product list brought in from Excel or
//! LibreOffice, with the same preview and checks as the GUI.

use std::path::Path;
use std::process::ExitCode;

use crate::app::AppState;
use crate::app::spreadsheet::{ImportSheet, portfolio_book};
use crate::storage;
use crate::text::{self, Lang};

use super::out::{Out, printable};

/// `export DIR --portfolio --out FILE.xlsx`: writes the portfolio workbook.
pub fn export_portfolio(args: &[String]) -> Result<(), String> {
    let dir = Path::new(args.first().ok_or("export needs a folder")?);
    let out = super::flag(args, "--out").ok_or("export --portfolio needs --out FILE.xlsx")?;
    let today = super::today_from(args)?;
    let lang = super::lang_from(args);
    let (loaded, catalog) = super::load_warning(dir, lang)?;
    let book = portfolio_book(&loaded.workspace, &catalog, today, lang);
    storage::spreadsheet::write_portfolio(Path::new(out), &book).map_err(|e| {
        format!(
            "{}: {}",
            lang.t(text::XLSX_EXPORT_FAILED),
            text::storage_error(&e, lang)
        )
    })?;
    let products = book.rows.len();
    match lang {
        Lang::Vi => eprintln!("đã ghi {products} sản phẩm vào {}", printable(out)),
        Lang::En => eprintln!(
            "wrote {} to {}",
            text::count(products, lang, "", "product", "products"),
            printable(out)
        ),
    }
    Ok(())
}

/// `import DIR FILE [--dry-run]`: prints the preview (good rows, rows with problems and
/// why, products already there), then imports the good rows unless `--dry-run`.
/// Exit 0: every row imported (or would be); 1: some rows left out, or nothing to
/// import; 2: the workspace or the file could not be read, or the import failed.
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

fn import_inner(args: &[String], lang: Lang) -> Result<ExitCode, String> {
    let (Some(dir), Some(file)) = (args.first(), args.get(1)) else {
        return Err("import needs a workspace folder and a file: import DIR FILE.xlsx".into());
    };
    let (dir, file) = (Path::new(dir.as_str()), Path::new(file.as_str()));
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let today = super::today_from(args)?;
    // The file first: a file that cannot be read leaves the workspace untouched (not even
    // its lock file is made).
    let sheet = ImportSheet::read(file, lang)
        .map_err(|e| format!("{}: {e}", lang.t(text::XL_IMPORT_READ_FAILED)))?;
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
        let state =
            AppState::open(dir, catalog, today, lang).map_err(|e| text::storage_error(&e, lang))?;
        for problem in state.load_problems() {
            super::out::warning(lang, problem);
        }
        (Some(state), None)
    };
    let workspace = match (&state, &loaded) {
        (Some(state), _) => state.workspace(),
        (None, Some(loaded)) => &loaded.workspace,
        (None, None) => return Err("no workspace".to_owned()),
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
    let preview = sheet.preview(workspace);
    let row = lang.t(text::XL_IMPORT_ROW);
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
            "  {row} {}: {} — {} · {}{certificate}",
            good.row_number,
            good.name,
            good.producer,
            lang.t(text::stage_name(good.stage)),
        )));
    }
    if !preview.bad.is_empty() {
        out.line(format!(
            "{} ({}):",
            lang.t(text::XL_IMPORT_BAD_ROWS),
            preview.bad_rows()
        ));
        for (number, problems) in preview.bad_by_row() {
            out.line(printable(&format!(
                "  {row} {number}: {}",
                text::import_problems(&problems, lang)
            )));
        }
    }
    if !preview.existing.is_empty() {
        out.line(format!(
            "{} ({}):",
            lang.t(text::XL_IMPORT_EXISTING),
            preview.existing.len()
        ));
        for (number, name, id) in &preview.existing {
            out.line(printable(&format!("  {row} {number}: {name} ({id})")));
        }
    }
    let left_out = !preview.bad.is_empty() || preview.good.is_empty();
    if dry_run {
        out.line(lang.t(text::XL_IMPORT_DRY_RUN));
        out.finish()?;
        return Ok(ExitCode::from(u8::from(left_out)));
    }
    if preview.good.is_empty() {
        out.line(lang.t(text::XL_IMPORT_NOTHING));
        out.finish()?;
        return Ok(ExitCode::from(1));
    }
    out.finish()?;
    let Some(state) = state.as_mut() else {
        return Err("no workspace".to_owned());
    };
    let conflicts_before = state.conflicts().len();
    let count = state.import_products(&preview)?;
    if !state.flush() {
        let problems: Vec<String> = state.messages().iter().map(|m| m.text.clone()).collect();
        return Err(problems.join("\n"));
    }
    // Never "imported" for what went only to a conflict copy.
    if let Some(conflicts) = super::conflicts_written(state, conflicts_before, lang) {
        super::out::error(lang, &conflicts);
        return Ok(ExitCode::from(1));
    }
    match lang {
        Lang::Vi => eprintln!(
            "{} {count} sản phẩm vào {}",
            lang.t(text::XL_IMPORT_DONE),
            dir.display()
        ),
        Lang::En => eprintln!(
            "{} {} into {}",
            lang.t(text::XL_IMPORT_DONE),
            text::count(count, lang, "", "product", "products"),
            dir.display()
        ),
    }
    Ok(ExitCode::from(u8::from(left_out)))
}
