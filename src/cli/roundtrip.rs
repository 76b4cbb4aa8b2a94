//! `init` (a new workspace, commune's or producer's) and `remark` (a remark as the
//! workspace's side, for scripts and tests).

use std::path::Path;

use crate::app::new_workspace::{self, NewWorkspace};
use crate::domain::model::{ProductId, WorkspaceKind};
use crate::domain::remarks::RemarkAbout;
use crate::text;

use super::out::printable;

/// `init DIR --commune "…" --province "…" [--officer "…"]` or `init DIR --producer "HTX …"`.
pub fn init(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or_else(|| lang.t(text::CLI_INIT_USAGE).to_owned())?;
    let value = |name: &str| super::flag(args, name).unwrap_or_default().to_owned();
    let producer = value("--producer");
    let spec = NewWorkspace {
        kind: if producer.is_empty() {
            WorkspaceKind::Commune
        } else {
            WorkspaceKind::Producer
        },
        commune: value("--commune"),
        province: value("--province"),
        officer: value("--officer"),
        producer,
    };
    new_workspace::create_workspace(Path::new(dir), &spec)
        .map_err(|err| crate::say::create_error(&err, lang))?;
    eprintln!(
        "{}: {} — {}",
        lang.t(text::CLI_INIT_DONE),
        spec.info().name,
        printable(dir)
    );
    Ok(())
}

/// `remark DIR --product ID [--document KEY | --criterion KEY] [--by NAME] "text"`.
pub fn remark(args: &[String]) -> Result<(), String> {
    let lang = super::lang_from(args);
    let dir = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or_else(|| lang.t(text::CLI_REMARK_USAGE).to_owned())?;
    let product = super::flag(args, "--product")
        .and_then(ProductId::parse)
        .ok_or_else(|| lang.t(text::CLI_REMARK_USAGE).to_owned())?;
    // The words: the last argument that is neither the folder nor a flag or its value.
    let flags_with_values = [
        "--product",
        "--document",
        "--criterion",
        "--by",
        "--lang",
        "--today",
    ];
    let mut words = None;
    let mut skip_next = false;
    for arg in args.iter().skip(1) {
        if skip_next {
            skip_next = false;
        } else if flags_with_values.contains(&arg.as_str()) {
            skip_next = true;
        } else {
            words = Some(arg.clone());
        }
    }
    let words = words.ok_or_else(|| lang.t(text::CLI_REMARK_USAGE).to_owned())?;
    let about = match (
        super::flag(args, "--document"),
        super::flag(args, "--criterion"),
    ) {
        (Some(key), None) => RemarkAbout::Document(key.to_owned()),
        (None, Some(key)) => RemarkAbout::Criterion(key.to_owned()),
        (None, None) => RemarkAbout::Product,
        (Some(_), Some(_)) => return Err(lang.t(text::CLI_REMARK_USAGE).to_owned()),
    };
    let mut state = super::open_state(Path::new(dir), args, lang)?;
    if let Some(by) = super::flag(args, "--by") {
        state.set_officer(by);
    }
    let Some(found) = state.workspace().products.get(&product) else {
        return Err(format!(
            "{}: {}",
            lang.t(text::CLI_NO_PRODUCT),
            printable(product.as_str())
        ));
    };
    // A document or criterion the product does not have is named, not stored blind.
    let known = match &about {
        RemarkAbout::Product => true,
        RemarkAbout::Document(key) => found
            .current()
            .is_some_and(|a| a.dossier.iter().any(|e| &e.key == key)),
        RemarkAbout::Criterion(key) => found.current().is_some_and(|a| {
            state
                .catalog()
                .scoring_set(&a.rule_version, found.scoring_set)
                .and_then(|set| set.criterion(key))
                .is_some()
        }),
    };
    if !known {
        return Err(format!(
            "{}: {}",
            lang.t(text::CLI_REMARK_UNKNOWN_TARGET),
            printable(match &about {
                RemarkAbout::Document(key) | RemarkAbout::Criterion(key) => key,
                RemarkAbout::Product => "",
            })
        ));
    }
    let command = state.remark(&product, about, &words);
    state
        .apply(&command)
        .map_err(|err| text::command_error(&err, lang))?;
    if !state.flush() {
        return Err(lang.t(text::SAVE_FAILED).to_owned());
    }
    eprintln!(
        "{} ({})",
        lang.t(text::CLI_REMARK_DONE),
        text::side_name(state.side(), lang)
    );
    Ok(())
}
