//! The status report for the cooperative (`documents::report`) and the Overview's
//! summary, which says the same things: headings, labels and verdicts.

use super::Tr;

// Status report and the Overview summary.
tr! {
    R_TITLE = "Tình trạng sản phẩm OCOP", "OCOP product status";
    R_AS_OF = "tình trạng ngày", "status as of";
    R_WHERE = "Sản phẩm đang ở đâu", "Where the product stands";
    R_PRODUCER = "Chủ thể", "Producer";
    R_APPLICATION = "Lần đánh giá", "Application";
    R_STAGE = "Bước hiện tại", "Current step";
    R_NEXT_STEP = "Bước tiếp theo", "Next step";
    R_BY = "hạn", "by";
    R_NEXT_DEADLINE = "Hạn gần nhất", "Nearest deadline";
    R_CERT_VALID = "còn hiệu lực", "valid";
    R_CERT_EXPIRED = "đã hết hạn", "expired";
    R_CERT_REVOKED = "đã bị thu hồi", "revoked";
    R_CERT_NOT_YET = "chưa đến ngày cấp", "not yet in force";
    R_COMMUNE_NOTES = "Ghi chú của xã", "Commune's notes";
    R_PRODUCER_BRINGS = "Chủ thể cần nộp", "The producer has to bring";
    R_SEE_REMARKS = "xem mục “Ý kiến của xã” bên dưới", "see “The commune's remarks” below";
    R_DOSSIER = "Hồ sơ", "Dossier";
    R_REQUIRED_COMPLETE = "Đã đủ tài liệu bắt buộc.", "All required documents are ready.";
    R_REQUIRED_MISSING = "Tài liệu bắt buộc còn thiếu", "Required documents missing";
    WRITING_PRODUCTS_SHORT = "Đang ghi sản phẩm", "Writing products";
    WRITING_PRODUCTS = "Đang ghi các sản phẩm vào thư mục…", "Writing the products to the folder…";
    WRITING_PRODUCTS_HINT = "Mỗi tệp được ghi an toàn; nếu máy tắt giữa chừng, các sản phẩm đã ghi vẫn còn nguyên.", "Each file is written safely; if the computer stops midway, the products already written stay intact.";
    R_TO_PROVIDE = "cần chuẩn bị", "to provide";
    R_EXPIRED = "đã hết hiệu lực", "expired";
    R_EXPIRED_ON = "hết hiệu lực từ", "expired on";
    R_EXPIRES_ON = "sắp hết hiệu lực", "expires on";
    R_VALID_UNTIL = "hiệu lực đến", "valid until";
    R_SCORE = "Điểm tự đánh giá", "Self-assessment score";
    R_TOTAL = "tổng", "total";
    R_PREDICTED = "Dự kiến đạt", "Predicted";
    R_ELIMINATED = "Hồ sơ bị loại (điều kiện loại)", "Eliminated (an eliminating condition)";
    R_NOT_RECOGNISED = "Chưa đủ điều kiện công nhận 3 sao", "Not yet recognisable at 3★";
    R_ANSWERED = "đã chấm", "answered";
    R_NEEDS = "cần", "needs";
    R_HAS = "hiện có", "has";
    R_WAY_TO = "Cách đạt", "The way to";
    R_THRESHOLD = "ngưỡng", "threshold";
    R_PROOF = "Minh chứng", "Proof";
    R_TARGET_UNREACHABLE = "Với dữ liệu hiện có, chưa tìm được cách đạt mức sao này.", "With the current data no way to this star was found.";
    R_DEADLINES = "Các mốc thời hạn", "Deadlines";
    R_NO_DEADLINES = "Không có thời hạn nào đang chạy.", "No deadline is running.";
    R_FOOTER = "Lập bằng ocop-tracker", "Made with ocop-tracker";
}
