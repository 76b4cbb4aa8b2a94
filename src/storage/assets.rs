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
    if !path.is_file() {
        return Vec::new();
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(source) => {
            return vec![StorageError::Io {
                action: "read",
                source,
                path,
            }];
        }
    };
    match ron::from_str::<HolidayCalendar>(&text) {
        Ok(local) => {
            let problems: Vec<StorageError> = local
                .problems()
                .into_iter()
                .map(|p| StorageError::Data {
                    message: p.to_string(),
                    path: path.clone(),
                })
                .collect();
            let merged = catalog.holidays.overlay(&local);
            catalog.set_holidays(merged);
            problems
        }
        Err(err) => vec![StorageError::Parse {
            line: err.span.start.line,
            column: err.span.start.col,
            message: err.code.to_string(),
            path,
        }],
    }
}
