//! The one door from `ui/` to the system (`tests/layers.rs` holds `ui/` to it): what the
//! window's shell asks at start-up (which workspace to open), the diagnostics the About
//! box shows, the built-in fonts, a file copied under its own name to be opened, the
//! bundle tasks, and the storage types the screens show. `ui/` names no `storage::`.

use std::path::Path;

pub use crate::storage::assets::{dejavu_sans, dejavu_sans_bold};
pub use crate::storage::bundle::{
    BundleError, Opened, Verified, extract_evidence, open as open_bundle, verify as verify_bundle,
};
pub use crate::storage::diagnostics::{
    Crash, ensure_log_dir, is_temporary, log_dir, renderer, set_renderer, settings_value,
};
pub use crate::storage::evidence::{EvidenceStatus, Imported, named_copy_for_opening};
pub use crate::storage::{CleanupPlan, ConflictCopy, ConflictTool, PrivateFolder, StorageError};

/// Whether the window may open `dir` at start without asking (the last workspace): it
/// looks like a workspace, and is not under the system's temporary folder `refuse_temp`
/// (a zip opened in place, whose folder goes away).
pub fn may_open_at_start(dir: &Path, refuse_temp: Option<&Path>) -> bool {
    crate::storage::looks_like_workspace(dir)
        && !refuse_temp.is_some_and(|t| crate::storage::diagnostics::is_temporary(dir, t))
}

/// Whether `path` is a bundle to open for review (a `.zip` file) rather than a folder.
pub fn is_bundle_to_review(path: &Path) -> bool {
    crate::storage::bundle::is_zip_to_review(path)
}

/// Whether `dir` is an empty (or missing) folder: one to start a new workspace in.
pub fn is_empty_folder(dir: &Path) -> bool {
    matches!(
        crate::storage::folder_state(dir),
        crate::storage::FolderState::Empty
    )
}
