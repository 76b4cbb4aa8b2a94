//! The command line's words (issue 25): what `check`, `gc`, `score`, `export`, `import`,
//! `bundle`… print, in both languages. The words the GUI says too are not repeated here:
//! the commands use those (`NO_SUCH_PRODUCT`, `FILES`, `ELIMINATED`, `summary_flag_error`…).
//! The usage (`cli_usage`) is here too, in both languages.

use std::path::Path;

use super::{Lang, Tr, count};
use crate::storage::ConflictTool;

tr! {
    CLI_ERROR = "lỗi", "error";
    CLI_WARNING = "cảnh báo", "warning";
    CLI_EVIDENCE_MISSING = "thiếu tệp minh chứng", "evidence file missing";
    CLI_EVIDENCE_ALTERED = "tệp minh chứng đã bị sửa sau khi đính kèm (SHA-256 khác)", "evidence file changed since it was attached (SHA-256 differs)";
    CLI_EXPORT_NEEDS_OUT = "export cần --out TỆP (hoặc --out - để in ra)", "export needs --out FILE (or --out - for standard output)";
    CLI_DOSSIER_NEEDS_OUT = "export --form dossier cần --out TỆP.pdf", "export --form dossier needs --out FILE.pdf";
    CLI_PORTFOLIO_NEEDS_OUT = "export --portfolio cần --out TỆP.xlsx", "export --portfolio needs --out FILE.xlsx";
    CLI_VERIFY_NEEDS_FILE = "verify cần một tệp gói hồ sơ (.ocop.zip)", "verify needs a bundle file (.ocop.zip)";
    CLI_RECEIVE_NEEDS = "receive cần thư mục làm việc và tệp gói hồ sơ (.ocop.zip)", "receive needs a workspace folder and a bundle file";
    CLI_IMPORT_NEEDS = "import cần thư mục làm việc và tệp bảng tính: import THƯ_MỤC TỆP.xlsx", "import needs a workspace folder and a file: import DIR FILE.xlsx";
    CLI_DEMO_NEEDS_PRODUCTS = "demo-data cần --products N (số sản phẩm cần tạo)", "demo-data needs --products N";
    CLI_BUILTIN_DAMAGED = "dữ liệu quy định đi kèm chương trình bị hỏng", "built-in rule data is damaged";
    CLI_WINDOW_NOT_STARTED = "không mở được cửa sổ chương trình", "could not start the window";
    CLI_WINDOW_FAILED = "cửa sổ chương trình gặp lỗi", "the window failed";
}

/// "check needs a workspace folder": a command run without its folder.
pub fn cli_needs_folder(command: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{command} cần thư mục làm việc"),
        Lang::En => format!("{command} needs a workspace folder"),
    }
}

/// A command run without `--product`.
pub fn cli_needs_product(command: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{command} cần --product MÃ (xem `ocop-tracker list`)"),
        Lang::En => format!("{command} needs --product ID (see `ocop-tracker list`)"),
    }
}

/// A command run without a flag whose form is the same in both languages
/// (`--form 01|02|…`).
pub fn cli_needs_flag(command: &str, flag: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{command} cần {flag}"),
        Lang::En => format!("{command} needs {flag}"),
    }
}

/// A flag's value that is none of `choices` (already joined: "self, commune").
pub fn cli_not_one_of(flag: &str, value: &str, choices: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{flag}: “{value}” không phải một trong {choices}"),
        Lang::En => format!("{flag}: “{value}” is not one of {choices}"),
    }
}

/// A flag's value that is not a whole number.
pub fn cli_not_whole_number(flag: &str, value: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{flag}: “{value}” không phải là số nguyên"),
        Lang::En => format!("{flag}: “{value}” is not a whole number"),
    }
}

/// A first word that is no command.
pub fn cli_unknown_command(word: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("không có lệnh “{word}”"),
        Lang::En => format!("unknown command “{word}”"),
    }
}

/// Standard output could not be written (not a reader that went away).
pub fn cli_output_failed(err: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("không ghi được kết quả: {}", super::io_error(err, lang)),
        Lang::En => format!("could not write the output: {}", super::io_error(err, lang)),
    }
}

/// `demo-data` into a folder that already holds a workspace.
pub fn cli_refuse_over_workspace(path: &Path, lang: Lang) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!("không ghi đè lên thư mục làm việc đã có — {path}"),
        Lang::En => format!("refusing to write over an existing workspace — {path}"),
    }
}

/// "wrote 2 products to FILE": products written by a command.
pub fn cli_wrote_products(n: usize, to: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đã ghi {n} sản phẩm vào {to}"),
        Lang::En => format!(
            "wrote {} to {to}",
            count(n, lang, "", "product", "products")
        ),
    }
}

/// "wrote 12 events to FILE": the calendar written.
pub fn cli_wrote_events(n: usize, to: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đã ghi {n} sự kiện vào {to}"),
        Lang::En => format!("wrote {} to {to}", count(n, lang, "", "event", "events")),
    }
}

/// "wrote Form 01 … → FILE": one document written.
pub fn cli_wrote_document(what: &str, to: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đã ghi {what} → {to}"),
        Lang::En => format!("wrote {what} → {to}"),
    }
}

// `check`.

/// A stored evidence file whose name is not its content's SHA-256.
pub fn cli_evidence_misnamed(path: &Path, lang: Lang) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!(
            "tệp minh chứng có tên không khớp nội dung (SHA-256); không bao giờ tự xóa — {path}"
        ),
        Lang::En => format!(
            "evidence file whose name is not its content's SHA-256; never removed automatically — {path}"
        ),
    }
}

/// A temp file an interrupted save left behind, `secs` old.
pub fn cli_stray_temp(secs: u64, path: &Path, lang: Lang) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!(
            "tệp tạm còn sót sau khi ứng dụng bị tắt đột ngột ({secs} giây trước); ứng dụng xóa khi mở thư mục — {path}"
        ),
        Lang::En => format!(
            "temp file left by an interrupted save ({secs} s old); the app removes it when it opens the workspace — {path}"
        ),
    }
}

/// A missing evidence file that the clean-up moved to the trash, and where it is.
pub fn cli_evidence_in_trash(trashed: &Path, stored: &str, lang: Lang) -> String {
    let trashed = trashed.display();
    match lang {
        Lang::Vi => format!(
            "thiếu tệp minh chứng: tệp đang ở thùng rác {trashed} — chép lại vào {stored} để dùng"
        ),
        Lang::En => format!(
            "evidence file missing: it is in the trash at {trashed} — move it back to {stored} to use it"
        ),
    }
}

/// An evidence path refused without reading it; `reason` is the check's (English).
pub fn cli_evidence_refused(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đường dẫn minh chứng bị từ chối, không đọc: {reason}"),
        Lang::En => format!("evidence path refused, never read: {reason}"),
    }
}

/// An evidence file that could not be checked, and why.
pub fn cli_evidence_unchecked(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("không kiểm tra được tệp minh chứng: {reason}"),
        Lang::En => format!("evidence file could not be checked: {reason}"),
    }
}

/// `check`'s last line: "2 products read, 0 problems".
pub fn cli_check_summary(products: usize, problems: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đã đọc {products} sản phẩm, {problems} vấn đề"),
        Lang::En => format!(
            "{}, {}",
            count(products, lang, "", "product read", "products read"),
            count(problems, lang, "", "problem", "problems")
        ),
    }
}

// `conflicts`.

/// The sync tool that made a conflict copy (or this app), as the screens and the CLI
/// both name it.
pub fn sync_tool_name(tool: ConflictTool, lang: Lang) -> &'static str {
    match (tool, lang) {
        (ConflictTool::Syncthing, _) => "Syncthing",
        (ConflictTool::DropboxOrNextcloud, _) => "Dropbox / Nextcloud",
        (ConflictTool::OneDrive, _) => "OneDrive",
        (ConflictTool::Numbered, Lang::Vi) => "Bản sao đánh số",
        (ConflictTool::Numbered, Lang::En) => "Numbered copy",
        (ConflictTool::Other, Lang::Vi) => "Công cụ đồng bộ khác",
        (ConflictTool::Other, Lang::En) => "Another sync tool",
        (ConflictTool::ThisApp, Lang::Vi) => "Ứng dụng này (tệp đã bị người khác sửa khi lưu)",
        (ConflictTool::ThisApp, Lang::En) => {
            "This app (the file had been changed by someone else when saving)"
        }
    }
}

/// One unresolved conflict copy of product `of`: the tool, the copy's last editor ("Name
/// dd/mm/yyyy hh:mm") when known, and the file.
pub fn cli_conflict_copy(
    of: &str,
    tool: ConflictTool,
    last: Option<&str>,
    path: &Path,
    lang: Lang,
) -> String {
    let tool = sync_tool_name(tool, lang);
    let path = path.display();
    match (lang, last) {
        (Lang::Vi, Some(last)) => format!(
            "bản xung đột chưa giải quyết của “{of}” ({tool}; sửa lần cuối: {last}); mở sản phẩm trong ứng dụng để so sánh và chọn — {path}"
        ),
        (Lang::Vi, None) => format!(
            "bản xung đột chưa giải quyết của “{of}” ({tool}); mở sản phẩm trong ứng dụng để so sánh và chọn — {path}"
        ),
        (Lang::En, Some(last)) => format!(
            "unresolved conflict copy of “{of}” ({tool}; last edited by {last}); open the product in the app to compare and choose — {path}"
        ),
        (Lang::En, None) => format!(
            "unresolved conflict copy of “{of}” ({tool}); open the product in the app to compare and choose — {path}"
        ),
    }
}

/// `conflicts`' last line: "5 conflict copies".
pub fn cli_conflict_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} bản xung đột"),
        Lang::En => count(n, lang, "", "conflict copy", "conflict copies"),
    }
}

// `gc`.

/// `gc --empty-trash`: how many files were deleted for good.
pub fn cli_gc_emptied(removed: usize, lang: Lang) -> String {
    let trash = crate::storage::evidence::EVIDENCE_TRASH_DIR;
    match lang {
        Lang::Vi => format!("đã xóa hẳn {removed} tệp trong {trash}"),
        Lang::En => format!(
            "deleted {} in {trash}",
            count(removed, lang, "", "file", "files")
        ),
    }
}

/// `gc --dry-run`: a file that would move to the trash.
pub fn cli_gc_would_move(stored: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("sẽ chuyển vào thùng rác: {stored}"),
        Lang::En => format!("would move to trash: {stored}"),
    }
}

/// `gc`: a file moved to the evidence trash.
pub fn cli_gc_moved(stored: &str, lang: Lang) -> String {
    let trash = crate::storage::evidence::EVIDENCE_TRASH_DIR;
    match lang {
        Lang::Vi => format!("đã chuyển vào {trash}: {stored}"),
        Lang::En => format!("moved to {trash}: {stored}"),
    }
}

/// `gc`: a stored file whose name is not its content's SHA-256, kept.
pub fn cli_gc_misnamed(stored: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("tên tệp không khớp nội dung (SHA-256), giữ nguyên: {stored}"),
        Lang::En => format!("name does not match the content's SHA-256, kept: {stored}"),
    }
}

/// `gc`'s last line: `unused` files moved (or not, in a dry run), `young` ones kept for
/// being newer than `days` days.
pub fn cli_gc_summary(unused: usize, young: usize, days: u64, dry_run: bool, lang: Lang) -> String {
    match (lang, dry_run) {
        (Lang::Vi, true) => format!(
            "{unused} tệp minh chứng không dùng (chạy thử: chưa chuyển gì); {young} tệp mới hơn {days} ngày được giữ"
        ),
        (Lang::Vi, false) => format!(
            "{unused} tệp minh chứng không dùng đã chuyển vào thùng rác; {young} tệp mới hơn {days} ngày được giữ"
        ),
        (Lang::En, true) => format!(
            "{unused} unused evidence file(s) (dry run: nothing moved); {young} newer than {days} days kept"
        ),
        (Lang::En, false) => format!(
            "{unused} unused evidence file(s) moved to trash; {young} newer than {days} days kept"
        ),
    }
}

// `score`.

/// `score`: a product's heading, "Cốm Hồng Quang (com-hong-quang) — bộ 6".
pub fn cli_score_heading(name: &str, id: &str, set: u8, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{name} ({id}) — bộ {set}"),
        Lang::En => format!("{name} ({id}) — set {set}"),
    }
}

/// `score`: the rule data has no criteria for the product's rule version and set.
pub fn cli_score_no_criteria(rule: &str, set: u8, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("không có tiêu chí cho {rule} bộ {set}"),
        Lang::En => format!("no criteria for {rule} set {set}"),
    }
}

/// `score`: a total that earns no star yet, with its score band.
pub fn cli_score_not_recognised(band_star: u8, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("chưa đủ điều kiện công nhận (mức điểm {band_star}★)"),
        Lang::En => format!("not recognisable (score band {band_star}★)"),
    }
}

/// `score`: the next star, its threshold and the points still missing.
pub fn cli_score_next(star: u8, threshold: u16, gap: u16, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("tiếp theo: {star}★ cần {threshold} điểm (còn thiếu {gap})"),
        Lang::En => format!("next: {star}★ needs {threshold} points ({gap} missing)"),
    }
}

/// `score`: a criterion below the minimum a star needs.
pub fn cli_score_blocker(name: &str, current: u16, required: u16, star: u8, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("vướng: {name}: có {current} trên {required} điểm cần cho {star}★"),
        Lang::En => format!("blocker: {name}: {current} of {required} points needed for {star}★"),
    }
}

/// `score`: one suggested answer, "3.5 Sở hữu trí tuệ → “…” (+1, tối thiểu 3★)".
pub fn cli_score_suggest(
    code: &str,
    name: &str,
    to: &str,
    gain: i32,
    why: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Vi => format!("nên: {code} {name} → “{to}” (+{gain}, {why})"),
        Lang::En => format!("suggest: {code} {name} → “{to}” (+{gain}, {why})"),
    }
}

/// `score`: the suggestions not shown.
pub fn cli_score_more(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("… và {n} thay đổi khác"),
        Lang::En => format!(
            "… and {}",
            count(n, lang, "", "more change", "more changes")
        ),
    }
}

// `import`.

/// `--sheet` naming no sheet of the file; `names` lists the file's sheets.
pub fn cli_import_no_sheet(wanted: &str, names: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("--sheet: “{wanted}” không phải trang tính của tệp ({names})"),
        Lang::En => format!("--sheet: “{wanted}” is not a sheet of the file ({names})"),
    }
}

/// `--map` without its `=`.
pub fn cli_map_not_pair(map: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("--map: “{map}” không có dạng TRƯỜNG=CỘT (ví dụ producer=C)"),
        Lang::En => format!("--map: “{map}” is not FIELD=COLUMN (e.g. producer=C)"),
    }
}

/// `--map` naming no field; `fields` lists the fields' keys.
pub fn cli_map_no_field(field: &str, fields: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("--map: không có trường “{field}” (các trường: {fields})"),
        Lang::En => format!("--map: no field “{field}” (fields: {fields})"),
    }
}

/// `--map` naming no column.
pub fn cli_map_not_column(column: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!("--map: “{column}” không phải là cột (một chữ cái như C, hoặc một số)")
        }
        Lang::En => {
            format!("--map: “{column}” is not a column (a letter such as C, or a number)")
        }
    }
}

/// `--set` that is neither a scoring set nor "none".
pub fn cli_bad_set(raw: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!("--set: “{raw}” không phải bộ tiêu chí từ 1 đến 26, cũng không phải “none”")
        }
        Lang::En => format!("--set: “{raw}” is not a scoring set 1–26 or “none”"),
    }
}

/// The import's last line: products added, products updated, and where.
pub fn cli_import_done(added: usize, updated: usize, into: &Path, lang: Lang) -> String {
    let done = lang.t(super::XL_IMPORT_DONE);
    let into = into.display();
    match (lang, updated) {
        (Lang::Vi, 0) => format!("{done} {added} sản phẩm vào {into}"),
        (Lang::Vi, n) => format!("{done} {added} sản phẩm, cập nhật {n} sản phẩm đã có vào {into}"),
        (Lang::En, 0) => format!(
            "{done} {} into {into}",
            count(added, lang, "", "product", "products")
        ),
        (Lang::En, n) => format!(
            "{done} {}, updated {} into {into}",
            count(added, lang, "", "product", "products"),
            count(n, lang, "", "product", "products")
        ),
    }
}

/// The command line's usage (`--help`, and after a command it could not take), in `lang`.
/// The commands and flags are the same in both; what they do is said in the language.
pub fn cli_usage(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => CLI_USAGE_VI,
        Lang::En => CLI_USAGE_EN,
    }
}

const CLI_USAGE_VI: &str = "\
ocop-tracker — theo dõi sản phẩm OCOP

Cách dùng:
  ocop-tracker [--workspace DIR|FILE.ocop.zip] [--lang vi|en] [--today YYYY-MM-DD] [--window WxH]
                                         [--renderer glow|wgpu]  (hoặc biến OCOP_RENDERER)
  ocop-tracker FILE.ocop.zip             xem một gói hồ sơ, chỉ đọc (nhấp đúp vào gói)
  ocop-tracker --many DIR                thư mục của nhiều xã, chỉ đọc
  ocop-tracker init DIR --commune TÊN --province TÊN [--officer TÊN]
  ocop-tracker init DIR --producer \"HTX …\"   thư mục làm việc mới (thư mục mới hoặc trống)
  ocop-tracker remark DIR --product ID [--document KEY | --criterion KEY] [--by TÊN] \"ý kiến\"
                                         ý kiến của bên giữ thư mục này (đi theo gói hồ sơ)
  ocop-tracker check DIR [--lang vi|en]
  ocop-tracker list DIR [--format csv] [--lang vi|en] [--today YYYY-MM-DD]
  ocop-tracker demo-data DIR --products N [--seed S]
  ocop-tracker score DIR [--product ID] [--sheet self|commune] [--lang vi|en]
  ocop-tracker calendar DIR [--out FILE|-] [--lang vi|en] [--today YYYY-MM-DD]
  ocop-tracker gc DIR [--dry-run] [--grace-days N] [--empty-trash]
                                         chuyển minh chứng không sản phẩm nào dùng vào trash/evidence/
  ocop-tracker conflicts DIR [--lang vi|en]  bản xung đột do công cụ đồng bộ tạo, chưa xử lý
  ocop-tracker export DIR --product ID --form 01|02|03|letter|sheet|report --out FILE|-
                                         một mẫu (.docx) hoặc báo cáo tình trạng (.pdf)
  ocop-tracker export DIR --product ID --form dossier --out FILE.pdf [--odd-pages]
                                         cả bộ hồ sơ để in: bìa, mục lục, các mẫu, minh chứng
  ocop-tracker export DIR --portfolio --out FILE.xlsx [--lang vi|en] [--today YYYY-MM-DD]
  ocop-tracker export DIR --summary --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.docx|FILE.xlsx
                                         [--lang vi|en] [--today YYYY-MM-DD]
                                         báo cáo kết quả thực hiện OCOP định kỳ của xã
  ocop-tracker import DIR FILE.xlsx|.xls|.ods|.csv [--dry-run] [--sheet TÊN|all]
                 [--map FIELD=COLUMN]… [--set N|none] [--duplicates skip|update|add] [--lang vi|en]
                                         mã thoát 0 mọi dòng đều được, 1 có dòng bị bỏ, 2 không đọc được
  ocop-tracker bundle DIR --product ID [--out FILE.ocop.zip] [--by TÊN]
                                         gói hồ sơ điện tử: sản phẩm, minh chứng, các mẫu
  ocop-tracker verify FILE.ocop.zip      mã thoát 0 nguyên vẹn, 1 có vấn đề, 2 không phải gói hồ sơ
  ocop-tracker receive DIR FILE.ocop.zip [--received YYYY-MM-DD] [--by TÊN]
                                         nhận phần của bên kia vào (một bước hoàn tác)

Đo hiệu năng và tạo dữ liệu mẫu nằm trong chương trình của nhà phát triển: ocop-dev --help
";

const CLI_USAGE_EN: &str = "\
ocop-tracker — OCOP product tracker

Usage:
  ocop-tracker [--workspace DIR|FILE.ocop.zip] [--lang vi|en] [--today YYYY-MM-DD] [--window WxH]
                                         [--renderer glow|wgpu]  (also OCOP_RENDERER)
  ocop-tracker FILE.ocop.zip             review a bundle read-only (a double-click)
  ocop-tracker --many DIR                a folder of many communes, read-only
  ocop-tracker init DIR --commune NAME --province NAME [--officer NAME]
  ocop-tracker init DIR --producer \"HTX …\"   a new workspace (the folder new or empty)
  ocop-tracker remark DIR --product ID [--document KEY | --criterion KEY] [--by NAME] \"text\"
                                         a remark as the workspace's side (travels in bundles)
  ocop-tracker check DIR [--lang vi|en]
  ocop-tracker list DIR [--format csv] [--lang vi|en] [--today YYYY-MM-DD]
  ocop-tracker demo-data DIR --products N [--seed S]
  ocop-tracker score DIR [--product ID] [--sheet self|commune] [--lang vi|en]
  ocop-tracker calendar DIR [--out FILE|-] [--lang vi|en] [--today YYYY-MM-DD]
  ocop-tracker gc DIR [--dry-run] [--grace-days N] [--empty-trash]
                                         move evidence no product uses to trash/evidence/
  ocop-tracker conflicts DIR [--lang vi|en]  conflict copies from sync tools, unresolved
  ocop-tracker export DIR --product ID --form 01|02|03|letter|sheet|report --out FILE|-
                                         a form (.docx) or the status report (.pdf)
  ocop-tracker export DIR --product ID --form dossier --out FILE.pdf [--odd-pages]
                                         the whole dossier to print: cover, contents, forms, evidence
  ocop-tracker export DIR --portfolio --out FILE.xlsx [--lang vi|en] [--today YYYY-MM-DD]
  ocop-tracker export DIR --summary --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.docx|FILE.xlsx
                                         [--lang vi|en] [--today YYYY-MM-DD]
                                         the commune's periodic report (Báo cáo kết quả OCOP)
  ocop-tracker import DIR FILE.xlsx|.xls|.ods|.csv [--dry-run] [--sheet NAME|all]
                 [--map FIELD=COLUMN]… [--set N|none] [--duplicates skip|update|add] [--lang vi|en]
                                         exit 0 all rows fine, 1 rows left out, 2 unreadable
  ocop-tracker bundle DIR --product ID [--out FILE.ocop.zip] [--by NAME]
                                         the electronic dossier: product, evidence, forms
  ocop-tracker verify FILE.ocop.zip      exit 0 sound, 1 problems, 2 not a bundle
  ocop-tracker receive DIR FILE.ocop.zip [--received YYYY-MM-DD] [--by NAME]
                                         bring the other side's parts in (one undo step)

Benchmarks and the demo's generator are in the developers' binary: ocop-dev --help
";
