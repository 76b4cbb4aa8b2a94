//! `conflicts DIR`: the conflict copies that sync tools (or this app, when a save found
//! the file changed) left in `products/`, with who last edited each side. Exit 0 when
//! there are none, 1 when some wait to be resolved in the app, 2 not a workspace.

use std::path::Path;
use std::process::ExitCode;

use crate::storage::{self, ConflictCopy, ConflictTool};
use crate::text::{self, Lang};

use super::out::{Out, printable};

fn tool_name(tool: ConflictTool, lang: Lang) -> &'static str {
    match (tool, lang) {
        (ConflictTool::Syncthing, _) => "Syncthing",
        (ConflictTool::DropboxOrNextcloud, _) => "Dropbox/Nextcloud",
        (ConflictTool::OneDrive, _) => "OneDrive",
        (ConflictTool::Numbered, Lang::Vi) => "bản sao đánh số",
        (ConflictTool::Numbered, Lang::En) => "numbered copy",
        (ConflictTool::Other, Lang::Vi) => "công cụ đồng bộ khác",
        (ConflictTool::Other, Lang::En) => "another sync tool",
        (ConflictTool::ThisApp, Lang::Vi) => "ứng dụng này: tệp đã đổi khi lưu",
        (ConflictTool::ThisApp, Lang::En) => "this app: the file had changed when saving",
    }
}

/// One line about a conflict copy, naming the product, the tool, the last editor of the
/// copy and the file.
pub fn describe(copy: &ConflictCopy, lang: Lang) -> String {
    let last = storage::read_conflict_copy(copy).ok().and_then(|p| {
        p.history
            .last()
            .map(|e| format!("{} {}", e.by, e.at.format("%d/%m/%Y %H:%M")))
    });
    let tool = tool_name(copy.tool, lang);
    let path = copy.path.display();
    match (lang, last) {
        (Lang::Vi, Some(last)) => format!(
            "bản xung đột chưa giải quyết của “{}” ({tool}; sửa lần cuối: {last}); mở sản phẩm trong ứng dụng để so sánh và chọn — {path}",
            copy.of
        ),
        (Lang::Vi, None) => format!(
            "bản xung đột chưa giải quyết của “{}” ({tool}); mở sản phẩm trong ứng dụng để so sánh và chọn — {path}",
            copy.of
        ),
        (Lang::En, Some(last)) => format!(
            "unresolved conflict copy of “{}” ({tool}; last edited by {last}); open the product in the app to compare and choose — {path}",
            copy.of
        ),
        (Lang::En, None) => format!(
            "unresolved conflict copy of “{}” ({tool}); open the product in the app to compare and choose — {path}",
            copy.of
        ),
    }
}

pub fn run(args: &[String]) -> ExitCode {
    let lang = super::lang_from(args);
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        super::out::error(
            lang,
            &format!("conflicts needs a folder\n\n{}", super::USAGE),
        );
        return ExitCode::from(2);
    };
    let loaded = match storage::load_workspace(Path::new(dir)) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{}", printable(&text::storage_error(&err, lang)));
            return ExitCode::from(2);
        }
    };
    let mut out = Out::new();
    for copy in &loaded.conflicts {
        out.line(printable(&describe(copy, lang)));
    }
    let n = loaded.conflicts.len();
    out.line(match lang {
        Lang::Vi => format!("{n} bản xung đột"),
        Lang::En => text::count(n, lang, "", "conflict copy", "conflict copies"),
    });
    if let Err(message) = out.finish() {
        super::out::error(lang, &message);
        return ExitCode::from(2);
    }
    if n == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
