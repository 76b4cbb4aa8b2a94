//! `gc DIR [--dry-run] [--grace-days N] [--empty-trash]`: moves evidence files that no
//! product uses to `trash/evidence/`, from a fresh scan of every product file, keeping
//! files younger than the grace period (they may be waiting for their product file to
//! arrive through a sync folder). `--empty-trash` then deletes `trash/evidence/`.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::storage;
use crate::text;

use super::out::{Out, printable};

pub fn run(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = Path::new(
        args.first()
            .ok_or_else(|| text::cli_needs_folder("gc", lang))?,
    );
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let mut out = Out::new();
    if args.iter().any(|a| a == "--empty-trash") {
        let removed = storage::evidence::empty_evidence_trash(dir)
            .map_err(|e| text::evidence_error(&e, lang))?;
        out.line(text::cli_gc_emptied(removed, lang));
        return out.finish(lang);
    }
    let grace = match super::flag(args, "--grace-days") {
        Some(raw) => Duration::from_secs(
            raw.parse::<u64>()
                .map_err(|_| text::cli_not_whole_number("--grace-days", raw, lang))?
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
            out.line(text::cli_gc_would_move(stored, lang));
        } else {
            storage::evidence::remove_stored(dir, stored)
                .map_err(|e| text::evidence_error(&e, lang))?;
            out.line(text::cli_gc_moved(stored, lang));
        }
    }
    for stored in &plan.misnamed {
        out.line(printable(&text::cli_gc_misnamed(stored, lang)));
    }
    let days = grace.as_secs() / (24 * 3600);
    let (n, young) = (plan.removable.len(), plan.too_young.len());
    out.line(text::cli_gc_summary(n, young, days, dry_run, lang));
    out.finish(lang)
}
