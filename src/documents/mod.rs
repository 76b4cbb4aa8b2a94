//! Documents out: the official forms as Word files (.docx) and the cooperative's status
//! report as PDF, built from a product in memory. Bytes only: writing them to disk is
//! `storage::write_export` (a temp file and a rename, so a failed export leaves no
//! partial file). No egui, no files, no clock here: `today` is part of the input.

pub mod bundle;
pub mod docx;
pub mod dossier_pdf;
pub mod forms;
pub mod letter;
pub mod paper;
pub mod paper_pdf;
pub mod pdf;
pub mod report;
pub mod sheet;
pub mod summary;

use chrono::NaiveDate;

use crate::domain::catalog::Catalog;
use crate::domain::criteria::ScoringSet;
use crate::domain::dossier;
use crate::domain::filename;
use crate::domain::model::{Application, Product, WorkspaceInfo};
use crate::text::{self, Lang};

/// What a document is made from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The product (its current application is the one the forms describe).
    pub product: &'a Product,
    /// The commune's settings (province, commune).
    pub workspace: &'a WorkspaceInfo,
    /// Rule data: dossier template and criteria.
    pub catalog: &'a Catalog,
    /// The day the document is made.
    pub today: NaiveDate,
}

impl Input<'_> {
    /// The current application.
    pub fn application(&self) -> Option<&Application> {
        self.product.current()
    }
}

/// A document the app can produce for a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Form 01: registration (Phiếu đăng ký).
    Form01,
    /// Form 02: self-assessment report with the evidence annex.
    Form02,
    /// Form 03: the commune's report.
    Form03,
    /// The scoring sheet of the product's set, ticked from the self-assessment.
    Sheet,
    /// The commune's request letter to the province (no template prescribed).
    Letter,
    /// The status report for the cooperative (PDF).
    Report,
}

impl DocKind {
    /// Every kind, in menu order.
    pub const ALL: [DocKind; 6] = [
        DocKind::Form01,
        DocKind::Form02,
        DocKind::Form03,
        DocKind::Letter,
        DocKind::Sheet,
        DocKind::Report,
    ];

    /// The CLI name (`--form 01|02|03|sheet|report`).
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Form01 => "01",
            DocKind::Form02 => "02",
            DocKind::Form03 => "03",
            DocKind::Sheet => "sheet",
            DocKind::Letter => "letter",
            DocKind::Report => "report",
        }
    }

    /// The kind with this CLI name.
    pub fn from_code(code: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// File extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DocKind::Report => "pdf",
            _ => "docx",
        }
    }

    /// Its name in menus and file names.
    pub fn name(self) -> text::Tr {
        match self {
            DocKind::Form01 => text::DOC_FORM_01,
            DocKind::Form02 => text::DOC_FORM_02,
            DocKind::Form03 => text::DOC_FORM_03,
            DocKind::Sheet => text::DOC_SHEET,
            DocKind::Letter => text::DOC_LETTER,
            DocKind::Report => text::DOC_REPORT,
        }
    }

    /// A file name safe on every file system, e.g. `Mẫu 01 - Cốm Hồng Quang.docx`.
    pub fn file_name(self, product: &Product, lang: Lang) -> String {
        let short = match (self, lang) {
            (DocKind::Form01, _) => "Mẫu 01",
            (DocKind::Form02, _) => "Mẫu 02",
            (DocKind::Form03, _) => "Mẫu 03",
            (DocKind::Sheet, Lang::Vi) => "Phiếu chấm điểm",
            (DocKind::Sheet, Lang::En) => "Scoring sheet",
            (DocKind::Letter, Lang::Vi) => "Văn bản đề nghị",
            (DocKind::Letter, Lang::En) => "Request letter",
            (DocKind::Report, Lang::Vi) => "Tình trạng",
            (DocKind::Report, Lang::En) => "Status",
        };
        filename::export_file_name(&format!("{short} - {}", product.name), self.extension())
    }
}

/// Why a document could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The product has no application to describe.
    #[error("the product has no application")]
    NoApplication,
    /// The rule data for the product's set is missing.
    #[error("no criteria for the product's scoring set")]
    NoRuleData,
    /// The product's scoring set is not chosen yet (imported from a list without one).
    #[error("the product's scoring set is not chosen yet")]
    NoSetChosen,
    /// The writer failed (a bug or a resource limit).
    #[error("could not build the document: {0}")]
    Build(String),
}

impl DocumentError {
    /// Why the document could not be made, in `lang` (the words are `text`'s).
    pub fn words(&self, lang: Lang) -> String {
        match self {
            DocumentError::NoApplication => lang.t(text::NO_APPLICATION).to_owned(),
            DocumentError::NoRuleData => lang.t(text::DOC_NO_RULE_DATA).to_owned(),
            DocumentError::NoSetChosen => lang.t(text::DOC_NO_SET_CHOSEN).to_owned(),
            DocumentError::Build(detail) => {
                format!("{}: {detail}", lang.t(text::DOC_BUILD_FAILED))
            }
        }
    }
}

/// The document as bytes (.docx or .pdf). The forms are always Vietnamese (they are
/// official papers); the report follows `lang`.
pub fn render(kind: DocKind, input: &Input, lang: Lang) -> Result<Vec<u8>, DocumentError> {
    if kind == DocKind::Report {
        let blocks = report::blocks(input, lang)?;
        let title = format!("{}: {}", lang.t(text::R_TITLE), input.product.name);
        let footer = format!("{} · {}", lang.t(text::R_FOOTER), lang.date(input.today));
        return pdf::render(&blocks, &title, &footer).map_err(DocumentError::Build);
    }
    docx::pack(&paper_of(kind, input)?).map_err(DocumentError::Build)
}

/// A form as a [`paper::Paper`]: what its .docx is written from and what the printed
/// dossier typesets. The status report is not a paper (`Build`).
pub fn paper_of(kind: DocKind, input: &Input) -> Result<paper::Paper, DocumentError> {
    match kind {
        DocKind::Form01 => forms::form_01(input),
        DocKind::Form02 => forms::form_02(input),
        DocKind::Form03 => forms::form_03(input),
        DocKind::Sheet => sheet::scoring_sheet(input, sheet::SheetTicks::SelfAssessment),
        DocKind::Letter => letter::request_letter(input),
        DocKind::Report => Err(DocumentError::Build(
            "the status report is not a form".into(),
        )),
    }
}

impl DocKind {
    /// Its Vietnamese title in the printed dossier's bookmarks and footers (the forms are
    /// Vietnamese papers).
    pub fn title_vi(self) -> &'static str {
        match self {
            DocKind::Form01 => "Mẫu 01 – Phiếu đăng ký",
            DocKind::Form02 => "Mẫu 02 – Báo cáo tự đánh giá",
            DocKind::Form03 => "Mẫu 03 – Báo cáo của UBND xã",
            DocKind::Sheet => "Phiếu chấm điểm (tự đánh giá)",
            DocKind::Letter => "Văn bản đề nghị của UBND xã",
            DocKind::Report => "Báo cáo tình trạng",
        }
    }

    /// The forms the app typesets for a document of the 26/2026 dossier list, in order:
    /// Form 01; Form 02 with its evidence annex, then the scoring sheet of the
    /// self-assessment; Form 03; the commune's request letter. (`domain::print::TYPESET`
    /// names the same keys.)
    pub fn for_dossier_key(key: &str) -> &'static [DocKind] {
        match key {
            "form-01" => &[DocKind::Form01],
            "form-02" => &[DocKind::Form02, DocKind::Sheet],
            "form-03" => &[DocKind::Form03],
            "commune-request-letter" => &[DocKind::Letter],
            _ => &[],
        }
    }
}

/// One line of the evidence annex: an attached file under its criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexLine {
    /// "3.5 Sở hữu trí tuệ", or "—" for a document that backs no criterion.
    pub criterion: String,
    /// The dossier document's name.
    pub document: String,
    /// The attached file's name as the producer gave it.
    pub file_name: String,
    /// Its SHA-256 (hex), the key of the evidence store.
    pub sha256: String,
}

/// Every attachment of `app`, in criterion order (each file once, under the first
/// criterion its document backs), then the files of documents that back no criterion.
/// The order of the Form 02 annex and of the evidence in a bundle.
pub fn annex_lines(input: &Input, set: &ScoringSet, app: &Application) -> Vec<AnnexLine> {
    let template = input.catalog.template(&app.rule_version);
    let name_of = |key: &str| {
        template
            .and_then(|t| t.item(key))
            .map_or_else(|| key.to_owned(), |i| i.name_vi.clone())
    };
    let mut out: Vec<AnnexLine> = Vec::new();
    let mut placed: std::collections::BTreeSet<(&str, &str)> = Default::default();
    let push = |out: &mut Vec<AnnexLine>, criterion: String, entry: &dossier::DossierEntry| {
        for attachment in &entry.attachments {
            out.push(AnnexLine {
                criterion: criterion.clone(),
                document: name_of(&entry.key),
                file_name: attachment.file_name.clone(),
                sha256: attachment.sha256.clone(),
            });
        }
    };
    if let Some(template) = template {
        for criterion in &set.criteria {
            for item in dossier::backing_items(template, &criterion.name_vi) {
                for entry in app.dossier.iter().filter(|e| e.key == item.key) {
                    if placed.insert((entry.key.as_str(), "")) {
                        push(
                            &mut out,
                            format!("{} {}", criterion.code, criterion.name_vi),
                            entry,
                        );
                    }
                }
            }
        }
    }
    for entry in &app.dossier {
        if placed.insert((entry.key.as_str(), "")) {
            push(&mut out, "—".to_owned(), entry);
        }
    }
    out
}
