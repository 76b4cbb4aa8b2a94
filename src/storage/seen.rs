//! When this computer first saw each stored evidence file: the clock the clean-up's grace
//! runs on. A file's modification time is not it: sync tools keep the time a file was
//! made on the other PC, so a photo attached ten days ago over there arrives here with a
//! ten-day-old time, possibly before the product file that names it, and would look old
//! enough to clean up the moment it lands.
//!
//! Kept in `.ocop-seen-<computer>.ron` at the workspace's top: one file per computer (a
//! sync tool carries the others' files here too; each computer reads only its own), a map
//! from SHA-256 to the Unix second it was first seen. A damaged or missing record is
//! started again: every file then counts as first seen now, which only keeps files longer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{StorageError, fsio, shared};

/// The record's largest size read (a SHA-256 and a number per file: 100,000 files fit).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    /// SHA-256 (lower-case hex) → the Unix second this computer first saw the file.
    first_seen: BTreeMap<String, u64>,
}

/// This computer's record in `dir`.
pub fn record_path(dir: &Path) -> PathBuf {
    dir.join(format!(".ocop-seen-{}.ron", shared::computer_name()))
}

fn read(path: &Path) -> Record {
    fsio::read_regular(path, MAX_BYTES)
        .ok()
        .flatten()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| ron::from_str::<Record>(&text).ok())
        .unwrap_or_default()
}

fn seconds(when: SystemTime) -> u64 {
    when.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// When this computer first saw each of `shas`: from the record, or `now` for one not in
/// it (recorded so, and the record written when it grew). A record that cannot be written
/// is an error: the grace could not be kept otherwise.
pub fn first_seen(
    dir: &Path,
    shas: &[String],
    now: SystemTime,
) -> Result<BTreeMap<String, SystemTime>, StorageError> {
    let path = record_path(dir);
    let mut record = read(&path);
    let mut grew = false;
    let mut out = BTreeMap::new();
    for sha in shas {
        let at = *record.first_seen.entry(sha.clone()).or_insert_with(|| {
            grew = true;
            seconds(now)
        });
        out.insert(sha.clone(), UNIX_EPOCH + Duration::from_secs(at));
    }
    if grew {
        write(&path, &record)?;
    }
    Ok(out)
}

/// Sets when this computer first saw `sha` (tests play an older arrival with it; the
/// app records arrivals through [`first_seen`]).
pub fn set_first_seen(dir: &Path, sha: &str, when: SystemTime) -> Result<(), StorageError> {
    let path = record_path(dir);
    let mut record = read(&path);
    record
        .first_seen
        .insert(sha.to_ascii_lowercase(), seconds(when));
    write(&path, &record)
}

fn write(path: &Path, record: &Record) -> Result<(), StorageError> {
    let text =
        ron::ser::to_string_pretty(record, ron::ser::PrettyConfig::default()).map_err(|err| {
            StorageError::Serialize {
                message: err.to_string(),
                path: path.to_owned(),
            }
        })?;
    fsio::write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_first_seen_once_and_a_damaged_record_starts_again() {
        let dir = tempfile::tempdir().expect("tmp");
        let t0 = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let later = t0 + Duration::from_secs(86_400);
        let a = "a".repeat(64);
        let seen = first_seen(dir.path(), std::slice::from_ref(&a), t0).expect("first");
        assert_eq!(seen[&a], t0);
        // Seen again a day later: still the first time.
        let seen = first_seen(dir.path(), std::slice::from_ref(&a), later).expect("again");
        assert_eq!(seen[&a], t0);
        std::fs::write(record_path(dir.path()), "not ron").expect("damage");
        let seen = first_seen(dir.path(), std::slice::from_ref(&a), later).expect("restart");
        assert_eq!(
            seen[&a], later,
            "counted as seen now: kept longer, never shorter"
        );
    }
}
