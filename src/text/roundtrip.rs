//! The words of the round trip between commune and producer: remarks, who owns what,
//! a new workspace.

use super::{Lang, Tr};
use crate::domain::model::WorkspaceKind;

tr! {
    REMARKS_OF_COMMUNE = "Ý kiến của xã", "The commune's remarks";
    REMARKS_OF_PRODUCER = "Ý kiến của chủ thể", "The producer's remarks";
    REMARK_ON_PRODUCT = "sản phẩm", "the product";
    REMARK_ON_CRITERION = "tiêu chí", "criterion";
    REMARK_ADD = "Ghi ý kiến…", "Write a remark…";
    REMARK_ADD_HINT = "Ý kiến của bạn (bên kia nhận được trong gói hồ sơ gửi đi)", "Your remark (the other side gets it in the bundle you send)";
    REMARK_SEND = "Ghi", "Add";
    REMARK_DELETE = "Rút lại ý kiến này (bên kia thấy đã rút khi nhận gói)", "Withdraw this remark (the other side sees it withdrawn in your next bundle)";
    REMARK_LATEST = "mới nhất", "latest";
    RECEIVED_REMARKS = "ý kiến mới hoặc rút lại", "remarks new or withdrawn";
    REMARK_WITHDRAWN = "đã rút lại", "withdrawn";
    REMARK_NONE = "Chưa có ý kiến nào.", "No remarks yet.";
    REMARK_TRAVELS = "Ý kiến đi theo gói hồ sơ: bên kia thấy khi nhận gói; không bên nào sửa được ý kiến của bên kia.", "Remarks travel in the bundle: the other side sees them when it receives it; neither side can change the other's.";
    REMARKS_NEW_FROM_BUNDLE = "Ý kiến mới trong gói", "New remarks in the bundle";
    ABOUT_DOCUMENT = "Về tài liệu", "On the document";
    ABOUT_PRODUCT = "Về sản phẩm", "On the product";
    ABOUT_CRITERION = "Về tiêu chí", "On criterion";
    PRODUCERS_PART_HINT = "Phần của chủ thể (HTX): thư mục làm việc của xã chỉ xem được; phần này được cập nhật khi nhận gói hồ sơ chủ thể gửi. Muốn góp ý, hãy ghi ý kiến của xã.", "The producer's part: a commune's workspace only shows it; it is updated when you receive the bundle the producer sends. To ask for a change, write the commune's remark.";
    H_KEPT_BY_PRODUCER = "HTX tự giữ hồ sơ bằng ứng dụng: phần của HTX chỉ xem ở thư mục của xã", "The producer keeps its own copy: its parts are view-only in the commune's workspace";
    H_KEPT_BY_COMMUNE = "Xã nhập hộ hồ sơ của HTX: phần của HTX sửa được ở thư mục của xã", "The commune enters the producer's dossier: its parts are editable in the commune's workspace";
    KEPT_BY_PRODUCER = "HTX tự giữ hồ sơ bằng ứng dụng (phần của HTX chỉ xem ở đây; cập nhật khi nhận gói HTX gửi)", "The producer keeps its own copy in the app (its parts view-only here; updated from its bundles)";
    KEPT_BY_PRODUCER_HINT = "Tự bật khi xã nhận gói hồ sơ của HTX. Tắt nếu HTX thôi dùng ứng dụng và xã nhập hộ hồ sơ giấy; khi đó gói HTX gửi sau vẫn thay phần của HTX.", "Turned on when the commune receives the producer's bundle. Turn it off if the producer stops using the app and the commune enters its paper dossier; a later bundle from the producer still replaces its parts.";
    H_REMARK_ADDED = "Ý kiến về", "Remark on";
    H_REMARK_REMOVED = "Rút lại ý kiến về", "Withdrew remark on";
    NEW_WORKSPACE_MENU = "Tạo thư mục làm việc mới (xã)…", "New commune workspace…";
    NEW_WORKSPACE_TITLE = "Tạo thư mục làm việc mới", "New workspace";
    NEW_WORKSPACE_COMMUNE_KIND = "Của xã (cán bộ nông nghiệp xã)", "A commune's (the commune's agriculture officer)";
    NEW_WORKSPACE_PRODUCER_KIND = "Của chủ thể (HTX, doanh nghiệp, hộ sản xuất)", "A producer's (cooperative, enterprise, household)";
    NEW_WORKSPACE_KIND = "Thư mục làm việc của ai?", "Whose workspace?";
    NEW_WORKSPACE_FOLDER = "Thư mục", "Folder";
    NEW_WORKSPACE_CHOOSE = "Chọn thư mục khác…", "Choose another folder…";
    NEW_WORKSPACE_CREATE = "Tạo và mở", "Create and open";
    OPENING_WORKSPACE = "Đang mở thư mục làm việc", "Opening the workspace";
    UNSAVED_KEEPS_WORKSPACE = "Chưa mở thư mục khác: còn thay đổi chưa ghi được vào đĩa (xem thanh trạng thái). Hãy thử lưu lại hoặc lưu bản sao (Tệp → Thoát) trước.", "Nothing else was opened: some changes are not on disk yet (see the status bar). Try saving again, or save a copy (File → Quit), first.";
    OPENING_CANCELLED = "Đã hủy việc mở thư mục làm việc.", "Opening the workspace was cancelled.";
    NEW_WORKSPACE_CREATED = "Đã tạo thư mục làm việc mới. Thêm sản phẩm bằng nút “+ Thêm sản phẩm”, nhập danh sách (Tệp → Nhập danh sách sản phẩm từ Excel…), hoặc nhận gói hồ sơ HTX gửi.", "New workspace created. Add products with “+ Add product”, import a list (File → Import product list from Excel…), or receive a cooperative's bundle.";
    NEW_WORKSPACE_NO_FOLDER = "Chưa chọn thư mục: bấm “Chọn thư mục khác…”", "No folder chosen: press “Choose another folder…”";
    NEW_WORKSPACE_OFFICER = "Họ tên cán bộ", "Officer's name";
    NEW_WORKSPACE_PROVINCE = "Tỉnh", "Province";
    NEW_WORKSPACE_PRODUCER = "Tên chủ thể (đăng ký kinh doanh)", "Producer's registered name";
    START_DEMO = "Xem dữ liệu mẫu", "Look at the demo data";
    START_NEW = "Tạo thư mục làm việc mới…", "New workspace…";
    EMPTY_FOLDER_OFFER = "Thư mục này chưa phải là thư mục làm việc OCOP. Tạo thư mục làm việc mới ở đây?", "This folder is not an OCOP workspace yet. Start a new workspace here?";
    CLI_INIT_USAGE = "cách dùng: init THƯ_MỤC --commune \"…\" --province \"…\" [--officer \"…\"]  hoặc  init THƯ_MỤC --producer \"HTX …\"", "usage: init DIR --commune \"…\" --province \"…\" [--officer \"…\"]  or  init DIR --producer \"HTX …\"";
    CLI_INIT_DONE = "Đã tạo thư mục làm việc", "Workspace created";
    CLI_REMARK_USAGE = "cách dùng: remark THƯ_MỤC --product MÃ [--document KHÓA | --criterion KHÓA] [--by TÊN] \"ý kiến\"", "usage: remark DIR --product ID [--document KEY | --criterion KEY] [--by NAME] \"text\"";
    CLI_REMARK_DONE = "Đã ghi ý kiến", "Remark written";
    CLI_REMARK_UNKNOWN_TARGET = "sản phẩm không có tài liệu hoặc tiêu chí này", "the product has no such document or criterion";
    CLI_NO_PRODUCT = "không có sản phẩm", "no such product";
    OPEN_EXPORTED_FILE = "Mở tệp", "Open the file";
    OPEN_EXPORTED_FOLDER = "Mở thư mục chứa tệp", "Show in its folder";
    COL_SOURCE = "Nguồn", "Source";
    MANY_DUPLICATES = "sản phẩm có cả trong thư mục của xã và trong gói hồ sơ: mỗi sản phẩm chỉ tính một lần, theo bản sửa sau cùng", "products are both in a commune's folder and in a bundle: each counts once, as its latest version";
    CLI_WENT_TO_CONFLICT = "chưa ghi vào tệp sản phẩm mà vào bản xung đột (tệp đã bị sửa ở nơi khác trong lúc ghi)", "not written to the product file but to a conflict copy (the file was changed elsewhere meanwhile)";
    CLI_CONFLICT_WHAT_TO_DO = "Mở ứng dụng, vào sản phẩm đó để so sánh và gộp hai bản (ocop-tracker conflicts THƯ_MỤC liệt kê các bản xung đột).", "Open the app and the product to compare and merge both versions (ocop-tracker conflicts DIR lists the conflict copies).";
    CLI_BUNDLE_OF_ANOTHER = "đã có tệp gói của một sản phẩm khác cùng tên ở đây; không ghi đè, hãy chọn tên bằng --out", "a bundle of another product with the same name is already here; not overwritten, choose a name with --out";
    BUNDLE_PRODUCT_INVALID = "Không nhận: tệp sản phẩm trong gói có dữ liệu sai", "Not received: the product file in the bundle holds wrong data";
    GC_SHORT_GRACE = "thời gian chờ ngắn hơn 7 ngày: tệp minh chứng vừa đính kèm ở máy khác có thể về trước tệp sản phẩm của nó và bị chuyển vào thùng rác (vẫn lấy lại được từ trash/evidence/)", "a grace shorter than 7 days: an evidence file just attached on another PC may arrive before its product file and be moved to the trash (it can still be taken back from trash/evidence/)";
    OPENED_TO_READ = "Mở để đọc (dòng lệnh): không sửa gì", "Opened to read (command line): nothing is edited";
    CONFLICT_DEVICE = "máy", "device";
}

/// "Xã" / "Chủ thể": who wrote a remark, said before it.
pub fn side_name(side: WorkspaceKind, lang: Lang) -> &'static str {
    lang.t(match side {
        WorkspaceKind::Commune => Tr {
            vi: "Xã",
            en: "Commune",
        },
        WorkspaceKind::Producer => Tr {
            vi: "Chủ thể",
            en: "Producer",
        },
    })
}

/// The heading of the remarks written by `side`.
pub fn remarks_of(side: WorkspaceKind, lang: Lang) -> &'static str {
    lang.t(match side {
        WorkspaceKind::Commune => REMARKS_OF_COMMUNE,
        WorkspaceKind::Producer => REMARKS_OF_PRODUCER,
    })
}

/// "the other side's part, view only", from this workspace's side.
pub fn others_part_hint(own: WorkspaceKind, lang: Lang) -> &'static str {
    lang.t(match own {
        WorkspaceKind::Commune => PRODUCERS_PART_HINT,
        WorkspaceKind::Producer => super::COMMUNES_PART_HINT,
    })
}

/// "và 4 tài liệu khác" / "and 4 more".
pub fn and_more(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("và {count} tài liệu khác"),
        Lang::En => format!("and {count} more"),
    }
}

/// A problem of a product's own data (`domain::checks`), for `check` and a refused
/// receive: "phiếu tự đánh giá: tiêu chí “1.1” chọn phương án 65536 nhưng chỉ có 4".
pub fn data_problem(
    problem: &crate::domain::checks::DataProblem,
    scoring_set: u8,
    lang: Lang,
) -> String {
    use crate::domain::checks::DataProblem as P;
    use crate::domain::history::Sheet;
    use crate::domain::scoring::SheetProblem as S;
    let vi = lang == Lang::Vi;
    let sheet_name = |sheet: &Sheet| match (sheet, vi) {
        (Sheet::SelfAssessment, true) => "phiếu tự đánh giá",
        (Sheet::SelfAssessment, false) => "self-assessment",
        (Sheet::Commune, true) => "phiếu của xã",
        (Sheet::Commune, false) => "commune sheet",
    };
    match problem {
        P::SetOutOfRange(set) if vi => format!("bộ tiêu chí {set} không thuộc 26 bộ"),
        P::SetOutOfRange(set) => format!("scoring_set {set} is not one of the 26 sets"),
        P::UnknownRuleVersion(rule) if vi => {
            format!("căn cứ “{rule}” không có trong ứng dụng")
        }
        P::UnknownRuleVersion(rule) => format!("unknown rule version “{rule}”"),
        P::Sheet { sheet, problem } => {
            let sheet = sheet_name(sheet);
            match (problem, vi) {
                (S::UnknownCriterion { key }, true) => {
                    format!("{sheet}: tiêu chí “{key}” không có trong bộ {scoring_set}")
                }
                (S::UnknownCriterion { key }, false) => {
                    format!("{sheet}: criterion “{key}” is not in set {scoring_set}")
                }
                (
                    S::OptionOutOfRange {
                        key,
                        option,
                        options,
                    },
                    true,
                ) => format!(
                    "{sheet}: tiêu chí “{key}” chọn phương án {} nhưng chỉ có {options}",
                    option.saturating_add(1)
                ),
                (
                    S::OptionOutOfRange {
                        key,
                        option,
                        options,
                    },
                    false,
                ) => format!(
                    "{sheet}: criterion “{key}” has option {} chosen but only {options} exist",
                    option.saturating_add(1)
                ),
                (S::UnknownElimination { key }, true) => {
                    format!("{sheet}: điều kiện loại “{key}” không có trong bộ {scoring_set}")
                }
                (S::UnknownElimination { key }, false) => {
                    format!("{sheet}: eliminating condition “{key}” is not in set {scoring_set}")
                }
            }
        }
    }
}
