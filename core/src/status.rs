//! The status vocabulary, with Vietnamese and English labels.

use serde::{Deserialize, Serialize};

/// The verdict on a target.
///
/// After the deadline: [`Exceeded`](Status::Exceeded), [`Achieved`](Status::Achieved),
/// [`NotAchieved`](Status::NotAchieved). Before it: [`OnTrack`](Status::OnTrack), [`AtRisk`](Status::AtRisk),
/// [`OffTrack`](Status::OffTrack). At any time: [`NotDue`](Status::NotDue) (nothing is due yet) and
/// [`NoData`](Status::NoData) (the figures needed are missing). A milestone completed on time is
/// [`Achieved`](Status::Achieved) as soon as it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Beyond the aim the document states (above the top of a range, strictly beyond an "at least").
    Exceeded,
    /// Met.
    Achieved,
    /// Not met by the deadline.
    NotAchieved,
    /// On the path to the target (progress at least the on-track share of what is required to date).
    OnTrack,
    /// Behind the path but within reach (progress between the two cut-offs), or not measurable yet.
    AtRisk,
    /// Far behind, moving away, or already failed for a target that needed every year.
    OffTrack,
    /// Nothing is due yet.
    NotDue,
    /// The figures needed are missing.
    NoData,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 8] = [
        Status::Exceeded,
        Status::Achieved,
        Status::NotAchieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::NotDue,
        Status::NoData,
    ];

    /// The status's place in [`Status::ALL`] (report order).
    pub fn index(&self) -> usize {
        *self as usize
    }

    /// Stable code (snake_case).
    pub fn code(&self) -> &'static str {
        match self {
            Status::Exceeded => "exceeded",
            Status::Achieved => "achieved",
            Status::NotAchieved => "not_achieved",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::NotDue => "not_due",
            Status::NoData => "no_data",
        }
    }

    /// Vietnamese label.
    pub fn label_vi(&self) -> &'static str {
        match self {
            Status::Exceeded => "Vượt chỉ tiêu",
            Status::Achieved => "Đạt",
            Status::NotAchieved => "Không đạt",
            Status::OnTrack => "Đúng tiến độ",
            Status::AtRisk => "Có nguy cơ chậm",
            Status::OffTrack => "Chậm tiến độ",
            Status::NotDue => "Chưa đến hạn",
            Status::NoData => "Chưa có số liệu",
        }
    }

    /// English label.
    pub fn label_en(&self) -> &'static str {
        match self {
            Status::Exceeded => "Exceeded",
            Status::Achieved => "Achieved",
            Status::NotAchieved => "Not achieved",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::NotDue => "Not due",
            Status::NoData => "No data",
        }
    }

    /// Whether this is a verdict after the deadline (or a completed milestone).
    pub fn is_final(&self) -> bool {
        matches!(self, Status::Exceeded | Status::Achieved | Status::NotAchieved)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Status {
    type Err = ();
    fn from_str(s: &str) -> Result<Status, ()> {
        Status::ALL.into_iter().find(|x| x.code() == s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn index_is_the_place_in_report_order() {
        for (k, s) in Status::ALL.iter().enumerate() {
            assert_eq!(s.index(), k, "{s:?}");
        }
    }
}
