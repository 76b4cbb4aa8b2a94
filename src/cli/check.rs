//! `check DIR`: loads everything and names every problem with its file.
//! Exit 0 clean, 1 problems, 2 not a workspace. Never writes.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use crate::storage::{self, evidence::EvidenceStatus};
use crate::text::{self, Lang};

use super::out::{Out, printable};

/// Every problem of the workspace in `dir`, as lines in `lang`.
fn problems(dir: &Path, lang: Lang) -> Result<(usize, Vec<String>), String> {
    // Every file read for real (not through the open cache): `check` vouches for them.
    let loaded =
        storage::load_workspace_using(dir, None).map_err(|err| text::storage_error(&err, lang))?;
    let (catalog, holiday_problems) =
        storage::assets::catalog_for(dir).map_err(|err| text::storage_error(&err, lang))?;
    let mut problems: Vec<String> = loaded
        .problems
        .iter()
        .chain(holiday_problems.iter())
        .map(|err| text::storage_error(err, lang))
        .collect();
    for copy in &loaded.conflicts {
        problems.push(super::conflicts::describe(copy, lang));
    }
    // Stored evidence whose name is not its content's SHA-256 (renamed by hand, or a
    // damaged copy): reported, never deleted. Referenced files are checked below.
    let referenced: std::collections::BTreeSet<String> = loaded
        .workspace
        .products
        .values()
        .flat_map(|p| {
            p.attachments()
                .map(|a| a.stored_path.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    for stored in storage::evidence::list_stored(dir).unwrap_or_default() {
        if referenced.contains(stored.as_str()) {
            continue;
        }
        let named = storage::evidence::sha_of_stored_name(&stored);
        let actual = storage::evidence::hash_stored(dir, &stored).ok();
        if named.is_none() || named != actual {
            problems.push(text::cli_evidence_misnamed(&dir.join(&stored), lang));
        }
    }
    for dir in storage::temp_dirs(dir) {
        for temp in storage::fsio::stray_temps(&dir) {
            problems.push(text::cli_stray_temp(temp.age.as_secs(), &temp.path, lang));
        }
    }
    for product in loaded.workspace.products.values() {
        let path = storage::product_path(dir, &product.id);
        let path = path.display();
        // The product's own data, by the rule a receive applies too (`domain::checks`).
        for problem in crate::domain::checks::data_problems(&product, &catalog) {
            problems.push(format!(
                "{} — {path}",
                text::data_problem(&problem, product.scoring_set, lang)
            ));
        }
        for app in &product.applications {
            for entry in &app.dossier {
                for attachment in &entry.attachments {
                    let never = AtomicBool::new(false);
                    let status = storage::evidence::verify(dir, attachment, &never);
                    let what = match status {
                        // (`verify` never says "in a bundle": that is the many view's.)
                        EvidenceStatus::Ok | EvidenceStatus::InBundle => continue,
                        // Where it went, when the clean-up moved it to the trash.
                        EvidenceStatus::Missing => {
                            match storage::evidence::in_evidence_trash(dir, &attachment.stored_path)
                            {
                                Some(trashed) => text::cli_evidence_in_trash(
                                    &trashed,
                                    &attachment.stored_path,
                                    lang,
                                ),
                                None => lang.t(text::CLI_EVIDENCE_MISSING).to_owned(),
                            }
                        }
                        EvidenceStatus::Altered { .. } => {
                            lang.t(text::CLI_EVIDENCE_ALTERED).to_owned()
                        }
                        EvidenceStatus::Unsafe { reason } => {
                            text::cli_evidence_refused(reason, lang)
                        }
                        EvidenceStatus::Unchecked { reason } => {
                            text::cli_evidence_unchecked(&reason, lang)
                        }
                    };
                    problems.push(format!(
                        "{what}: “{}” ({}) · {} — {path}",
                        attachment.stored_path, attachment.file_name, entry.key
                    ));
                }
            }
        }
    }
    Ok((loaded.workspace.products.len(), problems))
}

pub fn run(args: &[String]) -> ExitCode {
    let lang = super::lang_from(args);
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        // The usage is ours and keeps its lines (`out::error` shows control characters).
        super::out::error(lang, &text::cli_needs_folder("check", lang));
        eprint!("\n{}", text::cli_usage(lang));
        return ExitCode::from(2);
    };
    let (count, problems) = match problems(Path::new(dir), lang) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("{}", printable(&message));
            return ExitCode::from(2);
        }
    };
    let mut out = Out::new();
    for problem in &problems {
        out.line(printable(problem));
    }
    out.line(text::cli_check_summary(count, problems.len(), lang));
    if let Err(message) = out.finish(lang) {
        super::out::error(lang, &message);
        return ExitCode::from(2);
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
