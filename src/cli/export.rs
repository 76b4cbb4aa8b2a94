//! `export DIR --product ID --form 01|02|03|letter|sheet|report --out FILE`: one form (.docx)
//! or the status report (.pdf) of a product, written all or nothing; `--form dossier`:
//! the whole dossier to print as one PDF (`app::print`). `--out -` writes
//! the bytes to standard output (for a pipe). The portfolio as Excel is `--portfolio`.
//!
//! `export DIR --summary --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.docx|FILE.xlsx`: the
//! commune's periodic report for that period, as Word or Excel by the file's extension.

use std::path::Path;

use chrono::NaiveDate;

use crate::app::summary::{SummaryFormat, SummaryRequest};
use crate::documents::DocKind;
use crate::domain::model::ProductId;
use crate::domain::summary::{Period, SummaryTexts};
use crate::storage;
use crate::text::{self, Lang};

use super::out::{Out, printable};

/// Runs `export` for one product's document.
pub fn run(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = Path::new(
        args.first()
            .ok_or_else(|| text::cli_needs_folder("export", lang))?,
    );
    let raw_id =
        super::flag(args, "--product").ok_or_else(|| text::cli_needs_product("export", lang))?;
    let mut codes: Vec<&str> = DocKind::ALL.iter().map(|k| k.code()).collect();
    codes.push("dossier");
    let raw_kind = super::flag(args, "--form").ok_or_else(|| {
        text::cli_needs_flag("export", &format!("--form {}", codes.join("|")), lang)
    })?;
    if raw_kind == "dossier" {
        return dossier(dir, raw_id, args, lang);
    }
    let kind = DocKind::from_code(raw_kind).ok_or_else(|| {
        text::cli_not_one_of("--form", &printable(raw_kind), &codes.join(", "), lang)
    })?;
    let out = super::flag(args, "--out").ok_or(lang.t(text::CLI_EXPORT_NEEDS_OUT))?;
    let state = super::open_to_read(dir, args, lang)?;
    let id = ProductId::parse(raw_id)
        .filter(|id| state.workspace().products.contains_key(id))
        .ok_or_else(|| format!("{}: “{}”", lang.t(text::NO_SUCH_PRODUCT), printable(raw_id)))?;
    let bytes = state
        .document(kind, &id, lang)
        .map_err(|err| crate::say::app_error(&err, lang))?;
    if out == "-" {
        let mut stdout = Out::new();
        stdout.bytes(&bytes);
        return stdout.finish(lang);
    }
    storage::fsio::write_export(Path::new(out), &bytes)
        .map_err(|e| text::storage_error(&e, lang))?;
    eprintln!(
        "{}",
        text::cli_wrote_document(lang.t(kind.name()), &printable(out), lang)
    );
    Ok(())
}

/// `export DIR --product ID --form dossier --out FILE.pdf [--odd-pages]`: the whole dossier
/// to print, one PDF; the files printed only as a notice page are named.
fn dossier(dir: &Path, raw_id: &str, args: &[String], lang: Lang) -> Result<(), String> {
    let out = super::flag(args, "--out").ok_or(lang.t(text::CLI_DOSSIER_NEEDS_OUT))?;
    let state = super::open_to_read(dir, args, lang)?;
    let id = ProductId::parse(raw_id)
        .filter(|id| state.workspace().products.contains_key(id))
        .ok_or_else(|| format!("{}: “{}”", lang.t(text::NO_SUCH_PRODUCT), printable(raw_id)))?;
    let mut request = state
        .print_request(&id)
        .map_err(|err| crate::say::app_error(&err, lang))?;
    request.odd_pages = args.iter().any(|a| a == "--odd-pages");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let unprinted = request
        .write(Path::new(out), &mut |_, _| {}, &cancel)
        .map_err(|e| crate::say::print_failure(&e, lang))?;
    eprintln!("{}: {}", lang.t(text::PRINT_DONE), printable(out));
    if !unprinted.is_empty() {
        eprintln!("{}:", lang.t(text::PRINT_UNPRINTED));
        for file in &unprinted {
            eprintln!(
                "  {}: {}",
                printable(&file.file_name),
                printable(&file.reason)
            );
        }
    }
    Ok(())
}

/// `export DIR --summary --from … --to … --out FILE.docx|.xlsx`: the periodic report.
/// Every flag is checked before the workspace is read; a bad one is named.
pub fn summary(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let usage = text::summary_usage(lang);
    let dir = Path::new(args.first().filter(|a| !a.starts_with("--")).ok_or(usage)?);
    let (Some(raw_from), Some(raw_to), Some(out)) = (
        super::flag(args, "--from"),
        super::flag(args, "--to"),
        super::flag(args, "--out"),
    ) else {
        return Err(usage.to_owned());
    };
    let date = |flag: &str, raw: &str| {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_err(|_| text::summary_flag_error(flag, &printable(raw), lang))
    };
    let (from, to) = (date("--from", raw_from)?, date("--to", raw_to)?);
    let period = Period::new(from, to).map_err(|_| text::summary_backwards(from, to, lang))?;
    let format = SummaryFormat::of_path(Path::new(out))
        .ok_or_else(|| text::summary_flag_error("--out", &printable(out), lang))?;
    let state = super::open_to_read(dir, args, lang)?;
    // A product that could not be read is not counted: say which.
    for problem in state.load_problems() {
        super::out::warning(lang, &crate::say::reason(problem, lang));
    }
    let request = SummaryRequest {
        period,
        format,
        texts: SummaryTexts::default(),
    };
    let bytes = state
        .summary_bytes(&request, lang)
        .map_err(|err| crate::say::app_error(&err, lang))?;
    storage::fsio::write_export(Path::new(out), &bytes).map_err(|e| {
        format!(
            "{}: {}",
            lang.t(text::SUM_EXPORT_FAILED),
            text::storage_error(&e, lang)
        )
    })?;
    eprintln!("{}: {}", lang.t(text::SUM_EXPORTED), printable(out));
    Ok(())
}
