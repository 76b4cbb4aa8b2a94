//! The printed dossier's words (issue 24): the cover, contents, notices and file index.

use super::{Lang, Tr};

tr! {
    MENU_EXPORT_DOSSIER = "Hồ sơ để in (PDF)…", "Dossier to print (PDF)…";
    PRINT_FILE_STEM = "Hồ sơ để in", "Dossier to print";
    PRINT_COVER_TITLE = "HỒ SƠ ĐĂNG KÝ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", "OCOP PRODUCT EVALUATION AND RATING DOSSIER";
    PRINT_CONTENTS = "Mục lục hồ sơ", "Contents of the dossier";
    PRINT_NOT_READY = "chưa có", "not included";
    PRINT_FILE_INDEX = "Danh mục tệp điện tử", "Electronic files";
    PRINT_FILE_INDEX_NOTE = "Mỗi tệp minh chứng của bản in, với dung lượng và mã SHA-256 như trong bộ hồ sơ điện tử (.ocop.zip): đối chiếu bản giấy với bản điện tử.", "Every evidence file of this printed set, with its size and SHA-256 as in the electronic set (.ocop.zip): check the paper set against the electronic one.";
    PRINT_PAGE = "Trang", "Page";
    PRINT_COVER = "Bìa hồ sơ", "Cover";
    PRINT_NOT_PRINTABLE = "Tệp này không in được ở đây; tệp có trong bộ hồ sơ điện tử", "This file cannot be printed here; it is in the electronic set";
    PRINT_SIZE = "Dung lượng", "Size";
    PRINT_PROBLEM = "Không in được tệp minh chứng này", "This evidence file could not be printed";
    PRINT_ENCRYPTED = "Tệp PDF có mật khẩu: hãy lưu lại không đặt mật khẩu rồi đính kèm lại.", "The PDF is protected by a password: save it without one and attach it again.";
    PRINT_DAMAGED_PDF = "Tệp PDF bị hỏng hoặc không đọc được.", "The PDF is damaged or cannot be read.";
    PRINT_DAMAGED_IMAGE = "Ảnh bị hỏng hoặc bị cắt cụt (tải về chưa hết?).", "The image is damaged or cut short (an unfinished download?).";
    PRINT_TOO_LARGE_IMAGE = "Ảnh lớn hơn 100 megapixel: không đưa vào bản in (hãy thu nhỏ rồi đính kèm lại).", "The image is over 100 megapixels: not printed (shrink it and attach it again).";
    PRINT_MISSING_FILE = "Không tìm thấy tệp trong kho minh chứng của thư mục làm việc.", "The file is not in the workspace's evidence store.";
    PRINT_FORM_PROBLEM = "Không lập được mẫu này", "This form could not be made";
    PRINT_TYPESET = "mẫu do phần mềm lập", "form made by the app";
    PRINT_PROVINCE = "Tỉnh", "Province";
    PRINT_DATE = "Ngày lập", "Prepared on";
    PRINT_PREPARED_BY = "Người lập", "Prepared by";
    PRINT_CANCELLED = "Đã hủy; không ghi tệp nào.", "Cancelled; no file was written.";
    PRINT_WRITING = "Đang tạo hồ sơ để in", "Making the dossier to print";
    PRINT_DONE = "Đã xuất hồ sơ để in", "Dossier to print exported";
    PRINT_FAILED = "Không xuất được hồ sơ để in", "Could not export the dossier to print";
    PRINT_UNPRINTED = "Tệp chỉ in trang thông báo", "Files printed only as a notice page";
    PRINT_DIALOG_TITLE = "Xuất hồ sơ để in (PDF)", "Export the dossier to print (PDF)";
    PRINT_DIALOG_HINT = "Các tài liệu được in theo thứ tự danh mục hồ sơ, mỗi tài liệu kèm các tệp minh chứng theo thứ tự đính kèm. Tài liệu không chọn vẫn có trong mục lục (“chưa có”).", "Documents print in the dossier list's order, each with its evidence in the order attached. A document not chosen is still in the contents (“not included”).";
    PRINT_DIALOG_ODD_PAGES = "Mỗi tài liệu bắt đầu ở trang lẻ (in hai mặt)", "Start each document on a right-hand page (two-sided printing)";
    PRINT_DIALOG_EXPORT = "Xuất tệp PDF…", "Export the PDF…";
}

/// The words the PDF is typeset with, in `lang`.
pub fn print_words(lang: Lang) -> PrintWords {
    let t = |tr: Tr| lang.t(tr).to_owned();
    PrintWords {
        cover_title: t(PRINT_COVER_TITLE),
        contents: t(PRINT_CONTENTS),
        not_ready: t(PRINT_NOT_READY),
        file_index: t(PRINT_FILE_INDEX),
        file_index_note: t(PRINT_FILE_INDEX_NOTE),
        page: t(PRINT_PAGE),
        cover_label: t(PRINT_COVER),
        contents_label: t(PRINT_CONTENTS),
        not_printable: t(PRINT_NOT_PRINTABLE),
        size: t(PRINT_SIZE),
        problem_title: t(PRINT_PROBLEM),
        encrypted: t(PRINT_ENCRYPTED),
        damaged_pdf: t(PRINT_DAMAGED_PDF),
        damaged_image: t(PRINT_DAMAGED_IMAGE),
        too_large_image: t(PRINT_TOO_LARGE_IMAGE),
        form_problem: t(PRINT_FORM_PROBLEM),
    }
}

/// The words of the printed dossier, in the user's language (`text::print_words`).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintWords {
    pub cover_title: String,
    pub contents: String,
    pub not_ready: String,
    pub file_index: String,
    pub file_index_note: String,
    pub page: String,
    pub cover_label: String,
    pub contents_label: String,
    pub not_printable: String,
    pub size: String,
    pub problem_title: String,
    pub encrypted: String,
    pub damaged_pdf: String,
    pub damaged_image: String,
    pub too_large_image: String,
    /// Title of the page of a form that could not be made.
    pub form_problem: String,
}
