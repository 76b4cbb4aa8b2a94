//! What the window and the command line say about the application's outcomes: its
//! messages ([`Notice`]), its typed errors, a new workspace refused, a dossier not
//! printed. Above `app/` and `documents/` (it words their types) and below `ui/` and
//! `cli/` (which show the words); the vocabulary itself (`Lang`, `Tr`, the sentences
//! of the string table, the names of the domain's things) is `text/`, which names no
//! layer above it. `app/` never calls in here: it says a typed [`Notice`], worded here
//! when it is shown.

use crate::app::{Message, Notice, Reason};
use crate::text::{self, Lang, Tr};

impl Message {
    /// The message in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        notice(&self.notice, lang)
    }
}

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
            let done = lang.t(if *redo { text::REDONE } else { text::UNDONE });
            match what {
                Some(what) => format!("{done}: {what}"),
                None => done.to_owned(),
            }
        }
        Notice::ChangedByOther { who, product } => {
            let who = if who.is_empty() {
                lang.t(text::SOMEONE)
            } else {
                who.as_str()
            };
            format!(
                "{who} {} “{product}” ({})",
                lang.t(text::CHANGED_BY_OTHER),
                lang.t(text::RELOADED)
            )
        }
        Notice::Imported { added, updated } => {
            let mut done = format!(
                "{}: {}",
                lang.t(text::XL_IMPORT_DONE),
                text::count(*added, lang, "sản phẩm", "product", "products")
            );
            if *updated > 0 {
                done.push_str(&format!("; {} {updated}", lang.t(text::XL_IMPORT_UPDATED)));
            }
            done
        }
        Notice::BundleWritten {
            product,
            files,
            path,
        } => format!(
            "{}: {product} ({files} {}) — {}",
            lang.t(text::BUNDLE_WRITTEN),
            lang.t(text::FILES),
            path.display()
        ),
        Notice::BundleGaps { product, gaps, .. } => {
            format!("{product} — {}", text::bundle_gaps(gaps, lang))
        }
        Notice::ManyDuplicates(n) => format!("{n} {}", lang.t(text::MANY_DUPLICATES)),
        Notice::IdMoved { old, new, name } => {
            text::id_moved(old.as_str(), new.as_str(), name, lang)
        }
        Notice::Unprinted(files) => {
            let list: Vec<String> = files
                .iter()
                .map(|(name, why)| format!("{name} ({why})"))
                .collect();
            format!("{}: {}", lang.t(text::PRINT_UNPRINTED), list.join("; "))
        }
        Notice::InvalidDate { field, file, typed } => {
            let mut said = lang.t(*field).to_owned();
            if let Some(file) = file {
                said.push_str(&format!(" ({file})"));
            }
            match typed {
                Some(typed) => format!("{said}: “{typed}” — {}", lang.t(text::INVALID_DATE)),
                None => format!("{said}: {}", lang.t(text::INVALID_DATE)),
            }
        }
    }
}

/// Why something failed, in `lang`.
pub fn reason(reason: &Reason, lang: Lang) -> String {
    match reason {
        Reason::App(err) => app_error(err, lang),
        Reason::Storage(err) => text::storage_error(err, lang),
        Reason::Bundle(err) => text::bundle_error(err, lang),
        Reason::Io(err) => text::io_error(err, lang),
        Reason::Open(err) => text::open_error(err, lang),
        Reason::Evidence(err) => text::evidence_error(err, lang),
        Reason::Print(err) => print_failure(err, lang),
        Reason::Command(err) => text::command_error(err, lang),
        Reason::Refused(refusal) => text::refusal(*refusal, lang).to_owned(),
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
        F::Cancelled => lang.t(text::PRINT_CANCELLED).to_owned(),
        F::Build(detail) => format!(
            "{}: {}: {detail}",
            lang.t(text::PRINT_FAILED),
            lang.t(text::DOC_BUILD_FAILED)
        ),
        F::Write(err) => format!(
            "{}: {}",
            lang.t(text::PRINT_FAILED),
            text::io_error(err, lang)
        ),
        F::Storage(err) => format!(
            "{}: {}",
            lang.t(text::PRINT_FAILED),
            text::storage_error(err, lang)
        ),
    }
}

/// Why a request to the application failed, as the screens and the command line say it.
pub fn app_error(err: &crate::app::AppError, lang: Lang) -> String {
    use crate::app::AppError as E;
    match err {
        E::NoSuchProduct(id) => format!("{}: {id}", lang.t(text::NO_SUCH_PRODUCT)),
        E::NoApplication => lang.t(text::NO_APPLICATION).to_owned(),
        E::NoRuleData => lang.t(text::DOC_NO_RULE_DATA).to_owned(),
        E::Storage(err) => text::storage_error(err, lang),
        E::Command(err) => text::command_error(err, lang),
        E::Document(err) => err.words(lang),
        E::NotSaved => lang.t(text::SAVE_FAILED).to_owned(),
        E::WorkbookNotBuilt(detail) => format!("{}: {detail}", lang.t(text::DOC_BUILD_FAILED)),
        E::CopyNotSaved(err) => format!(
            "{}: {}",
            lang.t(text::SAVE_FAILED),
            text::storage_error(err, lang)
        ),
        E::Bundle(err) => text::bundle_error(err, lang),
        E::Spreadsheet(err) => text::spreadsheet_error(err, lang),
        E::NothingToImport => lang.t(text::XL_IMPORT_NOTHING).to_owned(),
        E::ListImportRefused(err) => format!(
            "{}: {}",
            lang.t(text::XL_IMPORT_FAILED),
            text::command_error(err, lang)
        ),
        E::Evidence(err) => text::evidence_error(err, lang),
        E::Refused { why, path } => format!("{} — {}", text::refusal(*why, lang), path.display()),
        E::BundleProductInvalid {
            problems,
            set,
            path,
        } => {
            let named: Vec<String> = problems
                .iter()
                .map(|p| text::data_problem(p, *set, lang))
                .collect();
            format!(
                "{}: {} — {}",
                lang.t(text::BUNDLE_PRODUCT_INVALID),
                named.join("; "),
                path.display()
            )
        }
        E::NothingToOpen(dir) => format!("{} — {}", lang.t(text::MANY_NOTHING), dir.display()),
        E::Exchange { err, path } => {
            format!("{} — {}", text::exchange_error(err, lang), path.display())
        }
        E::ImportFailed { cause, path } => {
            let why = match cause {
                crate::app::ImportCause::Plan(err) => text::exchange_error(err, lang),
                crate::app::ImportCause::MissingEvidence(file) => file.clone(),
                crate::app::ImportCause::Command(err) => text::command_error(err, lang),
            };
            format!(
                "{}: {why} — {}",
                lang.t(text::BUNDLE_IMPORT_FAILED),
                path.display()
            )
        }
    }
}

/// Why a new workspace could not be started, in the user's language.
pub fn create_error(err: &crate::app::new_workspace::CreateError, lang: Lang) -> String {
    use crate::app::new_workspace::{CreateError as E, NewWorkspaceField as F};
    let vi = lang == Lang::Vi;
    match err {
        E::Missing(field) => {
            let name = lang.t(match field {
                F::Commune => text::FIELD_COMMUNE,
                F::Province => text::NEW_WORKSPACE_PROVINCE,
                F::Producer => text::NEW_WORKSPACE_PRODUCER,
            });
            if vi {
                format!("Chưa điền “{name}”")
            } else {
                format!("“{name}” is empty")
            }
        }
        E::IsWorkspace(path) if vi => format!(
            "Thư mục này đã là một thư mục làm việc; hãy mở nó (Tệp → Mở thư mục làm việc…) — {}",
            path.display()
        ),
        E::IsWorkspace(path) => format!(
            "This folder is already a workspace; open it instead (File → Open workspace folder…) — {}",
            path.display()
        ),
        E::NotEmpty(path) if vi => format!(
            "Thư mục này đang chứa tệp khác; hãy chọn một thư mục trống hoặc một tên thư mục mới (không trộn dữ liệu OCOP với tệp khác) — {}",
            path.display()
        ),
        E::NotEmpty(path) => format!(
            "This folder holds other files; choose an empty folder or a new folder name (OCOP data is not mixed with other files) — {}",
            path.display()
        ),
        E::NotAFolder(path) if vi => format!(
            "Đây là một tệp hoặc một thư mục không đọc được — {}",
            path.display()
        ),
        E::NotAFolder(path) => format!(
            "This is a file or an unreadable folder — {}",
            path.display()
        ),
        E::Storage(err) => text::storage_error(err, lang),
    }
}
