//! `calendar DIR [--out FILE|-]`: the iCalendar file of upcoming deadlines.

use std::path::Path;

use crate::app::AppState;
use crate::storage;
use crate::text::{self, Lang};

use super::out::{Out, printable};

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
    let ics = state.calendar_ics(lang);
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
