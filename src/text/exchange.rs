//! Words of the electronic dossier bundle: export, verify, import, review, many communes.

use super::{Lang, Tr, storage_error};
use crate::domain::exchange::ExchangeError;
use crate::storage::bundle::{BundleError, NotBundle, Problem};

tr! {
    MENU_BUNDLE = "Gói hồ sơ điện tử (.ocop.zip)", "Electronic dossier (.ocop.zip)";
    BUNDLE_EXPORT = "Xuất gói hồ sơ của sản phẩm…", "Export this product's dossier bundle…";
    BUNDLE_EXPORT_SHORT = "Gói hồ sơ điện tử (.ocop.zip)…", "Electronic dossier (.ocop.zip)…";
    BUNDLE_EXPORT_HINT = "Mở một sản phẩm trước", "Open a product first";
    BUNDLE_EXPORT_NOT_HERE = "Chỉ xuất gói từ một thư mục làm việc, không phải khi xem một gói hay nhiều xã", "A bundle is exported from a workspace, not while reviewing a bundle or many communes";
    BUNDLE_RECEIVE = "Nhận gói hồ sơ vào thư mục làm việc này…", "Receive a bundle into this workspace…";
    BUNDLE_VERIFY = "Kiểm tra một gói hồ sơ…", "Verify a bundle…";
    BUNDLE_REVIEW = "Xem một gói hồ sơ (chỉ đọc)…", "Review a bundle (read-only)…";
    MANY_OPEN = "Mở thư mục nhiều xã (chỉ đọc)…", "Open a folder of many communes (read-only)…";
    NEW_PRODUCER_WORKSPACE = "Tạo thư mục làm việc của chủ thể (HTX)…", "New producer (cooperative) workspace…";
    BUNDLE_WRITING = "Đang đóng gói", "Packing";
    BUNDLE_CHECKING = "Đang kiểm tra gói", "Checking the bundle";
    BUNDLE_EXTRACTING = "Đang nhận minh chứng", "Receiving evidence";
    BUNDLE_LOADING = "Đang mở", "Opening";
    BUNDLE_WRITTEN = "Đã xuất gói hồ sơ", "Bundle exported";
    BUNDLE_WRITE_FAILED = "Không xuất được gói hồ sơ", "Could not export the bundle";
    BUNDLE_CANCELLED = "Đã hủy; không ghi gì", "Cancelled; nothing was written";
    TASK_CANCELLED = "Đã hủy.", "Cancelled.";
    BUNDLE_SOUND = "Gói hồ sơ nguyên vẹn: mọi tệp khớp mã băm và kích thước trong bản kê", "The bundle is sound: every file matches the manifest's hash and size";
    BUNDLE_HAS_PROBLEMS = "Gói hồ sơ có lỗi", "The bundle has problems";
    BUNDLE_NOT_A_BUNDLE = "Không phải gói hồ sơ OCOP", "Not an OCOP bundle";
    BUNDLE_IMPORTED = "Đã nhận gói hồ sơ", "Bundle received";
    BUNDLE_IMPORT_FAILED = "Không nhận được gói hồ sơ; không thay đổi gì", "Could not receive the bundle; nothing was changed";
    IMPORT_TITLE = "Nhận gói hồ sơ", "Receive a dossier bundle";
    IMPORT_NEW_PRODUCT = "Sản phẩm mới: sẽ được thêm vào thư mục làm việc.", "A new product: it will be added to the workspace.";
    RECEIVED_NEW_PRODUCT = "sản phẩm mới, đã thêm vào thư mục làm việc", "a new product, added to the workspace";
    RECEIVED_CHANGES = "phần đã cập nhật", "parts updated";
    IMPORT_CHANGES = "Sẽ thay đổi", "Will change";
    IMPORT_NO_CHANGES = "Không có gì mới so với bản ở đây.", "Nothing new compared with the version here.";
    IMPORT_KEPT = "Khác nhưng giữ nguyên bản ở đây (phần của mình)", "Different, but the version here stays (this side's own)";
    IMPORT_HERE = "Ở đây", "Here";
    IMPORT_TAKE_THEIRS = "Lấy bản trong gói thay cho bản ở đây", "Take the bundle's version instead of this one";
    IMPORT_KEPT_EXPLAIN = "Mặc định giữ bản ở đây; đánh dấu từng mục muốn lấy theo gói.", "The version here stays unless you tick a part to take the bundle's.";
    IMPORT_IN_BUNDLE = "Trong gói", "In the bundle";
    IMPORT_RECEIVED_ON = "Ngày xã nhận hồ sơ (bắt đầu tính 15 ngày làm việc)", "Date the commune received the dossier (starts the 15 working days)";
    IMPORT_RECORD_RECEIPT = "Ghi ngày nhận", "Record the receipt date";
    IMPORT_ALREADY_RECEIVED = "Xã đã ghi nhận hồ sơ này ngày", "The commune recorded this dossier as received on";
    IMPORT_CONFIRM = "Nhận vào (hoàn tác được)", "Receive (can be undone)";
    IMPORT_FROM = "Từ", "From";
    BUNDLE_MADE_BY = "người lập", "made by";
    BUNDLE_GAPS = "Lưu ý trước khi gửi cho xã", "Before sending it to the commune";
    MADE_IN_PRODUCER = "chủ thể", "producer";
    MADE_IN_COMMUNE = "xã", "commune";
    REVIEW_BANNER = "Đang xem gói hồ sơ, chỉ đọc: không sửa được gì và tệp gói không bao giờ bị ghi", "Reviewing a bundle, read-only: nothing can be edited and the bundle file is never written";
    MANY_BANNER = "Đang xem nhiều xã, chỉ đọc: không ghi gì vào các thư mục này", "Viewing many communes, read-only: nothing is written to these folders";
    MANY_SOURCE = "nguồn", "from";
    MANY_NOTHING = "Thư mục này không chứa thư mục làm việc hay gói hồ sơ nào", "The folder holds no workspace and no bundle";
    COMMUNE_NOTES = "Ghi chú, việc cần bổ sung", "Notes, what to complete";
    PRODUCER_WORKSPACE = "Thư mục làm việc của chủ thể", "Producer's workspace";
    PRODUCER_WORKSPACE_CREATED = "Đã tạo thư mục làm việc của chủ thể", "Producer workspace created";
    FOLDER_IS_WORKSPACE = "Thư mục này đã là một thư mục làm việc", "This folder is already a workspace";
    EXCHANGE_BUSY = "Đang làm một việc khác (xem thanh tiến độ ở trên); hãy chờ xong", "Another task is running (see the progress strip above); wait for it to finish";
    TASK_DIED = "Tác vụ nền dừng bất thường; không thay đổi gì", "The background task stopped unexpectedly; nothing was changed";
    FILES = "tệp", "files";
    REVIEWING = "Gói hồ sơ", "Bundle";
    MANY_COMMUNES = "Nhiều xã", "Many communes";
    READ_ONLY_SHORT = "Chỉ đọc", "Read-only";
    UNDO_IMPORT_BUNDLE = "nhận gói hồ sơ", "receive a dossier bundle";
}

/// "từ chủ thể" / "from the producer" for a manifest's `made_in`.
pub fn made_in(kind: crate::domain::model::WorkspaceKind, lang: Lang) -> &'static str {
    lang.t(match kind {
        crate::domain::model::WorkspaceKind::Producer => MADE_IN_PRODUCER,
        crate::domain::model::WorkspaceKind::Commune => MADE_IN_COMMUNE,
    })
}

/// "Lưu ý trước khi gửi: chưa có xã; còn 4 tài liệu bắt buộc của chủ thể chưa sẵn sàng"
/// (empty when nothing is lacking).
pub fn bundle_gaps(gaps: &[crate::domain::exchange::BundleGap], lang: Lang) -> String {
    use crate::domain::exchange::BundleGap as G;
    if gaps.is_empty() {
        return String::new();
    }
    let said: Vec<String> = gaps
        .iter()
        .map(|gap| match (gap, lang) {
            (G::NoProducerName, Lang::Vi) => "chưa có tên chủ thể".to_owned(),
            (G::NoProducerName, Lang::En) => "no producer name".to_owned(),
            (G::NoCommune, Lang::Vi) => "chưa ghi tên xã".to_owned(),
            (G::NoCommune, Lang::En) => "no commune".to_owned(),
            (G::DocumentsMissing(n), Lang::Vi) => {
                format!("còn {n} tài liệu bắt buộc của chủ thể chưa sẵn sàng")
            }
            (G::DocumentsMissing(n), Lang::En) => {
                format!("{n} of the producer's required documents not ready")
            }
            (G::NotSelfAssessed, Lang::Vi) => "chưa tự chấm điểm".to_owned(),
            (G::NotSelfAssessed, Lang::En) => "not self-assessed yet".to_owned(),
        })
        .collect();
    format!("{}: {}", lang.t(BUNDLE_GAPS), said.join("; "))
}

/// Why a file is not a bundle.
fn not_bundle(reason: &NotBundle, lang: Lang) -> String {
    match (reason, lang) {
        (NotBundle::NotAFile, Lang::Vi) => "không phải một tệp thường".to_owned(),
        (NotBundle::NotAZip, Lang::Vi) => "không phải tệp zip".to_owned(),
        (NotBundle::Damaged(why), Lang::Vi) => format!("tệp zip bị cắt cụt hoặc hỏng ({why})"),
        (NotBundle::NoManifest, Lang::Vi) => "không có bản kê manifest.ron".to_owned(),
        (NotBundle::BadManifest(why), Lang::Vi) => format!("bản kê hỏng ({why})"),
        (NotBundle::OtherFormat(what), Lang::Vi) => format!("định dạng không hỗ trợ ({what})"),
        (other, Lang::En) => other.to_string(),
    }
}

/// One problem inside a bundle, in the user's language.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match problem {
        Problem::UnsafeName { name, reason } if vi => {
            format!(
                "tên mục không an toàn ({}): {name:?}",
                unsafe_name_reason_vi(reason)
            )
        }
        Problem::UnsafeName { name, reason } => format!("unsafe entry name ({reason}): {name:?}"),
        Problem::Link(name) if vi => format!("mục là liên kết tượng trưng: {name:?}"),
        Problem::Link(name) => format!("symbolic-link entry: {name:?}"),
        Problem::Duplicate(name) if vi => format!("tên trùng (kể cả khác hoa/thường): {name:?}"),
        Problem::Duplicate(name) => format!("duplicate name (also by case): {name:?}"),
        Problem::TooLarge(what) if vi => format!("quá giới hạn kích thước (bom zip?): {what}"),
        Problem::TooLarge(what) => format!("over the size limits (zip bomb?): {what}"),
        Problem::Encrypted(name) if vi => format!("mục có mật khẩu: {name:?}"),
        Problem::Encrypted(name) => format!("encrypted entry: {name:?}"),
        Problem::Missing(name) if vi => format!("thiếu tệp có trong bản kê: {name}"),
        Problem::Missing(name) => format!("missing (in the manifest, not in the zip): {name}"),
        Problem::Extra(name) if vi => format!("thừa tệp không có trong bản kê: {name}"),
        Problem::Extra(name) => format!("extra (in the zip, not in the manifest): {name}"),
        Problem::WrongHash(name) if vi => format!("nội dung không khớp mã băm SHA-256: {name}"),
        Problem::WrongHash(name) => format!("content does not match its SHA-256: {name}"),
        Problem::WrongSize {
            name,
            expected,
            found,
        } if vi => format!("kích thước sai: {name} ({found} byte, bản kê ghi {expected})"),
        Problem::WrongSize {
            name,
            expected,
            found,
        } => format!("wrong size: {name} ({found} bytes, the manifest says {expected})"),
        Problem::Unreadable { name, reason } if vi => format!("không đọc được: {name} ({reason})"),
        Problem::Unreadable { name, reason } => format!("unreadable: {name} ({reason})"),
        Problem::BadProductEntry if vi => "bản kê không có tệp sản phẩm hợp lệ".to_owned(),
        Problem::BadProductEntry => "the manifest names no valid product file".to_owned(),
    }
}

/// A bundle error, in the user's language, naming the file.
pub fn bundle_error(err: &BundleError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match err {
        BundleError::NotABundle { reason, path } => format!(
            "{}: {} — {}",
            lang.t(BUNDLE_NOT_A_BUNDLE),
            not_bundle(reason, lang),
            path.display()
        ),
        BundleError::Problems { problems, path } => {
            let list: Vec<String> = problems.iter().map(|p| problem(p, lang)).collect();
            format!(
                "{} ({}): {} — {}",
                lang.t(BUNDLE_HAS_PROBLEMS),
                problems.len(),
                list.join("; "),
                path.display()
            )
        }
        BundleError::Product(inner) if vi => {
            format!("tệp sản phẩm trong gói: {}", storage_error(inner, lang))
        }
        BundleError::Product(inner) => {
            format!("the product file inside: {}", storage_error(inner, lang))
        }
        BundleError::Storage(inner) => storage_error(inner, lang),
        BundleError::Evidence(inner) => evidence_error(inner, lang),
        BundleError::EvidenceChanged { file_name, path } if vi => format!(
            "tệp minh chứng trong thư mục làm việc đã đổi hoặc hỏng: {file_name} — {}",
            path.display()
        ),
        BundleError::Cancelled => lang.t(BUNDLE_CANCELLED).to_owned(),
        other @ BundleError::EvidenceChanged { .. } => other.to_string(),
    }
}

/// An evidence-store error in the user's language, naming the file.
pub fn evidence_error(err: &crate::storage::evidence::EvidenceError, lang: Lang) -> String {
    use crate::storage::evidence::EvidenceError as E;
    match (err, lang) {
        (
            E::Io {
                action,
                source,
                path,
            },
            Lang::Vi,
        ) => {
            format!(
                "kho minh chứng: không {} được: {} — {}",
                super::errors::io_action_vi(action),
                super::errors::io_reason_vi(source),
                path.display()
            )
        }
        (E::Cancelled, _) => lang.t(BUNDLE_CANCELLED).to_owned(),
        (E::UnsafePath { path, .. }, Lang::Vi) => {
            format!("kho minh chứng: đường dẫn không an toàn, không đọc ghi — {path:?}")
        }
        (E::NotAFile { path }, Lang::Vi) => {
            format!("kho minh chứng: không phải tệp thường — {}", path.display())
        }
        (other, _) => format!("evidence store: {other}"),
    }
}

/// Why a bundle's product cannot come in.
pub fn exchange_error(err: &ExchangeError, lang: Lang) -> String {
    match (err, lang) {
        (ExchangeError::OtherProducer { id, here, bundle }, Lang::Vi) => format!(
            "mã sản phẩm “{id}” đã có ở đây nhưng thuộc chủ thể khác (ở đây: {here}; trong gói: {bundle}); không nhận"
        ),
        (ExchangeError::OtherProducer { id, here, bundle }, Lang::En) => format!(
            "product id “{id}” exists here but belongs to another producer (here: {here}; in the bundle: {bundle}); not received"
        ),
        (ExchangeError::SameSide { kind }, Lang::Vi) => format!(
            "gói do một thư mục làm việc cùng bên ({}) lập: phần trong gói là phần của chính mình nên không cập nhật sản phẩm đã có; hãy nhận gói của bên kia",
            made_in(*kind, lang)
        ),
        (ExchangeError::SameSide { kind }, Lang::En) => format!(
            "the bundle was made on this side too ({}): its parts are this side's own, so an existing product is not updated; receive the other side's bundle",
            made_in(*kind, lang)
        ),
        (ExchangeError::ManifestMismatch, Lang::Vi) => {
            "sản phẩm trong gói không khớp bản kê".to_owned()
        }
        (ExchangeError::ManifestMismatch, Lang::En) => {
            "the product in the bundle does not match the manifest".to_owned()
        }
    }
}

/// Why an entry name is unsafe, in Vietnamese (the reasons are fixed English phrases in
/// `storage::bundle`).
fn unsafe_name_reason_vi(reason: &str) -> &str {
    match reason {
        "empty name" => "tên rỗng",
        "backslash in the name" => "có dấu \\ trong tên",
        "absolute path" => "đường dẫn tuyệt đối",
        "drive letter or colon in the name" => "có tên ổ đĩa hoặc dấu hai chấm",
        "control character in the name" => "có ký tự điều khiển",
        "empty path component" => "có thành phần rỗng trong đường dẫn",
        "parent-folder component (..)" => "có thành phần thư mục cha (..)",
        "a name Windows cannot create" => "tên Windows không tạo được",
        "not UTF-8" => "không phải UTF-8",
        "a file or folder name longer than file systems allow (255 bytes)" => {
            "tên tệp hoặc thư mục dài quá mức hệ thống tệp cho phép (255 byte)"
        }
        "a path too long to extract on Windows" => "đường dẫn quá dài để giải nén trên Windows",
        "folders nested too deep" => "thư mục lồng nhau quá sâu",
        other => other,
    }
}
