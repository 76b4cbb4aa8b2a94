//! The score sheet: totals, stars, the way to the next star, eliminations, the
//! criteria table's notes.

use super::{Lang, Tr};

// The score sheet.
tr! {
    SCORE_TOTAL = "Tổng", "Total";
    STARS = "sao", "stars";
    STAR_SUFFIX = "★", "★";
    NOT_RECOGNISABLE = "Chưa đủ điều kiện công nhận (dưới 3 sao hoặc thiếu tối thiểu 3 sao)", "Not recognisable (below 3★ or a 3★ minimum unmet)";
    ELIMINATED = "Bị loại", "Eliminated";
    NO_CRITERIA = "Chưa có bộ tiêu chí cho", "No criteria for";
    SHEET_SELF = "Chủ thể tự đánh giá", "Producer's self-assessment";
    SHEET_COMMUNE = "Xã chấm", "Commune's scoring";
    OFFICIAL_RESULT = "Kết quả chính thức của hội đồng", "Council's official result";
    OFFICIAL_SCORE = "Điểm bình quân", "Average score";
    OFFICIAL_DATE = "Ngày", "Date";
    SCORE_SUMMARY = "Kết quả chấm", "Score";
    PREDICTED = "Dự kiến", "Predicted";
    ANSWERED = "Đã chấm", "Answered";
    REACHABLE = "tổng có thể đạt", "reachable total";
    BAND_CAPPED = "Điểm thuộc hạng", "The score is in the band of";
    NEEDS_REVIEW = "Cần xem lại", "Needs review";
    STALE_ANSWERS = "Câu trả lời của bộ cũ", "Answers from the old set";
    NO_NEXT_STAR = "Đã ở hạng cao nhất, hoặc hồ sơ bị loại.", "Already at the top rank, or the dossier is eliminated.";
    WAY_TO = "Để đạt", "Path to";
    THRESHOLD = "Ngưỡng điểm", "Threshold";
    UNMET_MINIMA = "Tiêu chí chưa đạt mức tối thiểu:", "Criteria below the minimum:";
    POINTS_SHORT = "đ", "pts";
    OPTION_NUMBER = "phương án", "option";
    POINT_SHORT = "đ", "pt";
    MIN_NEEDED = "cần", "needs";
    SUGGESTIONS = "Việc nên làm để lên hạng (ít việc nhất):", "Suggested improvements (fewest first):";
    MINIMUM_FOR = "tối thiểu", "minimum for";
    FOR_POINTS = "thêm điểm", "more points";
    TARGET_UNREACHABLE = "Không thể đạt hạng này với bộ tiêu chí hiện tại.", "This rank cannot be reached with this set's criteria.";
    ELIMINATIONS = "Điều kiện loại hồ sơ", "Eliminating conditions";
    PART = "Phần", "Part";
    MAX = "tối đa", "max";
    CASE = "Trường hợp", "Case";
    NOT_MET = "Không đáp ứng (0 đ)", "Not met (0 pts)";
    UNANSWERED = "Chưa chấm", "Not scored yet";
    EVIDENCE = "Minh chứng:", "Evidence:";
    SOURCE_NOTE = "Lưu ý khi chấm", "Scoring note";
    SOURCE_NOTE_INTRO = "Lưu ý của bảng tiêu chí (Phụ lục II):", "Note on the criteria table (Appendix II):";
    SOURCE_NOTE_UNTRANSLATED = "Người đối chiếu văn bản có ghi chú về tiêu chí này (chưa dịch sang tiếng Việt); chọn Ngôn ngữ → English để đọc.", "The transcriber left a note on this criterion (not yet translated into Vietnamese).";
}

/// Why the way to the next star suggests a criterion: "tối thiểu 3★" (a star's minimum)
/// or "thêm điểm" (points), as the score screen and `score` both say it.
pub fn suggestion_reason(reason: crate::domain::scoring::SuggestionReason, lang: Lang) -> String {
    match reason {
        crate::domain::scoring::SuggestionReason::StarMinimum(star) => {
            format!("{} {star}{}", lang.t(MINIMUM_FOR), lang.t(STAR_SUFFIX))
        }
        crate::domain::scoring::SuggestionReason::Points => lang.t(FOR_POINTS).to_owned(),
    }
}

/// "đ" in Vietnamese; "pt" or "pts" in English.
pub fn points_unit(points: u32, lang: Lang) -> &'static str {
    if points == 1 {
        lang.t(POINT_SHORT)
    } else {
        lang.t(POINTS_SHORT)
    }
}
