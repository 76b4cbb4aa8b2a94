//! File work for `bench` and its child processes, kept in the storage layer with the rest
//! of the file code: reading product files raw (the floor loading is measured against),
//! memory figures from `/proc`, scratch folders, and an outside writer's rename.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::PRODUCTS_DIR;

/// A figure from `/proc/self/status` in KiB (`VmHWM` peak, `VmRSS` resident); Linux only.
pub fn proc_status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status
        .lines()
        .find(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reads every product file's bytes one after the other, like `cat products/*.ron`.
pub fn raw_read_products(dir: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let mut bytes = 0usize;
    for entry in std::fs::read_dir(dir.join(PRODUCTS_DIR)).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        bytes += std::fs::read(&path).map_err(|e| e.to_string())?.len();
    }
    std::hint::black_box(bytes);
    Ok(start.elapsed())
}

/// Time of `cat products/*.ron > /dev/null` in the workspace, run by the shell: the
/// "read the same files' bytes" figure a person would measure.
pub fn cat_products(dir: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let status = std::process::Command::new("sh")
        .args(["-c", "cat products/*.ron > /dev/null"])
        .current_dir(dir)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("cat failed: {status}"));
    }
    Ok(start.elapsed())
}

/// A new scratch folder under the system temp folder.
pub fn scratch_dir(name: &str) -> Result<PathBuf, String> {
    let root = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&root).map_err(|e| e.to_string())?;
    Ok(root)
}

/// Removes a scratch folder (best effort).
pub fn remove_scratch(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
}

/// The first product file of a workspace.
pub fn some_product_file(dir: &Path) -> Result<PathBuf, String> {
    std::fs::read_dir(dir.join(PRODUCTS_DIR))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .ok_or_else(|| "no product file".to_owned())
}

/// Rewrites `file` the way another officer's app or a sync tool does (a new file renamed
/// over it), with a comment appended; returns the moment of the rename.
pub fn outside_rewrite(file: &Path, comment: &str) -> Result<Instant, String> {
    let mut bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    bytes.extend_from_slice(format!("// {comment}\n").as_bytes());
    let tmp = file.with_extension("incoming");
    std::fs::write(&tmp, &bytes).map_err(|e| e.to_string())?;
    let at = Instant::now();
    std::fs::rename(&tmp, file).map_err(|e| e.to_string())?;
    Ok(at)
}
