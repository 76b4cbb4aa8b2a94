//! The commune's periodic report ("Báo cáo kết quả thực hiện Chương trình OCOP"): the
//! document's headings, table headers and notes, the File → Export dialog, the CLI's
//! refusals. The document follows the user's language; in English it reads as the usual
//! translation of a Vietnamese official paper.

use chrono::NaiveDate;

use super::{Lang, Tr};
use crate::domain::filename;
use crate::domain::model::CertificateStanding;
use crate::domain::spreadsheet::PortfolioRow;
use crate::domain::summary::{Period, PeriodKind, SetKey};

tr! {
    SUM_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM";
    SUM_MOTTO = "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness";
    SUM_AGENCY = "ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE";
    SUM_TITLE = "BÁO CÁO", "REPORT";
    SUM_PART_RESULTS = "I. KẾT QUẢ THỰC HIỆN", "I. RESULTS";
    SUM_PART_ASSESSMENT = "II. ĐÁNH GIÁ CHUNG", "II. OVERALL ASSESSMENT";
    SUM_PART_DIFFICULTIES = "III. KHÓ KHĂN, VƯỚNG MẮC", "III. DIFFICULTIES AND OBSTACLES";
    SUM_PART_PROPOSALS = "IV. KIẾN NGHỊ, ĐỀ XUẤT", "IV. RECOMMENDATIONS AND PROPOSALS";
    SUM_BY_SET = "4. Sản phẩm theo bộ tiêu chí", "4. Products by scoring set";
    SUM_BY_GROUP = "5. Sản phẩm theo nhóm sản phẩm (Phụ lục I)", "5. Products by product group (Appendix I)";
    SUM_NEW_LIST = "Danh sách giấy chứng nhận được cấp trong kỳ:", "Certificates issued in the period:";
    SUM_NO_NEW = "Trong kỳ không có giấy chứng nhận nào được cấp.", "No certificate was issued in the period.";
    SUM_NONE_DUE = "Không có giấy chứng nhận nào hết hạn hoặc đến hạn đánh giá lại trong kỳ tới.", "No certificate expires or is due for re-rating in the next period.";
    SUM_COL_NO = "TT", "No.";
    SUM_COL_STAGE = "Bước của quy trình", "Stage of the process";
    SUM_COL_PRODUCTS = "Số sản phẩm", "Products";
    SUM_COL_RANK = "Hạng", "Rank";
    SUM_COL_FIRST = "Đánh giá lần đầu", "First rating";
    SUM_COL_UPGRADE = "Nâng hạng", "Upgrade";
    SUM_COL_RERATING = "Đánh giá lại", "Re-rating";
    SUM_COL_TOTAL = "Tổng", "Total";
    SUM_COL_PRODUCT = "Sản phẩm", "Product";
    SUM_COL_PRODUCER = "Chủ thể", "Producer";
    SUM_COL_CERT_NO = "Số quyết định / GCN", "Decision / certificate no.";
    SUM_COL_ISSUED = "Ngày cấp", "Issued";
    SUM_COL_EXPIRES = "Hết hạn", "Expires";
    SUM_COL_FILE_BY = "Nộp hồ sơ đánh giá lại", "File the re-rating";
    SUM_COL_NOTE = "Ghi chú", "Note";
    SUM_COL_SET = "Bộ tiêu chí", "Scoring set";
    SUM_COL_SET_SHORT = "Bộ TC", "Set";
    SUM_COL_CERTIFIED = "Trong đó có GCN còn hiệu lực", "Of which with a valid certificate";
    SUM_COL_GROUP = "Nhóm sản phẩm", "Product group";
    SUM_COL_CURRENT_STAGE = "Bước hiện tại", "Current stage";
    SUM_COL_STARS = "Hạng sao (GCN)", "Stars (certificate)";
    SUM_TOTAL = "Tổng cộng", "Total";
    SUM_NOT_CHOSEN = "Chưa chọn bộ tiêu chí", "Scoring set not chosen yet";
    SUM_NOT_CHOSEN_SHORT = "Chưa chọn", "Not chosen";
    SUM_UNKNOWN_GROUP = "Bộ tiêu chí không có trong dữ liệu quy định", "Set not in the rule data";
    SUM_NO_APPLICATION = "Chưa có lần đánh giá nào", "No application yet";
    SUM_EXPIRES_NEXT = "hết hạn trong kỳ tới", "expires in the next period";
    SUM_RERATING_NEXT = "đến hạn nộp hồ sơ đánh giá lại", "re-rating due";
    SUM_RERATING_STARTED = "đã có hồ sơ đánh giá lại", "re-rating application started";
    SUM_RECIPIENTS = "Nơi nhận:", "Recipients:";
    SUM_FILED = "- Lưu: VT.", "- Archived: Office.";
    SUM_SIGN_FOR = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "ON BEHALF OF THE PEOPLE'S COMMITTEE\nCHAIRPERSON";
    SUM_SIGN_HOW = "(Ký tên và đóng dấu)", "(Signature and seal)";
    SUM_ANNEX = "PHỤ LỤC", "ANNEX";
    SUM_SHEET = "Tổng hợp", "Summary";
    SUM_ANNEX_SHEET = "Phụ lục", "Annex";
    SUM_NEW_SHEET = "GCN cấp trong kỳ", "Certificates issued";
    SUM_DUE_SHEET = "GCN đến hạn kỳ tới", "Due next period";
    SUM_MADE_WITH = "Số liệu lập bằng ocop-tracker từ thư mục làm việc của xã.", "Figures made with ocop-tracker from the commune's workspace.";
    // File → Export → the report dialog.
    MENU_EXPORT_SUMMARY = "Báo cáo kết quả thực hiện OCOP (Word, Excel)…", "OCOP results report (Word, Excel)…";
    SUM_DIALOG_TITLE = "Báo cáo kết quả thực hiện Chương trình OCOP", "OCOP programme results report";
    SUM_DIALOG_PERIOD = "Kỳ báo cáo", "Reporting period";
    SUM_DIALOG_FIRST_HALF = "6 tháng đầu năm", "First half of the year";
    SUM_DIALOG_SECOND_HALF = "6 tháng cuối năm", "Second half of the year";
    SUM_DIALOG_YEAR = "Cả năm", "Whole year";
    SUM_DIALOG_DATES = "Từ ngày … đến ngày …", "From … to …";
    SUM_DIALOG_YEAR_LABEL = "Năm", "Year";
    SUM_DIALOG_FROM = "Từ ngày", "From";
    SUM_DIALOG_TO = "Đến ngày", "To";
    SUM_DIALOG_FORMAT = "Định dạng", "Format";
    SUM_DIALOG_WORD = "Word (.docx)", "Word (.docx)";
    SUM_DIALOG_EXCEL = "Excel (.xlsx)", "Excel (.xlsx)";
    SUM_DIALOG_TEXTS = "Phần xã tự viết (có thể để trống, điền sau trong Word)", "The commune's own words (may stay empty, to fill in Word later)";
    SUM_DIALOG_EXPORT = "Xuất báo cáo…", "Export report…";
    SUM_DIALOG_BAD_DATE = "Ngày không hợp lệ (dd/mm/yyyy)", "Not a date (dd/mm/yyyy)";
    SUM_DIALOG_BACKWARDS = "Ngày kết thúc trước ngày bắt đầu", "The end is before the start";
    SUM_EXPORTED = "Đã xuất báo cáo", "Report exported";
    SUM_EXPORT_FAILED = "Không xuất được báo cáo", "Could not export the report";
}

/// The period as a title says it: "6 tháng đầu năm 2026", "năm 2026", "từ ngày 01/01/2026
/// đến ngày 15/03/2026".
pub fn period_name(period: &Period, lang: Lang) -> String {
    match (period.kind(), lang) {
        (PeriodKind::FirstHalf(y), Lang::Vi) => format!("6 tháng đầu năm {y}"),
        (PeriodKind::FirstHalf(y), Lang::En) => format!("in the first half of {y}"),
        (PeriodKind::SecondHalf(y), Lang::Vi) => format!("6 tháng cuối năm {y}"),
        (PeriodKind::SecondHalf(y), Lang::En) => format!("in the second half of {y}"),
        (PeriodKind::Year(y), Lang::Vi) => format!("năm {y}"),
        (PeriodKind::Year(y), Lang::En) => format!("in {y}"),
        (PeriodKind::Dates, _) => from_to(period, lang),
    }
}

/// "từ ngày 01/07/2026 đến ngày 31/12/2026" / "from 01/07/2026 to 31/12/2026".
pub fn from_to(period: &Period, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "từ ngày {} đến ngày {}",
            lang.date(period.from),
            lang.date(period.to)
        ),
        Lang::En => format!(
            "from {} to {}",
            lang.date(period.from),
            lang.date(period.to)
        ),
    }
}

/// The line under "BÁO CÁO".
pub fn summary_subtitle(period: &Period, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Kết quả thực hiện Chương trình Mỗi xã một sản phẩm (OCOP) {}",
            period_name(period, lang)
        ),
        Lang::En => format!(
            "Results of the One Commune One Product (OCOP) Programme {}",
            period_name(period, lang)
        ),
    }
}

/// "XÃ HỒNG QUANG" / "OF HỒNG QUANG COMMUNE" (dots when the commune is not set).
pub fn summary_agency_commune(commune: &str, lang: Lang) -> String {
    let commune = if commune.is_empty() {
        "……"
    } else {
        commune
    };
    match lang {
        Lang::Vi => format!("XÃ {}", commune.to_uppercase()),
        Lang::En => format!("OF {} COMMUNE", commune.to_uppercase()),
    }
}

/// "Số: ……/BC-UBND".
pub fn summary_number(lang: Lang) -> &'static str {
    lang.pick("Số: ……/BC-UBND", "No.: ……/BC-UBND")
}

/// "Hồng Quang, ngày 06 tháng 12 năm 2026" / "Hồng Quang, 06/12/2026".
pub fn summary_place_date(place: &str, day: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let place = if place.trim().is_empty() {
        "……"
    } else {
        place.trim()
    };
    match lang {
        Lang::Vi => format!(
            "{place}, ngày {:02} tháng {:02} năm {}",
            day.day(),
            day.month(),
            day.year()
        ),
        Lang::En => format!("{place}, {}", lang.date(day)),
    }
}

/// The opening sentence.
pub fn summary_intro(commune: &str, period: &Period, lang: Lang) -> String {
    let commune = if commune.is_empty() {
        "……"
    } else {
        commune
    };
    match lang {
        Lang::Vi => format!(
            "Ủy ban nhân dân xã {commune} báo cáo kết quả thực hiện Chương trình Mỗi xã một \
             sản phẩm (OCOP) {} ({}) như sau:",
            period_name(period, lang),
            from_to(period, lang)
        ),
        Lang::En => format!(
            "The People's Committee of {commune} commune reports on the One Commune One \
             Product (OCOP) Programme {} ({}) as follows:",
            period_name(period, lang),
            from_to(period, lang)
        ),
    }
}

/// "1. Sản phẩm theo bước của quy trình tại ngày 30/06/2026".
pub fn summary_by_stage(as_of: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "1. Sản phẩm theo bước của quy trình tại ngày {}",
            lang.date(as_of)
        ),
        Lang::En => format!(
            "1. Products by stage of the process on {}",
            lang.date(as_of)
        ),
    }
}

/// "2. Giấy chứng nhận OCOP được cấp trong kỳ (…)".
pub fn summary_new(period: &Period, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "2. Giấy chứng nhận OCOP được cấp trong kỳ (ngày cấp {})",
            from_to(period, lang)
        ),
        Lang::En => format!(
            "2. OCOP certificates issued in the period (issued {})",
            from_to(period, lang)
        ),
    }
}

/// "3. Giấy chứng nhận hết hạn hoặc đến hạn đánh giá lại trong kỳ tới (…)", with the
/// rule in a second sentence.
pub fn summary_due(next: &Period, lang: Lang) -> [String; 2] {
    match lang {
        Lang::Vi => [
            format!(
                "3. Giấy chứng nhận hết hạn hoặc đến hạn đánh giá lại trong kỳ tới ({})",
                from_to(next, lang)
            ),
            "Giấy chứng nhận có hiệu lực 36 tháng; hồ sơ đánh giá lại nộp trong khoảng từ \
             180 đến 120 ngày trước khi hết hạn (Quyết định 26/2026/QĐ-TTg)."
                .to_owned(),
        ],
        Lang::En => [
            format!(
                "3. Certificates expiring or due for re-rating in the next period ({})",
                from_to(next, lang)
            ),
            "A certificate is valid for 36 months; the re-rating dossier is filed 180 to \
             120 days before it expires (Decision 26/2026/QĐ-TTg)."
                .to_owned(),
        ],
    }
}

/// The notes under the stage table: what is approximated, what is left out.
pub fn summary_stage_notes(
    approximated: usize,
    added_after: usize,
    without_application: usize,
    as_of: NaiveDate,
    lang: Lang,
) -> Vec<String> {
    let day = lang.date(as_of);
    let mut notes = Vec::new();
    if approximated > 0 {
        notes.push(match lang {
            Lang::Vi => format!(
                "(*) {approximated} sản phẩm: lịch sử thay đổi trong ứng dụng không ghi đủ \
                 đến ngày {day}, nên bước tại ngày đó được lấy theo bước sớm nhất còn ghi \
                 (hoặc bước hiện tại); số liệu mang tính ước tính."
            ),
            Lang::En => format!(
                "(*) {}: the app's change history does not reach back to {day}, so the \
                 stage on that day is the earliest one recorded (or the current one); an \
                 estimate.",
                super::count(approximated, lang, "", "product", "products")
            ),
        });
    }
    if added_after > 0 {
        notes.push(match lang {
            Lang::Vi => format!(
                "{added_after} sản phẩm mới được thêm sau ngày {day}, không tính trong bảng."
            ),
            Lang::En => format!(
                "{} added as new after {day}, not counted in the table.",
                super::count(added_after, lang, "", "product", "products")
            ),
        });
    }
    if without_application > 0 {
        notes.push(format!(
            "{}: {without_application}.",
            lang.t(SUM_NO_APPLICATION)
        ));
    }
    notes.push(match lang {
        Lang::Vi => {
            "Bước của sản phẩm được tính theo ngày cán bộ ghi nhận trong ứng dụng.".to_owned()
        }
        Lang::En => {
            "A product's stage dates from when the officer recorded it in the app.".to_owned()
        }
    });
    notes
}

/// "3 sao" / "3 stars".
pub fn stars_words(star: u8, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{star} sao"),
        Lang::En => format!("{star} stars"),
    }
}

/// A set in the tables: "Bộ số 6: Chế biến từ gạo, ngũ cốc", or "Chưa chọn bộ tiêu chí".
pub fn summary_set_name(key: SetKey, name_vi: &str, name_en: &str, lang: Lang) -> String {
    match key {
        SetKey::NotChosen => lang.t(SUM_NOT_CHOSEN).to_owned(),
        SetKey::Set(n) => {
            let name = lang.pick(name_vi, name_en);
            match (lang, name.is_empty()) {
                (Lang::Vi, true) => format!("Bộ số {n}"),
                (Lang::En, true) => format!("Set {n}"),
                (Lang::Vi, false) => format!("Bộ số {n}: {name}"),
                (Lang::En, false) => format!("Set {n}: {name}"),
            }
        }
    }
}

/// The set column of the annex: "6", or "Chưa chọn" for set 0.
pub fn summary_set_short(scoring_set: u8, lang: Lang) -> String {
    if scoring_set == crate::domain::criteria::NO_SET {
        lang.t(SUM_NOT_CHOSEN_SHORT).to_owned()
    } else {
        scoring_set.to_string()
    }
}

/// The star column of the annex: the latest certificate's star and where it stands.
pub fn summary_row_stars(row: &PortfolioRow, lang: Lang) -> String {
    let Some(certificate) = &row.certificate else {
        return String::new();
    };
    let stars = stars_words(certificate.star, lang);
    let standing = match &row.standing {
        Some(CertificateStanding::Valid) | None => return stars,
        Some(CertificateStanding::Expired { .. }) => super::STAR_EXPIRED,
        Some(CertificateStanding::Revoked { .. }) => super::STAR_REVOKED,
        Some(CertificateStanding::NotYetIssued) => super::XL_CERT_NOT_YET,
    };
    format!("{stars} ({})", lang.t(standing))
}

/// The closing sentence.
pub fn summary_closing(commune: &str, period: &Period, lang: Lang) -> String {
    let commune = if commune.is_empty() {
        "……"
    } else {
        commune
    };
    match lang {
        Lang::Vi => format!(
            "Trên đây là báo cáo kết quả thực hiện Chương trình OCOP {} của Ủy ban nhân \
             dân xã {commune}./.",
            period_name(period, lang)
        ),
        Lang::En => format!(
            "This is the report of the People's Committee of {commune} commune on the OCOP \
             Programme {}./.",
            period_name(period, lang)
        ),
    }
}

/// The recipients beside the signature (after "Nơi nhận:").
pub fn summary_recipients(province: &str, lang: Lang) -> Vec<String> {
    let province = if province.is_empty() {
        "……"
    } else {
        province
    };
    match lang {
        Lang::Vi => vec![
            format!("- UBND tỉnh {province};"),
            format!("- Sở Nông nghiệp và Môi trường tỉnh {province};"),
            lang.t(SUM_FILED).to_owned(),
        ],
        Lang::En => vec![
            format!("- People's Committee of {province} province;"),
            format!("- Department of Agriculture and Environment of {province};"),
            lang.t(SUM_FILED).to_owned(),
        ],
    }
}

/// The annex's subtitle: what it lists and when.
pub fn summary_annex_title(commune: &str, today: NaiveDate, lang: Lang) -> [String; 2] {
    let commune = if commune.is_empty() {
        "……"
    } else {
        commune
    };
    match lang {
        Lang::Vi => [
            format!(
                "Danh sách sản phẩm OCOP của xã và tình trạng đến ngày {}",
                lang.date(today)
            ),
            format!("(Kèm theo Báo cáo số ……/BC-UBND của Ủy ban nhân dân xã {commune})"),
        ],
        Lang::En => [
            format!(
                "The commune's OCOP products and their status on {}",
                lang.date(today)
            ),
            format!("(Annexed to Report No. ……/BC-UBND of the People's Committee of {commune})"),
        ],
    }
}

/// A file name for the report, safe on every system: "Báo cáo OCOP 6 tháng đầu năm 2026 -
/// OCOP Lâm Bình.docx".
pub fn summary_file_name(period: &Period, workspace: &str, extension: &str, lang: Lang) -> String {
    let what = match (period.kind(), lang) {
        (PeriodKind::Dates, Lang::Vi) => format!(
            "từ {} đến {}",
            period.from.format("%d-%m-%Y"),
            period.to.format("%d-%m-%Y")
        ),
        (PeriodKind::Dates, Lang::En) => format!(
            "{} to {}",
            period.from.format("%d-%m-%Y"),
            period.to.format("%d-%m-%Y")
        ),
        (PeriodKind::FirstHalf(y), Lang::En) => format!("first half {y}"),
        (PeriodKind::SecondHalf(y), Lang::En) => format!("second half {y}"),
        (PeriodKind::Year(y), Lang::En) => y.to_string(),
        (_, Lang::Vi) => period_name(period, lang),
    };
    let stem = match (lang, workspace.trim()) {
        (Lang::Vi, "") => format!("Báo cáo OCOP {what}"),
        (Lang::En, "") => format!("OCOP report {what}"),
        (Lang::Vi, ws) => format!("Báo cáo OCOP {what} - {ws}"),
        (Lang::En, ws) => format!("OCOP report {what} - {ws}"),
    };
    filename::export_file_name(&stem, extension)
}

/// `--from`/`--to` that is not a date, `--out` that is neither .docx nor .xlsx, a period
/// that ends before it starts: the CLI's refusals, naming the flag.
pub fn summary_flag_error(flag: &str, value: &str, lang: Lang) -> String {
    match (flag, lang) {
        ("--out", Lang::Vi) => {
            format!("--out: “{value}” phải là tệp .docx (Word) hoặc .xlsx (Excel)")
        }
        ("--out", Lang::En) => {
            format!("--out: “{value}” must be a .docx (Word) or .xlsx (Excel) file")
        }
        (_, Lang::Vi) => format!("{flag}: “{value}” không phải là ngày (YYYY-MM-DD)"),
        (_, Lang::En) => format!("{flag}: “{value}” is not a date (YYYY-MM-DD)"),
    }
}

/// `export --summary` without one of its flags.
pub fn summary_usage(lang: Lang) -> &'static str {
    lang.pick(
        "export --summary cần --from YYYY-MM-DD --to YYYY-MM-DD --out TỆP.docx|TỆP.xlsx",
        "export --summary needs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.docx|FILE.xlsx",
    )
}

/// `--to` before `--from`.
pub fn summary_backwards(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "--to: ngày kết thúc {} trước ngày bắt đầu {} (--from)",
            lang.date(to),
            lang.date(from)
        ),
        Lang::En => format!(
            "--to: the end {} is before the start {} (--from)",
            lang.date(to),
            lang.date(from)
        ),
    }
}
