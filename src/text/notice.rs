//! The words of the window's messages ([`crate::app::Notice`]), in the language shown.

use super::{Lang, Tr};
use crate::app::{Notice, Reason};

/// A message in `lang`.
pub fn notice(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::Plain(tr) => lang.t(*tr).to_owned(),
        Notice::Done { what, detail } => format!("{}: {detail}", lang.t(*what)),
        Notice::Failed { what, why, about } => {
            let mut said = match what {
                Some(what) => format!("{}: {}", lang.t(*what), reason(why, lang)),
                None => reason(why, lang),
            };
            if let Some(path) = about {
                said.push_str(&format!(" — {}", path.display()));
            }
            said
        }
        Notice::Failures(reasons) => reasons
            .iter()
            .map(|r| reason(r, lang))
            .collect::<Vec<_>>()
            .join("; "),
        Notice::Undone { redo, what } => {
            let done = lang.t(if *redo { super::REDONE } else { super::UNDONE });
            match what {
                Some(what) => format!("{done}: {what}"),
                None => done.to_owned(),
            }
        }
        Notice::ChangedByOther { who, product } => {
            let who = if who.is_empty() {
                lang.t(super::SOMEONE)
            } else {
                who.as_str()
            };
            format!(
                "{who} {} “{product}” ({})",
                lang.t(super::CHANGED_BY_OTHER),
                lang.t(super::RELOADED)
            )
        }
        Notice::Imported { added, updated } => {
            let mut done = format!(
                "{}: {}",
                lang.t(super::XL_IMPORT_DONE),
                super::count(*added, lang, "sản phẩm", "product", "products")
            );
            if *updated > 0 {
                done.push_str(&format!("; {} {updated}", lang.t(super::XL_IMPORT_UPDATED)));
            }
            done
        }
        Notice::BundleWritten {
            product,
            files,
            path,
        } => format!(
            "{}: {product} ({files} {}) — {}",
            lang.t(super::BUNDLE_WRITTEN),
            lang.t(super::FILES),
            path.display()
        ),
        Notice::BundleGaps { product, gaps, .. } => {
            format!("{product} — {}", super::bundle_gaps(gaps, lang))
        }
        Notice::ManyDuplicates(n) => format!("{n} {}", lang.t(super::MANY_DUPLICATES)),
        Notice::IdMoved { old, new, name } => {
            super::id_moved(old.as_str(), new.as_str(), name, lang)
        }
        Notice::Unprinted(files) => {
            let list: Vec<String> = files
                .iter()
                .map(|(name, why)| format!("{name} ({why})"))
                .collect();
            format!("{}: {}", lang.t(super::PRINT_UNPRINTED), list.join("; "))
        }
        Notice::InvalidDate { field, file, typed } => {
            let mut said = lang.t(*field).to_owned();
            if let Some(file) = file {
                said.push_str(&format!(" ({file})"));
            }
            match typed {
                Some(typed) => format!("{said}: “{typed}” — {}", lang.t(super::INVALID_DATE)),
                None => format!("{said}: {}", lang.t(super::INVALID_DATE)),
            }
        }
    }
}

/// Why something failed, in `lang`.
pub fn reason(reason: &Reason, lang: Lang) -> String {
    match reason {
        Reason::App(err) => super::app_error(err, lang),
        Reason::Storage(err) => super::storage_error(err, lang),
        Reason::Bundle(err) => super::bundle_error(err, lang),
        Reason::Io(err) => super::io_error(err, lang),
        Reason::Open(err) => super::open_error(err, lang),
        Reason::Evidence(err) => super::evidence_error(err, lang),
        Reason::Print(err) => print_failure(err, lang),
        Reason::Command(err) => super::command_error(err, lang),
        Reason::Refused(refusal) => super::refusal(*refusal, lang).to_owned(),
        Reason::Said(tr) => said(*tr, lang),
    }
}

fn said(tr: Tr, lang: Lang) -> String {
    lang.t(tr).to_owned()
}

/// Why the dossier to print was not written, in `lang`.
pub fn print_failure(err: &crate::app::print::PrintFailure, lang: Lang) -> String {
    use crate::app::print::PrintFailure as F;
    match err {
        F::Cancelled => lang.t(super::PRINT_CANCELLED).to_owned(),
        F::Build(detail) => format!(
            "{}: {}: {detail}",
            lang.t(super::PRINT_FAILED),
            lang.t(super::DOC_BUILD_FAILED)
        ),
        F::Write(err) => format!(
            "{}: {}",
            lang.t(super::PRINT_FAILED),
            super::io_error(err, lang)
        ),
        F::Storage(err) => format!(
            "{}: {}",
            lang.t(super::PRINT_FAILED),
            super::storage_error(err, lang)
        ),
    }
}
