//! `list DIR [--format csv] [--lang vi|en] [--today D]`: one line per product, from the
//! same row as the portfolio screen and the Excel export (completeness, the next deadline
//! that concerns this side, the workspace's own holiday file included).

use std::path::Path;

use crate::domain::spreadsheet;
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
    let dir = args.first().ok_or("list needs a folder")?;
    let csv = super::flag(args, "--format") == Some("csv");
    let today = super::today_from(args)?;
    let lang = super::lang_from(args);
    let dir = Path::new(dir);
    let (loaded, catalog) = super::load_warning(dir, lang)?;
    let mut out = Out::new();
    if csv {
        out.line("id,name,producer,stage,dossier_percent,next_deadline,deadline_rule");
    }
    let side = loaded.workspace.info.kind;
    for product in loaded.workspace.products.values() {
        let app = product.current();
        // The row the portfolio screen and the Excel export show: the same completeness
        // and the deadline that concerns this side (a cooperative is not told the
        // commune's own deadlines).
        let row = spreadsheet::portfolio_row(&product, &catalog, today, side);
        let pct = row.completeness;
        let deadline = row.deadline;
        let rule = deadline
            .as_ref()
            .map_or("", |d| lang.t(text::deadline_name(d.kind)));
        if csv {
            out.line(format!(
                "{},{},{},{},{},{},{}",
                csv_field(product.id.as_str()),
                csv_field(&product.name),
                csv_field(&product.producer.name),
                app.map_or("", |a| a.stage.code()),
                pct,
                deadline
                    .as_ref()
                    .map(|d| d.date.to_string())
                    .unwrap_or_default(),
                csv_field(rule)
            ));
        } else {
            let stage = app.map_or("", |a| lang.t(text::stage_name(a.stage)));
            let date = deadline
                .as_ref()
                .map(|d| lang.date(d.date))
                .unwrap_or_default();
            out.line(printable(&format!(
                "{:<28} {:<30} {:<36} {:<22} {:>3}%  {date} {rule}",
                product.id.as_str(),
                product.name,
                product.producer.name,
                stage,
                pct,
            )));
        }
    }
    // The process ends here: the operating system takes the memory back at once, where
    // freeing 20,000 products one by one would keep the officer waiting for nothing.
    std::mem::forget(loaded);
    out.finish()
}
