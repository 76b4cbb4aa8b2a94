//! What a command does, for the Edit menu's "Hoàn tác: …" / "Làm lại: …" and the
//! message after an undo.

use super::{
    FIELD_CERTIFICATE, FIELD_PRODUCER_KIND, FIELD_SET, FORM_REPORT_DATE, Lang, REMARK_ON_CRITERION,
    REMARK_ON_PRODUCT, Tr, UNDO_IMPORT, UNDO_IMPORT_BUNDLE, UNDO_RESOLVE_CONFLICT, count,
    doc_status_name, stage_name,
};

tr! {
    UNDO_ADD = "thêm sản phẩm", "add product";
    UNDO_DELETE = "xóa sản phẩm", "delete product";
    UNDO_EDIT = "sửa", "edit";
    UNDO_MARK = "đánh dấu", "mark";
    UNDO_NOTE = "ghi chú", "note on";
    UNDO_DATE = "ngày của", "date of";
    UNDO_STAGE = "chuyển sang", "move to";
    UNDO_NEW_APPLICATION = "bắt đầu lần đánh giá mới", "start a new application";
    UNDO_CRITERION = "chấm tiêu chí", "score criterion";
    UNDO_ATTACH = "đính kèm vào", "attach to";
    UNDO_DETACH = "bỏ đính kèm khỏi", "detach from";
    UNDO_OFFICIAL = "kết quả chính thức", "official result";
    UNDO_SETTINGS = "cài đặt thư mục làm việc", "workspace settings";
    UNDO_REMARK_ADD = "ghi ý kiến về", "remark on";
    UNDO_KEPT_BY_PRODUCER = "đổi việc HTX tự giữ hồ sơ", "change whether the producer keeps its own copy";
    UNDO_REMARK_DELETE = "rút lại ý kiến về", "withdraw remark on";
    MENU_UNDO_WHAT = "Hoàn tác", "Undo";
    MENU_REDO_WHAT = "Làm lại", "Redo";
}

/// What a command does, in both languages ("đánh dấu '05 mẫu sản phẩm'"), for the Edit
/// menu's "Undo: …". `workspace` is the model before the command.
pub fn describe_command(
    command: &crate::command::Command,
    workspace: &crate::domain::model::Workspace,
    catalog: &crate::domain::catalog::Catalog,
) -> [String; 2] {
    use crate::command::Command;
    let product = command
        .product_id()
        .and_then(|id| workspace.products.get(id));
    let product_name = product.map(|p| p.name.clone()).unwrap_or_default();
    let doc = |key: &str| -> [String; 2] {
        match product.and_then(|p| catalog.document_names(p, key)) {
            Some((vi, en)) => [vi.to_owned(), en.to_owned()],
            None => [key.to_owned(), key.to_owned()],
        }
    };
    let both = |verb: Tr, object: [String; 2]| -> [String; 2] {
        let [vi, en] = object;
        [format!("{} “{vi}”", verb.vi), format!("{} “{en}”", verb.en)]
    };
    let plain = |verb: Tr, object: &str| -> [String; 2] {
        [
            format!("{} “{object}”", verb.vi),
            format!("{} “{object}”", verb.en),
        ]
    };
    let tr = |t: Tr| -> [String; 2] { [t.vi.to_owned(), t.en.to_owned()] };
    let remark_about = |about: &crate::domain::remarks::RemarkAbout| -> [String; 2] {
        use crate::domain::remarks::RemarkAbout;
        match about {
            RemarkAbout::Product => [
                REMARK_ON_PRODUCT.vi.to_owned(),
                REMARK_ON_PRODUCT.en.to_owned(),
            ],
            RemarkAbout::Document(key) => doc(key),
            RemarkAbout::Criterion(key) => [
                format!("{} {key}", REMARK_ON_CRITERION.vi),
                format!("{} {key}", REMARK_ON_CRITERION.en),
            ],
        }
    };
    match command {
        Command::AddProduct { name, .. } => plain(UNDO_ADD, name),
        Command::DeleteProduct { .. } => plain(UNDO_DELETE, &product_name),
        Command::SetText { field, .. } => {
            let label = super::text_field_name(*field);
            both(UNDO_EDIT, tr(label))
        }
        Command::SetProducerKind { .. } => both(UNDO_EDIT, tr(FIELD_PRODUCER_KIND)),
        Command::SetScoringSet { .. } => both(UNDO_EDIT, tr(FIELD_SET)),
        Command::SetDocStatus { key, status, .. } => {
            // "đánh dấu “Mẫu 02” là Sẵn sàng": what it was marked as, too.
            let [vi, en] = both(UNDO_MARK, doc(key));
            let name = doc_status_name(*status);
            [
                format!("{vi} là {}", name.vi),
                format!("{en} as {}", name.en),
            ]
        }
        Command::SetDocNote { key, .. } => both(UNDO_NOTE, doc(key)),
        Command::SetDocDate { key, .. } | Command::SetAttachmentDate { key, .. } => {
            both(UNDO_DATE, doc(key))
        }
        Command::ChangeStage { target, .. } => both(UNDO_STAGE, tr(stage_name(*target))),
        Command::StartApplication { .. } => tr(UNDO_NEW_APPLICATION),
        Command::SetAnswer { criterion, .. }
        | Command::SetElimination { key: criterion, .. }
        | Command::SetCriterionNote { criterion, .. } => plain(UNDO_CRITERION, criterion),
        Command::Attach { key, .. } => both(UNDO_ATTACH, doc(key)),
        Command::Detach { key, .. } => both(UNDO_DETACH, doc(key)),
        Command::SetCertificate { .. } => both(UNDO_EDIT, tr(FIELD_CERTIFICATE)),
        Command::SetReportDate { .. } => both(UNDO_EDIT, tr(FORM_REPORT_DATE)),
        Command::SetOfficialResult { .. } => tr(UNDO_OFFICIAL),
        Command::SetWorkspaceInfo { .. } => tr(UNDO_SETTINGS),
        Command::SetKeptByProducer { .. } => tr(UNDO_KEPT_BY_PRODUCER),
        Command::AddRemark { about, .. } => both(UNDO_REMARK_ADD, remark_about(about)),
        Command::WithdrawRemark { side, at, .. } => {
            let about = product
                .and_then(|p| p.current())
                .and_then(|a| a.remarks.iter().find(|r| r.key() == (*side, *at)))
                .map(|r| r.about.clone())
                .unwrap_or(crate::domain::remarks::RemarkAbout::Product);
            both(UNDO_REMARK_DELETE, remark_about(&about))
        }
        Command::ImportBundle { .. } => tr(UNDO_IMPORT_BUNDLE),
        Command::ResolveConflict { .. } => plain(UNDO_RESOLVE_CONFLICT, &product_name),
        Command::ImportProducts { products, updated } if updated.is_empty() => [
            format!("{} {} sản phẩm", UNDO_IMPORT.vi, products.len()),
            format!(
                "{} {}",
                UNDO_IMPORT.en,
                count(products.len(), Lang::En, "", "product", "products")
            ),
        ],
        Command::ImportProducts { products, updated } => [
            format!(
                "{} {} sản phẩm, cập nhật {}",
                UNDO_IMPORT.vi,
                products.len(),
                updated.len()
            ),
            format!(
                "{} {}, update {}",
                UNDO_IMPORT.en,
                count(products.len(), Lang::En, "", "product", "products"),
                updated.len()
            ),
        ],
    }
}
