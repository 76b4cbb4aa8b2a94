//! Which commands edit which part of a product, for the one ownership rule in
//! `domain::sides`: a commune's workspace does not edit the producer's parts, a
//! producer's does not edit the commune's. [`AppState::apply`](super::AppState::apply)
//! refuses them (`Refusal::ProducersPart` / `Refusal::CommunesPart`) and the screens
//! grey the same controls through [`AppState::may_edit`](super::AppState::may_edit),
//! with the reason on hover. What one side types in the other's part would be thrown away
//! on the other side anyway: remarks (`Command::AddRemark`) are how each side speaks
//! about the other's parts.

use crate::command::{Command, TextField};
use crate::domain::model::Product;
use crate::domain::sides::Part;

/// The part of `product` that `command` edits, for the ownership rule; `None` for a
/// command that is no part's (adding, deleting, importing whole products, settings).
pub fn part_of<'a>(command: &'a Command, product: Option<&Product>) -> Option<Part<'a>> {
    Some(match command {
        Command::SetDocStatus { key, .. }
        | Command::SetDocNote { key, .. }
        | Command::SetDocDate { key, .. }
        | Command::Attach { key, .. }
        | Command::Detach { key, .. }
        | Command::SetAttachmentDate { key, .. } => Part::Document(key),
        Command::ChangeStage { target, .. } => Part::Stage {
            current: product.and_then(Product::current)?.stage,
            target: *target,
        },
        Command::SetAnswer { sheet, .. }
        | Command::SetElimination { sheet, .. }
        | Command::SetCriterionNote { sheet, .. } => Part::Sheet(*sheet),
        Command::SetOfficialResult { .. } => Part::Official,
        Command::SetCertificate { .. } => Part::Certificate,
        Command::SetReportDate { .. } => Part::ReportDate,
        Command::SetText { field, .. } => text_part(*field),
        Command::SetProducerKind { .. } => Part::ProducerDetails,
        Command::SetKeptByProducer { .. } => Part::KeptByProducer,
        Command::SetScoringSet { .. } | Command::StartApplication { .. } => Part::EachSideAlone,
        Command::AddRemark { side, .. } | Command::WithdrawRemark { side, .. } => {
            Part::Remark(*side)
        }
        Command::AddProduct { .. }
        | Command::DeleteProduct { .. }
        | Command::ResolveConflict { .. }
        | Command::ImportProducts { .. }
        | Command::ImportBundle { .. }
        | Command::SetWorkspaceInfo { .. } => return None,
    })
}

/// The part a text field belongs to.
pub fn text_part(field: TextField) -> Part<'static> {
    match field {
        TextField::Name | TextField::Notes => Part::EachSideAlone,
        TextField::Commune => Part::Commune,
        TextField::ProductCode => Part::ProductCode,
        TextField::Description => Part::Description,
        TextField::Producer
        | TextField::LegalRepresentative
        | TextField::Phone
        | TextField::Address => Part::ProducerDetails,
        TextField::ApplicationNotes => Part::ApplicationNotes,
        TextField::Form(text) => Part::Form(text),
    }
}
