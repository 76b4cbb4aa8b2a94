//! The spreadsheet export and import: column names, row problems, file errors.

use super::{
    COL_STAGE, FIELD_ADDRESS, FIELD_CODE, FIELD_COMMUNE, FIELD_NAME, FIELD_PHONE, FIELD_PRODUCER,
    FIELD_SET, Lang, Tr, stage_name, storage_error,
};
use crate::domain::stage::Stage;

// Excel export and import (File menu, import preview, CLI `export --portfolio`, `import`).
tr! {
    MENU_EXPORT_XLSX = "Danh sách sản phẩm (Excel)…", "Product list (Excel)…";
    MENU_IMPORT_XLSX = "Nhập danh sách sản phẩm từ Excel…", "Import product list from Excel…";
    XL_SHEET_PRODUCTS = "Sản phẩm", "Products";
    XL_SHEET_SUMMARY = "Tổng hợp", "Summary";
    XL_COL_DOSSIER = "Hồ sơ (%)", "Dossier (%)";
    XL_COL_DEADLINE_WHAT = "Việc đến hạn", "Deadline for";
    XL_COL_CERT_NUMBER = "Số giấy chứng nhận", "Certificate number";
    XL_COL_ISSUED = "Ngày cấp", "Issued on";
    XL_COL_EXPIRES = "Ngày hết hạn", "Expires on";
    XL_COL_OFFICIAL_STAR = "Hạng sao chính thức", "Official star";
    XL_COL_CERT_STATUS = "Tình trạng giấy chứng nhận", "Certificate status";
    XL_CERT_VALID = "còn hiệu lực", "valid";
    XL_CERT_NOT_YET = "chưa có hiệu lực", "not yet in force";
    XL_BY_STAGE = "Số sản phẩm theo bước", "Products by stage";
    XL_BY_STAR = "Số sản phẩm theo hạng sao (giấy chứng nhận còn hiệu lực)", "Products by star (valid certificate)";
    XL_COUNT = "Số sản phẩm", "Products";
    XL_NO_STAR = "Chưa có sao", "No star";
    XL_STARS = "sao", "stars";
    XL_FILE_STEM = "Danh sách sản phẩm OCOP", "OCOP product list";
    XL_DATE_FORMAT = "dd/mm/yyyy", "dd/mm/yyyy";
    XLSX_EXPORTED = "Đã xuất danh sách sản phẩm", "Product list exported";
    XLSX_EXPORT_FAILED = "Không xuất được danh sách sản phẩm", "Could not export the product list";
    XL_IMPORT_TITLE = "Nhập danh sách sản phẩm", "Import product list";
    XL_IMPORT_FILE = "Tệp", "File";
    XL_IMPORT_MAPPING = "Cột trong tệp cho từng thông tin (đoán từ tiêu đề; đổi nếu sai)", "Which column holds each field (guessed from the headers; change if wrong)";
    XL_IMPORT_NOT_USED = "(không dùng)", "(not used)";
    XL_IMPORT_REQUIRED = "bắt buộc", "required";
    XL_IMPORT_WILL_ADD = "sản phẩm sẽ được thêm", "products will be added";
    XL_IMPORT_BAD_ROWS = "Dòng có lỗi, không nhập", "Rows with problems, not imported";
    XL_IMPORT_EXISTING = "Đã có trong danh mục (trùng tên): mặc định bỏ qua", "Already in the portfolio (same name): skipped unless you choose";
    XL_IMPORT_ONLY_GOOD = "Chỉ các dòng hợp lệ được nhập; dòng có lỗi bị bỏ qua, sản phẩm đã có chỉ thay đổi khi bạn chọn. Nhập là một bước, Ctrl+Z hoàn tác toàn bộ.", "Only the good rows are imported; rows with problems are left out, products already there change only as you choose. The import is one step: Ctrl+Z undoes all of it.";
    XL_IMPORT_SKIP = "Bỏ qua", "Skip";
    XL_IMPORT_UPDATE_CERT = "Cập nhật giấy chứng nhận", "Update its certificate";
    XL_IMPORT_ADD_NEW = "Thêm như sản phẩm mới", "Add as a new product";
    XL_IMPORT_IN_WORKSPACE = "trong danh mục", "in the portfolio";
    XL_IMPORT_SKIPPED = "Dòng không phải sản phẩm, bỏ qua", "Rows that are not products, skipped";
    XL_IMPORT_WARNINGS = "Cần xem lại sau khi nhập", "To check after the import";
    XL_IMPORT_SHEET = "Trang tính", "Sheet";
    XL_IMPORT_ALL_SHEETS = "Tất cả các trang (ghi tên trang ở từng dòng)", "All sheets (each row named with its sheet)";
    XL_IMPORT_COLUMNS_OF = "Cột của trang", "Columns of sheet";
    XL_IMPORT_HEADER_AT = "Tiêu đề ở dòng", "Header in rows";
    XL_CONF_EXACT = "đúng tên", "exact";
    XL_CONF_WORDS = "đoán theo từ — hãy xem lại", "guessed from words — check it";
    XL_CONF_CHOSEN = "bạn chọn", "your choice";
    XL_IMPORT_SETS = "Bộ tiêu chí cho dòng không ghi bộ", "Scoring set for rows without one";
    XL_IMPORT_USE_PROPOSALS = "Dùng đề xuất cho tất cả", "Use the proposals for all";
    XL_IMPORT_NO_SETS = "Để trống tất cả (chọn sau trong sản phẩm)", "Leave all unchosen (choose later in the product)";
    XL_IMPORT_NOT_CHOSEN = "chưa chọn bộ tiêu chí", "no scoring set chosen";
    XL_IMPORT_PROPOSED = "đề xuất", "proposed";
    XL_IMPORT_NO_PROPOSAL = "không đề xuất được: chọn bộ hoặc để trống", "no proposal: choose one or leave it open";
    XL_IMPORT_WILL_UPDATE = "sản phẩm đã có sẽ được cập nhật", "existing products will be updated";
    XL_IMPORT_EMPTY_ROWS = "dòng trống", "empty rows";
    XL_IMPORT_UPDATED = "cập nhật sản phẩm đã có:", "existing products updated:";
    XL_IMPORT_ROW = "Dòng", "Row";
    XL_IMPORT_CONFIRM = "Nhập", "Import";
    XL_IMPORT_CHANGED = "Danh mục vừa thay đổi: hãy xem lại bản xem trước rồi bấm Nhập.", "The portfolio changed meanwhile: check the preview again, then Import.";
    XL_IMPORT_NOTHING = "Không có dòng nào để nhập.", "No row to import.";
    XL_IMPORT_NEEDS_COLUMNS = "Hãy chọn cột cho", "Choose the column of";
    XL_IMPORT_NO_COLUMN = "Tệp không có cột", "The file has no column";
    XL_IMPORT_ADD_COLUMN = "Thêm cột có tiêu đề đó (hàng tiêu đề nằm trong 20 hàng đầu) hoặc chỉ cột bằng --map name=C, rồi nhập lại.", "Add a column with that header (the header row within the first 20 rows) or name the column with --map name=C, then import again.";
    XL_IMPORT_DONE = "Đã nhập", "Imported";
    XL_IMPORT_FAILED = "Không nhập được", "Could not import";
    XL_IMPORT_READ_FAILED = "Không đọc được tệp bảng tính", "Could not read the spreadsheet";
    XL_IMPORT_GOOD_ROWS = "Dòng hợp lệ", "Good rows";
    XL_IMPORT_DRY_RUN = "Chạy thử: không thay đổi gì.", "Dry run: nothing was changed.";
    XL_IMPORT_MORE = "và", "and";
    XL_IMPORT_MORE_ROWS = "dòng nữa", "more rows";
    UNDO_IMPORT = "nhập", "import";
    XL_FIELD_GROUP = "Nhóm sản phẩm", "Product group";
    XL_IMPORT_READING = "Đang đọc bảng tính", "Reading the spreadsheet";
    XL_IMPORT_COLUMN = "cột", "column";
    XL_IMPORT_CANCELLED = "Đã hủy nhập danh sách; không có gì thay đổi.", "List import cancelled; nothing changed.";
    TASK_NO_SET = "sản phẩm chưa chọn bộ tiêu chí (chọn trong sản phẩm)", "products without a scoring set (choose it in the product)";
    XL_FIELD_SCORE = "Số điểm", "Score";
}

/// The CLI's name of each field for `--map FIELD=COLUMN`.
pub fn import_field_key(field: crate::domain::spreadsheet::ImportField) -> &'static str {
    use crate::domain::spreadsheet::ImportField as F;
    match field {
        F::Name => "name",
        F::Producer => "producer",
        F::Commune => "commune",
        F::ProductCode => "code",
        F::ScoringSet => "set",
        F::Group => "group",
        F::Stage => "stage",
        F::Star => "star",
        F::Score => "score",
        F::CertificateNumber => "number",
        F::IssuedOn => "issued",
        F::ExpiresOn => "expires",
        F::Phone => "phone",
        F::Address => "address",
    }
}

/// How sure a column's field is, as the preview says it.
pub fn confidence_name(confidence: crate::domain::spreadsheet::Confidence) -> Tr {
    use crate::domain::spreadsheet::Confidence as C;
    match confidence {
        C::Exact => XL_CONF_EXACT,
        C::Words => XL_CONF_WORDS,
        C::Chosen => XL_CONF_CHOSEN,
    }
}

/// Why a row was skipped as not a product.
pub fn import_skip_reason(
    reason: crate::domain::spreadsheet::SkipReason,
    lang: Lang,
) -> &'static str {
    use crate::domain::spreadsheet::SkipReason as S;
    let vi = lang == Lang::Vi;
    match reason {
        S::Totals if vi => "dòng tổng cộng",
        S::Totals => "totals row",
        S::Footer if vi => "chữ ký, ngày tháng hoặc ghi chú dưới bảng",
        S::Footer => "signature, date line or note under the table",
        S::Heading if vi => "dòng tiêu đề nhóm",
        S::Heading => "section heading",
        S::AfterTable if vi => "nằm dưới dòng tổng cộng hoặc chữ ký",
        S::AfterTable => "below the totals or signature",
    }
}

/// Why a set was proposed: "nhóm “Đồ uống” → bộ 17", "tên có “gác bếp”".
pub fn proposal_reason(reason: &crate::domain::spreadsheet::ProposalReason, lang: Lang) -> String {
    use crate::domain::spreadsheet::ProposalReason as R;
    match (reason, lang) {
        (R::Group(g), Lang::Vi) => format!("theo nhóm “{g}”"),
        (R::Group(g), Lang::En) => format!("from the group “{g}”"),
        (R::GroupAndWord { group, word }, Lang::Vi) => {
            format!("theo nhóm “{group}” và chữ “{word}” trong tên")
        }
        (R::GroupAndWord { group, word }, Lang::En) => {
            format!("from the group “{group}” and “{word}” in the name")
        }
        (R::Word(w), Lang::Vi) => format!("theo chữ “{w}” trong tên"),
        (R::Word(w), Lang::En) => format!("from “{w}” in the name"),
    }
}

/// The line a product's notes get when its list gave only the year or month of the issue
/// date.
pub fn provisional_date_note(written: &str, used: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Ngày cấp theo danh sách nhập: “{written}” (chỉ có năm/tháng); ghi tạm {}, cần sửa theo quyết định công nhận.",
            used.format("%d/%m/%Y")
        ),
        Lang::En => format!(
            "Issue date in the imported list: “{written}” (year or month only); {} recorded for now, correct it from the recognition decision.",
            used.format("%d/%m/%Y")
        ),
    }
}

/// Something to look at in an imported row.
pub fn import_warning(warning: &crate::domain::spreadsheet::RowWarning, lang: Lang) -> String {
    use crate::domain::spreadsheet::RowWarning as W;
    match (warning, lang) {
        (W::ApproximateIssueDate { written, used }, Lang::Vi) => format!(
            "ngày cấp chỉ ghi “{written}”: ghi tạm {}, cần sửa theo quyết định (ghi chú của sản phẩm nói rõ)",
            used.format("%d/%m/%Y")
        ),
        (W::ApproximateIssueDate { written, used }, Lang::En) => format!(
            "the issue date says only “{written}”: {} recorded for now, correct it from the decision (the product's notes say so)",
            used.format("%d/%m/%Y")
        ),
    }
}

/// The header of an import field in the mapping (the export's own header where one exists).
pub fn import_field_name(field: crate::domain::spreadsheet::ImportField) -> Tr {
    use crate::domain::spreadsheet::ImportField as F;
    match field {
        F::Name => FIELD_NAME,
        F::Producer => FIELD_PRODUCER,
        F::Commune => FIELD_COMMUNE,
        F::ProductCode => FIELD_CODE,
        F::ScoringSet => FIELD_SET,
        F::Group => XL_FIELD_GROUP,
        F::Stage => COL_STAGE,
        F::Star => XL_COL_OFFICIAL_STAR,
        F::Score => XL_FIELD_SCORE,
        F::CertificateNumber => XL_COL_CERT_NUMBER,
        F::IssuedOn => XL_COL_ISSUED,
        F::ExpiresOn => XL_COL_EXPIRES,
        F::Phone => FIELD_PHONE,
        F::Address => FIELD_ADDRESS,
    }
}

/// The stage a spreadsheet cell names: its Vietnamese or English name or its code,
/// compared folded ("da cong nhan" finds "Đã công nhận").
pub fn stage_from_name(name: &str) -> Option<Stage> {
    use crate::domain::spreadsheet::header_key;
    let key = header_key(name);
    Stage::ALL.into_iter().find(|&stage| {
        let tr = stage_name(stage);
        header_key(tr.vi) == key || header_key(tr.en) == key || header_key(stage.code()) == key
    })
}

/// One problem of an import row, in the user's language.
pub fn import_problem(problem: &crate::domain::spreadsheet::RowProblem, lang: Lang) -> String {
    use crate::domain::spreadsheet::RowProblem as P;
    let field = |f| lang.t(import_field_name(f));
    let vi = lang == Lang::Vi;
    match problem {
        P::MissingName if vi => "thiếu tên sản phẩm".to_owned(),
        P::MissingName => "no product name".to_owned(),
        P::BadSet(t) if vi => format!("bộ tiêu chí “{t}” không phải số từ 1 đến 26"),
        P::BadSet(t) => format!("scoring set “{t}” is not a number from 1 to 26"),
        P::BadStar(t) if vi => format!("hạng sao “{t}” không phải 3, 4 hoặc 5"),
        P::BadStar(t) => format!("star “{t}” is not 3, 4 or 5"),
        P::BadScore(t) if vi => format!("số điểm “{t}” không phải số từ 0 đến 100"),
        P::BadScore(t) => format!("score “{t}” is not a number from 0 to 100"),
        P::BadStage(t) if vi => format!("không biết bước “{t}”"),
        P::BadStage(t) => format!("unknown stage “{t}”"),
        P::BadDate(f, t) if vi => format!("{}: “{t}” không phải ngày (dd/mm/yyyy)", field(*f)),
        P::BadDate(f, t) => format!("{}: “{t}” is not a date (dd/mm/yyyy)", field(*f)),
        P::CertificateIncomplete(f) if vi => {
            format!("có hạng sao nhưng thiếu {}", field(*f).to_lowercase())
        }
        P::CertificateIncomplete(f) => format!("a star but no {}", field(*f).to_lowercase()),
        P::CertificateWithoutStar if vi => "có giấy chứng nhận nhưng thiếu hạng sao".to_owned(),
        P::CertificateWithoutStar => "a certificate but no star".to_owned(),
        P::ExpiryBeforeIssue if vi => "ngày hết hạn không sau ngày cấp".to_owned(),
        P::ExpiryBeforeIssue => "the expiry date is not after the issue date".to_owned(),
        P::StageNeedsCertificate(s) if vi => {
            format!(
                "bước “{}” cần giấy chứng nhận (hạng sao, số, ngày cấp)",
                lang.t(stage_name(*s))
            )
        }
        P::StageNeedsCertificate(s) => format!(
            "stage “{}” needs a certificate (star, number, issue date)",
            lang.t(stage_name(*s))
        ),
        P::CertificateButStage(s) if vi => {
            format!(
                "có giấy chứng nhận nhưng bước là “{}”",
                lang.t(stage_name(*s))
            )
        }
        P::CertificateButStage(s) => {
            format!(
                "a certificate, but the stage is “{}”",
                lang.t(stage_name(*s))
            )
        }
        P::RepeatedRow(n) if vi => format!("trùng tên và chủ thể với dòng {n}"),
        P::RepeatedRow(n) => format!("same name and producer as row {n}"),
        P::TooLong(f) if vi => format!("{} quá dài", field(*f)),
        P::TooLong(f) => format!("{} is too long", field(*f)),
    }
}

/// A spreadsheet that could not be read, in the user's language, naming the file last.
pub fn spreadsheet_error(
    err: &crate::storage::spreadsheet::SpreadsheetError,
    lang: Lang,
) -> String {
    use crate::storage::spreadsheet::SpreadsheetError as E;
    let vi = lang == Lang::Vi;
    match err {
        E::File(inner) => storage_error(inner, lang),
        E::NotASpreadsheet { path } if vi => {
            format!(
                "không phải tệp bảng tính (.xlsx, .xls, .ods hoặc .csv) — {}",
                path.display()
            )
        }
        E::Protected { path } if vi => format!(
            "tệp được bảo vệ bằng mật khẩu; hãy lưu lại không đặt mật khẩu rồi thử lại — {}",
            path.display()
        ),
        E::Empty { path } if vi => format!("tệp không có dữ liệu — {}", path.display()),
        E::Damaged { message, path } if vi => {
            format!("tệp bảng tính bị hỏng: {message} — {}", path.display())
        }
        E::TooLarge { limit, path } => format!("{} — {}", sheet_limit(limit, lang), path.display()),
        other => other.to_string(),
    }
}

/// Which limit a spreadsheet went over, and what to do.
fn sheet_limit(limit: &crate::storage::spreadsheet::SheetLimit, lang: Lang) -> String {
    use crate::storage::spreadsheet::{
        MAX_IMPORT_ROWS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, SheetLimit as L,
    };
    match (limit, lang) {
        (L::CellTooFar(cell), Lang::Vi) => format!(
            "ô {cell} có dữ liệu nằm ngoài vùng ứng dụng đọc ({MAX_SHEET_ROWS} dòng, {MAX_SHEET_COLUMNS} cột); hãy xóa dữ liệu thừa ở đó rồi thử lại"
        ),
        (L::CellTooFar(cell), Lang::En) => format!(
            "cell {cell} holds a value outside the area an import reads ({MAX_SHEET_ROWS} rows, {MAX_SHEET_COLUMNS} columns); delete what is there and try again"
        ),
        (L::TooManyRows(n), Lang::Vi) => format!(
            "có hơn {MAX_IMPORT_ROWS} dòng dữ liệu (đã đếm {n}); hãy chia danh sách thành nhiều tệp"
        ),
        (L::TooManyRows(n), Lang::En) => format!(
            "more than {MAX_IMPORT_ROWS} rows of data ({n} counted); split the list into several files"
        ),
        (L::TooManyStrings(n), Lang::Vi) => format!(
            "tệp khai báo {n} chuỗi chữ, nhiều hơn tệp có thể chứa: tệp hỏng hoặc không phải do chương trình bảng tính lưu"
        ),
        (L::TooManyStrings(n), Lang::En) => format!(
            "the file declares {n} text strings, more than it can hold: it is damaged or not saved by a spreadsheet program"
        ),
    }
}

/// "Hãy chọn cột cho “Bộ tiêu chí”." (the screen, where the officer picks a column) or,
/// for the command line, which has no such choice, "Tệp không có cột “Bộ tiêu chí”. Thêm
/// cột…": each missing required field by the header the export writes (which the import
/// recognises).
pub fn import_missing_columns(
    missing: &[crate::domain::spreadsheet::ImportField],
    lang: Lang,
    can_choose: bool,
) -> String {
    let names = missing
        .iter()
        .map(|field| format!("“{}”", lang.t(import_field_name(*field))))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Vi { " và " } else { " and " });
    if can_choose {
        format!("{} {names}.", lang.t(XL_IMPORT_NEEDS_COLUMNS))
    } else {
        format!(
            "{} {names}. {}",
            lang.t(XL_IMPORT_NO_COLUMN),
            lang.t(XL_IMPORT_ADD_COLUMN)
        )
    }
}
