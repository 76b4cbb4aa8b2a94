//! `export DIR --product ID --form 01|02|03|sheet|report --out FILE`: one form (.docx)
//! or the status report (.pdf) of a product, written all or nothing. `--out -` writes
//! the bytes to standard output (for a pipe). The portfolio as Excel is `--portfolio`.

use std::path::Path;

use crate::documents::DocKind;
use crate::domain::model::ProductId;
use crate::storage;
use crate::text::{self, Lang};

use super::out::{Out, printable};

/// Runs `export` for one product's document.
pub fn run(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let vi = lang == Lang::Vi;
    let dir = Path::new(args.first().ok_or(if vi {
        "export cần thư mục làm việc"
    } else {
        "export needs a workspace folder"
    })?);
    let raw_id = super::flag(args, "--product").ok_or(if vi {
        "export cần --product MÃ (xem `ocop-tracker list`)"
    } else {
        "export needs --product ID (see `ocop-tracker list`)"
    })?;
    let codes: Vec<&str> = DocKind::ALL.iter().map(|k| k.code()).collect();
    let raw_kind = super::flag(args, "--form").ok_or_else(|| {
        format!(
            "{} --form {}",
            if vi { "export cần" } else { "export needs" },
            codes.join("|")
        )
    })?;
    let kind = DocKind::from_code(raw_kind).ok_or_else(|| {
        format!(
            "--form: “{}” {} {}",
            printable(raw_kind),
            if vi {
                "không phải một trong"
            } else {
                "is not one of"
            },
            codes.join(", ")
        )
    })?;
    let out = super::flag(args, "--out").ok_or(if vi {
        "export cần --out TỆP (hoặc --out - để in ra)"
    } else {
        "export needs --out FILE (or --out - for standard output)"
    })?;
    let state = super::open_to_read(dir, args, lang)?;
    let id = ProductId::parse(raw_id)
        .filter(|id| state.workspace().products.contains_key(id))
        .ok_or_else(|| format!("{}: “{}”", lang.t(text::NO_SUCH_PRODUCT), printable(raw_id)))?;
    let bytes = state.document(kind, &id, lang)?;
    if out == "-" {
        let mut stdout = Out::new();
        stdout.bytes(&bytes);
        return stdout.finish();
    }
    storage::fsio::write_export(Path::new(out), &bytes)
        .map_err(|e| text::storage_error(&e, lang))?;
    eprintln!(
        "{} {} → {}",
        if vi { "đã ghi" } else { "wrote" },
        lang.t(kind.name()),
        printable(out)
    );
    Ok(())
}
