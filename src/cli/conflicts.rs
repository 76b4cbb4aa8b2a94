//! `conflicts DIR`: the conflict copies that sync tools (or this app, when a save found
//! the file changed) left in `products/`, with who last edited each side. Exit 0 when
//! there are none, 1 when some wait to be resolved in the app, 2 not a workspace.

use std::path::Path;
use std::process::ExitCode;

use crate::storage::{self, ConflictCopy};
use crate::text::{self, Lang};

use super::out::{Out, printable};

/// One line about a conflict copy, naming the product, the tool, the last editor of the
/// copy and the file.
pub fn describe(copy: &ConflictCopy, lang: Lang) -> String {
    let last = storage::read_conflict_copy(copy).ok().and_then(|p| {
        p.history
            .last()
            .map(|e| format!("{} {}", e.by, e.at.format("%d/%m/%Y %H:%M")))
    });
    text::cli_conflict_copy(
        copy.of.as_str(),
        copy.tool,
        last.as_deref(),
        &copy.path,
        lang,
    )
}

pub fn run(args: &[String]) -> ExitCode {
    let lang = super::lang_from(args);
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        // The usage is ours and keeps its lines (`out::error` shows control characters).
        super::out::error(lang, &text::cli_needs_folder("conflicts", lang));
        eprint!("\n{}", text::cli_usage(lang));
        return ExitCode::from(2);
    };
    let loaded = match storage::load_workspace(Path::new(dir)) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{}", printable(&text::storage_error(&err, lang)));
            return ExitCode::from(2);
        }
    };
    let mut out = Out::new();
    for copy in &loaded.conflicts {
        out.line(printable(&describe(copy, lang)));
    }
    let n = loaded.conflicts.len();
    out.line(text::cli_conflict_count(n, lang));
    if let Err(message) = out.finish(lang) {
        super::out::error(lang, &message);
        return ExitCode::from(2);
    }
    if n == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
