//! `calendar DIR [--out FILE|-]`: the iCalendar file of upcoming deadlines.

use std::path::Path;

use crate::storage;
use crate::text;

use super::out::Out;

/// `calendar DIR [--out FILE]`: writes the iCalendar file; `--out -` or no `--out`
/// prints it. A link as target is refused, a pipe or device is written into.
pub fn run(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = Path::new(
        args.first()
            .ok_or_else(|| text::cli_needs_folder("calendar", lang))?,
    );
    let state = super::open_to_read(dir, args, lang)?;
    for problem in state.load_problems() {
        super::out::warning(lang, &crate::say::reason(problem, lang));
    }
    let ics = state.calendar_ics(lang);
    match super::flag(args, "--out") {
        Some(out) if out != "-" => {
            storage::fsio::write_export(Path::new(out), ics.as_bytes())
                .map_err(|e| text::storage_error(&e, lang))?;
            let events = ics.matches("BEGIN:VEVENT").count();
            eprintln!("{}", text::cli_wrote_events(events, out, lang));
            Ok(())
        }
        _ => {
            let mut stdout = Out::new();
            stdout.write(&ics);
            stdout.finish(lang)
        }
    }
}
