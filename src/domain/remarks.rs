//! Remarks: what one side writes to the other about a product, a dossier document or a
//! criterion ("Xã: cần bổ sung chữ ký và đóng dấu…", "HTX: đã bổ sung, xem bản mới").
//!
//! A remark belongs to the side that wrote it (the commune or the producer) and only that
//! side adds or removes it. Remarks travel in every bundle; receiving one takes the
//! sender's remarks as the sender has them and keeps the receiver's own untouched
//! ([`merge_remarks`]), so neither side can overwrite or lose the other's words.
//! Kept per application: a remark is about one pass of the dossier.
//!
//! Pure: no egui, no files. "Now" is a parameter.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::model::WorkspaceKind;

/// What a remark is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RemarkAbout {
    /// The product (its dossier) as a whole.
    Product,
    /// A dossier document, by template key.
    Document(String),
    /// A criterion of the product's scoring set, by criterion key ("1.3").
    Criterion(String),
}

/// One remark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remark {
    /// The side that wrote it, and the only one that may remove it.
    pub side: WorkspaceKind,
    /// Its number among its side's remarks on the application (1, 2, …): with `side`,
    /// names it for removal.
    pub number: u32,
    /// Who wrote it (the officer's or the cooperative staff's name; may be empty).
    #[serde(default)]
    pub author: String,
    /// When it was written (local time of the writer's PC).
    pub at: NaiveDateTime,
    /// What it is about.
    pub about: RemarkAbout,
    /// The words.
    pub text: String,
}

/// The next free number for `side` among `remarks`.
pub fn next_number(remarks: &[Remark], side: WorkspaceKind) -> u32 {
    remarks
        .iter()
        .filter(|r| r.side == side)
        .map(|r| r.number)
        .max()
        .unwrap_or(0)
        + 1
}

/// The remarks after receiving `incoming` from `from`: the receiver's own remarks as they
/// are here, and the sender's remarks as the sender has them (the sender may have removed
/// one). Remarks of the sender's side that only the receiver holds cannot exist unless
/// an older version let the receiver write them; they are kept, not dropped: nothing
/// anyone wrote is lost by a receive. In time order.
pub fn merge_remarks(local: &[Remark], incoming: &[Remark], from: WorkspaceKind) -> Vec<Remark> {
    let mut merged: Vec<Remark> = local.iter().filter(|r| r.side != from).cloned().collect();
    merged.extend(incoming.iter().filter(|r| r.side == from).cloned());
    // A remark of the sender's side that the sender no longer has was removed by it,
    // unless the receiver's copy differs from anything the sender ever sent; both are
    // told apart only by (number, text): keep a local one the sender never had.
    for ours in local.iter().filter(|r| r.side == from) {
        let sender_has_number = incoming
            .iter()
            .any(|r| r.side == from && r.number == ours.number);
        if !sender_has_number && ours.at > incoming_latest(incoming, from) {
            merged.push(ours.clone());
        }
    }
    merged.sort_by_key(|r| (r.at, r.side as u8, r.number));
    merged
}

/// The time of the sender's latest remark (its remarks up to then are its whole set).
fn incoming_latest(incoming: &[Remark], from: WorkspaceKind) -> NaiveDateTime {
    incoming
        .iter()
        .filter(|r| r.side == from)
        .map(|r| r.at)
        .max()
        .unwrap_or(NaiveDateTime::MIN)
}

/// The union of two versions' remarks (a conflict copy merged with "keep both"): each
/// (side, number, text) once, in time order.
pub fn union(current: &[Remark], copy: &[Remark]) -> Vec<Remark> {
    let mut all: Vec<Remark> = current.to_vec();
    for remark in copy {
        if !all
            .iter()
            .any(|r| r.side == remark.side && r.number == remark.number && r.text == remark.text)
        {
            let mut remark = remark.clone();
            // Two different remarks under one number (written apart on two PCs): the
            // copy's gets the next free number so both can still be named.
            if all
                .iter()
                .any(|r| r.side == remark.side && r.number == remark.number)
            {
                remark.number = next_number(&all, remark.side);
            }
            all.push(remark);
        }
    }
    all.sort_by_key(|r| (r.at, r.side as u8, r.number));
    all
}

/// The remarks about `about`, oldest first.
pub fn about<'a>(
    remarks: &'a [Remark],
    about: &'a RemarkAbout,
) -> impl Iterator<Item = &'a Remark> {
    remarks.iter().filter(move |r| &r.about == about)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test code")]
    use super::*;

    fn at(minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 5)
            .and_then(|d| d.and_hms_opt(9, minute, 0))
            .unwrap()
    }

    fn remark(side: WorkspaceKind, number: u32, minute: u32, text: &str) -> Remark {
        Remark {
            side,
            number,
            author: String::new(),
            at: at(minute),
            about: RemarkAbout::Document("form-02".into()),
            text: text.into(),
        }
    }

    use WorkspaceKind::{Commune as X, Producer as P};

    #[test]
    fn a_receive_takes_the_senders_remarks_and_keeps_the_receivers() {
        // The cooperative (P) receives the commune's (X) bundle.
        let local = [remark(P, 1, 1, "HTX: gửi bản đầu"), remark(X, 1, 2, "cũ")];
        let incoming = [
            remark(P, 1, 1, "HTX: gửi bản đầu"),
            remark(X, 1, 2, "cũ"),
            remark(X, 2, 3, "Xã: cần bổ sung chữ ký và đóng dấu"),
        ];
        let merged = merge_remarks(&local, &incoming, X);
        let texts: Vec<&str> = merged.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "HTX: gửi bản đầu",
                "cũ",
                "Xã: cần bổ sung chữ ký và đóng dấu"
            ]
        );
        // The producer's reply written meanwhile stays when the commune's older bundle
        // comes in without it.
        let local = [remark(P, 1, 1, "a"), remark(P, 2, 9, "HTX: đã bổ sung")];
        let incoming = [remark(P, 1, 1, "a"), remark(X, 1, 5, "Xã: thiếu dấu")];
        let merged = merge_remarks(&local, &incoming, X);
        assert_eq!(merged.len(), 3);
        assert!(merged.iter().any(|r| r.text == "HTX: đã bổ sung"));
        // A remark the sender removed goes.
        let local = [remark(X, 1, 1, "bỏ"), remark(X, 2, 2, "giữ")];
        let incoming = [remark(X, 2, 2, "giữ")];
        let merged = merge_remarks(&local, &incoming, X);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].text, "giữ");
    }

    #[test]
    fn union_keeps_each_remark_once_and_renumbers_a_clash() {
        let current = [remark(X, 1, 1, "a"), remark(X, 2, 2, "b")];
        let copy = [remark(X, 1, 1, "a"), remark(X, 2, 3, "c")];
        let all = union(&current, &copy);
        let named: Vec<(u32, &str)> = all.iter().map(|r| (r.number, r.text.as_str())).collect();
        assert_eq!(named, [(1, "a"), (2, "b"), (3, "c")]);
        assert_eq!(next_number(&all, X), 4);
        assert_eq!(next_number(&all, P), 1);
    }
}
