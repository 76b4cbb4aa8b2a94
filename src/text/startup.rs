//! The words of starting the program on an officer's PC (issue 22): the window that
//! cannot open, a crash, a program started from inside a zip, Help → About.

use super::Tr;

tr! {
    BOX_TITLE = "Theo dõi OCOP", "OCOP tracker";
    NO_WINDOW = "Không mở được cửa sổ chương trình: máy tính này không có trình vẽ đồ họa nào dùng được (OpenGL 2.0 trở lên, DirectX 12 hoặc Vulkan).", "The program's window could not open: this PC offers no graphics renderer it can use (OpenGL 2.0 or later, DirectX 12 or Vulkan).";
    NO_WINDOW_WHAT_TO_DO = "Cách khắc phục:\n• Cập nhật trình điều khiển card đồ họa (driver) từ trang của hãng máy hoặc Windows Update.\n• Nếu đang dùng Remote Desktop (máy tính từ xa), hãy chạy chương trình trực tiếp trên máy.\n• Các lệnh dòng lệnh (check, list, export, bundle…) vẫn dùng được.", "What to do:\n• Update the graphics driver (from the PC maker's site or Windows Update).\n• If this is a Remote Desktop session, run the program on the PC itself.\n• The command-line commands (check, list, export, bundle…) still work.";
    LOG_IS_AT = "Nhật ký lỗi (gửi cho người hỗ trợ)", "The log (send it to whoever helps you)";
    CRASH = "Chương trình gặp lỗi và phải đóng. Dữ liệu đã lưu không bị mất: mỗi thay đổi được ghi ngay khi bạn làm.", "The program met an error and must close. Your saved work is safe: every change is written as you make it.";
    CRASH_REPORT_AT = "Báo cáo lỗi (gửi cho người hỗ trợ)", "The crash report (send it to whoever helps you)";
    CRASH_NO_REPORT = "Không ghi được báo cáo lỗi.", "The crash report could not be written.";
    EXTRACT_FIRST = "Hãy giải nén (Extract All) trước khi chạy.\n\nChương trình đang chạy từ bên trong tệp .zip hoặc từ thư mục tạm của Windows: dữ liệu mẫu đi kèm không có ở đây, và mọi thứ ghi vào thư mục tạm có thể bị xóa.\n\nNhấp chuột phải vào tệp .zip → Extract All (Giải nén tất cả), rồi chạy ocop-tracker.exe trong thư mục vừa giải nén. Hoặc cài bằng tệp ocop-tracker-…-setup.exe.", "Extract All before running.\n\nThe program is running from inside a .zip file or from Windows' temporary folder: the demo data that comes with it is not here, and anything written to the temporary folder may be deleted.\n\nRight-click the .zip file → Extract All, then run ocop-tracker.exe in the extracted folder. Or install it with ocop-tracker-…-setup.exe.";
    TEMP_FOLDER_REFUSED = "Thư mục này nằm trong thư mục tạm của hệ thống, nơi tệp có thể bị xóa bất cứ lúc nào. Hãy chọn thư mục khác (ví dụ trong Tài liệu / Documents).", "This folder is inside the system's temporary folder, where files may be deleted at any time. Choose another folder (in Documents, for example).";
    FIRST_RUN_OFFER = "Chào mừng! Hãy tạo thư mục làm việc của xã để bắt đầu. (Muốn xem thử trước: Hủy, rồi chọn Xem dữ liệu mẫu.)", "Welcome! Create your commune's workspace to begin. (To look around first: Cancel, then Look at the demo data.)";
    TRY_AGAIN = "Thử lại", "Try again";
    MENU_HELP = "Trợ giúp", "Help";
    MENU_ABOUT = "Giới thiệu…", "About…";
    ABOUT_TITLE = "Giới thiệu chương trình", "About the program";
    ABOUT_VERSION = "Phiên bản", "Version";
    ABOUT_RULES = "Dữ liệu quy tắc", "Rule data";
    ABOUT_RULES_VALUE = "Quyết định 26/2026/QĐ-TTg, 26 bộ tiêu chí", "Decision 26/2026/QĐ-TTg, 26 scoring sets";
    ABOUT_RENDERER = "Trình vẽ đồ họa", "Renderer";
    ABOUT_DATA = "Thư mục cài đặt", "Settings folder";
    ABOUT_WORKSPACE = "Thư mục làm việc", "Workspace folder";
    ABOUT_LOGS = "Thư mục nhật ký", "Log folder";
    ABOUT_OPEN_LOGS = "Mở thư mục nhật ký", "Open the log folder";
    ABOUT_NONE = "(chưa có)", "(none)";
    ABOUT_SYSTEM = "Hệ điều hành", "Operating system";
}
