//! Every user-visible string, Vietnamese and English, in one table.
//!
//! Screens never write text inline: they call [`Lang::t`] with a [`Tr`] constant from
//! here, or one of the `*_name` functions for domain enums.

use serde::{Deserialize, Serialize};

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

/// One string in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    /// Vietnamese.
    pub vi: &'static str,
    /// English.
    pub en: &'static str,
}

impl Lang {
    /// The string in this language.
    pub fn t(self, tr: Tr) -> &'static str {
        match self {
            Lang::Vi => tr.vi,
            Lang::En => tr.en,
        }
    }

    /// Picks between two runtime strings (data carrying both languages).
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En if en.is_empty() => vi,
            Lang::En => en,
        }
    }

    /// A date as the user reads it (dd/mm/yyyy in both languages, per Vietnamese use).
    pub fn date(self, date: chrono::NaiveDate) -> String {
        date.format("%d/%m/%Y").to_string()
    }
}

macro_rules! tr {
    ($($name:ident = $vi:literal, $en:literal;)*) => {
        $(
            #[doc = $en]
            pub const $name: Tr = Tr { vi: $vi, en: $en };
        )*
    };
}

mod cli;
mod criteria_notes;
mod dossier;
mod errors;
mod exchange;
mod names;
mod print;
mod report;
mod roundtrip;
mod scoring;
mod sharing;
mod spreadsheet;
mod startup;
mod summary;
mod undo;
pub use cli::*;
pub use criteria_notes::*;
pub use dossier::*;
pub use errors::*;
pub use exchange::*;
pub use names::*;
pub use print::*;
pub use report::*;
pub use roundtrip::*;
pub use scoring::*;
pub use sharing::*;
pub use spreadsheet::*;
pub use startup::*;
pub use summary::*;
pub use undo::*;

tr! {
    MENU_FILE = "Tệp", "File";
    SCORE_OUT_OF_RANGE = "không phải điểm từ 0 đến 100", "not a score from 0 to 100";
    MENU_OPEN_FOLDER = "Mở thư mục làm việc…", "Open workspace folder…";
    MENU_RELOAD = "Tải lại từ đĩa", "Reload from disk";
    MENU_QUIT = "Thoát", "Quit";
    MENU_EDIT = "Sửa", "Edit";
    MENU_UNDO = "Hoàn tác (Ctrl+Z)", "Undo (Ctrl+Z)";
    MENU_REDO = "Làm lại (Ctrl+Shift+Z / Ctrl+Y)", "Redo (Ctrl+Shift+Z / Ctrl+Y)";
    MENU_LANGUAGE = "Ngôn ngữ", "Language";
    MENU_VIEW = "Xem", "View";
    THEME_DARK = "Giao diện tối", "Dark theme";
    THEME_LIGHT = "Giao diện sáng (để in ảnh chụp màn hình)", "Light theme (for printed screenshots)";
    LANG_VI = "Tiếng Việt", "Tiếng Việt (Vietnamese)";
    LANG_EN = "English (Tiếng Anh)", "English";
    PORTFOLIO = "Danh mục sản phẩm", "Product portfolio";
    SEARCH = "Tìm kiếm", "Search";
    SEARCH_HINT = "Tìm tên, chủ thể, xã… (gõ không dấu cũng được)", "Search name, producer, commune… (diacritics optional)";
    FILTER_STAGE = "Lọc theo bước", "Filter by stage";
    ALL_STAGES = "Tất cả các bước", "All stages";
    ADD_PRODUCT = "+ Thêm sản phẩm", "+ Add product";
    DELETE_PRODUCT = "Xóa sản phẩm…", "Delete product…";
    COL_PRODUCT = "Sản phẩm", "Product";
    COL_PRODUCER = "Chủ thể", "Producer";
    COL_COMMUNE = "Xã", "Commune";
    COL_SET = "Bộ TC", "Set";
    COL_STAGE = "Bước", "Stage";
    COL_DOSSIER = "Hồ sơ", "Dossier";
    COL_DEADLINE = "Hạn tiếp theo", "Next deadline";
    PRODUCTS_SHOWN = "sản phẩm đang hiển thị", "products shown";
    OF = "trên", "of";
    NO_PRODUCTS = "Chưa có sản phẩm nào. Bấm “Thêm sản phẩm” để bắt đầu.", "No products yet. Click “Add product” to start.";
    NO_MATCH = "Không có sản phẩm nào khớp với tìm kiếm.", "No product matches the search.";
    BACK = "← Quay lại", "← Back";
    EXAMPLE = "ví dụ", "example";
    READ_ONLY = "chỉ đọc", "read-only";
    READ_ONLY_EXPLAIN = "Tệp này do phiên bản mới hơn của ứng dụng ghi. Chỉ xem, không sửa để tránh mất dữ liệu.", "This file was written by a newer version of the app. View only, so no data is lost.";
    SECTION_PROCESS = "Quy trình", "Process";
    SECTION_PRODUCT = "Thông tin sản phẩm", "Product details";
    SECTION_HISTORY = "Các lần đánh giá trước", "Earlier applications";
    FIELD_NAME = "Tên sản phẩm", "Product name";
    FIELD_COMMUNE = "Xã", "Commune";
    FIELD_CODE = "Mã sản phẩm", "Product code";
    FIELD_DESCRIPTION = "Mô tả", "Description";
    FIELD_NOTES = "Ghi chú", "Notes";
    FIELD_PRODUCER = "Chủ thể", "Producer";
    FIELD_PRODUCER_KIND = "Loại hình", "Legal form";
    FIELD_REPRESENTATIVE = "Người đại diện", "Legal representative";
    FIELD_PHONE = "Điện thoại", "Phone";
    FIELD_ADDRESS = "Địa chỉ", "Address";
    FIELD_SET = "Bộ tiêu chí", "Scoring set";
    FIELD_RULES = "Căn cứ", "Rule version";
    FIELD_KIND = "Loại đăng ký", "Application type";
    FIELD_APP_NOTES = "Ghi chú lần đánh giá", "Application notes";
    FORM_REPORT_DATE = "Ngày báo cáo Mẫu 03", "Form 03 date";
    NO_SUCH_PRODUCT = "Không có sản phẩm", "No such product";
    NO_APPLICATION = "Sản phẩm chưa có lần đánh giá nào", "The product has no application";
    DOC_NO_SET_CHOSEN = "Sản phẩm chưa chọn bộ tiêu chí: chọn bộ ở thẻ Tổng quan của sản phẩm", "The product has no scoring set yet: choose it on the product's Overview tab";
    DOC_NO_RULE_DATA = "Thiếu bộ tiêu chí của sản phẩm trong dữ liệu quy định", "The rule data has no criteria for the product's set";
    DOC_BUILD_FAILED = "Không tạo được tài liệu", "Could not build the document";
    MENU_EXPORT = "Xuất tài liệu", "Export";
    MENU_EXPORT_NEEDS_PRODUCT = "Mở một sản phẩm trước, rồi xuất biểu mẫu và báo cáo của sản phẩm đó", "Open a product first, then export its forms and report";
    DOSSIER_ONLY_MISSING = "Chỉ hiện tài liệu chưa xong", "Only documents still to do";
    GLANCE_THEN = "tiếp theo", "then";
    DOC_EXPORTED = "Đã xuất tài liệu", "Document exported";
    DOC_EXPORT_FAILED = "Không xuất được tài liệu", "Could not export the document";
    EXPORT_BUTTON = "Xuất…", "Export…";
    GLANCE_TITLE = "Tóm tắt: sản phẩm đang ở đâu, còn thiếu gì", "At a glance: where it stands, what is missing";
    GLANCE_OPEN_DOSSIER = "Mở tài liệu này trong tab Hồ sơ", "Open this document on the Dossier tab";
    GLANCE_MORE_ON_SCORING = "… xem đủ trên tab Chấm điểm", "… see them all on the Scoring tab";
    SECTION_FORMS = "Nội dung biểu mẫu (Mẫu 01, 02, 03)", "Form texts (Forms 01, 02, 03)";
    FORMS_PRODUCER_PART = "Phần của chủ thể (Mẫu 02)", "The producer's part (Form 02)";
    FORMS_FORM_03 = "Mẫu 03: chủ thể kê khai (trái) và xã đánh giá thực tế (phải)", "Form 03: the producer's statement (left), the commune's assessment (right)";
    FORMS_FORM_03_EXPLAIN = "Cán bộ xã điền cột phải sau khi kiểm tra thực tế.", "The commune officer fills in the right column after checking on site.";
    DOC_FORM_01 = "Mẫu 01 – Phiếu đăng ký (Word)", "Form 01 – Registration (Word)";
    DOC_FORM_02 = "Mẫu 02 – Báo cáo tự đánh giá (Word)", "Form 02 – Self-assessment report (Word)";
    DOC_FORM_03 = "Mẫu 03 – Báo cáo của UBND xã (Word)", "Form 03 – Commune's report (Word)";
    DOC_SHEET = "Phiếu chấm điểm (Word)", "Scoring sheet (Word)";
    DOC_LETTER = "Văn bản đề nghị của UBND xã (Word)", "Commune's request letter (Word)";
    DOC_REPORT = "Báo cáo tình trạng sản phẩm (PDF)", "Product status report (PDF)";
    FIELD_CERTIFICATE = "Giấy chứng nhận", "Certificate";
    FIELD_EXPIRES = "hết hạn", "expires";
    CERT_NUMBER = "Số", "No.";
    CERT_ISSUED = "Ngày cấp", "Issued";
    DATE_HINT = "dd/mm/yyyy", "dd/mm/yyyy";
    NEXT_STEP = "Bước tiếp theo", "Next step";
    OTHER_OUTCOMES = "Kết quả khác", "Other outcomes";
    STAGE_DIALOG_TITLE = "Chuyển bước", "Change stage";
    SKIPS_STEPS = "Chuyển bước này bỏ qua:", "This move skips:";
    REQUIRED_NOT_READY = "tài liệu bắt buộc của hồ sơ chưa sẵn sàng (vẫn có thể chuyển).", "required dossier documents are not ready yet (the move is still allowed).";
    TODAY_BUTTON = "Hôm nay", "Today";
    STAGE_DIALOG_NEEDS = "Cần bổ sung thông tin trước khi chuyển:", "This information is needed before the move:";
    CONFIRM = "Xác nhận", "Confirm";
    CANCEL = "Hủy", "Cancel";
    CANCELLING = "Đang hủy…", "Cancelling…";
    CLOSE = "Đóng", "Close";
    START_UPGRADE = "Bắt đầu hồ sơ nâng hạng", "Start an upgrade application";
    START_RERATING = "Bắt đầu hồ sơ đánh giá lại", "Start a re-rating application";
    ADD_DIALOG_TITLE = "Thêm sản phẩm", "Add product";
    DELETE_DIALOG_TITLE = "Xóa sản phẩm?", "Delete product?";
    DELETE_DIALOG_TEXT = "Sản phẩm sẽ bị xóa khỏi danh mục. Tệp được chuyển vào thư mục trash/ và có thể hoàn tác bằng Ctrl+Z.", "The product leaves the portfolio. Its file moves to the trash/ folder and Ctrl+Z brings it back.";
    DELETED = "Đã xóa sản phẩm. Ctrl+Z để hoàn tác.", "Product deleted. Ctrl+Z to undo.";
    UNDONE = "Đã hoàn tác", "Undone";
    REDONE = "Đã làm lại", "Redone";
    NOTHING_TO_UNDO = "Không còn gì để hoàn tác", "Nothing to undo";
    NOTHING_TO_REDO = "Không còn gì để làm lại", "Nothing to redo";
    SAVE_FAILED = "Không lưu được", "Could not save";
    SAVED_ALL = "Mọi thay đổi đã được lưu", "All changes saved";
    SAVING = "Đang lưu nội dung vừa gõ…", "Saving what you typed…";
    QUIT_TITLE = "Còn thay đổi chưa được ghi vào đĩa", "Some changes are not on disk";
    QUIT_TEXT = "thay đổi chưa ghi được vào thư mục làm việc (đĩa đầy, thư mục không ghi được hoặc ổ USB đã rút?). Nếu thoát bây giờ, chúng sẽ mất.", "change(s) could not be written to the workspace folder (disk full, folder not writable, USB stick removed?). Quitting now loses them.";
    QUIT_RETRY = "Thử lưu lại rồi thoát", "Retry saving, then quit";
    QUIT_SAVE_COPY = "Lưu bản sao vào thư mục khác rồi thoát…", "Save a copy elsewhere, then quit…";
    QUIT_DISCARD = "Thoát và bỏ các thay đổi chưa lưu", "Quit and discard unsaved changes";
    QUIT_STAY = "Không thoát", "Don't quit";
    QUIT_STILL_FAILING = "Vẫn chưa lưu được.", "Still could not save.";
    COPY_SUFFIX = "ban-sao", "copy";
    UNSAVED = "thay đổi chưa lưu được, sẽ thử lại", "changes not saved yet, retrying";
    LOAD_PROBLEMS = "Có tệp không đọc được (không bị sửa, các sản phẩm khác vẫn mở):", "Some files could not be read (left untouched; every other product still opens):";
    NO_WORKSPACE = "Chưa mở thư mục làm việc", "No workspace open";
    NO_WORKSPACE_TEXT = "Chọn một thư mục làm việc OCOP, hoặc tạo thư mục mới.", "Choose an OCOP workspace folder, or create a new one.";
    OPEN_FAILED = "Không mở được thư mục làm việc", "Could not open the workspace";
    DIALOG_UNAVAILABLE = "Không hiển thị được hộp thoại chọn tệp của hệ thống. Cài xdg-desktop-portal hoặc zenity, hoặc dùng tham số --workspace.", "The system file dialog could not be shown. Install xdg-desktop-portal or zenity, or use --workspace.";
    DIALOG_UNAVAILABLE_ATTACH = "Không hiển thị được hộp thoại chọn tệp của hệ thống. Hãy kéo thả tệp từ trình quản lý tệp vào tài liệu cần đính kèm (hoặc cài xdg-desktop-portal hoặc zenity).", "The system file dialog could not be shown. Drag the files from the file manager onto the document instead (or install xdg-desktop-portal or zenity).";
    DIALOG_UNAVAILABLE_SAVE = "Không hiển thị được hộp thoại chọn nơi lưu của hệ thống. Cài xdg-desktop-portal hoặc zenity rồi thử lại.", "The system save dialog could not be shown. Install xdg-desktop-portal or zenity and try again.";
    REFUSED_READ_ONLY = "Sản phẩm này chỉ đọc (ghi bởi phiên bản mới hơn)", "This product is read-only (written by a newer version)";
    INVALID_DATE = "Ngày không hợp lệ (dd/mm/yyyy)", "Invalid date (dd/mm/yyyy)";
    DISMISS = "×", "×";
    STAR_FIELD = "Số sao", "Stars";
    STAR_NOT_CHOSEN = "chưa chọn", "not chosen";
    STAR_ABOVE_PREDICTION = "cao hơn dự kiến của phiếu chấm điểm:", "is above what the score sheet predicts:";
    NOT_SET = "—", "—";
    OVERDUE = "quá hạn", "overdue";
    DAYS = "ngày", "days";
    DAYS_LEFT = "ngày nữa", "days left";
    TODAY = "hôm nay", "today";
    WORKSPACE = "Thư mục", "Workspace";
    TAB_OVERVIEW = "Tổng quan", "Overview";
    TAB_DOSSIER = "Hồ sơ", "Dossier";
    TAB_SCORING = "Chấm điểm", "Scoring";
    COL_STARS = "Sao", "Stars";
    SECTION_CHANGELOG = "Lịch sử thay đổi", "Change history";
    NO_HISTORY = "Chưa có thay đổi nào được ghi.", "No changes recorded yet.";
    ORIGIN_UNDO = "Hoàn tác", "Undo";
    ORIGIN_REDO = "Làm lại", "Redo";
    H_CREATED = "Tạo sản phẩm", "Product created";
    H_RESTORED = "Khôi phục sản phẩm", "Product restored";
    H_STAGE = "Bước", "Stage";
    H_SET = "Bộ tiêu chí", "Scoring set";
    H_NEW_APP = "Bắt đầu hồ sơ mới", "New application";
    H_ATTACHED = "Đính kèm", "Attached";
    H_DETACHED = "Bỏ đính kèm", "Removed attachment";
    H_SCORE = "Chấm điểm", "Score";
    H_NOTE = "Ghi chú", "Note";
    TEXT_TOO_LONG = "Văn bản quá dài để sửa ở đây; chỉ hiện phần đầu", "Text too long to edit here; only its beginning is shown";
    CHARACTERS = "ký tự", "characters";
    H_ELIMINATION = "Điều kiện loại", "Eliminating condition";
    H_ELIMINATION_HIT = "áp dụng", "applies";
    H_ELIMINATION_CLEARED = "bỏ", "cleared";
    H_SHEET_NOTES = "Sửa ghi chú phiếu chấm", "Score sheet notes edited";
    H_OFFICIAL = "Kết quả chính thức của hội đồng", "Council's official result";
    H_CERTIFICATE_EDITED = "Sửa giấy chứng nhận", "Certificate corrected";
    H_LEGACY = "(ghi theo định dạng cũ)", "(recorded in the old format)";
    MENU_SETTINGS = "Cài đặt…", "Settings…";
    SETTINGS_TITLE = "Cài đặt", "Settings";
    SETTINGS_OFFICER = "Tên cán bộ (ghi vào lịch sử thay đổi)", "Officer's name (written into the change history)";
    SETTINGS_WS_NAME = "Tên hiển thị của thư mục làm việc", "Workspace name";
    SETTINGS_COMMUNE = "Xã", "Commune";
    SETTINGS_PROVINCE = "Tỉnh", "Province";
    SAVE = "Lưu", "Save";
    DASHBOARD = "Việc cần làm", "What needs doing";
    CALENDAR_SOURCE = "Xuất từ ocop-tracker; hạn tính theo QĐ 26/2026/QĐ-TTg.", "Exported by ocop-tracker; deadlines per Decision 26/2026/QĐ-TTg.";
    FILTER_PRODUCT = "Lọc sản phẩm", "Filter products";
    FILTER_KIND = "Loại hạn ▾", "Kinds ▾";
    CLEAR_FILTERS = "Bỏ lọc", "Clear filters";
    NOTHING_DUE = "Không có việc nào quá hạn hoặc sắp đến hạn.", "Nothing overdue or coming up.";
    B_OVERDUE = "Quá hạn", "Overdue";
    B_THIS_WEEK = "Tuần này", "This week";
    B_NEXT_WEEK = "Tuần sau", "Next week";
    B_THIS_MONTH = "30 ngày tới", "Next 30 days";
    B_LATER = "Sau đó", "Later";
    CHART_FUNNEL = "Sản phẩm theo bước", "Products per stage";
    CHART_STARS = "Hạng sao", "Stars";
    CHART_EXPIRING = "Giấy chứng nhận hết hạn theo quý", "Certificates expiring per quarter";
    NONE_EXPIRING = "Chưa có giấy chứng nhận nào.", "No certificates yet.";
    BELOW_THREE = "Dưới 3★ / bị loại", "Below 3★ / eliminated";
    NOT_SCORED = "Chưa chấm", "Not scored";
    NAV_DASHBOARD = "Việc cần làm", "To do";
    NAV_PORTFOLIO = "Danh mục sản phẩm", "Portfolio";
    MENU_EXPORT_ICS = "Xuất lịch hạn (.ics)…", "Export deadlines calendar (.ics)…";
    EXPORTED = "Đã xuất lịch", "Calendar exported";
    EXPORT_FAILED = "Không xuất được lịch", "Could not export the calendar";
    EXPORT_WRITING = "Đang ghi tệp xuất", "Writing the export";
    PREDICTED_SHORT = "dự kiến", "predicted";
    OFFICIAL_SHORT = "chính thức", "official";
    STAR_EXPIRED = "đã hết hạn", "expired";
    STAR_REVOKED = "bị thu hồi", "revoked";
    CERT_EXPIRED_ON = "Giấy chứng nhận đã hết hạn ngày", "Certificate expired on";
    CERT_REVOKED_ON = "Giấy chứng nhận bị thu hồi", "Certificate revoked";
    LAPSED_CERTIFICATES = "Không tính (đã hết hạn / bị thu hồi)", "Not counted (expired / revoked)";
}

/// "1 change", "2 changes": a count with its noun in the right number.
pub fn count(n: usize, lang: Lang, vi_noun: &str, en_singular: &str, en_plural: &str) -> String {
    match lang {
        Lang::Vi => format!("{n} {vi_noun}"),
        Lang::En if n == 1 => format!("{n} {en_singular}"),
        Lang::En => format!("{n} {en_plural}"),
    }
}

/// The name of a dossier document of `product` in the user's language (its key when the
/// product's rule version does not know it): the one lookup every screen uses.
pub fn document_name(
    catalog: &crate::domain::catalog::Catalog,
    product: &crate::domain::model::Product,
    key: &str,
    lang: Lang,
) -> String {
    catalog
        .document_names(product, key)
        .map_or_else(|| key.to_owned(), |(vi, en)| lang.pick(vi, en).to_owned())
}
