//! Excel out and in for the app and the CLI: the portfolio workbook in the user's
//! language, and an import as a preview the officer confirms, applied as one
//! [`Command::ImportProducts`] (one undo step, all or nothing).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::AppState;
use crate::command::Command;
use crate::domain::catalog::Catalog;
use crate::domain::filename;
use crate::domain::model::{CertificateStanding, Product, ProductId, Workspace};
use crate::domain::scoring::Outcome;
use crate::domain::spreadsheet::{
    self, ImportField, ImportPreview, Mapping, OutCell, PortfolioBook, PortfolioRow, Sheet,
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
    let codes: std::collections::BTreeMap<&ProductId, &str> = workspace
        .products
        .values()
        .map(|p| (&p.id, p.product_code.as_str()))
        .collect();
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
                text_cell(codes.get(&row.id).copied().unwrap_or("")),
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

/// A spreadsheet read for an import, with the mapping the officer may change.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSheet {
    /// Where it was read from.
    pub path: PathBuf,
    /// The first sheet.
    pub sheet: Sheet,
    /// Column of each field (guessed from the headers).
    pub mapping: Mapping,
}

impl ImportSheet {
    /// Reads `path` and guesses the mapping; the error is translated and names the file.
    pub fn read(path: &Path, lang: Lang) -> Result<ImportSheet, String> {
        let sheet = storage::spreadsheet::read_first_sheet(path)
            .map_err(|err| text::spreadsheet_error(&err, lang))?;
        let mapping = sheet
            .rows
            .first()
            .map(|h| spreadsheet::guess_mapping(h))
            .unwrap_or_default();
        Ok(ImportSheet {
            path: path.to_owned(),
            sheet,
            mapping,
        })
    }

    /// The header texts, one per column ("Cột C" for an empty header).
    pub fn headers(&self) -> Vec<String> {
        let width = self.sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        (0..width)
            .map(|i| {
                let header = self
                    .sheet
                    .rows
                    .first()
                    .and_then(|r| r.get(i))
                    .map(spreadsheet::Cell::text)
                    .unwrap_or_default();
                let letter = column_letter(i);
                if header.is_empty() {
                    format!("({letter})")
                } else {
                    format!("{letter}: {header}")
                }
            })
            .collect()
    }

    /// Whether the required fields have a column.
    pub fn has_required(&self) -> bool {
        self.missing_required().is_empty()
    }

    /// The required fields (product name, scoring set) no column fills.
    pub fn missing_required(&self) -> Vec<ImportField> {
        [ImportField::Name, ImportField::ScoringSet]
            .into_iter()
            .filter(|field| !self.mapping.contains_key(field))
            .collect()
    }

    /// What the import would do in `workspace` now.
    pub fn preview(&self, workspace: &Workspace) -> ImportPreview {
        spreadsheet::preview(
            &self.sheet,
            &self.mapping,
            workspace,
            &text::stage_from_name,
        )
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
    /// Writes the portfolio workbook to `path` and says how it went.
    pub fn export_portfolio(&mut self, path: &Path) {
        let book = portfolio_book(&self.workspace, &self.catalog, self.today, self.lang);
        let result = storage::spreadsheet::write_portfolio(path, &book)
            .map_err(|err| text::storage_error(&err, self.lang));
        self.report_export(result, path, text::XLSX_EXPORTED, text::XLSX_EXPORT_FAILED);
    }

    /// The products the good rows of `preview` become, with free ids (never one in use,
    /// nor one of an unreadable file, nor one another row of this import took).
    pub fn products_to_import(&self, preview: &ImportPreview) -> Result<Vec<Product>, String> {
        let template = self
            .catalog
            .current_template()
            .ok_or_else(|| self.lang.t(text::XL_IMPORT_FAILED).to_owned())?;
        let mut taken: BTreeSet<ProductId> = BTreeSet::new();
        let mut products = Vec::with_capacity(preview.good.len());
        for row in &preview.good {
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
            products.push(spreadsheet::build_product(row, id, template, self.today));
        }
        Ok(products)
    }

    /// Imports the good rows of `preview` as one undoable step; returns how many products
    /// were added. The error is translated.
    pub fn import_products(&mut self, preview: &ImportPreview) -> Result<usize, String> {
        if preview.good.is_empty() {
            return Err(self.lang.t(text::XL_IMPORT_NOTHING).to_owned());
        }
        let products = self.products_to_import(preview)?;
        let count = products.len();
        self.apply(&Command::ImportProducts { products })
            .map_err(|err| {
                format!(
                    "{}: {}",
                    self.lang.t(text::XL_IMPORT_FAILED),
                    text::command_error(&err, self.lang)
                )
            })?;
        Ok(count)
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
