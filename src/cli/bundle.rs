//! The electronic dossier bundle from the command line:
//! `bundle DIR --product ID --out FILE`, `verify FILE`, `receive DIR FILE`.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use crate::app::exchange::bundle_file_name;
use crate::domain::model::ProductId;
use crate::storage::{self, bundle::BundleError};
use crate::text::{self, Lang};

use super::out::printable;

/// Progress on standard error, one line per tenth, for work over 32 MiB (a small bundle
/// is done before anyone reads a line).
fn progress_printer(lang: Lang, what: text::Tr) -> impl FnMut(u64, u64) {
    let mut shown = 0;
    move |done, total| {
        if total < 32 << 20 {
            return;
        }
        let tenth = done.saturating_mul(10) / total;
        if tenth > shown {
            shown = tenth;
            eprintln!("{} … {}%", lang.t(what), tenth * 10);
        }
    }
}

/// `bundle DIR --product ID [--out FILE]`: the product's bundle (default
/// `<name>.ocop.zip` in the current folder).
pub fn export(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = Path::new(
        args.first()
            .ok_or_else(|| text::cli_needs_folder("bundle", lang))?,
    );
    let raw_id =
        super::flag(args, "--product").ok_or_else(|| text::cli_needs_product("bundle", lang))?;
    let mut state = super::open_state(dir, args, lang)?;
    if let Some(by) = super::flag(args, "--by") {
        state.set_officer(by);
    }
    let id = ProductId::parse(raw_id)
        .filter(|id| state.workspace().products.contains_key(id))
        .ok_or_else(|| format!("{}: “{}”", lang.t(text::NO_SUCH_PRODUCT), printable(raw_id)))?;
    let out = match super::flag(args, "--out") {
        Some(out) => std::path::PathBuf::from(out),
        None => {
            let default = state
                .workspace()
                .products
                .get(&id)
                .map(|p| std::path::PathBuf::from(bundle_file_name(p)))
                .unwrap_or_default();
            // The name comes from the product's name: another product of the same name
            // (two communes' "Mật ong") would be silently replaced. Refused, named.
            if let Ok((manifest, _)) = storage::bundle::peek(&default)
                && manifest.product_id != id
            {
                return Err(format!(
                    "{} “{}” ({}) — {}",
                    lang.t(text::CLI_BUNDLE_OF_ANOTHER),
                    printable(&manifest.product_name),
                    manifest.product_id,
                    printable(&default.display().to_string())
                ));
            }
            default
        }
    };
    let request = state
        .bundle_request(&id)
        .map_err(|err| crate::say::app_error(&err, lang))?;
    let manifest = request
        .write(
            &out,
            &mut progress_printer(lang, text::BUNDLE_WRITING),
            &AtomicBool::new(false),
        )
        .map_err(|err| text::bundle_error(&err, lang))?;
    eprintln!(
        "{}: {} ({} {}, {} byte) → {}",
        lang.t(text::BUNDLE_WRITTEN),
        manifest.product_name,
        manifest.files.len(),
        lang.t(text::FILES),
        manifest.total_bytes(),
        printable(&out.display().to_string())
    );
    let gaps = state.bundle_gaps(&id);
    if !gaps.is_empty() {
        super::out::warning(lang, &text::bundle_gaps(&gaps, lang));
    }
    Ok(())
}

/// `verify FILE`: exit 0 sound, 1 problems (each named), 2 not a bundle.
pub fn verify(args: &[String]) -> ExitCode {
    let lang = super::lang_from(args);
    let Some(file) = args.first().filter(|a| !a.starts_with("--")) else {
        super::out::error(lang, lang.t(text::CLI_VERIFY_NEEDS_FILE));
        return ExitCode::from(2);
    };
    let path = Path::new(file);
    match storage::bundle::verify(
        path,
        &mut progress_printer(lang, text::BUNDLE_CHECKING),
        &AtomicBool::new(false),
    ) {
        Ok(verified) => {
            let m = &verified.manifest;
            // "Cốm Hồng Quang (com-hong-quang) · HTX … · người lập: Ma Thị Hoa (chủ thể) ·
            // 20/11/2026 10:00"; an empty part is left out, not shown as "·  ·".
            let who = match m.made_by.trim() {
                "" => text::made_in(m.made_in, lang).to_owned(),
                name => format!(
                    "{}: {name} ({})",
                    lang.t(text::BUNDLE_MADE_BY),
                    text::made_in(m.made_in, lang)
                ),
            };
            let parts = [
                format!("{} ({})", m.product_name, m.product_id),
                m.producer.trim().to_owned(),
                who,
                m.made_at.format("%d/%m/%Y %H:%M").to_string(),
            ];
            let parts: Vec<&str> = parts
                .iter()
                .map(String::as_str)
                .filter(|p| !p.is_empty())
                .collect();
            println!("{}", parts.join(" · "));
            if verified.problems.is_empty() {
                println!(
                    "{} ({} {})",
                    lang.t(text::BUNDLE_SOUND),
                    m.files.len(),
                    lang.t(text::FILES)
                );
                ExitCode::SUCCESS
            } else {
                println!("{}:", lang.t(text::BUNDLE_HAS_PROBLEMS));
                for problem in &verified.problems {
                    println!("  {}", printable(&text::problem(problem, lang)));
                }
                ExitCode::from(1)
            }
        }
        Err(err @ BundleError::Problems { .. }) => {
            eprintln!("{}", printable(&text::bundle_error(&err, lang)));
            ExitCode::from(1)
        }
        Err(err) => {
            super::out::error(lang, &text::bundle_error(&err, lang));
            ExitCode::from(2)
        }
    }
}

/// `receive DIR FILE [--received YYYY-MM-DD]`: imports the bundle into the workspace
/// (the other side's parts; the receipt date if given). Exit 0 received, 2 refused.
pub fn receive(args: &[String]) -> ExitCode {
    let lang = super::lang_from(args);
    match receive_inner(args, lang) {
        Ok(code) => code,
        Err(message) => {
            super::out::error(lang, &message);
            ExitCode::from(2)
        }
    }
}

/// `receive`: exit 0 received, 1 written only to a conflict copy (named), 2 refused.
fn receive_inner(args: &[String], lang: Lang) -> Result<ExitCode, String> {
    let positional: Vec<&String> = args.iter().take(2).collect();
    let (Some(dir), Some(file)) = (positional.first(), positional.get(1)) else {
        return Err(lang.t(text::CLI_RECEIVE_NEEDS).to_owned());
    };
    let received = match super::flag(args, "--received") {
        Some(raw) => Some(
            chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map_err(|_| text::summary_flag_error("--received", &printable(raw), lang))?,
        ),
        None => None,
    };
    let mut state = super::open_state(Path::new(dir.as_str()), args, lang)?;
    if let Some(by) = super::flag(args, "--by") {
        state.set_officer(by);
    }
    let conflicts_before = state.conflicts().len();
    let plan = state
        .import_bundle(
            Path::new(file.as_str()),
            received,
            &mut progress_printer(lang, text::BUNDLE_CHECKING),
            &AtomicBool::new(false),
        )
        .map_err(|err| crate::say::app_error(&err, lang))?;
    if !state.flush() {
        return Err(lang.t(text::SAVE_FAILED).to_owned());
    }
    // Never "received" for what went only to a conflict copy.
    if let Some(conflicts) = super::conflicts_written(&state, conflicts_before, lang) {
        super::out::error(lang, &conflicts);
        return Ok(ExitCode::from(1));
    }
    eprintln!(
        "{}: {} ({})",
        lang.t(text::BUNDLE_IMPORTED),
        plan.product.name,
        // Said after the fact: done, not "will be".
        if plan.is_new {
            lang.t(text::RECEIVED_NEW_PRODUCT).to_owned()
        } else if plan.remarks_in.is_empty() {
            format!("{} {}", plan.changes.len(), lang.t(text::RECEIVED_CHANGES))
        } else {
            format!(
                "{} {}, {} {}",
                plan.changes.len(),
                lang.t(text::RECEIVED_CHANGES),
                plan.remarks_in.len(),
                lang.t(text::RECEIVED_REMARKS)
            )
        }
    );
    Ok(ExitCode::SUCCESS)
}
