//! The electronic dossier between cooperative, commune and province (Decision 26/2026,
//! Art. 7.1: the producer hands the commune one paper set and one electronic set).
//!
//! A bundle (`<product>.ocop.zip`) carries one product: its file, its evidence, the
//! generated forms and a [`Manifest`] with the SHA-256 and size of every file. This module
//! holds the manifest as data and the rules of an import: which side owns which part of a
//! product, so that receiving a bundle brings in the other side's work and never touches
//! one's own. Pure: the zip is read and written in `storage::bundle`.
//!
//! Who owns what is one rule, in `domain::sides` (the command check and the screens ask
//! it too). Remarks travel both ways: each side's as that side has them
//! (`domain::remarks::merge_remarks`). What each side keeps alone (the product's name,
//! scoring set and free notes) is not overwritten by an import: a difference is shown in
//! the preview, and the officer may take the bundle's version part by part
//! ([`ImportPlan::take`]).

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::dossier::{DossierEntry, Provider};
use super::merge;
use super::model::{Application, FormText, Product, ProductId, WorkspaceKind};
use super::search;
use super::stage::Stage;

/// `format` of a bundle manifest.
pub const BUNDLE_FORMAT: &str = "ocop-tracker-bundle";
/// Version of the bundle layout this build writes and reads.
pub const BUNDLE_FORMAT_VERSION: u32 = 1;
/// Name of the manifest inside the zip (first entry).
pub const MANIFEST_NAME: &str = "manifest.ron";
/// The plain-ASCII index for unzip tools that show UTF-8 names badly.
pub const INDEX_NAME: &str = "INDEX-ASCII.txt";
/// Folder of the product file.
pub const PRODUCT_FOLDER: &str = "product";
/// Folder of the evidence, one sub-folder per criterion in criterion order.
pub const EVIDENCE_FOLDER: &str = "Minh chứng";
/// Folder of the generated forms and the status report.
pub const FORMS_FOLDER: &str = "Biểu mẫu";
/// The ending of a bundle's file name.
pub const BUNDLE_SUFFIX: &str = ".ocop.zip";

/// What a file in a bundle is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileRole {
    /// The product's RON file.
    Product,
    /// An evidence file: its SHA-256 is the key the product's attachments use.
    Evidence {
        /// "3.5 Sở hữu trí tuệ", or "—" for a document that backs no criterion.
        criterion: String,
        /// The dossier document's name.
        document: String,
    },
    /// A generated form or the status report (`01`, `02`, `03`, `sheet`, `report`).
    Form(String),
    /// The ASCII index.
    Index,
}

/// One file of a bundle as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Entry name inside the zip, `/`-separated, UTF-8.
    pub path: String,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// What it is.
    pub role: FileRole,
}

/// The manifest of a bundle: what is in it, who made it, when, under which rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    /// [`BUNDLE_FORMAT_VERSION`] when written by this build.
    pub format_version: u32,
    /// The product's id.
    pub product_id: ProductId,
    /// The product's name.
    pub product_name: String,
    /// The producer's name.
    pub producer: String,
    /// Who made the bundle (the officer or the cooperative's staff).
    pub made_by: String,
    /// Whether a producer's or a commune's workspace made it.
    pub made_in: WorkspaceKind,
    /// The workspace's name, commune and province.
    pub workspace: String,
    /// Commune of the workspace that made it.
    pub commune: String,
    /// Province of the workspace that made it.
    pub province: String,
    /// When it was made (local time).
    pub made_at: NaiveDateTime,
    /// The computer it was made on (its network name), so the receiver can tell whose
    /// version it is; absent in bundles of earlier versions.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub computer: String,
    /// The current application's rule version.
    pub rule_version: String,
    /// The app that made it, e.g. "ocop-tracker 0.1.0".
    pub app_version: String,
    /// Every file in the bundle except the manifest itself.
    pub files: Vec<ManifestFile>,
}

impl Manifest {
    /// The product file's entry.
    pub fn product_file(&self) -> Option<&ManifestFile> {
        self.files.iter().find(|f| f.role == FileRole::Product)
    }

    /// The entry holding the evidence with this SHA-256.
    pub fn evidence(&self, sha256: &str) -> Option<&ManifestFile> {
        self.files
            .iter()
            .find(|f| matches!(f.role, FileRole::Evidence { .. }) && f.sha256 == sha256)
    }

    /// Total size of the files.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size_bytes).sum()
    }
}

/// Plain ASCII for the index: Vietnamese letters without their marks (đ → d), anything
/// else outside printable ASCII as `?`.
pub fn ascii(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c if c.is_ascii_graphic() || c == ' ' => c,
            _ => '?',
        })
        .collect()
}

/// The ASCII index: one line per file, its name without marks and its hash, for old
/// unzip tools that show Vietnamese names garbled (they can still match by size and hash).
pub fn index_text(manifest: &Manifest) -> String {
    let mut out = String::new();
    out.push_str("OCOP electronic dossier / Ho so dien tu OCOP\r\n");
    out.push_str(&format!(
        "Product / San pham: {} ({})\r\nProducer / Chu the: {}\r\nMade by / Nguoi lap: {}, {}\r\n",
        ascii(&manifest.product_name),
        manifest.product_id,
        ascii(&manifest.producer),
        ascii(&manifest.made_by),
        manifest.made_at.format("%d/%m/%Y %H:%M"),
    ));
    out.push_str("Entry names are UTF-8; below without Vietnamese marks.\r\n");
    out.push_str("Ten tep la UTF-8; duoi day viet khong dau.\r\n\r\n");
    out.push_str("size (bytes)  sha256  name\r\n");
    for file in &manifest.files {
        out.push_str(&format!(
            "{:>12}  {}  {}\r\n",
            file.size_bytes,
            file.sha256,
            ascii(&file.path)
        ));
    }
    out
}

/// Why a bundle's product cannot come into this workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// A product with this id exists here but belongs to another producer.
    OtherProducer {
        id: ProductId,
        /// The producer here.
        here: String,
        /// The producer in the bundle.
        bundle: String,
    },
    /// The product in the bundle is not the one the manifest names.
    ManifestMismatch,
    /// The bundle was made on this side too (a commune's bundle into a commune's
    /// workspace): its parts are this side's own, so an existing product is not updated.
    SameSide {
        /// The side of both.
        kind: WorkspaceKind,
    },
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// The product as it would be after the import.
    pub product: Product,
    /// Whether the product is new here.
    pub is_new: bool,
    /// The parts that change (for an existing product).
    pub changes: Vec<merge::Part>,
    /// Parts that differ but stay as they are here (this side's own, or each side's alone).
    pub kept: Vec<merge::Part>,
    /// The other side's remarks that come in new or withdrawn (remarks are merged by rule,
    /// never a choice: `domain::remarks`).
    pub remarks_in: Vec<super::remarks::Remark>,
}

impl ImportPlan {
    /// The product to receive with the bundle's version taken for `parts` (the officer's
    /// choice in the preview among [`ImportPlan::kept`]); every other part as planned.
    pub fn product_taking(&self, incoming: &Product, parts: &[merge::Part]) -> Product {
        if parts.is_empty() {
            return self.product.clone();
        }
        let choices = parts
            .iter()
            .map(|part| (part.clone(), merge::Keep::Copy))
            .collect();
        let mut product = merge::merge(&self.product, incoming, &choices);
        // Both histories are in the plan's already (merged by time, duplicates dropped).
        product.history = self.product.history.clone();
        product
    }
}

pub use super::sides::provider_of;

/// Whether a dossier document belongs to `side` (the rule in `domain::sides`).
fn owns_entry(side: WorkspaceKind, provider: Provider) -> bool {
    super::sides::side_of_provider(provider) == side
}

/// What a producer's dossier still lacks when it is bundled for the commune. Said, not
/// refused: a cooperative may send a draft on purpose, but should know before it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleGap {
    /// The producer's name is empty.
    NoProducerName,
    /// The product's commune is empty.
    NoCommune,
    /// Required documents of the producer's that are not ready (how many).
    DocumentsMissing(usize),
    /// The self-assessment has no answer.
    NotSelfAssessed,
}

/// [`BundleGap`]s of `product`'s current application on `today`, as the producer's side
/// sees them (documents counted as the Overview counts them: a ready one whose validity
/// has run out is missing).
pub fn bundle_gaps(product: &Product, catalog: &Catalog, today: NaiveDate) -> Vec<BundleGap> {
    let mut gaps = Vec::new();
    if product.producer.name.trim().is_empty() {
        gaps.push(BundleGap::NoProducerName);
    }
    if product.commune.trim().is_empty() {
        gaps.push(BundleGap::NoCommune);
    }
    if let Some(status) =
        super::status::product_status_for(product, catalog, today, WorkspaceKind::Producer)
    {
        let missing = status
            .missing_required()
            .filter(|line| line.item.is_some_and(|i| i.provider == Provider::Producer))
            .count();
        if missing > 0 {
            gaps.push(BundleGap::DocumentsMissing(missing));
        }
        if status.application.scores.self_assessment.answers.is_empty() {
            gaps.push(BundleGap::NotSelfAssessed);
        }
    }
    gaps
}

/// Two names of one producer (case, marks and spacing aside)?
pub fn same_producer(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        search::fold(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (norm(a), norm(b));
    a.is_empty() || b.is_empty() || a == b
}

/// Which application of `apps` `incoming` (the `nth` of its kind and year in its own list)
/// continues: the `nth` of the same kind and year here (a closed application may be
/// followed by another of the same kind in the same year).
fn matching_app(apps: &[Application], incoming: &Application, nth: usize) -> Option<usize> {
    apps.iter()
        .enumerate()
        .filter(|(_, a)| a.kind == incoming.kind && a.year == incoming.year)
        .nth(nth)
        .map(|(i, _)| i)
}

/// Brings the parts `from` owns from `incoming` into `app`.
fn merge_application(
    app: &mut Application,
    incoming: &Application,
    from: WorkspaceKind,
    catalog: &Catalog,
) {
    match from {
        WorkspaceKind::Producer => {
            app.scores.self_assessment = incoming.scores.self_assessment.clone();
        }
        WorkspaceKind::Commune => {
            app.stage = incoming.stage;
            app.dates = incoming.dates.clone();
            app.certificate = incoming.certificate.clone();
            app.revocation = incoming.revocation.clone();
            app.scores.commune_view = incoming.scores.commune_view.clone();
            app.scores.official = incoming.scores.official.clone();
            app.notes = incoming.notes.clone();
            app.forms.report_date = incoming.forms.report_date;
        }
    }
    // Remarks: the sender's as the sender has them, this side's own untouched.
    app.remarks = super::remarks::merge_remarks(&app.remarks, &incoming.remarks, from);
    for field in FormText::ALL {
        if super::sides::form_owner(field) == from {
            app.forms.set(field, incoming.forms.get(field).to_owned());
        }
    }
    let keys: BTreeSet<String> = app
        .dossier
        .iter()
        .chain(incoming.dossier.iter())
        .map(|e| e.key.clone())
        .collect();
    for key in keys {
        if !owns_entry(from, provider_of(catalog, incoming, &key)) {
            continue;
        }
        let theirs: Option<DossierEntry> = incoming.dossier.iter().find(|e| e.key == key).cloned();
        let position = app.dossier.iter().position(|e| e.key == key);
        match (position, theirs) {
            (Some(i), Some(theirs)) => {
                if let Some(slot) = app.dossier.get_mut(i) {
                    *slot = theirs;
                }
            }
            (None, Some(theirs)) => app.dossier.push(theirs),
            // The other side has no such entry (an older template): ours stays.
            (_, None) => {}
        }
    }
}

/// The sender's remarks that come in new, or withdrawn since, compared with `local`.
fn remarks_coming_in(
    local: Option<&Product>,
    planned: &Product,
    from: WorkspaceKind,
) -> Vec<super::remarks::Remark> {
    let before = local
        .and_then(Product::current)
        .map(|a| a.remarks.as_slice())
        .unwrap_or_default();
    planned
        .current()
        .map(|a| {
            a.remarks
                .iter()
                .filter(|r| r.side == from)
                .filter(|r| {
                    before
                        .iter()
                        .find(|b| b.key() == r.key())
                        .is_none_or(|b| b.withdrawn != r.withdrawn)
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// What importing `incoming` (made in a `from` workspace) into this (`own`) workspace would
/// give. A bundle made on the same side cannot update an existing product: the sender's
/// parts would be this side's own ([`ExchangeError::SameSide`]); as a new product it
/// comes in whole.
/// `local` is the product with the same id here, if any. A new product comes in whole;
/// an existing one takes only the parts `from` owns (see the module notes), keeps its
/// own, and gets both histories merged by time. Applications are matched by kind and
/// year; one the bundle has and this side has not is added.
pub fn plan_import(
    local: Option<&Product>,
    incoming: &Product,
    from: WorkspaceKind,
    own: WorkspaceKind,
    catalog: &Catalog,
) -> Result<ImportPlan, ExchangeError> {
    // A commune that receives the producer's own bundle: from now on the producer keeps
    // its parts in its workspace, so they are read-only here (`domain::sides`).
    let kept_by_producer = from == WorkspaceKind::Producer && own == WorkspaceKind::Commune;
    let Some(local) = local else {
        let mut product = incoming.clone();
        product.kept_by_producer |= kept_by_producer;
        let remarks_in = remarks_coming_in(None, &product, from);
        return Ok(ImportPlan {
            product,
            is_new: true,
            changes: Vec::new(),
            kept: Vec::new(),
            remarks_in,
        });
    };
    if from == own {
        return Err(ExchangeError::SameSide { kind: own });
    }
    if !same_producer(&local.producer.name, &incoming.producer.name) {
        return Err(ExchangeError::OtherProducer {
            id: local.id.clone(),
            here: local.producer.name.clone(),
            bundle: incoming.producer.name.clone(),
        });
    }
    let mut product = local.clone();
    match from {
        WorkspaceKind::Producer => {
            product.producer = incoming.producer.clone();
            product.description = incoming.description.clone();
        }
        WorkspaceKind::Commune => {
            product.commune = incoming.commune.clone();
            product.product_code = incoming.product_code.clone();
        }
    }
    for (n, theirs) in incoming.applications.iter().enumerate() {
        let nth = incoming
            .applications
            .iter()
            .take(n)
            .filter(|a| a.kind == theirs.kind && a.year == theirs.year)
            .count();
        match matching_app(&product.applications, theirs, nth) {
            Some(i) => {
                if let Some(app) = product.applications.get_mut(i) {
                    merge_application(app, theirs, from, catalog);
                }
            }
            // One this side does not have: in year order, so that an older one never
            // becomes the current (last) application.
            None => {
                let at = product
                    .applications
                    .iter()
                    .position(|a| a.year > theirs.year)
                    .unwrap_or(product.applications.len());
                product.applications.insert(at, theirs.clone());
            }
        }
    }
    product.kept_by_producer |= kept_by_producer;
    product.history = merge::merged_history(&local.history, &incoming.history);
    // Applications are matched by kind and year here, not by position: when the lists
    // differ in length, only the product's own parts are compared (the applications'
    // changes were merged above, each into its match).
    let aligned = |a: &Product, b: &Product| -> Vec<merge::Part> {
        let parts = merge::differences(a, b);
        if a.applications.len() == b.applications.len() {
            parts
        } else {
            parts
                .into_iter()
                .filter(merge::Part::is_product_level)
                .collect()
        }
    };
    let changes = aligned(local, &product);
    let kept = aligned(&product, incoming)
        .into_iter()
        .filter(|part| !matches!(part, merge::Part::Applications))
        .collect();
    let remarks_in = remarks_coming_in(Some(local), &product, from);
    Ok(ImportPlan {
        product,
        is_new: false,
        changes,
        kept,
        remarks_in,
    })
}

/// Records the commune's receipt of the dossier on the current application: the date
/// (which starts the 15-working-day clock, Art. 7 step 2) and, if the application was
/// still with the producer, the stage "submitted to the commune". Returns whether
/// anything changed.
pub fn record_receipt(product: &mut Product, received: NaiveDate) -> bool {
    let Some(app) = product.current_mut() else {
        return false;
    };
    let before = (app.stage, app.dates.received_by_commune);
    if app.stage.path_index() < Stage::SubmittedToCommune.path_index() {
        app.stage = Stage::SubmittedToCommune;
    }
    app.dates.received_by_commune = Some(received);
    before != (app.stage, app.dates.received_by_commune)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test code")]
    use super::*;

    #[test]
    fn ascii_drops_marks_and_keeps_structure() {
        assert_eq!(
            ascii("Minh chứng/3.5 Sở hữu trí tuệ/Đơn nhãn hiệu.jpg"),
            "Minh chung/3.5 So huu tri tue/Don nhan hieu.jpg"
        );
        assert_eq!(ascii("a\u{1F600}b"), "a?b");
    }

    fn catalog() -> Catalog {
        let mut catalog = Catalog::default();
        catalog
            .dossier_templates
            .push(crate::domain::dossier::DossierTemplate {
                rule_version: crate::domain::model::CURRENT_RULE_VERSION.to_owned(),
                source_note: String::new(),
                items: Vec::new(),
            });
        catalog
    }

    fn product_with(apps: &[(i32, &str)]) -> Product {
        let template = catalog().dossier_templates[0].clone();
        let mut product = crate::domain::demo::new_product(
            ProductId::parse("p").unwrap(),
            "P",
            6,
            &template,
            2026,
        );
        product.applications = apps
            .iter()
            .map(|(year, note)| {
                let mut app = crate::domain::demo::new_application(
                    &template,
                    crate::domain::model::ApplicationKind::FirstRating,
                    *year,
                );
                app.notes = (*note).to_owned();
                app
            })
            .collect();
        product
    }

    #[test]
    fn applications_match_by_kind_year_and_order_and_an_older_one_goes_first() {
        let catalog = catalog();
        // Two applications of one kind in one year (the first closed): each to its match.
        let local = product_with(&[(2026, "a"), (2026, "b")]);
        let incoming = product_with(&[(2026, "A"), (2026, "B")]);
        let plan = plan_import(
            Some(&local),
            &incoming,
            WorkspaceKind::Commune,
            WorkspaceKind::Producer,
            &catalog,
        )
        .unwrap();
        let notes: Vec<&str> = plan
            .product
            .applications
            .iter()
            .map(|a| a.notes.as_str())
            .collect();
        assert_eq!(notes, ["A", "B"]);
        // An older application the bundle has: in year order, never the current one.
        let local = product_with(&[(2026, "now")]);
        let incoming = product_with(&[(2023, "old"), (2026, "now")]);
        let plan = plan_import(
            Some(&local),
            &incoming,
            WorkspaceKind::Commune,
            WorkspaceKind::Producer,
            &catalog,
        )
        .unwrap();
        let years: Vec<i32> = plan.product.applications.iter().map(|a| a.year).collect();
        assert_eq!(years, [2023, 2026]);
        assert_eq!(plan.product.current().unwrap().year, 2026);
    }

    #[test]
    fn a_bundle_from_the_same_side_does_not_update_an_existing_product() {
        let local = product_with(&[(2026, "ours")]);
        let err = plan_import(
            Some(&local),
            &local,
            WorkspaceKind::Commune,
            WorkspaceKind::Commune,
            &catalog(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            ExchangeError::SameSide {
                kind: WorkspaceKind::Commune
            }
        );
        // As a new product it comes in whole.
        assert!(
            plan_import(
                None,
                &local,
                WorkspaceKind::Commune,
                WorkspaceKind::Commune,
                &catalog()
            )
            .unwrap()
            .is_new
        );
    }

    #[test]
    fn producers_compare_without_case_and_marks() {
        assert!(same_producer(
            "HTX Nông sản Hồng Quang",
            "htx nong san  hong quang"
        ));
        assert!(!same_producer(
            "HTX Nông sản Hồng Quang",
            "HTX Thịt trâu Bình An"
        ));
        // An empty name is no evidence of another producer.
        assert!(same_producer("", "HTX A"));
    }
}
