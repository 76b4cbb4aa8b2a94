//! Remarks: what one side writes to the other about a product, a dossier document or a
//! criterion ("Xã: cần bổ sung chữ ký và đóng dấu…", "HTX: đã bổ sung, xem bản mới").
//!
//! A remark belongs to the side that wrote it (the commune or the producer) and only that
//! side adds or withdraws it. A remark is never edited and never erased: it is named by
//! its side and the instant it was written (nanoseconds, the writer's clock), and
//! withdrawing it sets a flag that travels like the remark itself. So merging two copies
//! is a union that loses nothing whatever the order bundles arrive in: an older bundle
//! received after a newer one, two PCs of one side, a withdrawal sent before or after
//! ([`merge_remarks`], [`union`]).
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
    /// The side that wrote it, and the only one that may withdraw it.
    pub side: WorkspaceKind,
    /// Who wrote it (the officer's or the cooperative staff's name; may be empty).
    #[serde(default)]
    pub author: String,
    /// When it was written (local time of the writer's PC, to the nanosecond): with
    /// `side`, it names the remark.
    pub at: NaiveDateTime,
    /// What it is about.
    pub about: RemarkAbout,
    /// The words.
    pub text: String,
    /// Withdrawn by its writer: no longer shown as current, kept so the withdrawal
    /// travels (and the words stay in the file). Left out of the file while false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
}

impl Remark {
    /// What names it: its side and the instant it was written.
    pub fn key(&self) -> (WorkspaceKind, NaiveDateTime) {
        (self.side, self.at)
    }

    /// Whether it is current (not withdrawn).
    pub fn is_current(&self) -> bool {
        !self.withdrawn
    }
}

/// The remarks after receiving `incoming` from `from`: every remark of either copy once.
/// Of a remark both hold, the sender's own comes as the sender has it and the receiver's
/// own stays as it is here; a withdrawal, once made by the writer, stays. Nothing anyone
/// wrote is lost by a receive, in whatever order bundles arrive. In time order.
pub fn merge_remarks(local: &[Remark], incoming: &[Remark], from: WorkspaceKind) -> Vec<Remark> {
    let mut merged: Vec<Remark> = local.to_vec();
    for theirs in incoming {
        match merged.iter_mut().find(|r| r.key() == theirs.key()) {
            Some(ours) => {
                let withdrawn = ours.withdrawn || theirs.withdrawn;
                if theirs.side == from {
                    *ours = theirs.clone();
                }
                ours.withdrawn = withdrawn;
            }
            None => merged.push(theirs.clone()),
        }
    }
    merged.sort_by_key(|r| (r.at, r.side as u8));
    merged
}

/// The union of two versions' remarks (a conflict copy of the same side's workspace):
/// each remark once, a withdrawal kept, in time order.
pub fn union(current: &[Remark], copy: &[Remark]) -> Vec<Remark> {
    let mut all: Vec<Remark> = current.to_vec();
    for remark in copy {
        match all.iter_mut().find(|r| r.key() == remark.key()) {
            Some(ours) => ours.withdrawn |= remark.withdrawn,
            None => all.push(remark.clone()),
        }
    }
    all.sort_by_key(|r| (r.at, r.side as u8));
    all
}

/// The current remarks about `about`, oldest first.
pub fn about<'a>(
    remarks: &'a [Remark],
    about: &'a RemarkAbout,
) -> impl Iterator<Item = &'a Remark> {
    remarks
        .iter()
        .filter(move |r| r.is_current() && &r.about == about)
}

/// The current remarks of `side`.
pub fn of_side(remarks: &[Remark], side: WorkspaceKind) -> impl Iterator<Item = &Remark> {
    remarks
        .iter()
        .filter(move |r| r.is_current() && r.side == side)
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

    fn remark(side: WorkspaceKind, minute: u32, text: &str) -> Remark {
        Remark {
            side,
            author: String::new(),
            at: at(minute),
            about: RemarkAbout::Document("form-02".into()),
            text: text.into(),
            withdrawn: false,
        }
    }

    fn withdrawn(mut r: Remark) -> Remark {
        r.withdrawn = true;
        r
    }

    fn current(remarks: &[Remark]) -> Vec<&str> {
        remarks
            .iter()
            .filter(|r| r.is_current())
            .map(|r| r.text.as_str())
            .collect()
    }

    use WorkspaceKind::{Commune as X, Producer as P};

    #[test]
    fn a_receive_takes_the_senders_remarks_and_keeps_the_receivers() {
        // The cooperative (P) receives the commune's (X) bundle.
        let local = [remark(P, 1, "HTX: gửi bản đầu"), remark(X, 2, "cũ")];
        let incoming = [
            remark(P, 1, "HTX: gửi bản đầu"),
            remark(X, 2, "cũ"),
            remark(X, 3, "Xã: cần bổ sung chữ ký và đóng dấu"),
        ];
        let merged = merge_remarks(&local, &incoming, X);
        assert_eq!(
            current(&merged),
            [
                "HTX: gửi bản đầu",
                "cũ",
                "Xã: cần bổ sung chữ ký và đóng dấu"
            ]
        );
        // The producer's reply written meanwhile stays when the commune's bundle does not
        // have it yet.
        let local = [remark(P, 1, "a"), remark(P, 9, "HTX: đã bổ sung")];
        let incoming = [remark(P, 1, "a"), remark(X, 5, "Xã: thiếu dấu")];
        assert_eq!(merge_remarks(&local, &incoming, X).len(), 3);
    }

    #[test]
    fn a_withdrawal_travels_and_an_older_bundle_brings_nothing_back() {
        let first = remark(X, 1, "Xã: thiếu chữ ký");
        let second = remark(X, 2, "Xã: thiếu dấu");
        // The commune withdrew its only remark: the producer sees it withdrawn.
        let merged = merge_remarks(std::slice::from_ref(&first), &[withdrawn(first.clone())], X);
        assert!(current(&merged).is_empty());
        // Then an older bundle of the commune's arrives (the remark still current there):
        // the withdrawal stays, and a later remark is not lost either.
        let newer = merge_remarks(&merged, &[withdrawn(first.clone()), second.clone()], X);
        let after_old = merge_remarks(&newer, std::slice::from_ref(&first), X);
        assert_eq!(current(&after_old), ["Xã: thiếu dấu"]);
        assert_eq!(after_old.len(), 2, "the words stay in the file");
        // The receiver cannot withdraw the sender's remark: a local flag on the sender's
        // remark (impossible through the commands) is still never undone by a receive.
        let merged = merge_remarks(&[withdrawn(second.clone())], &[second], X);
        assert!(current(&merged).is_empty());
    }

    #[test]
    fn two_pcs_of_one_side_keep_both_remarks() {
        let pc1 = remark(P, 1, "a");
        let pc2 = remark(P, 2, "b");
        let all = union(std::slice::from_ref(&pc1), std::slice::from_ref(&pc2));
        assert_eq!(current(&all), ["a", "b"]);
        let all = union(&all, &[withdrawn(pc1)]);
        assert_eq!(current(&all), ["b"]);
        assert_eq!(all.len(), 2);
    }
}
