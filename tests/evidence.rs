//! Evidence store tests, in temporary folders only: hashing, dedup, streaming of a
//! large file, cancellation, hostile stored paths, NFC names, verify, orphans and
//! crash leftovers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use ocop_tracker::domain::dossier::Attachment;
use ocop_tracker::storage::evidence::{
    self, CHUNK_BYTES, EVIDENCE_DIR, EvidenceError, EvidenceStatus, Imported,
};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

/// A workspace folder and a separate folder for source files, both temporary.
struct Fixture {
    _root: tempfile::TempDir,
    workspace: PathBuf,
    sources: PathBuf,
}

fn fixture() -> Fixture {
    let root = tempfile::tempdir().unwrap();
    let workspace = root.path().join("workspace");
    let sources = root.path().join("sources");
    fs::create_dir(&workspace).unwrap();
    fs::create_dir(&sources).unwrap();
    Fixture {
        _root: root,
        workspace,
        sources,
    }
}

fn write_source(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn import(workspace: &Path, source: &Path) -> Result<Imported, EvidenceError> {
    evidence::import_file(workspace, source, &mut |_| {}, &AtomicBool::new(false))
}

/// Every file name under `dir`, recursively (links included, not followed).
fn all_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            out.extend(all_files(&entry.path()));
        } else {
            out.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

fn attachment(imported: &Imported) -> Attachment {
    let added_at = NaiveDate::from_ymd_opt(2026, 3, 1)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    imported.to_attachment(added_at)
}

/// Writes `size` pseudo-random bytes to `path` in 1 MiB steps; returns their SHA-256.
fn write_large(path: &Path, size: usize) -> String {
    let mut file = fs::File::create(path).unwrap();
    let mut hasher = Sha256::new();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut chunk = vec![0_u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        for byte in &mut chunk[..n] {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            *byte = (state >> 56) as u8;
        }
        file.write_all(&chunk[..n]).unwrap();
        hasher.update(&chunk[..n]);
        left -= n;
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn hash_matches_known_sha256_and_layout() {
    let f = fixture();
    let source = write_source(&f.sources, "Giấy chứng nhận.TXT", b"abc");
    let imported = import(&f.workspace, &source).unwrap();
    assert_eq!(imported.sha256, ABC_SHA256);
    assert_eq!(imported.size_bytes, 3);
    assert_eq!(
        imported.stored_path,
        format!("evidence/ba/{ABC_SHA256}.txt")
    );
    assert_eq!(imported.file_name, "Giấy chứng nhận.TXT");
    assert!(!imported.already_stored);
    let on_disk = f
        .workspace
        .join("evidence")
        .join("ba")
        .join(format!("{ABC_SHA256}.txt"));
    assert_eq!(fs::read(on_disk).unwrap(), b"abc");
    // The source is untouched.
    assert_eq!(fs::read(&source).unwrap(), b"abc");
}

#[test]
fn extension_rules() {
    let f = fixture();
    let check = |name: &str, content: &[u8], expected_suffix: &str| {
        let source = write_source(&f.sources, name, content);
        let imported = import(&f.workspace, &source).unwrap();
        let expected = format!("{}{expected_suffix}", imported.sha256);
        assert!(
            imported.stored_path.ends_with(&format!("/{expected}")),
            "{name}: {}",
            imported.stored_path
        );
    };
    check("scan.JPG", b"1", ".jpg");
    check("no-extension", b"2", "");
    check("archive.tar.gz", b"3", ".gz");
    check("weird.p-d", b"4", "");
    check("long.abcdefghijk", b"5", "");
    check("ten.abcdefghij", b"6", ".abcdefghij");
    check("viet.ảnh", b"7", "");
    check("trailing.", b"8", "");
}

#[test]
fn same_content_under_two_names_is_stored_once() {
    let f = fixture();
    let first = write_source(&f.sources, "a.pdf", b"same bytes");
    let second = write_source(&f.sources, "b.PDF", b"same bytes");
    let third = write_source(&f.sources, "c.pdf.bak", b"same bytes");
    let one = import(&f.workspace, &first).unwrap();
    let two = import(&f.workspace, &second).unwrap();
    assert!(!one.already_stored);
    assert!(two.already_stored);
    assert_eq!(one.stored_path, two.stored_path);
    assert_eq!(two.file_name, "b.PDF");
    // Another extension still finds the stored copy.
    let three = import(&f.workspace, &third).unwrap();
    assert!(three.already_stored);
    assert_eq!(three.stored_path, one.stored_path);
    assert_eq!(
        evidence::list_stored(&f.workspace).unwrap(),
        vec![one.stored_path]
    );
    // No temporary file left behind by the dedup path.
    assert_eq!(all_files(&f.workspace.join(EVIDENCE_DIR)).len(), 1);
}

#[test]
fn damaged_copy_at_content_address_is_replaced() {
    let f = fixture();
    let source = write_source(&f.sources, "a.txt", b"abc");
    let first = import(&f.workspace, &source).unwrap();
    let stored = evidence::resolve(&f.workspace, &first.stored_path).unwrap();
    fs::write(&stored, b"abd").unwrap();
    let again = import(&f.workspace, &source).unwrap();
    assert!(!again.already_stored);
    assert_eq!(again.stored_path, first.stored_path);
    assert_eq!(fs::read(&stored).unwrap(), b"abc");
}

#[test]
fn empty_file_imports() {
    let f = fixture();
    let source = write_source(&f.sources, "empty.txt", b"");
    let imported = import(&f.workspace, &source).unwrap();
    assert_eq!(imported.size_bytes, 0);
    assert_eq!(
        imported.sha256,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn large_file_streams_with_progress() {
    let f = fixture();
    let size = 64 * 1024 * 1024 + 12_345;
    let source = f.sources.join("video.MP4");
    let expected = write_large(&source, size);

    let mut reports: Vec<u64> = Vec::new();
    let imported = evidence::import_file(
        &f.workspace,
        &source,
        &mut |done| reports.push(done),
        &AtomicBool::new(false),
    )
    .unwrap();

    assert_eq!(imported.sha256, expected);
    assert_eq!(imported.size_bytes, size as u64);
    assert!(imported.stored_path.ends_with(".mp4"));
    let stored = evidence::resolve(&f.workspace, &imported.stored_path).unwrap();
    assert_eq!(fs::metadata(&stored).unwrap().len(), size as u64);

    // One report per chunk at least: the file went through in bounded steps.
    assert!(
        reports.len() >= size / CHUNK_BYTES,
        "{} reports",
        reports.len()
    );
    assert!(reports.windows(2).all(|w| w[0] < w[1]), "not increasing");
    assert!(
        reports
            .windows(2)
            .all(|w| w[1] - w[0] <= CHUNK_BYTES as u64)
    );
    assert_eq!(reports.last().copied(), Some(size as u64));

    let attachment = attachment(&imported);
    assert_eq!(
        evidence::verify(&f.workspace, &attachment, &AtomicBool::new(false)),
        EvidenceStatus::Ok
    );
}

#[test]
fn cancel_mid_copy_leaves_nothing() {
    let f = fixture();
    let source = f.sources.join("big.bin");
    write_large(&source, 8 * CHUNK_BYTES);
    let cancel = AtomicBool::new(false);
    let mut reports = 0;
    let result = evidence::import_file(
        &f.workspace,
        &source,
        &mut |_| {
            reports += 1;
            cancel.store(true, Ordering::Relaxed);
        },
        &cancel,
    );
    assert!(
        matches!(result, Err(EvidenceError::Cancelled)),
        "{result:?}"
    );
    assert_eq!(reports, 1);
    assert_eq!(
        all_files(&f.workspace.join(EVIDENCE_DIR)),
        Vec::<String>::new()
    );
    assert!(evidence::list_stored(&f.workspace).unwrap().is_empty());
}

#[test]
fn cancel_before_start_leaves_nothing() {
    let f = fixture();
    let source = write_source(&f.sources, "a.txt", b"abc");
    let result = evidence::import_file(&f.workspace, &source, &mut |_| {}, &AtomicBool::new(true));
    assert!(matches!(result, Err(EvidenceError::Cancelled)));
    assert!(all_files(&f.workspace.join(EVIDENCE_DIR)).is_empty());
}

#[test]
fn directories_and_missing_sources_are_refused() {
    let f = fixture();
    let result = import(&f.workspace, &f.sources);
    assert!(
        matches!(result, Err(EvidenceError::NotAFile { .. })),
        "{result:?}"
    );
    let result = import(&f.workspace, &f.sources.join("nope.pdf"));
    assert!(
        matches!(result, Err(EvidenceError::Io { .. })),
        "{result:?}"
    );
    assert!(all_files(&f.workspace.join(EVIDENCE_DIR)).is_empty());
}

#[test]
fn resolve_rejects_hostile_paths() {
    let f = fixture();
    let hostile = [
        "",
        "../x",
        "evidence/../../etc/passwd",
        "evidence/ab/../../../x",
        "/etc/passwd",
        "C:\\x",
        "C:/x",
        "\\\\server\\share\\x",
        "//server/share/x",
        "evidence/./a",
        "evidence\\a",
        "evidence/a\0b",
        "evidence/a\nb",
        "evidence",
        "evidence/",
        "evidence//a",
        "evidence/a/",
        "./evidence/a",
        "products/x.ron",
        "workspace.ron",
        "Evidence/a",
        "evidence/ab/file.pdf:stream",
        "evidence/.. /x",
        "evidence/.../x",
        "evidence/ab/CON",
        "evidence/ab/nul.txt",
        "evidence/ab/com1.pdf",
    ];
    for stored_path in hostile {
        let result = evidence::resolve(&f.workspace, stored_path);
        assert!(
            matches!(result, Err(EvidenceError::UnsafePath { .. })),
            "{stored_path:?} gave {result:?}"
        );
    }
    let long = format!("evidence/{}", "a".repeat(2000));
    assert!(matches!(
        evidence::resolve(&f.workspace, &long),
        Err(EvidenceError::UnsafePath { .. })
    ));
}

#[test]
fn resolve_accepts_store_paths_even_if_missing() {
    let f = fixture();
    let stored_path = format!("evidence/ba/{ABC_SHA256}.txt");
    let resolved = evidence::resolve(&f.workspace, &stored_path).unwrap();
    assert_eq!(
        resolved,
        f.workspace
            .join("evidence")
            .join("ba")
            .join(format!("{ABC_SHA256}.txt"))
    );
    assert!(!resolved.exists());
}

#[test]
fn error_messages_put_the_path_last() {
    let err = evidence::resolve(Path::new("."), "../x").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unsafe evidence path ('..' component) — \"../x\""
    );
}

#[cfg(unix)]
#[test]
fn symlinks_inside_evidence_are_refused() {
    use std::os::unix::fs::symlink;

    let f = fixture();
    let outside_file = write_source(&f.sources, "secret.txt", b"secret");
    let evidence_dir = f.workspace.join(EVIDENCE_DIR);
    fs::create_dir(&evidence_dir).unwrap();
    // A link to a file outside, and a shard folder that is a link to a folder outside.
    symlink(&outside_file, evidence_dir.join("link.txt")).unwrap();
    symlink(&f.sources, evidence_dir.join("ab")).unwrap();

    for stored_path in [
        "evidence/link.txt",
        "evidence/ab/secret.txt",
        "evidence/ab/none",
    ] {
        let result = evidence::resolve(&f.workspace, stored_path);
        assert!(
            matches!(result, Err(EvidenceError::UnsafePath { .. })),
            "{stored_path:?} gave {result:?}"
        );
    }

    // verify reports it without reading; remove_stored refuses and the target survives.
    let linked = Attachment {
        sha256: "0".repeat(64),
        file_name: "secret.txt".into(),
        size_bytes: 6,
        stored_path: "evidence/link.txt".into(),
        added_at: NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
        document_date: None,
        valid_until: None,
    };
    assert!(matches!(
        evidence::verify(&f.workspace, &linked, &AtomicBool::new(false)),
        EvidenceStatus::Unsafe { .. }
    ));
    assert!(matches!(
        evidence::remove_stored(&f.workspace, "evidence/ab/secret.txt"),
        Err(EvidenceError::UnsafePath { .. })
    ));
    assert_eq!(fs::read(&outside_file).unwrap(), b"secret");

    // Listing does not follow links.
    assert!(evidence::list_stored(&f.workspace).unwrap().is_empty());

    // Importing content whose shard folder is a link is refused, and nothing is left.
    let hashes_to_ab = (0..10_000)
        .map(|i| format!("content {i}"))
        .find(|c| format!("{:x}", Sha256::digest(c.as_bytes())).starts_with("ab"))
        .unwrap();
    let source = write_source(&f.sources, "x.txt", hashes_to_ab.as_bytes());
    let result = import(&f.workspace, &source);
    assert!(
        matches!(result, Err(EvidenceError::UnsafePath { .. })),
        "{result:?}"
    );
    let left: Vec<String> = all_files(&evidence_dir);
    assert!(left.iter().all(|n| !n.ends_with(".part")), "{left:?}");
}

#[cfg(unix)]
#[test]
fn evidence_folder_that_is_a_symlink_is_refused() {
    use std::os::unix::fs::symlink;

    let f = fixture();
    symlink(&f.sources, f.workspace.join(EVIDENCE_DIR)).unwrap();
    let source = write_source(&f.sources, "a.txt", b"abc");
    let result = import(&f.workspace, &source);
    assert!(
        matches!(result, Err(EvidenceError::UnsafePath { .. })),
        "{result:?}"
    );
    assert!(matches!(
        evidence::resolve(&f.workspace, &format!("evidence/ba/{ABC_SHA256}.txt")),
        Err(EvidenceError::UnsafePath { .. })
    ));
    assert!(evidence::list_stored(&f.workspace).is_err());
    assert_eq!(all_files(&f.sources), vec!["a.txt".to_owned()]);
}

#[test]
fn decomposed_vietnamese_name_comes_back_nfc() {
    let f = fixture();
    let composed = "Phiếu kiểm nghiệm.pdf";
    let decomposed: String = composed.nfd().collect();
    assert_ne!(composed, decomposed);
    let source = write_source(&f.sources, &decomposed, b"%PDF-1.7 lab report");
    let imported = import(&f.workspace, &source).unwrap();
    assert_eq!(imported.file_name, composed);
    assert!(imported.stored_path.ends_with(".pdf"));
}

#[test]
fn verify_reports_each_status() {
    let f = fixture();
    let cancel = AtomicBool::new(false);
    let source = write_source(&f.sources, "report.pdf", b"original content");
    let imported = import(&f.workspace, &source).unwrap();
    let mut attachment = attachment(&imported);
    let stored = evidence::resolve(&f.workspace, &attachment.stored_path).unwrap();

    assert_eq!(
        evidence::verify(&f.workspace, &attachment, &cancel),
        EvidenceStatus::Ok
    );

    assert_eq!(
        evidence::verify(&f.workspace, &attachment, &AtomicBool::new(true)),
        EvidenceStatus::Unchecked {
            reason: "cancelled".into()
        }
    );

    // Edited behind the app's back, same length.
    fs::write(&stored, b"ORIGINAL content").unwrap();
    assert_eq!(
        evidence::verify(&f.workspace, &attachment, &cancel),
        EvidenceStatus::Altered {
            actual_sha256: format!("{:x}", Sha256::digest(b"ORIGINAL content")),
            actual_size_bytes: 16,
        }
    );

    // Edited, another length.
    fs::write(&stored, b"short").unwrap();
    assert_eq!(
        evidence::verify(&f.workspace, &attachment, &cancel),
        EvidenceStatus::Altered {
            actual_sha256: format!("{:x}", Sha256::digest(b"short")),
            actual_size_bytes: 5,
        }
    );

    // A recorded hash in upper case (hand-edited save file) still matches.
    fs::write(&stored, b"original content").unwrap();
    let mut upper = attachment.clone();
    upper.sha256 = upper.sha256.to_ascii_uppercase();
    assert_eq!(
        evidence::verify(&f.workspace, &upper, &cancel),
        EvidenceStatus::Ok
    );

    fs::remove_file(&stored).unwrap();
    assert_eq!(
        evidence::verify(&f.workspace, &attachment, &cancel),
        EvidenceStatus::Missing
    );

    // A hostile save file points outside the workspace; the file there exists.
    write_source(
        f.workspace.parent().unwrap(),
        "outside",
        b"original content",
    );
    attachment.stored_path = "../outside".into();
    assert!(matches!(
        evidence::verify(&f.workspace, &attachment, &cancel),
        EvidenceStatus::Unsafe { .. }
    ));
}

#[test]
fn verify_refuses_a_folder_at_the_stored_path() {
    let f = fixture();
    let source = write_source(&f.sources, "a.txt", b"abc");
    let imported = import(&f.workspace, &source).unwrap();
    let stored = evidence::resolve(&f.workspace, &imported.stored_path).unwrap();
    fs::remove_file(&stored).unwrap();
    fs::create_dir(&stored).unwrap();
    assert_eq!(
        evidence::verify(
            &f.workspace,
            &attachment(&imported),
            &AtomicBool::new(false)
        ),
        EvidenceStatus::Unsafe {
            reason: "not a regular file"
        }
    );
}

#[test]
fn orphans_lists_unreferenced_files_only() {
    let f = fixture();
    let kept = import(&f.workspace, &write_source(&f.sources, "a.pdf", b"a")).unwrap();
    let orphan_one = import(&f.workspace, &write_source(&f.sources, "b.jpg", b"b")).unwrap();
    let orphan_two = import(&f.workspace, &write_source(&f.sources, "c", b"c")).unwrap();
    // Noise that is not a stored file: a temp file, an OS metadata file, a folder.
    let evidence_dir = f.workspace.join(EVIDENCE_DIR);
    fs::write(evidence_dir.join(".incoming-1-1.part"), b"partial").unwrap();
    fs::write(evidence_dir.join(".DS_Store"), b"").unwrap();
    fs::create_dir(evidence_dir.join("empty")).unwrap();

    let referenced = BTreeSet::from([kept.stored_path.clone()]);
    let mut expected = vec![
        orphan_one.stored_path.clone(),
        orphan_two.stored_path.clone(),
    ];
    expected.sort();
    assert_eq!(
        evidence::orphans(&f.workspace, &referenced).unwrap(),
        expected
    );

    for stored_path in &expected {
        evidence::remove_stored(&f.workspace, stored_path).unwrap();
    }
    // Removing again is fine; removing outside the store is not.
    evidence::remove_stored(&f.workspace, &orphan_one.stored_path).unwrap();
    assert!(matches!(
        evidence::remove_stored(&f.workspace, "../sources/a.pdf"),
        Err(EvidenceError::UnsafePath { .. })
    ));
    assert!(f.sources.join("a.pdf").exists());

    assert!(
        evidence::orphans(&f.workspace, &referenced)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        evidence::list_stored(&f.workspace).unwrap(),
        vec![kept.stored_path]
    );
}

#[test]
fn list_stored_on_a_fresh_workspace_is_empty() {
    let f = fixture();
    assert!(evidence::list_stored(&f.workspace).unwrap().is_empty());
    assert_eq!(evidence::clean_incoming(&f.workspace), 0);
}

#[test]
fn clean_incoming_removes_stale_part_files() {
    let f = fixture();
    let stored = import(&f.workspace, &write_source(&f.sources, "a.pdf", b"a")).unwrap();
    let evidence_dir = f.workspace.join(EVIDENCE_DIR);
    let stale = evidence_dir.join(".incoming-4242-0.part");
    let fresh = evidence_dir.join(".incoming-4343-0.part");
    let unrelated = evidence_dir.join("notes.part");
    fs::write(&stale, b"crashed import").unwrap();
    fs::write(&fresh, b"import in progress elsewhere").unwrap();
    fs::write(&unrelated, b"not ours").unwrap();
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();

    assert_eq!(evidence::clean_incoming(&f.workspace), 1);
    assert!(!stale.exists());
    assert!(
        fresh.exists(),
        "a recent part file may belong to a live import"
    );
    assert!(unrelated.exists());
    assert!(
        evidence::resolve(&f.workspace, &stored.stored_path)
            .unwrap()
            .exists()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn bench_import_runs_and_cleans_up() {
    let f = fixture();
    // Correctness only: no timed assertion (shared, noisy machines).
    ocop_tracker::storage::probe::bench_import(&f.workspace, 3 * 1024 * 1024 + 7).unwrap();
    assert_eq!(all_files(&f.workspace), Vec::<String>::new());
}

#[test]
fn panic_in_progress_callback_leaves_nothing() {
    let f = fixture();
    let source = f.sources.join("big.bin");
    write_large(&source, 3 * CHUNK_BYTES);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        evidence::import_file(
            &f.workspace,
            &source,
            &mut |_| panic!("UI went away"),
            &AtomicBool::new(false),
        )
    }));
    assert!(outcome.is_err());
    assert!(all_files(&f.workspace.join(EVIDENCE_DIR)).is_empty());
}

#[test]
fn verify_without_a_workspace_is_unchecked() {
    let f = fixture();
    let source = write_source(&f.sources, "a.txt", b"abc");
    let imported = import(&f.workspace, &source).unwrap();
    let gone = f.workspace.with_file_name("no-such-workspace");
    assert!(matches!(
        evidence::verify(&gone, &attachment(&imported), &AtomicBool::new(false)),
        EvidenceStatus::Unchecked { .. }
    ));
}
