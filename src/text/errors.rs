//! Errors in the user's language: skipped files, storage errors, refused edits. Each is
//! translated here, once, wherever it is shown (screens, CLI, messages).

use super::{
    Lang, REFUSED_READ_ONLY, STAGE_DIALOG_NEEDS, Tr, WORKSPACE_OPEN_ELSEWHERE, stage_field_name,
    stage_name,
};

/// Why a file was skipped, in the user's language.
pub fn skip_reason(reason: crate::storage::SkipReason, lang: Lang) -> String {
    use crate::storage::SkipReason;
    match reason {
        SkipReason::Symlink => lang
            .t(Tr {
                vi: "là liên kết tượng trưng (symlink), không đi theo",
                en: "a symbolic link, not followed",
            })
            .to_owned(),
        SkipReason::NotRegular => lang
            .t(Tr {
                vi: "không phải tệp thường (ống dẫn, thiết bị hoặc thư mục)",
                en: "not a regular file (named pipe, socket, device or folder)",
            })
            .to_owned(),
        SkipReason::NotUtf8Name => lang
            .t(Tr {
                vi: "tên tệp không phải Unicode hợp lệ",
                en: "the file name is not valid Unicode",
            })
            .to_owned(),
        SkipReason::HiddenName => lang
            .t(Tr {
                vi: "tên tệp ẩn (bắt đầu bằng dấu chấm)",
                en: "hidden file name (starts with a dot)",
            })
            .to_owned(),
        SkipReason::NotAProductId => lang
            .t(Tr {
                vi: "tên tệp không phải mã sản phẩm hợp lệ (a-z, 0-9, -)",
                en: "file name is not a valid product id (a-z, 0-9, -)",
            })
            .to_owned(),
        SkipReason::TooLarge { limit_bytes } => match lang {
            Lang::Vi => format!(
                "lớn hơn giới hạn {} KiB cho loại tệp này",
                limit_bytes / 1024
            ),
            Lang::En => format!(
                "larger than the {} KiB limit for this kind of file",
                limit_bytes / 1024
            ),
        },
    }
}

/// The verb of a file operation, for "không … được".
pub(super) fn io_action_vi(action: &str) -> &str {
    match action {
        "read" => "đọc",
        "write" | "write zip" => "ghi",
        "open" => "mở",
        "inspect" => "kiểm tra",
        "sync" => "lưu xuống đĩa",
        "create folder" => "tạo thư mục",
        "create" => "tạo tệp",
        "rename" => "đổi tên",
        "list" => "đọc danh sách tệp",
        "remove" => "xóa",
        "move to trash" => "chuyển vào thùng rác",
        "canonicalize" => "xác định đường dẫn",
        "hash" => "tính mã băm",
        "start hashing thread" => "khởi động luồng tính mã băm",
        "lock" | "create the lock file" => "khóa thư mục",
        other => other,
    }
}

/// Why a file operation failed, in Vietnamese for the common causes; the system's own
/// words otherwise.
pub(super) fn io_reason_vi(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "không có tệp hoặc thư mục này".to_owned(),
        K::PermissionDenied => "không có quyền".to_owned(),
        K::AlreadyExists => "đã có tệp cùng tên".to_owned(),
        K::StorageFull => "ổ đĩa đã đầy".to_owned(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc".to_owned(),
        K::IsADirectory => "đây là thư mục, không phải tệp".to_owned(),
        K::NotADirectory => "một phần của đường dẫn không phải thư mục".to_owned(),
        K::InvalidFilename => "tên tệp không hợp lệ".to_owned(),
        K::ResourceBusy => "tệp đang được chương trình khác dùng".to_owned(),
        _ => err.to_string(),
    }
}

/// Whether a file operation failed because another program holds the file open
/// (Windows: a sharing or lock violation, e.g. a .docx open in Word). Only on Windows:
/// elsewhere those numbers are other errors.
pub fn held_by_another_program(err: &crate::storage::StorageError) -> bool {
    matches!(
        err,
        crate::storage::StorageError::NotReplaced {
            why: crate::storage::NotReplaced::InUse,
            ..
        }
    )
}

/// A storage error in the user's language, naming the file last.
pub fn storage_error(err: &crate::storage::StorageError, lang: Lang) -> String {
    use crate::storage::StorageError as E;
    let path = err.path().display();
    let vi = lang == Lang::Vi;
    match err {
        E::NotReplaced { why, .. } => match (why, lang) {
            (crate::storage::NotReplaced::InUse, Lang::Vi) => format!(
                "tệp đang mở trong chương trình khác (Word, Excel…): hãy đóng tệp đó rồi bấm Thử lại; tệp cũ vẫn nguyên — {path}"
            ),
            (crate::storage::NotReplaced::InUse, Lang::En) => format!(
                "the file is open in another program (Word, Excel…): close it there, then Try again; the old file is unchanged — {path}"
            ),
            (crate::storage::NotReplaced::ReadOnly, Lang::Vi) => format!(
                "tệp chỉ cho đọc (Read-only): bỏ dấu chỉ đọc trong Properties của tệp, hoặc lưu với tên khác; tệp cũ vẫn nguyên — {path}"
            ),
            (crate::storage::NotReplaced::ReadOnly, Lang::En) => format!(
                "the file is read-only: clear Read-only in the file's Properties, or save under another name; the old file is unchanged — {path}"
            ),
        },
        E::Io { action, source, .. } if vi => {
            format!(
                "không {} được: {} — {path}",
                io_action_vi(action),
                io_reason_vi(source)
            )
        }
        E::Parse {
            line,
            column,
            message,
            ..
        } if vi => format!("tệp hỏng ở dòng {line}, cột {column}: {message} — {path}"),
        E::NewerSchema {
            found, supported, ..
        } if vi => format!(
            "tệp do phiên bản mới hơn ghi (định dạng {found}, bản này đọc tới {supported}); chỉ xem, không ghi — {path}"
        ),
        E::NotAWorkspace { .. } if vi => format!(
            "không phải thư mục làm việc OCOP (không có workspace.ron và thư mục products/) — {path}"
        ),
        E::Serialize { message, .. } if vi => format!("không ghi được dữ liệu: {message} — {path}"),
        E::Data { message, .. } if vi => format!("dữ liệu sai: {message} — {path}"),
        E::IdMismatch { inside, name, .. } if vi => format!(
            "mã ghi trong tệp là “{inside}” nhưng tên tệp là “{name}”; dùng theo tên tệp — {path}"
        ),
        E::SameId { id, files, .. } if vi => format!(
            "{} tệp cùng nhận mã sản phẩm “{id}”: {} — {path}",
            files.len(),
            files.join(", ")
        ),
        E::Refused { reason, .. } if vi => {
            format!("không ghi: {} — {path}", refused_reason_vi(*reason))
        }
        E::Skipped { reason, .. } => match lang {
            Lang::Vi => format!("bỏ qua, không đọc: {} — {path}", skip_reason(*reason, lang)),
            Lang::En => format!("skipped, not read: {} — {path}", skip_reason(*reason, lang)),
        },
        E::ChangedOnDisk { conflict, .. } if vi => format!(
            "tệp đã bị sửa ở nơi khác từ lúc đọc nên không ghi đè; bản của máy này được giữ trong {} — {path}",
            conflict.display()
        ),
        E::IdTaken { .. } if vi => {
            format!("một sản phẩm cùng mã vừa được người khác lưu; không ghi gì — {path}")
        }
        E::UnknownFields { fields, .. } if vi => format!(
            "có trường mà phiên bản này không biết: {}; chỉ mở để xem để không mất chúng — {path}",
            fields.join(", ")
        ),
        other => other.to_string(),
    }
}

/// A storage refusal's reason in Vietnamese (the reasons are fixed English sentences in
/// `storage`); one not in the table yet is shown as it is.
fn refused_reason_vi(reason: crate::storage::WhyRefused) -> &'static str {
    use crate::storage::WhyRefused as W;
    match reason {
        W::UnreadableNamesake => "không đọc được tệp trùng tên nên không ghi đè",
        W::OddProductFile => "một liên kết, ống hoặc thư mục đang mang tên tệp của sản phẩm này",
        W::BundleNotWritten => "chưa ghi gói hồ sơ",
        W::Changed => "tệp đã bị sửa ở nơi khác",
        W::NoTempFile => "không tạo được tệp tạm",
        W::InvalidProductId => "mã sản phẩm không hợp lệ",
        W::NoSuchProduct => "không có sản phẩm này",
        W::NotRegularLeft => "không phải tệp thường; để nguyên chỗ cũ",
        W::ChangedNotDeleted => "sản phẩm đã bị người khác sửa từ lúc đọc nên không xóa",
        W::TargetIsFolder => "nơi ghi là một thư mục",
        W::TargetIsLinkOrStdout => {
            "nơi ghi là một liên kết tượng trưng; hãy chỉ đường dẫn tệp thật (hoặc - để ghi ra màn hình)"
        }
        W::TargetIsLink => "nơi ghi là một liên kết tượng trưng; hãy chỉ đường dẫn tệp thật",
        W::TargetNotRegular => "nơi ghi không phải tệp thường",
        W::TooManyConflicts => "quá nhiều bản xung đột của sản phẩm này trong một giây",
        W::WorkspaceFileUnreadable => "không đọc được workspace.ron nên không ghi đè",
        W::WorkspaceFileOdd => "workspace.ron là một liên kết, ống hoặc thư mục",
        W::EvidenceUnreadableProduct => {
            "có tệp sản phẩm không đọc được, minh chứng của nó có thể vẫn đang dùng; hãy sửa tệp đó trước"
        }
        W::EvidenceReadOnlyProduct => {
            "có sản phẩm chỉ mở để xem (phiên bản mới hơn hoặc trường lạ), minh chứng của nó có thể vẫn đang dùng"
        }
        W::EvidenceConflict => "có sản phẩm còn bản xung đột chưa giải quyết; hãy giải quyết trước",
    }
}

pub fn refusal(refusal: crate::command::Refusal, lang: Lang) -> &'static str {
    use crate::command::Refusal as R;
    lang.t(match refusal {
        R::CommunesPart => Tr {
            vi: "Phần này do UBND xã ghi: thư mục làm việc của chủ thể chỉ xem được. Phần của xã được cập nhật khi nhận gói hồ sơ xã gửi lại",
            en: "This part is the commune's: a producer's workspace only shows it. It is updated when you receive the bundle the commune sends back",
        },
        R::ProducersPart => Tr {
            vi: "Phần này do chủ thể (HTX) ghi: thư mục làm việc của xã chỉ xem được. Muốn góp ý, hãy ghi ý kiến của xã; phần của chủ thể được cập nhật khi nhận gói hồ sơ chủ thể gửi",
            en: "This part is the producer's: a commune's workspace only shows it. To ask for a change, write the commune's remark; the producer's part is updated when you receive the bundle the producer sends",
        },
        R::EmptyRemark => Tr {
            vi: "Ý kiến không được để trống",
            en: "A remark cannot be empty",
        },
        R::NoSuchRemark => Tr {
            vi: "Không còn ý kiến này (có thể đã được rút lại)",
            en: "This remark is no longer there (it may have been withdrawn)",
        },
        R::RemarkExists => Tr {
            vi: "Ý kiến này đã được ghi",
            en: "This remark is already written",
        },
        R::BadProductId => Tr {
            vi: "Mã sản phẩm chỉ gồm chữ thường không dấu, số và dấu gạch ngang",
            en: "A product id has only a-z, 0-9 and dashes",
        },
        R::ScoringSetRange => Tr {
            vi: "Bộ tiêu chí là một số từ 1 đến 26",
            en: "A scoring set is a number from 1 to 26",
        },
        R::EmptyName => Tr {
            vi: "Tên sản phẩm không được để trống",
            en: "The product name cannot be empty",
        },
        R::ApplicationOpen => Tr {
            vi: "Hãy kết thúc lần đánh giá hiện tại trước khi bắt đầu lần mới",
            en: "Finish the current application before starting a new one",
        },
        R::EmptyCertificateNumber => Tr {
            vi: "Số giấy chứng nhận không được để trống",
            en: "The certificate number cannot be empty",
        },
        R::NoCertificate => Tr {
            vi: "Lần đánh giá này chưa có giấy chứng nhận",
            en: "This application has no certificate",
        },
        R::ScoreRange => Tr {
            vi: "Điểm trung bình của hội đồng từ 0 đến 100",
            en: "The council's average score is between 0 and 100",
        },
        R::OfficialStarRange => Tr {
            vi: "Hạng sao chính thức là 3, 4 hoặc 5",
            en: "An official star is 3, 4 or 5",
        },
        R::NoSuchAttachment => Tr {
            vi: "Không tìm thấy tệp đính kèm này trên tài liệu",
            en: "No such attachment on this document",
        },
        R::NotAProductEdit => Tr {
            vi: "Thao tác không thuộc sản phẩm nào",
            en: "Not an edit of a product",
        },
        R::ReadOnlyProduct => REFUSED_READ_ONLY,
        R::WorkspaceLocked => WORKSPACE_OPEN_ELSEWHERE,
    })
}

/// Why a value for a stage change is not allowed, in `lang`.
fn invalid_value(reason: crate::domain::stage::InvalidValue, lang: Lang) -> &'static str {
    use crate::domain::stage::InvalidValue as V;
    lang.t(match reason {
        V::ScoreOutOfRange => Tr {
            vi: "điểm phải từ 0 đến 100",
            en: "the score must be between 0 and 100",
        },
        V::BelowMinistryScore => Tr {
            vi: "chỉ sản phẩm đạt từ 90 điểm mới được gửi Trung ương xét 5 sao",
            en: "only products scoring at least 90 go to the ministry for 5 stars",
        },
        V::CertificateStars => Tr {
            vi: "giấy chứng nhận chỉ ghi 3, 4 hoặc 5 sao",
            en: "a certificate carries 3, 4 or 5 stars",
        },
    })
}

/// A refused edit in the user's language (the stage errors name the field).
pub fn command_error(err: &crate::command::CommandError, lang: Lang) -> String {
    use crate::command::CommandError as E;
    use crate::domain::stage::StageError;
    let vi = lang == Lang::Vi;
    match err {
        E::Refused(why) => refusal(*why, lang).to_owned(),
        E::Stage(StageError::Invalid { field, reason }) => {
            format!(
                "{}: {}",
                lang.t(stage_field_name(*field)),
                invalid_value(*reason, lang)
            )
        }
        E::Stage(StageError::Missing { fields }) => {
            let names: Vec<&str> = fields
                .iter()
                .map(|f| lang.t(stage_field_name(*f)))
                .collect();
            format!("{} {}", lang.t(STAGE_DIALOG_NEEDS), names.join(", "))
        }
        E::Stage(StageError::NotAllowed { from, to }) if vi => format!(
            "Không chuyển được từ “{}” sang “{}”",
            lang.t(stage_name(*from)),
            lang.t(stage_name(*to))
        ),
        E::NoProduct(id) if vi => format!("Không có sản phẩm {id}"),
        E::NoApplication(id) if vi => format!("Sản phẩm {id} chưa có lần đánh giá nào"),
        E::NoDocument { key } if vi => format!("Không có tài liệu {key} trong hồ sơ"),
        E::Exists(id) if vi => format!("Đã có sản phẩm mã {id}"),
        E::NoRuleData(what) if vi => format!("Thiếu dữ liệu quy định: {what}"),
        other => other.to_string(),
    }
}

/// A new product saved under another id because its own was taken meanwhile.
pub fn id_moved(old: &str, new: &str, name: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Mã “{old}” vừa được lưu cho một sản phẩm khác (ở máy khác hoặc lần nhập khác); sản phẩm “{name}” được lưu với mã “{new}”."
        ),
        Lang::En => format!(
            "The id “{old}” was just saved for another product (on another PC or by another import); “{name}” is saved as “{new}”."
        ),
    }
}

/// An import that could write only some of its products.
pub fn import_partly_saved(saved: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã lưu {saved}/{total} sản phẩm; chạy lại lệnh nhập để thêm phần còn lại (các sản phẩm đã lưu sẽ được bỏ qua vì trùng tên)."
        ),
        Lang::En => format!(
            "{saved} of {total} products saved; run the import again to add the rest (the saved ones are skipped as duplicates by name)."
        ),
    }
}

/// An operating-system error with no file to name (a worker thread that could not start),
/// in the user's language.
pub fn io_error(err: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Vi => io_reason_vi(err),
        Lang::En => err.to_string(),
    }
}

/// Why the system could not open or show a file (its default program, the file manager),
/// in the user's language.
pub fn open_error(err: &opener::OpenError, lang: Lang) -> String {
    match err {
        opener::OpenError::Io(err) | opener::OpenError::Spawn { source: err, .. } => {
            io_error(err, lang)
        }
        opener::OpenError::ExitStatus { cmd, status, .. } => match lang {
            Lang::Vi => format!("chương trình mở tệp ({cmd}) báo lỗi ({status})"),
            Lang::En => format!("the program that opens files ({cmd}) failed ({status})"),
        },
        // A kind a later `opener` adds: its own words (English).
        other => other.to_string(),
    }
}

#[cfg(test)]
mod typed_reasons {
    use super::*;

    /// Refusals and invalid values are typed and worded here: Vietnamese screens never
    /// show the English of the logs.
    #[test]
    fn refusals_and_invalid_values_are_said_in_vietnamese() {
        use crate::domain::stage::{InvalidValue, StageError, StageField};
        let said = command_error(
            &crate::command::CommandError::Stage(StageError::Invalid {
                field: StageField::ProvincialScore,
                reason: InvalidValue::ScoreOutOfRange,
            }),
            Lang::Vi,
        );
        assert!(said.contains("điểm phải từ 0 đến 100"), "{said}");
        assert!(!said.contains("must be"), "{said}");
        let err = crate::storage::StorageError::Refused {
            reason: crate::storage::WhyRefused::TargetIsFolder,
            path: std::path::PathBuf::from("out"),
        };
        let said = storage_error(&err, Lang::Vi);
        assert!(said.contains("nơi ghi là một thư mục"), "{said}");
        assert!(storage_error(&err, Lang::En).contains("the target is a folder"));
    }
}
