//! `calendar DIR [--out FILE|-]`: the iCalendar file of upcoming deadlines.

use std::path::Path;

use crate::app::AppState;
use crate::domain::{agenda, ics};
use crate::storage;
use crate::ui::text::{self, Lang};

use super::out::{Out, printable};

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

/// `calendar DIR [--out FILE]`: writes the iCalendar file; `--out -` or no `--out`
/// prints it. A link as target is refused, a pipe or device is written into.
pub fn run(args: &[String]) -> Result<(), String> {
    let dir = Path::new(args.first().ok_or("calendar needs a folder")?);
    let today = super::today_from(args)?;
    let lang = super::lang_from(args);
    let (catalog, _) =
        storage::assets::catalog_for(dir).map_err(|e| text::storage_error(&e, lang))?;
    let state =
        AppState::open(dir, catalog, today, lang).map_err(|e| text::storage_error(&e, lang))?;
    for problem in &state.load_problems {
        eprintln!("warning: {}", printable(problem));
    }
    let ics = calendar_text(&state, lang);
    match super::flag(args, "--out") {
        Some(out) if out != "-" => {
            storage::fsio::write_export(Path::new(out), ics.as_bytes())
                .map_err(|e| text::storage_error(&e, lang))?;
            let events = ics.matches("BEGIN:VEVENT").count();
            match lang {
                Lang::Vi => eprintln!("đã ghi {events} sự kiện vào {out}"),
                Lang::En => eprintln!(
                    "wrote {} to {out}",
                    text::count(events, lang, "", "event", "events")
                ),
            }
            Ok(())
        }
        _ => {
            let mut stdout = Out::new();
            stdout.write(&ics);
            stdout.finish()
        }
    }
}
