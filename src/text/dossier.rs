//! The dossier tab and its evidence files: document dates, statuses and what each
//! document is on hover, the integrity check's words, attaching, the clean-up.

use super::Tr;

// Dossier documents and evidence.
tr! {
    DOC_ISSUED = "Ngày cấp", "Issued";
    DOC_VALID_UNTIL = "Hiệu lực đến", "Valid until";
    DOC_STATUS = "Trạng thái", "Status";
    DOC_NOTE = "Ghi chú", "Note";
    DOC_REQUIRED = "bắt buộc", "required";
    REQUIRED_ALL_READY = "đủ tài liệu bắt buộc", "all required documents ready";
    DOC_CONDITIONAL = "khi pháp luật yêu cầu", "where the law requires";
    DOC_OPTIONAL = "minh chứng", "evidence";
    DOC_BY_PRODUCER = "Chủ thể (HTX, doanh nghiệp, hộ) chuẩn bị và nộp tài liệu này.", "The producer (cooperative, enterprise, household) prepares and submits this document.";
    DOC_BY_COMMUNE = "UBND xã lập tài liệu này sau khi nhận hồ sơ của chủ thể.", "The commune writes this document after receiving the producer's dossier.";
    DOC_BY_PROVINCE = "UBND tỉnh lập tài liệu này (hồ sơ đề nghị 5 sao).", "The province writes this document (5-star dossiers).";
    DOC_REQUIRED_HINT = "Bắt buộc: thiếu thì hồ sơ chưa đủ để nộp.", "Required: the dossier is not complete without it.";
    DOC_CONDITIONAL_HINT = "Bắt buộc khi pháp luật yêu cầu với sản phẩm này; nếu không thì chọn “Không áp dụng”.", "Required where the law requires it for this product; otherwise choose “Not applicable”.";
    DOC_OPTIONAL_HINT = "Không bắt buộc: chứng minh điểm cho tiêu chí chấm.", "Not required: it proves points on the scoring sheet.";
    DOC_BACKS = "Minh chứng cho tiêu chí", "Evidence for criteria";
    COMMUNES_PART_HINT = "Phần của UBND xã: thư mục làm việc của chủ thể chỉ xem được, và phần này được cập nhật khi nhận gói hồ sơ xã gửi lại.", "The commune's part: a producer's workspace only shows it; it is updated when you receive the bundle the commune sends back.";
    COMMUNES_PART_TAG = "phần của xã, chỉ xem", "commune's part, view only";
    PROVINCES_PART_TAG = "phần của tỉnh, chỉ xem", "province's part, view only";
    PRODUCERS_PART_TAG = "phần của chủ thể, chỉ xem", "producer's part, view only";
    DOC_UNKNOWN = "Tài liệu không có trong mẫu", "Document not in the template";
    VALID = "còn hiệu lực", "valid";
    EXPIRING = "sắp hết hiệu lực", "expiring";
    EXPIRED = "đã hết hiệu lực", "expired";
    CHECKING = "đang kiểm tra…", "checking…";
    INTACT = "nguyên vẹn", "intact";
    INTACT_HINT = "Tệp còn đúng như khi đính kèm (mã băm SHA-256 khớp).", "The file is exactly as attached (SHA-256 matches).";
    FILE_MISSING = "Thiếu tệp trong thư mục làm việc", "File missing from the workspace";
    FILE_ALTERED = "Tệp đã bị sửa sau khi đính kèm", "File changed since it was attached";
    FILE_UNCHECKED = "Không kiểm tra được tệp", "File could not be checked";
    FILE_IN_BUNDLE = "trong gói hồ sơ", "in the bundle";
    FILE_IN_BUNDLE_HINT = "Tệp nằm trong gói .ocop.zip, chưa giải nén ở chế độ xem nhiều xã. Để xem và kiểm tra tệp: Tệp → Gói hồ sơ điện tử → Xem một gói hồ sơ (chỉ đọc)…", "The file is inside the .ocop.zip bundle, not extracted in the many-communes view. To see and check it: File → Electronic dossier → Review a bundle (read-only)…";
    FILE_UNSAFE = "Đường dẫn không an toàn (ra ngoài thư mục làm việc): không mở", "Unsafe path (leaves the workspace): not opened";
    ATTACH = "Đính kèm…", "Attach…";
    ATTACH_HINT = "Chọn một hoặc nhiều tệp, hoặc kéo thả tệp vào tài liệu này.", "Pick one or more files, or drop files onto this document.";
    ADDED_ON = "thêm ngày", "added";
    DOC_DATE = "Ngày văn bản", "Document date";
    OPEN_FILE = "Mở", "Open";
    SHOW_IN_FOLDER = "Mở thư mục chứa", "Show in folder";
    DETACH = "Bỏ đính kèm", "Remove";
    DETACH_HINT = "Chỉ bỏ liên kết (Ctrl+Z để hoàn tác); tệp vẫn được giữ cho đến khi dọn tài liệu không dùng.", "Removes the link only (Ctrl+Z undoes); the file is kept until unused evidence is cleaned up.";
    COPYING = "Đang sao chép", "Copying";
    IMPORT_DONE = "Đã đính kèm", "Attached";
    IMPORT_FAILED = "Không đính kèm được", "Could not attach";
    IMPORT_STOPPED = "việc sao chép dừng bất ngờ; hãy đính kèm lại", "the copying stopped unexpectedly; attach the files again";
    IMPORT_CANCELLED = "Đã hủy sao chép; không có gì được đính kèm.", "Copy cancelled; nothing was attached.";
    IMPORT_BUSY = "Đang sao chép tệp khác, chờ xong rồi thử lại.", "Another copy is running; try again when it is done.";
    CHOOSE_DOC_TITLE = "Đính kèm vào tài liệu nào?", "Attach to which document?";
    DROP_HINT = "Thả tệp vào một tài liệu trong thẻ Hồ sơ để đính kèm", "Drop files onto a document on the Dossier tab to attach them";
    DROP_OPEN_PRODUCT = "Mở một sản phẩm trước, rồi thả tệp vào tài liệu cần đính kèm.", "Open a product first, then drop files onto the document they belong to.";
    OPEN_FILE_FAILED = "Không mở được tệp", "Could not open the file";
    MENU_CLEAN_UP = "Dọn tài liệu minh chứng không dùng…", "Clean up unused evidence…";
    CLEAN_UP_TITLE = "Tài liệu minh chứng không còn sản phẩm nào dùng", "Evidence files no product uses";
    CLEAN_UP_NONE = "Không có tệp nào thừa.", "No unused files.";
    CLEAN_UP_CONFIRM = "Chuyển các tệp này vào thùng rác (trash/evidence)", "Move these files to the trash (trash/evidence)";
    CLEAN_UP_DONE = "Đã chuyển tệp không dùng vào trash/evidence (chưa xóa hẳn)", "Unused files moved to trash/evidence (not deleted)";
    CLEAN_UP_SCANNING = "Đang tìm tài liệu minh chứng không dùng", "Looking for unused evidence";
    CLEAN_UP_MOVING = "Đang chuyển tệp không dùng vào thùng rác", "Moving unused files to the trash";
    COPY_SAVING = "Đang lưu bản sao thư mục làm việc", "Saving a copy of the workspace";
    OPEN_FILE_COPYING = "Đang chuẩn bị tệp để mở", "Preparing the file to open";
    EVIDENCE_PROBLEM = "tệp minh chứng có vấn đề", "evidence problem(s)";
}
