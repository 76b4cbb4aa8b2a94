//! The one door from the window into the open workspace: the screens and the shell queue
//! a [`Request`], [`AppState::handle`] carries it out (deciding what the model, the files
//! and the messages become) and gives back an [`Outcome`] the window translates into
//! what it shows next (a dialog, a screen). `ui/` holds `&mut AppState` in one place only,
//! where it hands a request over (`tests/layers.rs` checks it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{AppState, Level, Notice};
use crate::command::{Command, CommandError};
use crate::domain::dossier::Attachment;
use crate::domain::model::{ProductId, WorkspaceKind};
use crate::text::{self, Lang};

/// What the window asks of the open workspace.
#[derive(Debug)]
pub enum Request {
    /// A model edit (the refusal comes back, unsaid: the window may ask for more).
    Apply(Command),
    /// Undo the last change, and say what it was.
    Undo,
    /// Redo the last undone change, and say what it was.
    Redo,
    /// Say something.
    Say(Level, Notice),
    /// Say something about a file just written (its banner opens it).
    SayAboutFile(Level, Notice, PathBuf),
    /// The officer closed a message.
    Dismiss(usize),
    /// The officer closed the load problems.
    DismissLoadProblems,
    /// Time passed on the window's clock (seconds): information shown long enough goes.
    ExpireMessages {
        /// Now.
        now: f64,
        /// How long information stays.
        info_seconds: f64,
    },
    /// A new day (deadlines follow the clock).
    SetToday(NaiveDate),
    /// The language shown.
    SetLang(Lang),
    /// The officer's name the history records.
    SetOfficer(String),
    /// Write a change of thousands of products a step per frame.
    WriteInSteps(bool),
    /// Write the next step of such a change.
    WriteStep,
    /// Write everything pending now.
    Flush,
    /// Let the products decoded by the last frames go back to their packed form.
    Settle,
    /// What the evidence check found since the last look.
    RecordEvidence(Vec<crate::jobs::EvidenceResult>),
    /// Evidence files copied into the store for a document: attach them and say so.
    Attach {
        /// The product.
        id: ProductId,
        /// The document.
        key: String,
        /// The files, as stored.
        attachments: Vec<Attachment>,
    },
    /// The watcher's new listing of the products: reload what others changed, say who.
    Rescan(crate::storage::shared::Listing),
    /// The clean-up of unused evidence ran (on a task): say how it went.
    CleanedUp(super::outside::CleanedUp),
    /// Merge a conflict copy as the officer chose, then resolve the conflict.
    ResolveConflict(Box<ConflictChoice>),
    /// Import the spreadsheet's rows the officer confirmed.
    ConfirmImport {
        /// The preview the officer saw.
        preview: Box<crate::domain::spreadsheet::ImportPreview>,
        /// The file and the officer's choices.
        file: Box<super::spreadsheet::ImportSheet>,
    },
    /// Take in a received bundle whose evidence went into `target`.
    FinishReceive {
        /// What the officer confirmed.
        preview: Box<super::exchange::ImportPreview>,
        /// The evidence copied.
        extracted: BTreeMap<String, crate::storage::evidence::Imported>,
        /// The receipt date to record, if any.
        received: Option<NaiveDate>,
        /// The workspace the evidence went into.
        target: PathBuf,
    },
    /// A product's bundle was written: say where, and what it still lacks.
    BundleWritten {
        /// The bundle's manifest.
        manifest: Box<crate::domain::exchange::Manifest>,
        /// Where.
        path: PathBuf,
    },
    /// The dossier to print was written (or why not).
    PrintFinished {
        /// The files printed only as a notice page, or why nothing was written.
        result: Result<Vec<crate::documents::dossier_pdf::Unprinted>, super::print::PrintFailure>,
        /// Where.
        path: PathBuf,
    },
    /// An export was written (on a task), or not: say where, or why.
    ExportWritten(super::export::ExportWritten),
}

/// The officer's choices in the comparison with a conflict copy.
#[derive(Debug)]
pub struct ConflictChoice {
    /// The copy.
    pub copy: crate::storage::ConflictCopy,
    /// The copy's product, as read.
    pub theirs: crate::domain::model::Product,
    /// Which side each part keeps.
    pub choices: BTreeMap<crate::domain::merge::Part, crate::domain::merge::Keep>,
}

/// What came of a request, for the window to show.
#[derive(Debug)]
pub enum Outcome {
    /// Done (and said, if there was anything to say).
    Done,
    /// There is no workspace open to take it.
    NoWorkspace,
    /// The model refused the edit, for this reason (not said yet).
    Refused(CommandError),
    /// A step of a long write: how far (None: nothing left to write).
    Writing(Option<(usize, usize)>),
    /// Whether everything is on disk now.
    OnDisk(bool),
    /// Seconds until the next message goes, if any.
    NextExpiry(Option<f64>),
    /// The workspace changed since the spreadsheet's preview: nothing imported, this is
    /// the new preview (said).
    PreviewChanged(Box<crate::domain::spreadsheet::ImportPreview>),
    /// Rows imported (said): the portfolio shows them.
    Imported,
    /// A received product taken in (said): its screen shows it.
    Received(ProductId),
}

/// How the officer receives a verified bundle: what it would do, and whether the
/// receipt date is recorded by default.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivePlan {
    /// What the import would do.
    pub preview: super::exchange::ImportPreview,
    /// Record the receipt date: a commune receiving a producer's dossier whose
    /// application has no receipt date yet (else kept unless the officer ticks the box).
    pub record_receipt: bool,
    /// The receipt date proposed: today.
    pub received: NaiveDate,
}

impl AppState {
    /// Carries out `request` (the window's one way to change the workspace).
    pub fn handle(&mut self, request: Request) -> Outcome {
        match request {
            Request::Apply(command) => match self.apply(&command) {
                Ok(()) => Outcome::Done,
                Err(err) => Outcome::Refused(err),
            },
            Request::Undo => self.undo_and_say(false),
            Request::Redo => self.undo_and_say(true),
            Request::Say(level, notice) => {
                self.message(level, notice);
                Outcome::Done
            }
            Request::SayAboutFile(level, notice, path) => {
                self.message_about_file(level, notice, &path);
                Outcome::Done
            }
            Request::Dismiss(index) => {
                self.dismiss_message(index);
                Outcome::Done
            }
            Request::DismissLoadProblems => {
                self.dismiss_load_problems();
                Outcome::Done
            }
            Request::ExpireMessages { now, info_seconds } => {
                Outcome::NextExpiry(self.expire_messages(now, info_seconds))
            }
            Request::SetToday(today) => {
                self.set_today(today);
                Outcome::Done
            }
            Request::SetLang(lang) => {
                self.set_lang(lang);
                Outcome::Done
            }
            Request::SetOfficer(name) => {
                self.set_officer(name);
                Outcome::Done
            }
            Request::WriteInSteps(on) => {
                self.set_write_in_steps(on);
                Outcome::Done
            }
            Request::WriteStep => Outcome::Writing(self.write_step()),
            Request::Flush => Outcome::OnDisk(self.flush()),
            Request::Settle => {
                self.settle_products();
                Outcome::Done
            }
            Request::RecordEvidence(results) => {
                self.record_evidence(results);
                Outcome::Done
            }
            Request::Attach {
                id,
                key,
                attachments,
            } => self.attach_and_say(id, key, attachments),
            Request::Rescan(listing) => {
                self.rescan_and_say(listing);
                Outcome::Done
            }
            Request::CleanedUp(done) => {
                self.cleaned_up(done);
                Outcome::Done
            }
            Request::ResolveConflict(choice) => {
                match self.merge_conflict(&choice.copy, &choice.theirs, &choice.choices) {
                    Ok(()) => self.message(Level::Info, text::CONFLICT_RESOLVED),
                    Err(err) => self.message(Level::Error, Notice::error(err)),
                }
                Outcome::Done
            }
            Request::ConfirmImport { preview, file } => self.import_and_say(&preview, &file),
            Request::FinishReceive {
                preview,
                extracted,
                received,
                target,
            } => self.receive_and_say(*preview, &extracted, received, &target),
            Request::BundleWritten { manifest, path } => {
                self.bundle_written(&manifest, path);
                Outcome::Done
            }
            Request::PrintFinished { result, path } => {
                self.print_finished(result, path);
                Outcome::Done
            }
            Request::ExportWritten(written) => {
                self.export_written(written);
                Outcome::Done
            }
        }
    }

    /// How a verified bundle would come in, with the receipt date recorded by default
    /// when a commune receives a producer's dossier whose application has none yet.
    pub fn receive_plan(
        &self,
        opened: crate::storage::bundle::Opened,
    ) -> Result<ReceivePlan, super::AppError> {
        let preview = self.import_preview(opened)?;
        let already = preview
            .local
            .as_ref()
            .and_then(|p| p.current())
            .and_then(|a| a.dates.received_by_commune);
        let record_receipt = self.workspace.info.kind == WorkspaceKind::Commune
            && preview.bundle.manifest.made_in == WorkspaceKind::Producer
            && already.is_none();
        Ok(ReceivePlan {
            preview,
            record_receipt,
            received: self.today(),
        })
    }

    fn undo_and_say(&mut self, redo: bool) -> Outcome {
        let (what, done) = if redo {
            (self.redo_label().map(str::to_owned), self.redo())
        } else {
            (self.undo_label().map(str::to_owned), self.undo())
        };
        if done {
            self.message(Level::Info, Notice::Undone { redo, what });
        }
        Outcome::Done
    }

    fn attach_and_say(
        &mut self,
        id: ProductId,
        key: String,
        attachments: Vec<Attachment>,
    ) -> Outcome {
        let names: Vec<String> = attachments.iter().map(|a| a.file_name.clone()).collect();
        let stored: Vec<String> = attachments.iter().map(|a| a.stored_path.clone()).collect();
        match self.apply(&Command::Attach {
            id,
            key,
            attachments,
        }) {
            Ok(()) => {
                self.record_fresh_evidence(stored.iter().map(String::as_str));
                self.message(
                    Level::Info,
                    Notice::done(text::IMPORT_DONE, names.join(", ")),
                );
                Outcome::Done
            }
            Err(err) => Outcome::Refused(err),
        }
    }

    fn rescan_and_say(&mut self, listing: crate::storage::shared::Listing) {
        let conflicts_before = self.conflicts().len();
        for (id, who) in self.rescan_listing(listing) {
            let product = self
                .workspace
                .products
                .get(&id)
                .map_or_else(|| id.to_string(), |p| p.name.clone());
            self.message(Level::Info, Notice::ChangedByOther { who, product });
        }
        if self.conflicts().len() > conflicts_before {
            self.message(Level::Error, text::CONFLICT_ARRIVED);
        }
    }

    fn import_and_say(
        &mut self,
        preview: &crate::domain::spreadsheet::ImportPreview,
        file: &super::spreadsheet::ImportSheet,
    ) -> Outcome {
        match self.confirm_import(preview, file) {
            Ok(super::spreadsheet::ImportConfirmed::Changed(now)) => {
                self.message(Level::Info, text::XL_IMPORT_CHANGED);
                Outcome::PreviewChanged(Box::new(now))
            }
            Ok(super::spreadsheet::ImportConfirmed::Imported { added, updated }) => {
                self.message(Level::Info, Notice::Imported { added, updated });
                Outcome::Imported
            }
            Err(err) => {
                self.message(Level::Error, Notice::error(err));
                Outcome::Done
            }
        }
    }

    fn receive_and_say(
        &mut self,
        preview: super::exchange::ImportPreview,
        extracted: &BTreeMap<String, crate::storage::evidence::Imported>,
        received: Option<NaiveDate>,
        target: &std::path::Path,
    ) -> Outcome {
        // The evidence went into `target`: only that workspace takes the product (nothing
        // else opens while a task runs; checked anyway).
        if self.dir() != target {
            return Outcome::Done;
        }
        let id = preview.bundle.product.id.clone();
        match self.finish_import(preview, extracted, received) {
            Ok(()) => Outcome::Received(id),
            Err(err) => {
                self.message(Level::Error, Notice::error(err));
                Outcome::Done
            }
        }
    }

    /// Says a bundle was written, and (one warning per product: the previous export's
    /// goes, whatever this one says) what a cooperative's bundle still lacks, to be seen
    /// to before it is sent.
    fn bundle_written(&mut self, manifest: &crate::domain::exchange::Manifest, path: PathBuf) {
        self.message_about_file(
            Level::Info,
            Notice::BundleWritten {
                product: manifest.product_name.clone(),
                files: manifest.files.len(),
                path: path.clone(),
            },
            &path,
        );
        self.retract_bundle_gaps(&manifest.product_id);
        let gaps = self.bundle_gaps(&manifest.product_id);
        if !gaps.is_empty() {
            self.message(
                Level::Warning,
                Notice::BundleGaps {
                    product_id: manifest.product_id.clone(),
                    product: manifest.product_name.clone(),
                    gaps,
                },
            );
        }
    }

    /// Says how the dossier to print went: written (its banner opens it) and which files
    /// were printed only as a notice page, or why not.
    fn print_finished(
        &mut self,
        result: Result<Vec<crate::documents::dossier_pdf::Unprinted>, super::print::PrintFailure>,
        path: PathBuf,
    ) {
        match result {
            Ok(unprinted) => {
                self.message_about_file(
                    Level::Info,
                    Notice::done(text::PRINT_DONE, path.display().to_string()),
                    &path,
                );
                if !unprinted.is_empty() {
                    self.message(
                        Level::Warning,
                        Notice::Unprinted(
                            unprinted
                                .into_iter()
                                .map(|u| (u.file_name, u.reason))
                                .collect(),
                        ),
                    );
                }
            }
            Err(err @ super::print::PrintFailure::Cancelled) => {
                self.message(Level::Info, Notice::error(err));
            }
            Err(err) => self.message(Level::Error, Notice::error(err)),
        }
    }
}
