//! `check DIR`: loads everything and names every problem with its file.
//! Exit 0 clean, 1 problems, 2 not a workspace. Never writes.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use crate::storage::{self, evidence::EvidenceStatus};
use crate::text::{self, Lang};

use super::out::{Out, printable};

fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// Every problem of the workspace in `dir`, as lines in `lang`.
fn problems(dir: &Path, lang: Lang) -> Result<(usize, Vec<String>), String> {
    // Every file read for real (not through the open cache): `check` vouches for them.
    let loaded =
        storage::load_workspace_using(dir, None).map_err(|err| text::storage_error(&err, lang))?;
    let (catalog, holiday_problems) =
        storage::assets::catalog_for(dir).map_err(|err| text::storage_error(&err, lang))?;
    let mut problems: Vec<String> = loaded
        .problems
        .iter()
        .chain(holiday_problems.iter())
        .map(|err| text::storage_error(err, lang))
        .collect();
    for copy in &loaded.conflicts {
        problems.push(super::conflicts::describe(copy, lang));
    }
    // Stored evidence whose name is not its content's SHA-256 (renamed by hand, or a
    // damaged copy): reported, never deleted. Referenced files are checked below.
    let referenced: std::collections::BTreeSet<String> = loaded
        .workspace
        .products
        .values()
        .flat_map(|p| {
            p.attachments()
                .map(|a| a.stored_path.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    for stored in storage::evidence::list_stored(dir).unwrap_or_default() {
        if referenced.contains(stored.as_str()) {
            continue;
        }
        let named = storage::evidence::sha_of_stored_name(&stored);
        let actual = storage::evidence::hash_stored(dir, &stored).ok();
        if named.is_none() || named != actual {
            problems.push(pick(
                lang,
                format!(
                    "tệp minh chứng có tên không khớp nội dung (SHA-256); không bao giờ tự xóa — {}",
                    dir.join(&stored).display()
                ),
                format!(
                    "evidence file whose name is not its content's SHA-256; never removed automatically — {}",
                    dir.join(&stored).display()
                ),
            ));
        }
    }
    for dir in storage::temp_dirs(dir) {
        for temp in storage::fsio::stray_temps(&dir) {
            let secs = temp.age.as_secs();
            problems.push(pick(
                lang,
                format!(
                    "tệp tạm còn sót sau khi ứng dụng bị tắt đột ngột ({secs} giây trước); ứng dụng xóa khi mở thư mục — {}",
                    temp.path.display()
                ),
                format!(
                    "temp file left by an interrupted save ({secs} s old); the app removes it when it opens the workspace — {}",
                    temp.path.display()
                ),
            ));
        }
    }
    for product in loaded.workspace.products.values() {
        let path = storage::product_path(dir, &product.id);
        let path = path.display();
        // The product's own data, by the rule a receive applies too (`domain::checks`).
        for problem in crate::domain::checks::data_problems(&product, &catalog) {
            problems.push(format!(
                "{} — {path}",
                text::data_problem(&problem, product.scoring_set, lang)
            ));
        }
        for app in &product.applications {
            for entry in &app.dossier {
                for attachment in &entry.attachments {
                    let never = AtomicBool::new(false);
                    let status = storage::evidence::verify(dir, attachment, &never);
                    let what = match status {
                        // (`verify` never says "in a bundle": that is the many view's.)
                        EvidenceStatus::Ok | EvidenceStatus::InBundle => continue,
                        // Where it went, when the clean-up moved it to the trash.
                        EvidenceStatus::Missing => {
                            match storage::evidence::in_evidence_trash(dir, &attachment.stored_path)
                            {
                                Some(trashed) => pick(
                                    lang,
                                    format!(
                                        "thiếu tệp minh chứng: tệp đang ở thùng rác {} — chép lại vào {} để dùng",
                                        trashed.display(),
                                        attachment.stored_path
                                    ),
                                    format!(
                                        "evidence file missing: it is in the trash at {} — move it back to {} to use it",
                                        trashed.display(),
                                        attachment.stored_path
                                    ),
                                ),
                                None => pick(
                                    lang,
                                    "thiếu tệp minh chứng".into(),
                                    "evidence file missing".into(),
                                ),
                            }
                        }
                        EvidenceStatus::Altered { .. } => pick(
                            lang,
                            "tệp minh chứng đã bị sửa sau khi đính kèm (SHA-256 khác)".into(),
                            "evidence file changed since it was attached (SHA-256 differs)".into(),
                        ),
                        EvidenceStatus::Unsafe { reason } => pick(
                            lang,
                            format!("đường dẫn minh chứng bị từ chối, không đọc: {reason}"),
                            format!("evidence path refused, never read: {reason}"),
                        ),
                        EvidenceStatus::Unchecked { reason } => pick(
                            lang,
                            format!("không kiểm tra được tệp minh chứng: {reason}"),
                            format!("evidence file could not be checked: {reason}"),
                        ),
                    };
                    problems.push(format!(
                        "{what}: “{}” ({}) · {} — {path}",
                        attachment.stored_path, attachment.file_name, entry.key
                    ));
                }
            }
        }
    }
    Ok((loaded.workspace.products.len(), problems))
}

pub fn run(args: &[String]) -> ExitCode {
    let lang = super::lang_from(args);
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        super::out::error(lang, &format!("check needs a folder\n\n{}", super::USAGE));
        return ExitCode::from(2);
    };
    let (count, problems) = match problems(Path::new(dir), lang) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("{}", printable(&message));
            return ExitCode::from(2);
        }
    };
    let mut out = Out::new();
    for problem in &problems {
        out.line(printable(problem));
    }
    out.line(match lang {
        Lang::Vi => format!("đã đọc {count} sản phẩm, {} vấn đề", problems.len()),
        Lang::En => format!(
            "{}, {}",
            text::count(count, lang, "", "product read", "products read"),
            text::count(problems.len(), lang, "", "problem", "problems")
        ),
    });
    if let Err(message) = out.finish() {
        super::out::error(lang, &message);
        return ExitCode::from(2);
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
