//! How each edit of one product changes it: [`apply_to_product`] dispatches a
//! [`Command`] to a function per kind of edit, each checking before it changes anything.
//! `command::apply` (the only mutation of the model) calls it for the product named.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Command, CommandError, Refusal};
use crate::domain::catalog::Catalog;
use crate::domain::demo;
use crate::domain::dossier::Attachment;
use crate::domain::history::{DocDateField, Sheet, TextField};
use crate::domain::model::{ApplicationKind, WorkspaceKind};
use crate::domain::remarks::{Remark, RemarkAbout};
use crate::domain::scoring::{Answer, migrate_sheet};
use crate::domain::search::nfc;
use crate::domain::stage;

/// A command that edits one product, applied to it; each kind of edit checked first.
pub(super) fn apply_to_product(
    product: &mut crate::domain::model::Product,
    catalog: &Catalog,
    command: &Command,
) -> Result<(), CommandError> {
    match command {
        // The product's own fields.
        Command::SetText { field, value, .. } => set_text(product, *field, value),
        Command::SetProducerKind { kind, .. } => {
            product.producer.kind = *kind;
            Ok(())
        }
        Command::SetScoringSet { scoring_set, .. } => {
            set_scoring_set(product, catalog, *scoring_set)
        }
        Command::SetKeptByProducer { kept, .. } => {
            product.kept_by_producer = *kept;
            Ok(())
        }
        // The dossier's documents and their evidence.
        Command::SetDocStatus { key, status, .. } => {
            doc_mut(product, key)?.status = *status;
            Ok(())
        }
        Command::SetDocNote { key, note, .. } => {
            doc_mut(product, key)?.note = nfc(note);
            Ok(())
        }
        Command::SetDocDate {
            key, which, date, ..
        } => set_doc_date(product, key, *which, *date),
        Command::Attach {
            key, attachments, ..
        } => attach(product, key, attachments),
        Command::Detach { key, sha256, .. } => detach(product, key, sha256),
        Command::SetAttachmentDate {
            key,
            sha256,
            which,
            date,
            ..
        } => set_attachment_date(product, key, sha256, *which, *date),
        // The current application: its stage, a new one, its results.
        Command::ChangeStage { target, input, .. } => {
            let id = product.id.clone();
            let app = product
                .current_mut()
                .ok_or(CommandError::NoApplication(id))?;
            stage::change_stage(app, *target, input)?;
            Ok(())
        }
        Command::StartApplication { kind, year, .. } => {
            start_application(product, catalog, *kind, *year)
        }
        Command::SetReportDate { date, .. } => {
            let id = product.id.clone();
            product
                .current_mut()
                .ok_or(CommandError::NoApplication(id))?
                .forms
                .report_date = *date;
            Ok(())
        }
        Command::SetCertificate {
            number, issued_on, ..
        } => set_certificate(product, number, *issued_on),
        Command::SetOfficialResult {
            average_score,
            star,
            date,
            ..
        } => set_official_result(product, *average_score, *star, *date),
        // The score sheets.
        Command::SetElimination {
            sheet, key, hit, ..
        } => set_elimination(product, *sheet, key, *hit),
        Command::SetCriterionNote {
            sheet,
            criterion,
            note,
            ..
        } => set_criterion_note(product, *sheet, criterion, note),
        Command::SetAnswer {
            sheet,
            criterion,
            answer,
            ..
        } => set_answer(product, *sheet, criterion, answer.as_ref()),
        // The remarks.
        Command::AddRemark {
            side,
            about,
            text,
            author,
            at,
            ..
        } => add_remark(product, *side, about, text, author, *at),
        Command::WithdrawRemark { side, at, .. } => withdraw_remark(product, *side, *at),
        Command::AddProduct { .. }
        | Command::DeleteProduct { .. }
        | Command::ResolveConflict { .. }
        | Command::ImportBundle { .. }
        | Command::ImportProducts { .. }
        | Command::SetWorkspaceInfo { .. } => Err(CommandError::Refused(Refusal::NotAProductEdit)),
    }
}

/// A text field, in NFC; a name trimmed and never empty.
fn set_text(
    product: &mut crate::domain::model::Product,
    field: TextField,
    value: &str,
) -> Result<(), CommandError> {
    let id = product.id.clone();
    let mut value = nfc(value);
    if field == TextField::Name {
        if value.trim().is_empty() {
            return Err(CommandError::Refused(Refusal::EmptyName));
        }
        value = value.trim().to_owned();
    }
    let current = product.applications.len().checked_sub(1);
    if field.set(product, current, value) {
        Ok(())
    } else {
        Err(CommandError::NoApplication(id))
    }
}

/// Another scoring set (1–26), the current application's answers carried over.
fn set_scoring_set(
    product: &mut crate::domain::model::Product,
    catalog: &Catalog,
    scoring_set: u8,
) -> Result<(), CommandError> {
    if !crate::domain::criteria::SETS.contains(&scoring_set) {
        return Err(CommandError::Refused(Refusal::ScoringSetRange));
    }
    let old_set = product.scoring_set;
    product.scoring_set = scoring_set;
    // Keep the answers whose criteria still exist; flag or park the rest
    // (nothing is silently dropped).
    if let Some(app) = product.current_mut()
        && let (Some(old), Some(new)) = (
            catalog.scoring_set(&app.rule_version, old_set),
            catalog.scoring_set(&app.rule_version, scoring_set),
        )
        && old_set != scoring_set
    {
        app.scores.self_assessment = migrate_sheet(old, new, &app.scores.self_assessment);
        app.scores.commune_view = migrate_sheet(old, new, &app.scores.commune_view);
    }
    Ok(())
}

/// A document's issue or valid-until date set or cleared.
fn set_doc_date(
    product: &mut crate::domain::model::Product,
    key: &str,
    which: DocDateField,
    date: Option<NaiveDate>,
) -> Result<(), CommandError> {
    let entry = doc_mut(product, key)?;
    match which {
        DocDateField::Issued => entry.issued_on = date,
        DocDateField::ValidUntil => entry.valid_until = date,
    }
    Ok(())
}

/// Evidence files attached to a document; the same content twice is one attachment.
fn attach(
    product: &mut crate::domain::model::Product,
    key: &str,
    attachments: &[Attachment],
) -> Result<(), CommandError> {
    let entry = doc_mut(product, key)?;
    for attachment in attachments {
        // The same content twice on one document is one attachment.
        if !entry
            .attachments
            .iter()
            .any(|a| a.sha256 == attachment.sha256)
        {
            entry.attachments.push(attachment.clone());
        }
    }
    Ok(())
}

/// An attachment taken off a document (refused when the document has none with that hash).
fn detach(
    product: &mut crate::domain::model::Product,
    key: &str,
    sha256: &str,
) -> Result<(), CommandError> {
    let entry = doc_mut(product, key)?;
    let before = entry.attachments.len();
    entry.attachments.retain(|a| a.sha256 != sha256);
    if entry.attachments.len() == before {
        return Err(CommandError::Refused(Refusal::NoSuchAttachment));
    }
    Ok(())
}

fn set_attachment_date(
    product: &mut crate::domain::model::Product,
    key: &str,
    sha256: &str,
    which: DocDateField,
    date: Option<NaiveDate>,
) -> Result<(), CommandError> {
    let entry = doc_mut(product, key)?;
    let attachment = entry
        .attachments
        .iter_mut()
        .find(|a| a.sha256 == sha256)
        .ok_or(CommandError::Refused(Refusal::NoSuchAttachment))?;
    match which {
        DocDateField::Issued => attachment.document_date = date,
        DocDateField::ValidUntil => attachment.valid_until = date,
    }
    Ok(())
}

/// A new application under the current template, once the current one is closed.
fn start_application(
    product: &mut crate::domain::model::Product,
    catalog: &Catalog,
    kind: ApplicationKind,
    year: i32,
) -> Result<(), CommandError> {
    if let Some(current) = product.current()
        && !current.stage.is_closed()
    {
        return Err(CommandError::Refused(Refusal::ApplicationOpen));
    }
    let template = catalog
        .current_template()
        .ok_or_else(|| CommandError::NoRuleData("dossier template".into()))?;
    product
        .applications
        .push(demo::new_application(template, kind, year));
    Ok(())
}

/// The current certificate's number (trimmed, not empty) and issue date corrected.
fn set_certificate(
    product: &mut crate::domain::model::Product,
    number: &str,
    issued_on: NaiveDate,
) -> Result<(), CommandError> {
    if number.trim().is_empty() {
        return Err(CommandError::Refused(Refusal::EmptyCertificateNumber));
    }
    let id = product.id.clone();
    let app = product
        .current_mut()
        .ok_or(CommandError::NoApplication(id))?;
    let certificate = app
        .certificate
        .as_mut()
        .ok_or(CommandError::Refused(Refusal::NoCertificate))?;
    certificate.number = nfc(number.trim());
    certificate.issued_on = issued_on;
    Ok(())
}

/// The council's result: an average score 0–100 and a star 3–5, each optional.
fn set_official_result(
    product: &mut crate::domain::model::Product,
    average_score: Option<f32>,
    star: Option<u8>,
    date: Option<NaiveDate>,
) -> Result<(), CommandError> {
    if average_score.is_some_and(|s| !(0.0..=100.0).contains(&s)) {
        return Err(CommandError::Refused(Refusal::ScoreRange));
    }
    if star.is_some_and(|s| !(3..=5).contains(&s)) {
        return Err(CommandError::Refused(Refusal::OfficialStarRange));
    }
    let id = product.id.clone();
    let app = product
        .current_mut()
        .ok_or(CommandError::NoApplication(id))?;
    app.scores.official.average_score = average_score;
    app.scores.official.star = star;
    app.scores.official.date = date;
    Ok(())
}

/// An eliminating condition ticked (`hit`) or unticked on a score sheet.
fn set_elimination(
    product: &mut crate::domain::model::Product,
    sheet: Sheet,
    key: &str,
    hit: bool,
) -> Result<(), CommandError> {
    let sheet = sheet_mut(product, sheet)?;
    if hit {
        sheet.eliminations_hit.insert(key.to_owned());
    } else {
        sheet.eliminations_hit.remove(key);
    }
    Ok(())
}

/// A criterion's note, trimmed and in NFC; an empty one removed.
fn set_criterion_note(
    product: &mut crate::domain::model::Product,
    sheet: Sheet,
    criterion: &str,
    note: &str,
) -> Result<(), CommandError> {
    let sheet = sheet_mut(product, sheet)?;
    let note = nfc(note.trim());
    if note.is_empty() {
        sheet.notes.remove(criterion);
    } else {
        sheet.notes.insert(criterion.to_owned(), note);
    }
    Ok(())
}

/// An answer picked (or cleared), which takes the criterion off the list to review.
fn set_answer(
    product: &mut crate::domain::model::Product,
    sheet: Sheet,
    criterion: &str,
    answer: Option<&Answer>,
) -> Result<(), CommandError> {
    let sheet = sheet_mut(product, sheet)?;
    // A reviewed answer is no longer flagged for review.
    sheet.needs_review.remove(criterion);
    match answer {
        Some(a) => {
            sheet.answers.insert(criterion.to_owned(), a.clone());
        }
        None => {
            sheet.answers.remove(criterion);
        }
    }
    Ok(())
}

/// A remark on the current application: words not empty, never two under one name.
fn add_remark(
    product: &mut crate::domain::model::Product,
    side: WorkspaceKind,
    about: &RemarkAbout,
    text: &str,
    author: &str,
    at: NaiveDateTime,
) -> Result<(), CommandError> {
    let text = nfc(text.trim());
    if text.is_empty() {
        return Err(CommandError::Refused(Refusal::EmptyRemark));
    }
    let id = product.id.clone();
    let app = product
        .current_mut()
        .ok_or(CommandError::NoApplication(id))?;
    // Its name is its side and instant: never two remarks under one name.
    if app.remarks.iter().any(|r| r.key() == (side, at)) {
        return Err(CommandError::Refused(Refusal::RemarkExists));
    }
    app.remarks.push(Remark {
        side,
        author: nfc(author.trim()),
        at,
        about: about.clone(),
        text,
        withdrawn: false,
    });
    Ok(())
}

/// A current remark of the current application withdrawn (kept, marked so).
fn withdraw_remark(
    product: &mut crate::domain::model::Product,
    side: WorkspaceKind,
    at: NaiveDateTime,
) -> Result<(), CommandError> {
    let id = product.id.clone();
    let app = product
        .current_mut()
        .ok_or(CommandError::NoApplication(id))?;
    let remark = app
        .remarks
        .iter_mut()
        .find(|r| r.key() == (side, at) && r.is_current())
        .ok_or(CommandError::Refused(Refusal::NoSuchRemark))?;
    remark.withdrawn = true;
    Ok(())
}

fn sheet_mut(
    product: &mut crate::domain::model::Product,
    sheet: Sheet,
) -> Result<&mut crate::domain::scoring::ScoreSheet, CommandError> {
    let id = product.id.clone();
    let app = product
        .current_mut()
        .ok_or(CommandError::NoApplication(id))?;
    Ok(match sheet {
        Sheet::SelfAssessment => &mut app.scores.self_assessment,
        Sheet::Commune => &mut app.scores.commune_view,
    })
}

fn doc_mut<'a>(
    product: &'a mut crate::domain::model::Product,
    key: &str,
) -> Result<&'a mut crate::domain::dossier::DossierEntry, CommandError> {
    let id = product.id.clone();
    product
        .current_mut()
        .ok_or(CommandError::NoApplication(id))?
        .dossier
        .iter_mut()
        .find(|e| e.key == key)
        .ok_or_else(|| CommandError::NoDocument {
            key: key.to_owned(),
        })
}
