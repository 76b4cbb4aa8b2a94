//! Who may edit what in a cooperative's (producer's) own workspace. The commune's parts of
//! a product (its documents, the stage from submission on, its score sheet and notes,
//! the council's result, the certificate, Form 03, the OCOP code) travel only from the
//! commune in a bundle (`domain::exchange`), so a producer's workspace shows them and refuses edits:
//! what it typed there would be thrown away on the commune's side anyway.

use crate::command::{Command, ProductField, SheetKind};
use crate::domain::catalog::Catalog;
use crate::domain::dossier::Provider;
use crate::domain::model::Product;
use crate::domain::stage::Stage;

/// Whether the producer may move its own copy of a product to `target`: only while the
/// dossier is being prepared (the commune records receipt and everything after it).
pub fn producer_may_reach(target: Stage) -> bool {
    matches!(target, Stage::Preparing | Stage::DossierInPreparation)
}

/// Whether the producer may move its copy of a product at `current` to `target`: both
/// while preparing the dossier (from receipt on, the stage and its dates are the
/// commune's, forwards and back).
pub fn producer_may_move(current: Stage, target: Stage) -> bool {
    producer_may_reach(current) && producer_may_reach(target)
}

/// Whether a document from `provider` is not the producer's to edit (the commune's, or
/// the province's for a 5★ dossier).
pub fn others_document(provider: Provider) -> bool {
    provider != Provider::Producer
}

/// Whether `command` edits a part of `product` that is the commune's.
pub fn communes_part(command: &Command, product: Option<&Product>, catalog: &Catalog) -> bool {
    let document_of_commune = |key: &str| {
        product.and_then(Product::current).is_some_and(|app| {
            others_document(crate::domain::exchange::provider_of(catalog, app, key))
        })
    };
    match command {
        Command::SetDocStatus { key, .. }
        | Command::SetDocNote { key, .. }
        | Command::SetDocDate { key, .. }
        | Command::Attach { key, .. }
        | Command::Detach { key, .. }
        | Command::SetAttachmentDate { key, .. } => document_of_commune(key),
        Command::ChangeStage { target, .. } => {
            let current = product.and_then(Product::current).map(|app| app.stage);
            !current.is_some_and(|current| producer_may_move(current, *target))
        }
        Command::SetAnswer { sheet, .. }
        | Command::SetElimination { sheet, .. }
        | Command::SetCriterionNote { sheet, .. } => *sheet == SheetKind::Commune,
        Command::SetOfficialResult { .. }
        | Command::SetCertificate { .. }
        | Command::SetReportDate { .. } => true,
        Command::SetText { field, .. } => match field {
            // The OCOP code is given by the commune (`domain::exchange`, `plan_import`).
            ProductField::ApplicationNotes | ProductField::ProductCode => true,
            ProductField::Form(text) => !text.is_producers(),
            _ => false,
        },
        _ => false,
    }
}
