//! Excel out and in for the app and the CLI: the portfolio workbook in the user's
//! language, and an import as a preview the officer confirms, applied as one
//! [`Command::ImportProducts`] (one undo step, all or nothing).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{AppError, AppState};
use crate::command::Command;
use crate::domain::catalog::Catalog;
use crate::domain::filename;
use crate::domain::model::{CertificateStanding, Product, ProductId, Workspace};
use crate::domain::scoring::Outcome;
use crate::domain::spreadsheet::{
    self, Confidence, ImportField, ImportPreview, ImportRow, KnownProducts, Layout, Mapping,
    OutCell, PortfolioBook, PortfolioRow, PreviewContext, PreviewInput, RowAt, RowProblem, SetInfo,
    Sheet,
};
use crate::storage;
use crate::text::{self, Lang};

/// "★★★★" for a star count.
fn stars(n: u8) -> String {
    "★".repeat(usize::from(n))
}

/// The stars as the portfolio's "Sao" column shows them, as text.
fn stars_text(row: &PortfolioRow, lang: Lang) -> String {
    match (&row.certificate, &row.standing) {
        (Some(cert), Some(CertificateStanding::Valid)) => return stars(cert.star),
        (Some(cert), Some(CertificateStanding::Expired { .. })) => {
            return format!("{} {}", stars(cert.star), lang.t(text::STAR_EXPIRED));
        }
        (Some(cert), Some(CertificateStanding::Revoked { .. })) => {
            return format!("{} {}", stars(cert.star), lang.t(text::STAR_REVOKED));
        }
        _ => {}
    }
    if let Some(star) = row.official_star {
        return stars(star);
    }
    match row.predicted {
        Some(Outcome::Recognised(star)) => {
            format!("{} ({})", stars(star), lang.t(text::PREDICTED_SHORT))
        }
        Some(Outcome::NotRecognised) => format!("< 3★ ({})", lang.t(text::PREDICTED_SHORT)),
        Some(Outcome::Eliminated) => lang.t(text::ELIMINATED).to_owned(),
        None => String::new(),
    }
}

/// The headers of the product sheet, in order (the portfolio table's columns, then the
/// certificate's).
pub fn portfolio_headers(lang: Lang) -> Vec<String> {
    [
        text::COL_PRODUCT,
        text::COL_PRODUCER,
        text::COL_COMMUNE,
        text::FIELD_CODE,
        text::COL_SET,
        text::COL_STAGE,
        text::COL_STARS,
        text::XL_COL_DOSSIER,
        text::COL_DEADLINE,
        text::XL_COL_DEADLINE_WHAT,
        text::XL_COL_OFFICIAL_STAR,
        text::XL_COL_CERT_NUMBER,
        text::XL_COL_ISSUED,
        text::XL_COL_EXPIRES,
        text::XL_COL_CERT_STATUS,
    ]
    .into_iter()
    .map(|t| lang.t(t).to_owned())
    .collect()
}

/// The whole workbook of `workspace` in `lang`.
pub fn portfolio_book(
    workspace: &Workspace,
    catalog: &Catalog,
    today: NaiveDate,
    lang: Lang,
) -> PortfolioBook {
    let rows = spreadsheet::portfolio_rows(workspace, catalog, today);
    let text_cell = |s: &str| OutCell::Text(s.to_owned());
    let out_rows = rows
        .iter()
        .map(|row| {
            let status = row.standing.as_ref().map_or("", |s| match s {
                CertificateStanding::Valid => lang.t(text::XL_CERT_VALID),
                CertificateStanding::Expired { .. } => lang.t(text::STAR_EXPIRED),
                CertificateStanding::Revoked { .. } => lang.t(text::STAR_REVOKED),
                CertificateStanding::NotYetIssued => lang.t(text::XL_CERT_NOT_YET),
            });
            vec![
                text_cell(&row.name),
                text_cell(&row.producer),
                text_cell(&row.commune),
                text_cell(&row.product_code),
                OutCell::Int(u32::from(row.scoring_set)),
                row.stage
                    .map_or(OutCell::Empty, |s| text_cell(lang.t(text::stage_name(s)))),
                OutCell::Text(stars_text(row, lang)),
                OutCell::Int(u32::from(row.completeness)),
                row.deadline
                    .as_ref()
                    .map_or(OutCell::Empty, |d| OutCell::Date(d.date)),
                row.deadline.as_ref().map_or(OutCell::Empty, |d| {
                    text_cell(lang.t(text::deadline_name(d.kind)))
                }),
                row.official_star
                    .map_or(OutCell::Empty, |s| OutCell::Int(u32::from(s))),
                row.certificate
                    .as_ref()
                    .map_or(OutCell::Empty, |c| text_cell(&c.number)),
                row.certificate
                    .as_ref()
                    .map_or(OutCell::Empty, |c| OutCell::Date(c.issued_on)),
                row.expires_on.map_or(OutCell::Empty, OutCell::Date),
                text_cell(status),
            ]
        })
        .collect();
    let (by_stage, by_star) = spreadsheet::summary_counts(&rows);
    let star_labels = [
        format!("3 {}", lang.t(text::XL_STARS)),
        format!("4 {}", lang.t(text::XL_STARS)),
        format!("5 {}", lang.t(text::XL_STARS)),
        lang.t(text::XL_NO_STAR).to_owned(),
    ];
    PortfolioBook {
        sheet_name: lang.t(text::XL_SHEET_PRODUCTS).to_owned(),
        headers: portfolio_headers(lang),
        rows: out_rows,
        summary_name: lang.t(text::XL_SHEET_SUMMARY).to_owned(),
        stage_heading: [
            lang.t(text::COL_STAGE).to_owned(),
            lang.t(text::XL_COUNT).to_owned(),
        ],
        by_stage: by_stage
            .into_iter()
            .map(|(s, n)| (lang.t(text::stage_name(s)).to_owned(), n))
            .collect(),
        star_heading: [
            lang.t(text::XL_COL_OFFICIAL_STAR).to_owned(),
            lang.t(text::XL_COUNT).to_owned(),
        ],
        by_star: star_labels.into_iter().zip(by_star).collect(),
        chart_titles: [
            lang.t(text::XL_BY_STAGE).to_owned(),
            lang.t(text::XL_BY_STAR).to_owned(),
        ],
        date_format: lang.t(text::XL_DATE_FORMAT).to_owned(),
    }
}

/// The file name offered for the export: "Danh sách sản phẩm OCOP - <workspace>.xlsx",
/// safe on every file system.
pub fn default_export_name(workspace: &Workspace, lang: Lang) -> String {
    let stem = lang.t(text::XL_FILE_STEM);
    let name = workspace.info.name.trim();
    if name.is_empty() {
        filename::export_file_name(stem, "xlsx")
    } else {
        filename::export_file_name(&format!("{stem} - {name}"), "xlsx")
    }
}

/// One sheet of a file read for an import: where its header is and which column fills
/// which field (guessed, then as the officer changes it).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportTable {
    pub sheet: Sheet,
    pub layout: Layout,
    /// Column of each field.
    pub mapping: Mapping,
    /// How sure each mapped field is (the preview shows it).
    pub confidence: BTreeMap<ImportField, Confidence>,
}

impl ImportTable {
    /// The sheet with its header found and its columns guessed; `None` for a sheet with
    /// nothing in it.
    pub fn new(sheet: Sheet) -> Option<ImportTable> {
        let layout = spreadsheet::find_layout(&sheet)?;
        let guess = spreadsheet::guess(&layout.headings);
        Some(ImportTable {
            sheet,
            layout,
            mapping: guess.mapping,
            confidence: guess.confidence,
        })
    }

    /// Maps `field` to column `col` as the officer chose (a column serves one field:
    /// taking it from another field frees it there); `None` leaves the field unfilled.
    pub fn choose(&mut self, field: ImportField, col: Option<usize>) {
        match col {
            Some(col) => {
                let freed: Vec<ImportField> = self
                    .mapping
                    .iter()
                    .filter(|(f, c)| **c == col && **f != field)
                    .map(|(f, _)| *f)
                    .collect();
                for f in freed {
                    self.mapping.remove(&f);
                    self.confidence.remove(&f);
                }
                self.mapping.insert(field, col);
                self.confidence.insert(field, Confidence::Chosen);
            }
            None => {
                self.mapping.remove(&field);
                self.confidence.remove(&field);
            }
        }
    }

    /// The column headings, one per column: "C: Chủ thể sản xuất", "(C)" for none.
    pub fn headers(&self) -> Vec<String> {
        let width = self
            .sheet
            .rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(self.layout.headings.len());
        (0..width)
            .map(|i| {
                let heading = self.layout.headings.get(i).cloned().unwrap_or_default();
                let letter = column_letter(i);
                if heading.is_empty() {
                    format!("({letter})")
                } else {
                    format!("{letter}: {heading}")
                }
            })
            .collect()
    }
}

/// Which sheets of the file are imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetChoice {
    /// One sheet (index into `ImportSheet::tables`).
    One(usize),
    /// Every sheet with a product column, each row named with its sheet.
    All,
}

/// What to do with a row naming a product the workspace already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateChoice {
    /// Leave the product as it is (the default: a list never duplicates a product).
    #[default]
    Skip,
    /// Take the row's certificate, star, score and dates into the product.
    UpdateCertificate,
    /// Add the row as another product (a namesake of another producer).
    AddNew,
}

/// A file read for an import: its sheets, which are imported, and the officer's choices
/// (columns, sets, duplicates).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSheet {
    /// Where it was read from.
    pub path: PathBuf,
    /// Every sheet with something in it, in tab order.
    pub tables: Vec<ImportTable>,
    pub choice: SheetChoice,
    /// The sheet whose columns the mapping shows (the chosen one, or any when all are).
    pub editing: usize,
    /// Sets chosen per row by the officer (`None`: leave unchosen); other rows take the
    /// list's set or the proposal ([`ImportRow::default_set`]).
    pub set_choices: BTreeMap<RowAt, Option<u8>>,
    /// Rows naming an existing product that the officer did not leave skipped.
    pub duplicate_choices: BTreeMap<RowAt, DuplicateChoice>,
}

impl ImportSheet {
    /// Reads `path` and guesses each sheet's header and mapping; the error is translated
    /// and names the file.
    pub fn read(path: &Path) -> Result<ImportSheet, AppError> {
        let sheets = storage::spreadsheet::read_workbook(path)?;
        Ok(Self::from_sheets(path, sheets))
    }

    /// The import of sheets already read: the first sheet with a product column is
    /// chosen.
    pub fn from_sheets(path: &Path, sheets: Vec<Sheet>) -> ImportSheet {
        let tables: Vec<ImportTable> = sheets.into_iter().filter_map(ImportTable::new).collect();
        let first = tables
            .iter()
            .position(|t| t.mapping.contains_key(&ImportField::Name))
            .unwrap_or(0);
        ImportSheet {
            path: path.to_owned(),
            tables,
            choice: SheetChoice::One(first),
            editing: first,
            set_choices: BTreeMap::new(),
            duplicate_choices: BTreeMap::new(),
        }
    }

    /// The sheets imported, by index.
    pub fn chosen(&self) -> Vec<usize> {
        match self.choice {
            SheetChoice::One(i) => vec![i],
            SheetChoice::All => self
                .tables
                .iter()
                .enumerate()
                .filter(|(_, t)| t.mapping.contains_key(&ImportField::Name))
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// Chooses the sheets to import (the mapping then shows the first of them).
    pub fn choose_sheets(&mut self, choice: SheetChoice) {
        self.choice = choice;
        if let Some(&first) = self.chosen().first() {
            self.editing = first;
        }
        self.set_choices.clear();
        self.duplicate_choices.clear();
    }

    /// The sheet whose columns the mapping shows.
    pub fn table(&self) -> Option<&ImportTable> {
        self.tables.get(self.editing)
    }

    /// The sheet whose columns the mapping shows, to change.
    pub fn table_mut(&mut self) -> Option<&mut ImportTable> {
        self.tables.get_mut(self.editing)
    }

    /// Whether rows are named with their sheet (several sheets imported).
    pub fn names_sheets(&self) -> bool {
        self.choice == SheetChoice::All && self.tables.len() > 1
    }

    /// The name of sheet `index` ("" for a .csv file).
    pub fn sheet_name(&self, index: usize) -> &str {
        self.tables.get(index).map_or("", |t| t.sheet.name.as_str())
    }

    /// Whether the required field (the product name) has a column in every sheet
    /// imported.
    pub fn has_required(&self) -> bool {
        self.missing_required().is_empty()
    }

    /// The required fields no column fills (the product name: the set is proposed or
    /// chosen later when no column gives it).
    pub fn missing_required(&self) -> Vec<ImportField> {
        let chosen = self.chosen();
        let missing = chosen.is_empty()
            || chosen.iter().any(|&i| {
                self.tables
                    .get(i)
                    .is_none_or(|t| !t.mapping.contains_key(&ImportField::Name))
            });
        if missing {
            vec![ImportField::Name]
        } else {
            Vec::new()
        }
    }

    /// What the import would do beside the `known` products now (sets proposed from
    /// `catalog`'s sets of the current rules).
    pub fn preview(&self, known: &KnownProducts, catalog: &Catalog) -> ImportPreview {
        let sets = catalog
            .rule_set(crate::domain::model::CURRENT_RULE_VERSION)
            .map(|r| SetInfo::of_sets(&r.sets))
            .unwrap_or_default();
        let inputs: Vec<PreviewInput<'_>> = self
            .chosen()
            .into_iter()
            .filter_map(|i| {
                self.tables.get(i).map(|t| PreviewInput {
                    sheet_index: i,
                    sheet: &t.sheet,
                    layout: &t.layout,
                    mapping: &t.mapping,
                })
            })
            .collect();
        spreadsheet::preview(
            &inputs,
            &PreviewContext {
                known,
                stage_of: &text::stage_from_name,
                sets: &sets,
            },
        )
    }

    /// The set row `row` is imported with: the officer's choice, else the list's or the
    /// proposal.
    pub fn set_for(&self, row: &ImportRow) -> Option<u8> {
        self.set_choices
            .get(&row.at)
            .copied()
            .unwrap_or_else(|| row.default_set())
    }

    /// What is done with a row naming an existing product.
    pub fn duplicate_choice(&self, at: RowAt) -> DuplicateChoice {
        self.duplicate_choices.get(&at).copied().unwrap_or_default()
    }

    /// "Trang “Sheet1”: tiêu đề ở dòng 5–6" (the sheet's name left out for a .csv).
    pub fn layout_line(&self, index: usize, lang: Lang) -> String {
        let Some(table) = self.tables.get(index) else {
            return String::new();
        };
        let first = table.sheet.row_number(table.layout.header_at);
        let last = first + u32::try_from(table.layout.header_rows).unwrap_or(1) - 1;
        let rows = if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        };
        let name = &table.sheet.name;
        if name.is_empty() {
            format!("{} {rows}:", lang.t(text::XL_IMPORT_HEADER_AT))
        } else {
            format!(
                "{} “{name}”, {} {rows}:",
                lang.t(text::XL_IMPORT_SHEET),
                lang.t(text::XL_IMPORT_HEADER_AT).to_lowercase()
            )
        }
    }

    /// Every problem of the row at `at`, each naming the column its cell is in: "hạng sao
    /// “6” không phải 3, 4 hoặc 5 (cột G)".
    pub fn problems_text(&self, at: RowAt, problems: &[&RowProblem], lang: Lang) -> String {
        let mapping = self.tables.get(at.sheet).map(|t| &t.mapping);
        problems
            .iter()
            .map(|problem| {
                let said = text::import_problem(problem, lang);
                match problem
                    .field()
                    .and_then(|f| mapping.and_then(|m| m.get(&f)))
                {
                    Some(col) => format!(
                        "{said} ({} {})",
                        lang.t(text::XL_IMPORT_COLUMN),
                        column_letter(*col)
                    ),
                    None => said,
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// "Dòng 12" or, with several sheets, "Huyện Lâm Bình, dòng 12".
    pub fn row_label(&self, at: RowAt, lang: Lang) -> String {
        if self.names_sheets() {
            format!(
                "{}, {} {}",
                self.sheet_name(at.sheet),
                lang.t(text::XL_IMPORT_ROW).to_lowercase(),
                at.row
            )
        } else {
            format!("{} {}", lang.t(text::XL_IMPORT_ROW), at.row)
        }
    }
}

/// "Cốm Hồng Quang — HTX Hồng Quang", or the name alone when the list names no producer.
pub fn name_and_producer(name: &str, producer: &str) -> String {
    if producer.is_empty() {
        name.to_owned()
    } else {
        format!("{name} — {producer}")
    }
}

/// "A", "B", … "AA" for a 0-based column.
pub fn column_letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

impl AppState {
    /// The products an import makes: the good rows of `preview` (and the rows naming an
    /// existing product the officer chose to add anyway) as new products with free ids
    /// (never one in use, nor one of an unreadable file, nor one another row of this
    /// import took), and the existing products the officer chose to update.
    pub fn products_to_import(
        &self,
        preview: &ImportPreview,
        file: &ImportSheet,
    ) -> Result<(Vec<Product>, Vec<Product>), AppError> {
        let template = self
            .catalog
            .current_template()
            .ok_or(AppError::NoRuleData)?;
        let mut taken: BTreeSet<ProductId> = BTreeSet::new();
        let added = preview.existing.iter().filter_map(|d| {
            (file.duplicate_choice(d.row.at) == DuplicateChoice::AddNew).then_some(&d.row)
        });
        let mut products = Vec::with_capacity(preview.good.len());
        for row in preview.good.iter().chain(added) {
            let base = ProductId::slug_from(&row.name);
            let free = |id: &ProductId| {
                !taken.contains(id)
                    && !self.workspace.products.contains_key(id)
                    && !self.unreadable.contains(id.as_str())
                    && !storage::product_path(&self.dir, id).exists()
            };
            let id = if free(&base) {
                base
            } else {
                (2..)
                    .filter_map(|n| ProductId::parse(&format!("{}-{n}", base.as_str())))
                    .find(|id| free(id))
                    .unwrap_or(base)
            };
            taken.insert(id.clone());
            let mut product =
                spreadsheet::build_product(row, file.set_for(row), id, template, self.today);
            self.note_provisional_date(&mut product, row);
            products.push(product);
        }
        let mut updated: Vec<Product> = Vec::new();
        for duplicate in &preview.existing {
            if file.duplicate_choice(duplicate.row.at) != DuplicateChoice::UpdateCertificate
                || updated.iter().any(|p| p.id == duplicate.existing)
            {
                continue;
            }
            if let Some(product) = self.workspace.products.get(&duplicate.existing) {
                let mut product = spreadsheet::update_from_row(product, &duplicate.row);
                self.note_provisional_date(&mut product, &duplicate.row);
                updated.push(product);
            }
        }
        Ok((products, updated))
    }

    /// A list gave only the year or month of the issue date: the product's notes say what
    /// was recorded and that it must be corrected from the decision.
    fn note_provisional_date(&self, product: &mut Product, row: &ImportRow) {
        if let (Some(written), Some(cert)) = (&row.approximate_issue_date, &row.certificate) {
            let line = text::provisional_date_note(written, cert.issued_on, self.lang);
            spreadsheet::note_on_current(product, &line);
        }
    }

    /// Imports what the officer confirmed, if it is still what the import would do:
    /// another officer's change may have landed since `seen` was drawn, and then nothing
    /// is imported and the new preview comes back to be shown instead.
    pub fn confirm_import(
        &mut self,
        seen: &ImportPreview,
        file: &ImportSheet,
    ) -> Result<ImportConfirmed, AppError> {
        let now = file.preview(&self.known_products(), &self.catalog);
        if now != *seen {
            return Ok(ImportConfirmed::Changed(now));
        }
        let (added, updated) = self.import_products(seen, file)?;
        Ok(ImportConfirmed::Imported { added, updated })
    }

    /// Carries out an import as one undoable step: returns how many products were added
    /// and how many updated. The error is translated.
    pub fn import_products(
        &mut self,
        preview: &ImportPreview,
        file: &ImportSheet,
    ) -> Result<(usize, usize), AppError> {
        let (products, updated) = self.products_to_import(preview, file)?;
        if products.is_empty() && updated.is_empty() {
            return Err(AppError::NothingToImport);
        }
        let counts = (products.len(), updated.len());
        self.apply(&Command::ImportProducts { products, updated })
            .map_err(AppError::ListImportRefused)?;
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        for (i, l) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
        ] {
            assert_eq!(column_letter(i), l);
        }
    }

    #[test]
    fn the_exported_headers_map_back_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            let headers: Vec<spreadsheet::Cell> = portfolio_headers(lang)
                .into_iter()
                .map(spreadsheet::Cell::Text)
                .collect();
            let mapping = spreadsheet::guess_mapping(&headers);
            let col = |f| mapping.get(&f).copied();
            assert_eq!(col(ImportField::Name), Some(0), "{lang:?}");
            assert_eq!(col(ImportField::Producer), Some(1), "{lang:?}");
            assert_eq!(col(ImportField::Commune), Some(2), "{lang:?}");
            assert_eq!(col(ImportField::ProductCode), Some(3), "{lang:?}");
            assert_eq!(col(ImportField::ScoringSet), Some(4), "{lang:?}");
            assert_eq!(col(ImportField::Stage), Some(5), "{lang:?}");
            assert_eq!(col(ImportField::Star), Some(10), "{lang:?}");
            assert_eq!(col(ImportField::CertificateNumber), Some(11), "{lang:?}");
            assert_eq!(col(ImportField::IssuedOn), Some(12), "{lang:?}");
            assert_eq!(col(ImportField::ExpiresOn), Some(13), "{lang:?}");
        }
    }

    #[test]
    fn every_stage_name_is_recognised_in_both_languages() {
        for stage in crate::domain::stage::Stage::ALL {
            let tr = text::stage_name(stage);
            assert_eq!(text::stage_from_name(tr.vi), Some(stage));
            assert_eq!(text::stage_from_name(&tr.en.to_uppercase()), Some(stage));
            assert_eq!(
                text::stage_from_name(&crate::domain::search::fold(tr.vi)),
                Some(stage)
            );
        }
    }
}

/// What [`AppState::confirm_import`] did.
#[derive(Debug)]
pub enum ImportConfirmed {
    /// Imported: products added, and existing ones updated.
    Imported {
        /// New products.
        added: usize,
        /// Products already here whose certificate the list updated.
        updated: usize,
    },
    /// Nothing imported: the workspace changed since the preview; this is the new one.
    Changed(ImportPreview),
}
