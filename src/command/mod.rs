//! Every edit a user can make, as data. UI code pushes commands while drawing;
//! [`apply`] is the only function that mutates the model.
//!
//! No egui, no files here: saving and undo live in `app.rs`.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::catalog::Catalog;
use crate::domain::demo;
use crate::domain::dossier::{Attachment, DocStatus};
use crate::domain::model::{
    ApplicationKind, ProducerKind, ProductId, Workspace, WorkspaceInfo, WorkspaceKind,
};
use crate::domain::remarks::RemarkAbout;
use crate::domain::scoring::Answer;
use crate::domain::search::nfc;
use crate::domain::stage::{Stage, StageError, StageInput};

mod edits;
use edits::apply_to_product;

/// The text fields, document dates and score sheets commands name are the domain's own
/// (`domain::history`), the same types the history, the merge and the screens use.
pub use crate::domain::history::{DocDateField, Sheet, TextField};

/// An edit.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Add a new product with a first-rating application.
    AddProduct {
        /// Id to use (chosen by the app so it is free).
        id: ProductId,
        name: String,
        /// Scoring set 1–26.
        scoring_set: u8,
        /// Year of the first application.
        year: i32,
    },
    /// Delete a product (its file goes to the trash folder; undo brings it back).
    DeleteProduct { id: ProductId },
    /// Set a text field.
    SetText {
        id: ProductId,
        field: TextField,
        /// New value.
        value: String,
    },
    /// Set the producer's legal form.
    SetProducerKind { id: ProductId, kind: ProducerKind },
    /// Change the scoring set (1–26).
    SetScoringSet {
        id: ProductId,
        /// New set, 1–26.
        scoring_set: u8,
    },
    /// Change a dossier document's status.
    SetDocStatus {
        id: ProductId,
        key: String,
        status: DocStatus,
    },
    /// Change a dossier document's note.
    SetDocNote {
        id: ProductId,
        key: String,
        note: String,
    },
    /// Set or clear a dossier document's date.
    SetDocDate {
        id: ProductId,
        key: String,
        /// Which date.
        which: DocDateField,
        /// The date, or None to clear.
        date: Option<NaiveDate>,
    },
    /// Move the current application to another stage.
    ChangeStage {
        id: ProductId,
        /// Target stage.
        target: Stage,
        /// Information the target needs.
        input: Box<StageInput>,
    },
    /// Start a new application (upgrade or re-rating) after the current one closed.
    StartApplication {
        id: ProductId,
        kind: ApplicationKind,
        year: i32,
    },
    /// Pick or clear an answer on a score sheet of the current application.
    SetAnswer {
        id: ProductId,
        /// Which sheet.
        sheet: Sheet,
        /// Criterion key.
        criterion: String,
        /// The answer, or None to clear.
        answer: Option<Answer>,
    },
    /// Tick or untick an eliminating condition on a score sheet.
    SetElimination {
        id: ProductId,
        /// Which sheet.
        sheet: Sheet,
        /// Elimination key.
        key: String,
        /// Whether it applies.
        hit: bool,
    },
    /// Set the note of one criterion on a score sheet.
    SetCriterionNote {
        id: ProductId,
        /// Which sheet.
        sheet: Sheet,
        /// Criterion key.
        criterion: String,
        /// Note (empty clears it).
        note: String,
    },
    /// Attach stored evidence files to a dossier document (after the copy finished).
    Attach {
        id: ProductId,
        key: String,
        /// The stored files.
        attachments: Vec<Attachment>,
    },
    /// Remove an attachment reference (the stored file stays until cleaned up).
    Detach {
        id: ProductId,
        key: String,
        /// Content hash of the attachment.
        sha256: String,
    },
    /// Set an attachment's document date or valid-until date.
    SetAttachmentDate {
        id: ProductId,
        key: String,
        /// Content hash of the attachment.
        sha256: String,
        /// Which date (Issued = document date).
        which: DocDateField,
        /// The date, or None to clear.
        date: Option<NaiveDate>,
    },
    /// Set or clear the date on the current application's Form 03 report.
    SetReportDate {
        id: ProductId,
        /// The date, or None to leave the date line dotted.
        date: Option<NaiveDate>,
    },
    /// Correct the number or issue date of the current application's certificate.
    SetCertificate {
        id: ProductId,
        /// Certificate or decision number.
        number: String,
        /// Issue date.
        issued_on: NaiveDate,
    },
    /// Record the council's official result of the current application.
    SetOfficialResult {
        id: ProductId,
        /// Average total score 0–100.
        average_score: Option<f32>,
        /// Star decided.
        star: Option<u8>,
        /// Date of the result.
        date: Option<NaiveDate>,
    },
    /// Replace a product by the merge of its file and a conflict copy, as the officer
    /// chose part by part (`domain::merge`). The copy itself goes to `trash/`.
    ResolveConflict {
        id: ProductId,
        /// The merged product (same id).
        merged: Box<crate::domain::model::Product>,
    },
    /// Add several products at once (an import from a spreadsheet), and update the
    /// products the list names that the officer chose to update: all or none, one undo
    /// step. Each new one must have a free, valid id, a name and a set 1–26 or none
    /// chosen yet ([`crate::domain::criteria::NO_SET`]); each updated one must exist.
    ImportProducts {
        /// The new products, built by `domain::spreadsheet::build_product`.
        products: Vec<crate::domain::model::Product>,
        /// Products already in the workspace as the list updates them
        /// (`domain::spreadsheet::update_from_row`), same ids.
        updated: Vec<crate::domain::model::Product>,
    },
    /// Bring in a product from an electronic dossier bundle (`app::exchange`): a new
    /// product, or an existing one with the other side's parts merged in. One undo step.
    ImportBundle {
        /// The product as it is after the import (same id as the one it replaces).
        product: Box<crate::domain::model::Product>,
    },
    /// Write a remark on the current application (`domain::remarks`), as `side`: the
    /// workspace's own side (any other is refused by `app::sides`).
    AddRemark {
        id: ProductId,
        /// The side writing it.
        side: WorkspaceKind,
        /// What it is about.
        about: RemarkAbout,
        /// The words (not empty).
        text: String,
        /// Who writes it.
        author: String,
        /// When (the writer's local time; the caller reads the clock).
        at: NaiveDateTime,
    },
    /// Say whether the producer keeps its own copy of the product in its own workspace
    /// (`Product::kept_by_producer`): the commune's switch, for a cooperative that stops
    /// (or starts) using the app.
    SetKeptByProducer {
        id: ProductId,
        /// Whether it does.
        kept: bool,
    },
    /// Withdraw one of the current application's remarks (its own side's only): it
    /// stays in the file, marked, so the withdrawal travels (`domain::remarks`).
    WithdrawRemark {
        id: ProductId,
        /// The side that wrote it.
        side: WorkspaceKind,
        /// When it was written (with the side, its name).
        at: NaiveDateTime,
    },
    /// Change the workspace settings.
    SetWorkspaceInfo {
        /// New settings.
        info: WorkspaceInfo,
    },
}

impl Command {
    /// The product the command touches, if any.
    pub fn product_id(&self) -> Option<&ProductId> {
        match self {
            Command::AddProduct { id, .. }
            | Command::DeleteProduct { id }
            | Command::SetText { id, .. }
            | Command::SetProducerKind { id, .. }
            | Command::SetScoringSet { id, .. }
            | Command::SetDocStatus { id, .. }
            | Command::SetDocNote { id, .. }
            | Command::SetDocDate { id, .. }
            | Command::ChangeStage { id, .. }
            | Command::StartApplication { id, .. }
            | Command::SetAnswer { id, .. }
            | Command::SetElimination { id, .. }
            | Command::SetCriterionNote { id, .. }
            | Command::Attach { id, .. }
            | Command::Detach { id, .. }
            | Command::SetAttachmentDate { id, .. }
            | Command::SetOfficialResult { id, .. }
            | Command::SetCertificate { id, .. }
            | Command::SetReportDate { id, .. }
            | Command::AddRemark { id, .. }
            | Command::WithdrawRemark { id, .. }
            | Command::SetKeptByProducer { id, .. }
            | Command::ResolveConflict { id, .. } => Some(id),
            Command::ImportBundle { product } => Some(&product.id),
            Command::SetWorkspaceInfo { .. } | Command::ImportProducts { .. } => None,
        }
    }
}

/// Why an edit was refused (each translated in `text::command_error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The product id is not `a-z0-9-`.
    BadProductId,
    /// A scoring set is 1–26.
    ScoringSetRange,
    /// The product name cannot be empty.
    EmptyName,
    /// A new application needs the current one closed first.
    ApplicationOpen,
    /// The certificate number cannot be empty.
    EmptyCertificateNumber,
    /// The current application has no certificate to correct.
    NoCertificate,
    /// A council's average score is 0–100.
    ScoreRange,
    /// An official star is 3, 4 or 5.
    OfficialStarRange,
    /// No attachment with this content on the document.
    NoSuchAttachment,
    /// The command does not name a product (internal).
    NotAProductEdit,
    /// The product is open read-only (newer version, unknown fields).
    ReadOnlyProduct,
    /// Another window on this PC has the workspace open.
    WorkspaceLocked,
    /// A producer's workspace does not edit the commune's parts (`domain::sides`).
    CommunesPart,
    /// A commune's workspace does not edit the producer's parts (`domain::sides`).
    ProducersPart,
    /// A remark needs words.
    EmptyRemark,
    /// No current remark of this side and time on the current application.
    NoSuchRemark,
    /// A remark of this side was written at the very same instant (a repeated command).
    RemarkExists,
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CommandError {
    /// No such product.
    #[error("no product {0}")]
    NoProduct(ProductId),
    /// The product has no application yet.
    #[error("product {0} has no application")]
    NoApplication(ProductId),
    /// No such dossier document.
    #[error("no dossier document {key}")]
    NoDocument { key: String },
    /// A product with this id exists.
    #[error("product {0} already exists")]
    Exists(ProductId),
    /// The edit was refused; the reason is named and translated by the UI.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The stage change needs more information or is not allowed.
    #[error(transparent)]
    Stage(#[from] StageError),
    /// The rule data needed is missing.
    #[error("missing rule data for {0}")]
    NoRuleData(String),
}

/// Applies `command` to `workspace`. The only mutation of the model.
pub fn apply(
    workspace: &mut Workspace,
    catalog: &Catalog,
    command: &Command,
) -> Result<(), CommandError> {
    match command {
        Command::AddProduct {
            id,
            name,
            scoring_set,
            year,
        } => {
            if workspace.products.contains_key(id) {
                return Err(CommandError::Exists(id.clone()));
            }
            if !ProductId::is_valid(id.as_str()) {
                return Err(CommandError::Refused(Refusal::BadProductId));
            }
            if !crate::domain::criteria::SETS.contains(scoring_set) {
                return Err(CommandError::Refused(Refusal::ScoringSetRange));
            }
            if name.trim().is_empty() {
                return Err(CommandError::Refused(Refusal::EmptyName));
            }
            let template = catalog
                .current_template()
                .ok_or_else(|| CommandError::NoRuleData("dossier template".into()))?;
            let mut product =
                demo::new_product(id.clone(), &nfc(name.trim()), *scoring_set, template, *year);
            // Sensible defaults from the workspace: a producer's own products are its
            // own; a commune's products are made in its commune.
            match workspace.info.kind {
                // Workspaces made before `init` asked for the producer's name were named
                // after their folder ("Thư mục làm việc của chủ thể — …"): not a name.
                WorkspaceKind::Producer
                    if !workspace
                        .info
                        .name
                        .starts_with("Thư mục làm việc của chủ thể")
                        && !workspace.info.name.starts_with("Producer's workspace") =>
                {
                    product.producer.name = workspace.info.name.clone();
                }
                WorkspaceKind::Producer => {}
                WorkspaceKind::Commune => product.commune = workspace.info.commune.clone(),
            }
            workspace.products.insert(id.clone(), product);
            Ok(())
        }
        Command::DeleteProduct { id } => workspace
            .products
            .remove(id)
            .map(|_| ())
            .ok_or_else(|| CommandError::NoProduct(id.clone())),
        Command::SetWorkspaceInfo { info } => {
            workspace.info = info.clone();
            Ok(())
        }
        Command::ImportProducts { products, updated } => {
            // Check everything first: either all products go in or none.
            let mut ids = std::collections::BTreeSet::new();
            for product in products {
                if workspace.products.contains_key(&product.id) || !ids.insert(&product.id) {
                    return Err(CommandError::Exists(product.id.clone()));
                }
                check_whole_product(product)?;
            }
            for product in updated {
                if !workspace.products.contains_key(&product.id) {
                    return Err(CommandError::NoProduct(product.id.clone()));
                }
                if !ids.insert(&product.id) {
                    return Err(CommandError::Exists(product.id.clone()));
                }
                check_whole_product(product)?;
            }
            for product in products.iter().chain(updated) {
                workspace
                    .products
                    .insert(product.id.clone(), product.clone());
            }
            Ok(())
        }
        Command::ImportBundle { product } => {
            check_whole_product(product)?;
            workspace
                .products
                .insert(product.id.clone(), product.as_ref().clone());
            Ok(())
        }
        Command::ResolveConflict { id, merged } => {
            let product = workspace
                .products
                .get_mut(id)
                .ok_or_else(|| CommandError::NoProduct(id.clone()))?;
            let mut merged = merged.as_ref().clone();
            merged.id = id.clone();
            *product = merged;
            Ok(())
        }
        _ => {
            let id = command
                .product_id()
                .ok_or(CommandError::Refused(Refusal::NotAProductEdit))?;
            let product = workspace
                .products
                .get_mut(id)
                .ok_or_else(|| CommandError::NoProduct(id.clone()))?;
            apply_to_product(product, catalog, command)
        }
    }
}

/// The checks a product coming in whole (an import) must pass: a valid id, a name, a
/// scoring set 1–26 or none chosen yet.
fn check_whole_product(product: &crate::domain::model::Product) -> Result<(), CommandError> {
    if !ProductId::is_valid(product.id.as_str()) {
        return Err(CommandError::Refused(Refusal::BadProductId));
    }
    if product.name.trim().is_empty() {
        return Err(CommandError::Refused(Refusal::EmptyName));
    }
    if product.scoring_set != crate::domain::criteria::NO_SET
        && !crate::domain::criteria::SETS.contains(&product.scoring_set)
    {
        return Err(CommandError::Refused(Refusal::ScoringSetRange));
    }
    Ok(())
}
