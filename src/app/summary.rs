//! The commune's periodic report for the app and the CLI: the counts of the open
//! workspace for a period (`domain::summary`), as a Word document or an Excel workbook in
//! the user's language, written all or nothing where the officer chose.

use std::path::Path;

use super::{AppError, AppState};
use crate::documents;
use crate::domain::summary::{self, Period, SummaryTexts};
use crate::storage;
use crate::text::{self, Lang};

/// Which file the report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SummaryFormat {
    /// A Word document in the Decree 30 layout (.docx).
    #[default]
    Word,
    /// An Excel workbook: the tables, and the product list on a second sheet (.xlsx).
    Excel,
}

impl SummaryFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            SummaryFormat::Word => "docx",
            SummaryFormat::Excel => "xlsx",
        }
    }

    /// The format a file name asks for by its extension (any case), if it is one.
    pub fn of_path(path: &Path) -> Option<SummaryFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        [SummaryFormat::Word, SummaryFormat::Excel]
            .into_iter()
            .find(|f| f.extension() == extension)
    }
}

/// What the officer asked for: the period, the file's format, the words of Parts II–IV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRequest {
    /// The period the report covers.
    pub period: Period,
    /// Word or Excel.
    pub format: SummaryFormat,
    /// The officer's own words (may be empty).
    pub texts: SummaryTexts,
}

impl AppState {
    /// The report as bytes (.docx or .xlsx) in `lang`, made "today".
    pub fn summary_bytes(&self, request: &SummaryRequest, lang: Lang) -> Result<Vec<u8>, AppError> {
        let counts = summary::summarise(
            self.workspace(),
            self.catalog(),
            request.period,
            self.today(),
        );
        let info = &self.workspace().info;
        match request.format {
            SummaryFormat::Word => Ok(documents::summary::docx_bytes(
                &counts,
                info,
                &request.texts,
                lang,
            )?),
            SummaryFormat::Excel => {
                let book = documents::summary::book(&counts, info, lang);
                storage::spreadsheet::summary_bytes(&book)
                    .map_err(|err| AppError::WorkbookNotBuilt(err.to_string()))
            }
        }
    }

    /// The name the save dialog proposes: "Báo cáo OCOP 6 tháng đầu năm 2026 - <workspace>.docx".
    pub fn summary_file_name(&self, request: &SummaryRequest) -> String {
        text::summary_file_name(
            &request.period,
            &self.workspace().info.name,
            request.format.extension(),
            self.lang(),
        )
    }
}
