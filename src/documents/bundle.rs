//! What goes into a product's electronic dossier bundle, and under which names: the
//! product file, the evidence in criterion order (`Minh chứng/3.5 Sở hữu trí tuệ/…`), the
//! forms and the status report. Pure planning: `storage::bundle` streams the files into the
//! zip and writes the manifest.

use std::collections::BTreeSet;

use super::{DocKind, DocumentError, Input, annex_lines};
use crate::domain::exchange::{EVIDENCE_FOLDER, FORMS_FOLDER, FileRole, PRODUCT_FOLDER};
use crate::domain::filename;
use crate::text::Lang;

/// Where a planned file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The product's RON file (serialised by storage).
    ProductFile,
    /// An evidence file of the workspace's store.
    Evidence {
        /// The attachment's stored path (resolved by `storage::evidence::resolve`).
        stored_path: String,
        /// Its SHA-256 as the product records it.
        sha256: String,
        /// Its size as the product records it.
        size_bytes: u64,
    },
    /// A form or the status report, rendered when the bundle is written.
    Document(DocKind),
}

/// One file of the bundle to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Entry name in the zip (`/`-separated, Windows-safe components).
    pub path: String,
    /// Its role in the manifest.
    pub role: FileRole,
    /// Where the bytes come from.
    pub source: Source,
}

/// Folder for documents that back no criterion, and for earlier applications' files.
const OTHER_FOLDER: &str = "Khác";

/// A file name safe everywhere, keeping the extension.
fn safe_file_name(name: &str) -> String {
    match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= 11 => {
            let ext = filename::safe_stem(name.get(dot + 1..).unwrap_or_default(), "bin");
            format!(
                "{}.{ext}",
                filename::safe_stem(name.get(..dot).unwrap_or(name), "tep")
            )
        }
        _ => filename::safe_stem(name, "tep"),
    }
}

/// The files of `input.product`'s bundle, in order: the product file, the evidence of the
/// current application in criterion order (each content once, under the first criterion
/// its document backs), then evidence only earlier applications use, then the documents
/// (`with_documents`; a product without an application gets none).
pub fn layout(input: &Input, with_documents: bool) -> Result<Vec<Planned>, DocumentError> {
    let product = input.product;
    let mut out = vec![Planned {
        path: format!("{PRODUCT_FOLDER}/{}.ron", product.id),
        role: FileRole::Product,
        source: Source::ProductFile,
    }];
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut place = |out: &mut Vec<Planned>,
                     folder: &str,
                     criterion: &str,
                     document: &str,
                     file_name: &str,
                     sha256: &str,
                     size_bytes: u64,
                     stored_path: &str| {
        if !placed.insert(sha256.to_owned()) {
            return;
        }
        // Short enough to extract on Windows (a path of 260 at most, with the folder it
        // is extracted into): the folder and then the file's stem are cut.
        let folder = filename::cut_chars(
            &filename::safe_stem(folder, OTHER_FOLDER),
            filename::MAX_FOLDER_CHARS,
        );
        let wanted = filename::fit_entry(
            &format!("{EVIDENCE_FOLDER}/{folder}"),
            &safe_file_name(file_name),
        );
        let path = filename::unique_name(&wanted, &|key| taken.contains(key));
        taken.insert(filename::collision_key(&path));
        out.push(Planned {
            path,
            role: FileRole::Evidence {
                criterion: criterion.to_owned(),
                document: document.to_owned(),
            },
            source: Source::Evidence {
                stored_path: stored_path.to_owned(),
                sha256: sha256.to_owned(),
                size_bytes,
            },
        });
    };
    let current = product.current();
    if let Some(app) = current {
        if product.scoring_set == crate::domain::criteria::NO_SET {
            return Err(DocumentError::NoSetChosen);
        }
        let set = input
            .catalog
            .scoring_set(&app.rule_version, product.scoring_set)
            .ok_or(DocumentError::NoRuleData)?;
        let attachments: Vec<_> = app
            .dossier
            .iter()
            .flat_map(|e| e.attachments.iter())
            .collect();
        for line in annex_lines(input, set, app) {
            let Some(attachment) = attachments.iter().find(|a| a.sha256 == line.sha256) else {
                continue;
            };
            let folder = if line.criterion == "—" {
                OTHER_FOLDER
            } else {
                line.criterion.as_str()
            };
            place(
                &mut out,
                folder,
                &line.criterion,
                &line.document,
                &attachment.file_name,
                &attachment.sha256,
                attachment.size_bytes,
                &attachment.stored_path,
            );
        }
    }
    for app in &product.applications {
        for entry in &app.dossier {
            let document = input
                .catalog
                .template(&app.rule_version)
                .and_then(|t| t.item(&entry.key))
                .map_or_else(|| entry.key.clone(), |i| i.name_vi.clone());
            for attachment in &entry.attachments {
                place(
                    &mut out,
                    OTHER_FOLDER,
                    "—",
                    &document,
                    &attachment.file_name,
                    &attachment.sha256,
                    attachment.size_bytes,
                    &attachment.stored_path,
                );
            }
        }
    }
    if with_documents && current.is_some() {
        for kind in DocKind::ALL {
            out.push(Planned {
                path: filename::fit_entry(FORMS_FOLDER, &kind.file_name(product, Lang::Vi)),
                role: FileRole::Form(kind.code().to_owned()),
                source: Source::Document(kind),
            });
        }
    }
    Ok(out)
}
