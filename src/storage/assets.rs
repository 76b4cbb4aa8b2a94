//! Built-in rule data, compiled into the binary from `assets/` so the app works from any
//! folder: dossier templates per rule version scoring criteria per rule version.
//!
//! Parsed once at start-up; a malformed asset is a build defect that the tests catch.

use std::path::{Path, PathBuf};

use crate::domain::catalog::Catalog;
use crate::domain::criteria::RuleSet;
use crate::domain::dossier::DossierTemplate;
use crate::domain::holidays::HolidayCalendar;

use super::StorageError;

/// DejaVu Sans, gzipped (licence in `assets/fonts/LICENSE-DejaVu.txt`): built in
/// compressed, 0.7 MB less in the program; inflated once, on first use (a few ms).
const DEJAVU_SANS_GZ: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf.gz");
/// DejaVu Sans Bold, gzipped.
const DEJAVU_SANS_BOLD_GZ: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf.gz");

/// OCOP Serif: Liberation Serif (metric-compatible with Times New Roman, the font of the
/// forms) cut to the characters the forms use, without hinting, renamed as its licence
/// asks of a modified version (`tools/subset-fonts`; licence in
/// `assets/fonts/LICENSE-Liberation.txt`): regular, bold, italic, bold italic, gzipped.
const SERIF_GZ: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/OcopSerif-Regular.ttf.gz"),
    include_bytes!("../../assets/fonts/OcopSerif-Bold.ttf.gz"),
    include_bytes!("../../assets/fonts/OcopSerif-Italic.ttf.gz"),
    include_bytes!("../../assets/fonts/OcopSerif-BoldItalic.ttf.gz"),
];

/// Inflates a built-in gzipped asset once; empty if it is damaged (a build defect the
/// tests catch: `the_fonts_inflate`).
fn inflated(cell: &'static std::sync::OnceLock<Vec<u8>>, gz: &[u8]) -> &'static [u8] {
    cell.get_or_init(|| {
        use std::io::Read as _;
        let mut out = Vec::with_capacity(gz.len() * 2);
        match flate2::read::GzDecoder::new(gz).read_to_end(&mut out) {
            Ok(_) => out,
            Err(_) => Vec::new(),
        }
    })
}

/// DejaVu Sans: full Vietnamese coverage; the window's font and the one embedded in PDF
/// reports.
pub fn dejavu_sans() -> &'static [u8] {
    static CELL: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    inflated(&CELL, DEJAVU_SANS_GZ)
}

/// OCOP Serif (Liberation Serif's letters, Times New Roman's metrics) in a style: the
/// forms typeset as PDF.
pub fn liberation_serif(bold: bool, italic: bool) -> &'static [u8] {
    static CELLS: [std::sync::OnceLock<Vec<u8>>; 4] = [const { std::sync::OnceLock::new() }; 4];
    let index = usize::from(bold) + 2 * usize::from(italic);
    match (CELLS.get(index), SERIF_GZ.get(index)) {
        (Some(cell), Some(gz)) => inflated(cell, gz),
        _ => &[],
    }
}

/// DejaVu Sans Bold, for headings.
pub fn dejavu_sans_bold() -> &'static [u8] {
    static CELL: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    inflated(&CELL, DEJAVU_SANS_BOLD_GZ)
}

const DOSSIER_26_2026: &str = include_str!("../../assets/dossier/26-2026.ron");
const CRITERIA_26_2026: &str = include_str!("../../assets/criteria/26-2026.ron");
const HOLIDAYS_VN: &str = include_str!("../../assets/holidays/vn.ron");
const DOSSIER_1048_2019: &str = include_str!("../../assets/dossier/1048-2019.ron");

fn parse<T: for<'de> serde::Deserialize<'de>>(text: &str, name: &str) -> Result<T, StorageError> {
    ron::from_str::<T>(text).map_err(|err| StorageError::Parse {
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
        path: PathBuf::from(name),
    })
}

/// Loads the built-in catalogue of rule data.
pub fn builtin_catalog() -> Result<Catalog, StorageError> {
    let templates = vec![
        parse::<DossierTemplate>(DOSSIER_26_2026, "assets/dossier/26-2026.ron")?,
        parse::<DossierTemplate>(DOSSIER_1048_2019, "assets/dossier/1048-2019.ron")?,
    ];
    let rule_sets = vec![parse::<RuleSet>(
        CRITERIA_26_2026,
        "assets/criteria/26-2026.ron",
    )?];
    let holidays = parse::<HolidayCalendar>(HOLIDAYS_VN, "assets/holidays/vn.ron")?;
    let mut catalog = Catalog {
        dossier_templates: templates,
        rule_sets,
        ..Default::default()
    };
    catalog.set_holidays(holidays);
    Ok(catalog)
}

/// Path of a workspace's own holiday file (overrides the built-in years it lists).
pub fn workspace_holidays_path(dir: &Path) -> PathBuf {
    dir.join("holidays").join("vn.ron")
}

/// Applies the workspace's `holidays/vn.ron`, if any, over the built-in holidays.
///
/// Returns the problems found (parse errors with line and column, inconsistent days);
/// on a parse error the built-in data stays in use.
pub fn apply_workspace_holidays(catalog: &mut Catalog, dir: &Path) -> Vec<StorageError> {
    let path = workspace_holidays_path(dir);
    if let Err(err) = super::fsio::check_dir(&dir.join("holidays")) {
        return vec![err];
    }
    let text = match super::fsio::read_regular(&path, super::MAX_SETTINGS_FILE_BYTES) {
        Ok(Some(bytes)) => match super::decode_text(bytes, &path) {
            Ok(text) => text,
            Err(err) => return vec![err],
        },
        Ok(None) => return Vec::new(),
        Err(err) => return vec![err],
    };
    match super::parse_noting_unknown::<HolidayCalendar>(&text, &path) {
        Ok(parsed) => {
            let mut problems: Vec<StorageError> = parsed
                .value
                .problems()
                .into_iter()
                .map(|p| StorageError::Data {
                    message: p.to_string(),
                    path: path.clone(),
                })
                .collect();
            if !parsed.unknown_fields.is_empty() {
                problems.push(StorageError::UnknownFields {
                    fields: parsed.unknown_fields,
                    path: path.clone(),
                });
            }
            let merged = catalog.holidays.overlay(&parsed.value);
            catalog.set_holidays(merged);
            for (year, working_days) in catalog
                .calendar
                .implausible_years(parsed.value.listed_years())
            {
                problems.push(StorageError::Data {
                    message: format!(
                        "{year} has only {working_days} working days with this file (a normal year has about 250; under {} is taken for a mistake)",
                        crate::domain::deadlines::MIN_PLAUSIBLE_WORKING_DAYS
                    ),
                    path: path.clone(),
                });
            }
            problems
        }
        Err(err) => vec![err],
    }
}

/// The rule data for the workspace in `dir`: the built-in catalogue with the workspace's
/// own holiday file over it. The GUI, `list`, `calendar` and `check` all use this, so they
/// compute the same deadlines.
pub fn catalog_for(dir: &Path) -> Result<(Catalog, Vec<StorageError>), StorageError> {
    let mut catalog = builtin_catalog()?;
    let problems = apply_workspace_holidays(&mut catalog, dir);
    Ok((catalog, problems))
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    /// The gzipped fonts inflate to the DejaVu 2.37 files they were made from.
    #[test]
    fn the_fonts_inflate() {
        for (bytes, sha) in [
            (
                super::dejavu_sans(),
                "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322",
            ),
            (
                super::dejavu_sans_bold(),
                "0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96",
            ),
            (
                super::liberation_serif(false, false),
                "45b99b455d69c47e7b9f12482bd85d0323b67071af0a8892f9e73f0bcbfacfdf",
            ),
            (
                super::liberation_serif(true, false),
                "b4c66c3c50dbe10d3349dad2363685a777b58cc14122aeb7e8120838dbb9e268",
            ),
            (
                super::liberation_serif(false, true),
                "a859942756b8940b8ed352c6a46caa15ed66956447291168dd9c39ec07647d54",
            ),
            (
                super::liberation_serif(true, true),
                "b3f25db2c1967b32c73fa35566ecba91acbf64306bbef44dbaa7296e3ff24f4f",
            ),
        ] {
            let hex: String = Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(hex, sha);
        }
    }
}
