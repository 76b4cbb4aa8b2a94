//! Starting a workspace from nothing: a commune's (the officer's own desk) or a
//! producer's (a cooperative's). Used by the GUI's "Tạo thư mục làm việc mới…" dialog and
//! by `ocop-tracker init`; both refuse a folder that is already a workspace or holds
//! other files, so nothing is ever written over or mixed in.

use std::path::{Path, PathBuf};

use crate::domain::model::{Workspace, WorkspaceInfo, WorkspaceKind};
use crate::domain::search::nfc;
use crate::storage::{self, FolderState, StorageError};

/// What a new workspace needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewWorkspace {
    /// Whose desk it is.
    pub kind: WorkspaceKind,
    /// The commune (required for a commune's workspace).
    pub commune: String,
    /// The province (required for a commune's workspace).
    pub province: String,
    /// The officer's name (the first officer: the default author of changes).
    pub officer: String,
    /// The producer's registered name (required for a producer's workspace).
    pub producer: String,
}

/// A field of [`NewWorkspace`] that is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewWorkspaceField {
    Commune,
    Province,
    Producer,
}

/// Why a workspace could not be started.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// A field the kind needs is empty.
    #[error("missing {0:?}")]
    Missing(NewWorkspaceField),
    /// The folder is already a workspace (open it instead).
    #[error("already a workspace — {0}")]
    IsWorkspace(PathBuf),
    /// The folder holds other files: a workspace is not mixed into them.
    #[error("folder not empty — {0}")]
    NotEmpty(PathBuf),
    /// The path is a file, or the folder cannot be read.
    #[error("not a folder — {0}")]
    NotAFolder(PathBuf),
    /// Writing failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl NewWorkspace {
    /// The first missing field the kind needs, if any.
    pub fn missing(&self) -> Option<NewWorkspaceField> {
        let empty = |s: &str| s.trim().is_empty();
        match self.kind {
            WorkspaceKind::Commune if empty(&self.commune) => Some(NewWorkspaceField::Commune),
            WorkspaceKind::Commune if empty(&self.province) => Some(NewWorkspaceField::Province),
            WorkspaceKind::Producer if empty(&self.producer) => Some(NewWorkspaceField::Producer),
            _ => None,
        }
    }

    /// The settings the workspace starts with. A commune's is named after the commune
    /// ("Xã Hồng Quang, Tuyên Quang"); a producer's after the producer.
    pub fn info(&self) -> WorkspaceInfo {
        let clean = |s: &str| nfc(s.trim());
        let commune = clean(&self.commune);
        let province = clean(&self.province);
        let name = match self.kind {
            WorkspaceKind::Commune => {
                let commune_named = if crate::domain::search::fold(&commune).starts_with("xa ")
                    || crate::domain::search::fold(&commune).starts_with("phuong ")
                {
                    commune.clone()
                } else {
                    format!("Xã {commune}")
                };
                if province.is_empty() {
                    commune_named
                } else {
                    format!("{commune_named}, {province}")
                }
            }
            WorkspaceKind::Producer => clean(&self.producer),
        };
        WorkspaceInfo {
            name,
            commune,
            province,
            officers: Some(clean(&self.officer))
                .filter(|o| !o.is_empty())
                .into_iter()
                .collect(),
            notes: String::new(),
            kind: self.kind,
        }
    }

    /// The folder proposed for it: a new folder named after the commune (or producer)
    /// in the user's Documents, made unique if one of that name exists.
    pub fn proposed_folder(&self) -> Option<PathBuf> {
        let base = storage::documents_dir()?;
        let label = match self.kind {
            WorkspaceKind::Commune => format!("OCOP {}", self.commune.trim()),
            WorkspaceKind::Producer => format!("OCOP {}", self.producer.trim()),
        };
        let stem = crate::domain::filename::safe_stem(label.trim(), "OCOP");
        let first = base.join(&stem);
        if storage::folder_state(&first) == FolderState::Missing {
            return Some(first);
        }
        (2..100)
            .map(|n| base.join(format!("{stem} ({n})")))
            .find(|p| storage::folder_state(p) == FolderState::Missing)
    }
}

/// Starts a workspace of `spec` in `dir` (made if missing). Refused, with nothing
/// written, when a field is missing or `dir` is a workspace or holds other files.
pub fn create_workspace(dir: &Path, spec: &NewWorkspace) -> Result<(), CreateError> {
    if let Some(field) = spec.missing() {
        return Err(CreateError::Missing(field));
    }
    match storage::folder_state(dir) {
        FolderState::Missing | FolderState::Empty => {}
        FolderState::Workspace => return Err(CreateError::IsWorkspace(dir.to_owned())),
        FolderState::NotEmpty => return Err(CreateError::NotEmpty(dir.to_owned())),
        FolderState::NotAFolder => return Err(CreateError::NotAFolder(dir.to_owned())),
    }
    let workspace = Workspace {
        info: spec.info(),
        products: crate::domain::store::Products::new(),
    };
    storage::save_workspace(dir, &workspace)?;
    Ok(())
}
