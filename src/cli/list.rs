//! `list DIR [--format csv] [--lang vi|en] [--today D]`: one line per product, from the
//! same row as the portfolio screen and the Excel export (completeness, the next deadline
//! that concerns this side, the workspace's own holiday file included).

use std::path::Path;

use crate::domain::store::DigestOf;
use crate::storage;
use crate::text;

use super::out::{Out, printable};

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = args
        .first()
        .ok_or_else(|| text::cli_needs_folder("list", lang))?;
    let csv = super::flag(args, "--format") == Some("csv");
    let today = super::today_from(args)?;
    let dir = Path::new(dir);
    // The rows are the products' digests, computed by the loader's workers while each
    // product is decoded anyway (`domain::digest`): nothing is decoded twice.
    let (catalog, holiday_problems) =
        storage::assets::catalog_for(dir).map_err(|e| text::storage_error(&e, lang))?;
    let loaded = storage::load_workspace_for(dir, &catalog, today)
        .map_err(|e| text::storage_error(&e, lang))?;
    for problem in loaded.problems.iter().chain(holiday_problems.iter()) {
        super::out::warning(lang, &text::storage_error(problem, lang));
    }
    let mut out = Out::new();
    if csv {
        out.line("id,name,producer,stage,dossier_percent,next_deadline,deadline_rule");
    }
    let of = DigestOf {
        catalog: &catalog,
        today,
        side: loaded.workspace.info.kind,
    };
    for digest in loaded.workspace.products.digests(of) {
        // The row the portfolio screen and the Excel export show: the same completeness
        // and the deadline that concerns this side (a cooperative is not told the
        // commune's own deadlines).
        let row = &digest.row;
        let pct = row.completeness;
        let deadline = &row.deadline;
        let rule = deadline
            .as_ref()
            .map_or("", |d| lang.t(text::deadline_name(d.kind)));
        if csv {
            out.line(format!(
                "{},{},{},{},{},{},{}",
                csv_field(row.id.as_str()),
                csv_field(&row.name),
                csv_field(&row.producer),
                row.stage.map_or("", |s| s.code()),
                pct,
                deadline
                    .as_ref()
                    .map(|d| d.date.to_string())
                    .unwrap_or_default(),
                csv_field(rule)
            ));
        } else {
            let stage = row.stage.map_or("", |s| lang.t(text::stage_name(s)));
            let date = deadline
                .as_ref()
                .map(|d| lang.date(d.date))
                .unwrap_or_default();
            out.line(printable(&format!(
                "{:<28} {:<30} {:<36} {:<22} {:>3}%  {date} {rule}",
                row.id.as_str(),
                row.name,
                row.producer,
                stage,
                pct,
            )));
        }
    }
    // The process ends here: the operating system takes the memory back at once, where
    // freeing 20,000 products one by one would keep the officer waiting for nothing.
    std::mem::forget(loaded);
    out.finish(lang)
}
