//! The paper dossier (issue 24): which documents go into the printed set and in which
//! order. Decision 26/2026 has the producer hand the commune one paper set and one
//! electronic set of its dossier; the paper set follows the dossier list's order, each
//! document followed by its evidence in the order it was attached.
//!
//! Pure: the plan only. Reading the evidence and typesetting the PDF are
//! `app::print` and `documents::dossier_pdf`.

use super::dossier::{Attachment, DocStatus, DossierTemplate, Provider};
use super::model::{Application, WorkspaceKind};

/// One document of the dossier list as the printed set shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedDocument {
    /// Template key ("form-01").
    pub key: String,
    pub name_vi: String,
    pub name_en: String,
    pub provider: Provider,
    pub status: DocStatus,
    /// Whether it is printed: chosen, and with files to print. A document left out is
    /// still listed in the contents, as "chưa có".
    pub included: bool,
    /// Its evidence, in the order attached.
    pub attachments: Vec<Attachment>,
    /// The app typesets this document itself (a form, [`TYPESET`]): it prints even
    /// without files, before them.
    pub typeset: bool,
}

/// The documents of the 26/2026 dossier list the app typesets itself, from the product:
/// Form 01, Form 02 (with its evidence annex and the scoring sheet), Form 03 and the
/// commune's request letter.
pub const TYPESET: [&str; 4] = ["form-01", "form-02", "form-03", "commune-request-letter"];

/// Which documents are printed by default: the ready ones of this side, and the forms
/// the app typesets for this side (ready or not: the paper is printed to be signed); a
/// commune forwarding a dossier prints the producer's too (it sends the whole set on).
pub fn printed_by_default(
    status: DocStatus,
    provider: Provider,
    side: WorkspaceKind,
    typeset: bool,
) -> bool {
    (typeset || status == DocStatus::Ready)
        && match side {
            WorkspaceKind::Producer => provider == Provider::Producer,
            WorkspaceKind::Commune => true,
        }
}

/// The documents of `application` in the template's order (documents the template does
/// not know, from older files, after them), each marked printed by
/// [`printed_by_default`] when it has files.
pub fn plan(
    application: &Application,
    template: &DossierTemplate,
    side: WorkspaceKind,
) -> Vec<PrintedDocument> {
    let mut out: Vec<PrintedDocument> = Vec::new();
    for item in &template.items {
        let Some(entry) = application.dossier.iter().find(|e| e.key == item.key) else {
            continue;
        };
        if entry.status == DocStatus::NotApplicable {
            continue;
        }
        let typeset = TYPESET.contains(&item.key.as_str());
        out.push(PrintedDocument {
            key: item.key.clone(),
            name_vi: item.name_vi.clone(),
            name_en: item.name_en.clone(),
            provider: item.provider,
            status: entry.status,
            included: (typeset || !entry.attachments.is_empty())
                && printed_by_default(entry.status, item.provider, side, typeset),
            attachments: entry.attachments.clone(),
            typeset,
        });
    }
    for entry in &application.dossier {
        if template.item(&entry.key).is_none() && !entry.attachments.is_empty() {
            out.push(PrintedDocument {
                key: entry.key.clone(),
                name_vi: entry.key.clone(),
                name_en: entry.key.clone(),
                provider: Provider::Producer,
                status: entry.status,
                included: entry.status == DocStatus::Ready,
                attachments: entry.attachments.clone(),
                typeset: false,
            });
        }
    }
    out
}

/// What kind of file an attachment is, by its stored name's extension: how it is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Embedded page by page (its text stays text).
    Pdf,
    /// Placed on A4, embedded without re-encoding.
    Jpeg,
    Png,
    /// Not printable here (.docx, .xlsx, video…): a page naming it, its size and hash.
    Other,
}

/// The kind of a file by its extension.
pub fn file_kind(name: &str) -> FileKind {
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "pdf" => FileKind::Pdf,
        "jpg" | "jpeg" => FileKind::Jpeg,
        "png" => FileKind::Png,
        _ => FileKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_print_by_their_kind() {
        for (name, kind) in [
            ("a.PDF", FileKind::Pdf),
            ("Phiếu.jpg", FileKind::Jpeg),
            ("x.jpeg", FileKind::Jpeg),
            ("y.png", FileKind::Png),
            ("z.docx", FileKind::Other),
            ("noext", FileKind::Other),
        ] {
            assert_eq!(file_kind(name), kind, "{name}");
        }
    }

    #[test]
    fn the_commune_prints_both_sides_the_producer_its_own() {
        use DocStatus as S;
        use Provider as P;
        use WorkspaceKind as W;
        assert!(printed_by_default(
            S::Ready,
            P::Producer,
            W::Producer,
            false
        ));
        assert!(!printed_by_default(
            S::Ready,
            P::Commune,
            W::Producer,
            false
        ));
        assert!(printed_by_default(S::Ready, P::Producer, W::Commune, false));
        assert!(printed_by_default(S::Ready, P::Commune, W::Commune, false));
        assert!(!printed_by_default(
            S::InProgress,
            P::Producer,
            W::Producer,
            false
        ));
        // A form the app typesets prints before it is ready (to be signed), on its side.
        assert!(printed_by_default(
            S::InProgress,
            P::Producer,
            W::Producer,
            true
        ));
        assert!(!printed_by_default(
            S::InProgress,
            P::Commune,
            W::Producer,
            true
        ));
        assert!(printed_by_default(S::Missing, P::Commune, W::Commune, true));
    }
}
