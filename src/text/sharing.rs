//! Several officers on one shared folder: conflict copies and how they are resolved,
//! changes by others, the per-PC lock.

use super::Tr;

// Conflicts and shared folders.
tr! {
    CONFLICT_BANNER = "Sản phẩm này có bản xung đột (hai người sửa cùng lúc qua thư mục dùng chung). Không thay đổi nào bị mất: so sánh và chọn giữ bản nào.", "This product has a conflict copy (two people edited it at the same time through the shared folder). Nothing is lost: compare and choose what to keep.";
    CONFLICT_OPEN = "So sánh và chọn…", "Compare and choose…";
    CONFLICT_TITLE = "So sánh hai bản của sản phẩm", "Compare the two versions of the product";
    CONFLICT_CURRENT = "Bản hiện tại (tệp sản phẩm)", "Current version (the product file)";
    CONFLICT_COPY = "Bản xung đột", "Conflict copy";
    CONFLICT_KEEP = "Giữ", "Keep";
    CONFLICT_KEEP_CURRENT = "Bản hiện tại", "Current";
    CONFLICT_KEEP_COPY = "Bản xung đột", "Copy";
    CONFLICT_KEEP_BOTH = "Cả hai", "Both";
    CONFLICT_SAME = "Hai bản giống nhau, chỉ khác lịch sử thay đổi: gộp lịch sử của cả hai.", "The two versions are the same except for their change history: both histories will be kept.";
    CONFLICT_HISTORY_NOTE = "Lịch sử thay đổi của cả hai bản luôn được giữ, xếp theo thời gian.", "The change history of both versions is always kept, in time order.";
    CONFLICT_RESOLVE = "Gộp theo lựa chọn và chuyển bản xung đột vào thùng rác", "Merge as chosen and move the copy to the trash";
    CONFLICT_LATER = "Để sau", "Later";
    CONFLICT_RESOLVED = "Đã gộp hai bản; bản xung đột đã chuyển vào thư mục trash/ (Ctrl+Z để hoàn tác việc gộp).", "Merged; the conflict copy was moved to trash/ (Ctrl+Z undoes the merge).";
    CONFLICT_LAST_EDIT = "sửa lần cuối", "last edited";
    CONFLICT_PROCESS = "Bước, ngày, giấy chứng nhận", "Stage, dates, certificate";
    CONFLICT_APPLICATIONS = "Các lần đánh giá", "Applications";
    CONFLICT_ELIMINATIONS = "Điều kiện loại", "Eliminating conditions";
    CONFLICT_SHEET_NOTES = "Ghi chú phiếu chấm", "Score sheet notes";
    CONFLICT_MARK = "⚠ xung đột", "⚠ conflict";
    SOMEONE = "Người khác", "Someone";
    CHANGED_BY_OTHER = "đã sửa", "changed";
    RELOADED = "đã tải lại bản mới", "reloaded";
    CONFLICTS_WAITING = "Có bản xung đột chưa giải quyết (hai người sửa cùng lúc): mở sản phẩm có dấu ⚠ xung đột trong danh mục để so sánh và chọn.", "Conflict copies wait to be resolved (two people edited at once): open the product marked ⚠ conflict in the portfolio to compare and choose.";
    CONFLICT_ARRIVED = "Có bản xung đột mới từ thư mục dùng chung: mở sản phẩm có dấu ⚠ để so sánh và chọn.", "A conflict copy arrived through the shared folder: open the product marked ⚠ to compare and choose.";
    UNDO_RESOLVE_CONFLICT = "gộp bản xung đột của", "merge of the conflict copy of";
    WORKSPACE_OPEN_ELSEWHERE = "Thư mục làm việc này đang mở trong một cửa sổ khác trên máy này; cửa sổ này chỉ để xem, không ghi.", "This workspace is open in another window on this computer; this window is view-only.";
    WORKSPACE_NOT_LOCKABLE = "Không khóa được thư mục làm việc (thư mục chỉ đọc?); chỉ để xem", "Could not lock the workspace (read-only folder?); view-only";
}
