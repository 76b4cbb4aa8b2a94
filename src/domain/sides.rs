//! Who owns which part of a product: the one rule asked by the command check
//! (`app::sides`), by every screen that greys a control, and by the bundle import
//! (`domain::exchange`, which brings in only the sender's parts).
//!
//! Our reading of Art. 7 and Appendix III of Decision 26/2026 (the decision names the
//! producer's dossier and the commune's assessment; it does not list fields, so this
//! split is inferred):
//! - **the producer**: its details (name, legal form, representative, phone, address) and
//!   the product description; per application the self-assessment sheet, the dossier
//!   documents the template says the producer provides (status, note, dates, evidence),
//!   its texts of Forms 02 and 03, and its remarks;
//! - **the commune**: the product's commune and OCOP code; per application the stage from
//!   the commune's receipt on and its dates, the certificate, the commune's view and the
//!   official result, the application notes, the documents the commune or province
//!   provides, its Form 03 texts and date, and its remarks;
//! - **each side alone**: the product's name, scoring set and free notes, and starting a
//!   new application. Either side edits its own copy; a receive shows a difference and
//!   lets the officer choose.
//!
//! Pure: no egui, no files.

use super::catalog::Catalog;
use super::dossier::Provider;
use super::history::Sheet;
use super::model::{Application, FormText, Product, WorkspaceKind};
use super::stage::Stage;

/// A part of a product, as far as ownership goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// The producer's details: name, legal form, representative, phone, address.
    ProducerDetails,
    /// The product's description.
    Description,
    /// The product's commune.
    Commune,
    /// The OCOP product code (given by the commune).
    ProductCode,
    /// The product's name, scoring set and free notes; a new application.
    EachSideAlone,
    /// Moving the current application from one stage to another.
    Stage {
        /// Where it is.
        current: Stage,
        /// Where it would go.
        target: Stage,
    },
    /// A dossier document (status, note, dates, evidence), by template key.
    Document(&'a str),
    /// A score sheet.
    Sheet(Sheet),
    /// The council's official result.
    Official,
    /// The certificate.
    Certificate,
    /// The Form 03 report date.
    ReportDate,
    /// The application notes (the commune's notes on the application).
    ApplicationNotes,
    /// A form text.
    Form(FormText),
    /// A remark, of the side that wrote it.
    Remark(WorkspaceKind),
    /// Whether the producer keeps its own copy (the commune's switch).
    KeptByProducer,
}

/// Whether the producer may move its copy of a product at `current` to `target`: both
/// while preparing the dossier (from receipt on, the stage and its dates are the
/// commune's, forwards and back).
pub fn producer_may_move(current: Stage, target: Stage) -> bool {
    let preparing = |s: Stage| matches!(s, Stage::Preparing | Stage::DossierInPreparation);
    preparing(current) && preparing(target)
}

/// Who provides dossier document `key` of `app` (the template's provider; unknown keys
/// count as the producer's, who brings most documents).
pub fn provider_of(catalog: &Catalog, app: &Application, key: &str) -> Provider {
    catalog
        .template(&app.rule_version)
        .and_then(|t| t.item(key))
        .map_or(Provider::Producer, |item| item.provider)
}

/// The side a document from `provider` belongs to (the province's documents of a 5★
/// dossier go through the commune).
pub fn side_of_provider(provider: Provider) -> WorkspaceKind {
    match provider {
        Provider::Producer => WorkspaceKind::Producer,
        Provider::Commune | Provider::Province => WorkspaceKind::Commune,
    }
}

/// The side that owns a form text: the producer's words (Form 02, its statements on
/// Form 03) or the commune's (its assessments, the report's number, place and slip).
pub fn form_owner(field: FormText) -> WorkspaceKind {
    if field.is_producers() {
        WorkspaceKind::Producer
    } else {
        WorkspaceKind::Commune
    }
}

/// The side that owns `part` of a product whose current application is `app`; `None`
/// for what each side keeps alone. A stage move is the commune's except while the dossier
/// is being prepared (see [`may_edit`]).
pub fn owner(
    part: Part<'_>,
    app: Option<&Application>,
    catalog: &Catalog,
) -> Option<WorkspaceKind> {
    use WorkspaceKind::{Commune, Producer};
    Some(match part {
        Part::ProducerDetails | Part::Description | Part::Sheet(Sheet::SelfAssessment) => Producer,
        Part::Commune
        | Part::ProductCode
        | Part::Stage { .. }
        | Part::Official
        | Part::Certificate
        | Part::ReportDate
        | Part::ApplicationNotes
        | Part::KeptByProducer
        | Part::Sheet(Sheet::Commune) => Commune,
        Part::EachSideAlone => return None,
        Part::Document(key) => {
            side_of_provider(app.map_or(Provider::Producer, |a| provider_of(catalog, a, key)))
        }
        Part::Form(field) => form_owner(field),
        Part::Remark(side) => side,
    })
}

/// Whether a `side` workspace may edit `part` of `product`: its own parts and what each
/// side keeps alone; the producer also moves the stage while preparing its dossier. A
/// commune also edits the producer's parts of a product the producer does not keep in
/// a workspace of its own ([`Product::kept_by_producer`] false: the officer enters the
/// paper dossier for a producer without the app), but never the producer's remarks.
pub fn may_edit(
    side: WorkspaceKind,
    part: Part<'_>,
    product: Option<&Product>,
    catalog: &Catalog,
) -> bool {
    if let Part::Stage { current, target } = part
        && side == WorkspaceKind::Producer
    {
        return producer_may_move(current, target);
    }
    let app = product.and_then(Product::current);
    match owner(part, app, catalog) {
        None => true,
        Some(owner) if owner == side => true,
        Some(WorkspaceKind::Producer) => {
            side == WorkspaceKind::Commune
                && !matches!(part, Part::Remark(_))
                && !product.is_some_and(|p| p.kept_by_producer)
        }
        Some(WorkspaceKind::Commune) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use WorkspaceKind::{Commune as X, Producer as P};

    #[test]
    fn each_part_has_one_owner_and_both_sides_are_held_to_it() {
        let catalog = Catalog::default();
        let mut kept = crate::domain::model::test_product(&["form-02"]);
        kept.kept_by_producer = true;
        let alone = crate::domain::model::test_product(&["form-02"]);
        // (part, the producer may, the commune may when the producer keeps its own copy,
        // the commune may when it keeps the product alone)
        let cases: [(Part<'_>, bool, bool, bool); 15] = [
            (Part::ProducerDetails, true, false, true),
            (Part::Description, true, false, true),
            (Part::Commune, false, true, true),
            (Part::ProductCode, false, true, true),
            (Part::EachSideAlone, true, true, true),
            (Part::Sheet(Sheet::SelfAssessment), true, false, true),
            (Part::Sheet(Sheet::Commune), false, true, true),
            (Part::Form(FormText::BusinessResults), true, false, true),
            (Part::Form(FormText::CommuneLabour), false, true, true),
            (Part::ApplicationNotes, false, true, true),
            // Remarks are their writer's, whoever keeps the product.
            (Part::Remark(P), true, false, false),
            (Part::Remark(X), false, true, true),
            // A document with no template (no catalog here) counts as the producer's.
            (Part::Document("form-02"), true, false, true),
            (
                Part::Stage {
                    current: Stage::Preparing,
                    target: Stage::DossierInPreparation,
                },
                true,
                true,
                true,
            ),
            (
                Part::Stage {
                    current: Stage::SubmittedToCommune,
                    target: Stage::DossierInPreparation,
                },
                false,
                true,
                true,
            ),
        ];
        for (part, producer, commune_kept, commune_alone) in cases {
            assert_eq!(
                may_edit(P, part, Some(&kept), &catalog),
                producer,
                "{part:?}"
            );
            assert_eq!(
                may_edit(P, part, Some(&alone), &catalog),
                producer,
                "{part:?}"
            );
            assert_eq!(
                may_edit(X, part, Some(&kept), &catalog),
                commune_kept,
                "{part:?}"
            );
            assert_eq!(
                may_edit(X, part, Some(&alone), &catalog),
                commune_alone,
                "{part:?}"
            );
        }
    }
}
