//! Built-in rule data, compiled into the binary from `assets/` so the app works from any
//! folder: dossier templates per rule version scoring criteria per rule version.
//!
//! Parsed once at start-up; a malformed asset is a build defect that the tests catch.

use std::path::PathBuf;

use crate::domain::catalog::Catalog;
use crate::domain::criteria::RuleSet;
use crate::domain::dossier::DossierTemplate;

use super::StorageError;

const DOSSIER_26_2026: &str = include_str!("../../assets/dossier/26-2026.ron");
const CRITERIA_26_2026: &str = include_str!("../../assets/criteria/26-2026.ron");
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
    Ok(Catalog {
        dossier_templates: templates,
        rule_sets,
        ..Default::default()
    })
}
