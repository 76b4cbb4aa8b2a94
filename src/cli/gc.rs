//! `gc DIR [--dry-run] [--grace-days N] [--empty-trash]`: moves evidence files that no
//! product uses to `trash/evidence/`, from a fresh scan of every product file, keeping
//! files younger than the grace period (they may be waiting for their product file to
//! arrive through a sync folder). `--empty-trash` then deletes `trash/evidence/`.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::storage;
use crate::text::{self, Lang};

use super::out::{Out, printable};

pub fn run(args: &[String]) -> Result<(), String> {
    let dir = Path::new(args.first().ok_or("gc needs a folder")?);
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let lang = super::lang_from(args);
    let vi = lang == Lang::Vi;
    let mut out = Out::new();
    if args.iter().any(|a| a == "--empty-trash") {
        let removed = storage::evidence::empty_evidence_trash(dir)
            .map_err(|e| text::evidence_error(&e, lang))?;
        out.line(if vi {
            format!(
                "đã xóa hẳn {removed} tệp trong {}",
                storage::evidence::EVIDENCE_TRASH_DIR
            )
        } else {
            format!(
                "deleted {} in {}",
                text::count(removed, lang, "", "file", "files"),
                storage::evidence::EVIDENCE_TRASH_DIR
            )
        });
        return out.finish();
    }
    let grace = match super::flag(args, "--grace-days") {
        Some(raw) => Duration::from_secs(
            raw.parse::<u64>()
                .map_err(|_| format!("--grace-days: “{raw}” is not a whole number"))?
                .saturating_mul(24 * 3600),
        ),
        None => storage::EVIDENCE_GRACE,
    };
    // Said, not refused: a file attached on another PC may arrive before its product file.
    if grace < storage::EVIDENCE_GRACE {
        super::out::warning(lang, lang.t(text::GC_SHORT_GRACE));
    }
    let plan = storage::unused_evidence(dir, SystemTime::now(), grace)
        .map_err(|e| text::storage_error(&e, lang))?;
    for stored in &plan.removable {
        if dry_run {
            out.line(if vi {
                format!("sẽ chuyển vào thùng rác: {stored}")
            } else {
                format!("would move to trash: {stored}")
            });
        } else {
            storage::evidence::remove_stored(dir, stored)
                .map_err(|e| text::evidence_error(&e, lang))?;
            out.line(if vi {
                format!(
                    "đã chuyển vào {}: {stored}",
                    storage::evidence::EVIDENCE_TRASH_DIR
                )
            } else {
                format!(
                    "moved to {}: {stored}",
                    storage::evidence::EVIDENCE_TRASH_DIR
                )
            });
        }
    }
    for stored in &plan.misnamed {
        out.line(printable(&if vi {
            format!("tên tệp không khớp nội dung (SHA-256), giữ nguyên: {stored}")
        } else {
            format!("name does not match the content's SHA-256, kept: {stored}")
        }));
    }
    let days = grace.as_secs() / (24 * 3600);
    let (n, young) = (plan.removable.len(), plan.too_young.len());
    out.line(match (vi, dry_run) {
        (true, true) => format!(
            "{n} tệp minh chứng không dùng (chạy thử: chưa chuyển gì); {young} tệp mới hơn {days} ngày được giữ"
        ),
        (true, false) => format!(
            "{n} tệp minh chứng không dùng đã chuyển vào thùng rác; {young} tệp mới hơn {days} ngày được giữ"
        ),
        (false, true) => format!(
            "{n} unused evidence file(s) (dry run: nothing moved); {young} newer than {days} days kept"
        ),
        (false, false) => format!(
            "{n} unused evidence file(s) moved to trash; {young} newer than {days} days kept"
        ),
    });
    out.finish()
}
