//! Clusters of schools and their boards of practice: kinds, membership,
//! the board's layout and how a card moves on it, and the meeting
//! attendance the Flagship award reads. Plain Rust, no web or database
//! types.

use super::policy::{Action, Viewer};
use serde::{Deserialize, Serialize};

/// How a cluster's schools are brought together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClusterKind {
    /// Schools near one another.
    Local,
    /// Schools twinned over distance.
    Twinned,
    /// Every school of a network that wants to take part.
    NetworkWide,
}

impl ClusterKind {
    pub const ALL: [ClusterKind; 3] = [
        ClusterKind::Local,
        ClusterKind::Twinned,
        ClusterKind::NetworkWide,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClusterKind::Local => "local",
            ClusterKind::Twinned => "twinned",
            ClusterKind::NetworkWide => "network",
        }
    }

    pub fn parse(value: &str) -> Option<ClusterKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// Where a school stands with a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Membership {
    /// The school asked to join; the cluster lead has not answered.
    Requested,
    Member,
}

impl Membership {
    pub fn as_str(self) -> &'static str {
        match self {
            Membership::Requested => "requested",
            Membership::Member => "member",
        }
    }

    pub fn parse(value: &str) -> Option<Membership> {
        match value {
            "requested" => Some(Membership::Requested),
            "member" => Some(Membership::Member),
            _ => None,
        }
    }
}

/// The framework a new cluster's board and annual update follow.
pub const CLUSTER_FRAMEWORK: &str = "inclusion-quality";

/// The columns a new board starts with; the lead may rename and reorder them.
pub const DEFAULT_COLUMNS: [&str; 4] =
    ["Ideas", "Trialling", "Evidence of impact", "Shared widely"];

/// The longest card title and body, in characters.
pub const CARD_TITLE_MAX_CHARS: usize = 200;
pub const CARD_BODY_MAX_CHARS: usize = 20_000;
/// The longest column name and comment, in characters.
pub const COLUMN_NAME_MAX_CHARS: usize = 60;
pub const COMMENT_MAX_CHARS: usize = 4_000;

/// A way to move a card with the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
}

impl Move {
    pub const ALL: [Move; 4] = [Move::Left, Move::Right, Move::Up, Move::Down];

    pub fn as_str(self) -> &'static str {
        match self {
            Move::Left => "left",
            Move::Right => "right",
            Move::Up => "up",
            Move::Down => "down",
        }
    }

    pub fn parse(value: &str) -> Option<Move> {
        Self::ALL.into_iter().find(|m| m.as_str() == value)
    }
}

/// Where a card is: its column's index and its place in that column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub column: usize,
    pub position: usize,
}

/// The board's cards, column by column, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout<T> {
    pub columns: Vec<Vec<T>>,
}

impl<T: PartialEq + Clone> Layout<T> {
    /// Where `card` is, if it is on the board.
    pub fn find(&self, card: &T) -> Option<Place> {
        self.columns.iter().enumerate().find_map(|(column, cards)| {
            cards
                .iter()
                .position(|c| c == card)
                .map(|position| Place { column, position })
        })
    }

    /// The place a keyboard move takes the card to, or `None` at an edge.
    /// Left and right keep the card's place in line as far as the other
    /// column allows.
    pub fn target(&self, card: &T, step: Move) -> Option<Place> {
        let from = self.find(card)?;
        let len = |c: usize| self.columns.get(c).map_or(0, Vec::len);
        match step {
            Move::Up => (from.position > 0).then(|| Place {
                position: from.position - 1,
                ..from
            }),
            Move::Down => (from.position + 1 < len(from.column)).then(|| Place {
                position: from.position + 1,
                ..from
            }),
            Move::Left => (from.column > 0).then(|| Place {
                column: from.column - 1,
                position: from.position.min(len(from.column - 1)),
            }),
            Move::Right => (from.column + 1 < self.columns.len()).then(|| Place {
                column: from.column + 1,
                position: from.position.min(len(from.column + 1)),
            }),
        }
    }

    /// Moves `card` to `to` (its position clamped to the column's end).
    /// Returns where it landed, or `None` when the card or column is unknown.
    pub fn move_to(&mut self, card: &T, to: Place) -> Option<Place> {
        let from = self.find(card)?;
        if to.column >= self.columns.len() {
            return None;
        }
        let item = self.columns[from.column].remove(from.position);
        let column = &mut self.columns[to.column];
        let position = to.position.min(column.len());
        column.insert(position, item);
        Some(Place {
            column: to.column,
            position,
        })
    }
}

/// Whether `viewer` manages the cluster led by `lead_school` (public id):
/// its cluster lead, or a certification admin.
pub fn leads(viewer: &Viewer, lead_school: &str) -> bool {
    viewer.may(Action::ManageClusters, None) || viewer.may(Action::LeadCluster, Some(lead_school))
}

/// The member schools (public ids) `viewer` works at, of those given.
pub fn acting_for<'a>(viewer: &Viewer, members: &[&'a str]) -> Vec<&'a str> {
    members
        .iter()
        .copied()
        .filter(|s| viewer.may(Action::CollaborateInCluster, Some(s)))
        .collect()
}

/// Whether `viewer` may read the cluster's board: staff of a member school,
/// or whoever manages the cluster. Nobody else.
pub fn reads_board(viewer: &Viewer, members: &[&str], lead_school: &str) -> bool {
    leads(viewer, lead_school) || !acting_for(viewer, members).is_empty()
}

/// Share of the cluster's meetings the school attended, in whole percent;
/// `None` when no meeting was held.
pub fn attendance_percent(attended: &[bool]) -> Option<u32> {
    if attended.is_empty() {
        return None;
    }
    let present = attended.iter().filter(|a| **a).count();
    u32::try_from(present * 100 / attended.len()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn board() -> Layout<u32> {
        Layout {
            columns: vec![vec![1, 2, 3], vec![4], vec![]],
        }
    }

    #[test]
    fn keyboard_moves_stop_at_the_edges() {
        let b = board();
        assert_eq!(b.target(&1, Move::Up), None);
        assert_eq!(b.target(&1, Move::Left), None);
        assert_eq!(b.target(&3, Move::Down), None);
        assert_eq!(
            b.target(&1, Move::Down),
            Some(Place {
                column: 0,
                position: 1
            })
        );
        // Right from the third card: the next column has one card, so it goes last.
        assert_eq!(
            b.target(&3, Move::Right),
            Some(Place {
                column: 1,
                position: 1
            })
        );
        assert_eq!(
            b.target(&4, Move::Right),
            Some(Place {
                column: 2,
                position: 0
            })
        );
        assert_eq!(b.target(&99, Move::Up), None);
    }

    #[test]
    fn moving_a_card_takes_it_out_of_its_column_and_into_the_other() {
        let mut b = board();
        let landed = b.move_to(
            &2,
            Place {
                column: 1,
                position: 0,
            },
        );
        assert_eq!(
            landed,
            Some(Place {
                column: 1,
                position: 0
            })
        );
        assert_eq!(b.columns, vec![vec![1, 3], vec![2, 4], vec![]]);
        assert_eq!(
            b.move_to(
                &2,
                Place {
                    column: 9,
                    position: 0
                }
            ),
            None
        );
    }

    #[test]
    fn attendance_is_a_whole_percentage() {
        assert_eq!(attendance_percent(&[]), None);
        assert_eq!(attendance_percent(&[true, false, true]), Some(66));
        assert_eq!(attendance_percent(&[true, true]), Some(100));
    }

    #[test]
    fn kinds_and_moves_read_back() {
        for k in ClusterKind::ALL {
            assert_eq!(ClusterKind::parse(k.as_str()), Some(k));
        }
        for m in Move::ALL {
            assert_eq!(Move::parse(m.as_str()), Some(m));
        }
        assert_eq!(ClusterKind::parse("global"), None);
    }

    #[test]
    fn only_member_staff_and_managers_read_the_board() {
        use crate::domain::policy::Membership as Held;
        use crate::domain::Role;
        let person = |role: Role, school: Option<&str>| Viewer {
            account: "a".into(),
            name: "A".into(),
            email: "a@x.test".into(),
            memberships: vec![Held {
                role,
                school: school.map(str::to_owned),
                network: None,
            }],
        };
        let members = ["lead", "member"];
        assert!(reads_board(
            &person(Role::Teacher, Some("member")),
            &members,
            "lead"
        ));
        assert!(reads_board(
            &person(Role::Coordinator, Some("lead")),
            &members,
            "lead"
        ));
        assert!(reads_board(&person(Role::Admin, None), &members, "lead"));
        assert!(!reads_board(
            &person(Role::Teacher, Some("outsider")),
            &members,
            "lead"
        ));
        assert!(!reads_board(
            &person(Role::Assessor, Some("member")),
            &members,
            "lead"
        ));
        assert!(!reads_board(
            &person(Role::NetworkAdmin, None),
            &members,
            "lead"
        ));
        assert!(leads(&person(Role::ClusterLead, Some("lead")), "lead"));
        assert!(!leads(&person(Role::ClusterLead, Some("member")), "lead"));
        assert!(!leads(&person(Role::Coordinator, Some("lead")), "lead"));
    }

    proptest! {
        /// Whatever the moves, no card is lost or doubled.
        #[test]
        fn moves_keep_every_card_once(
            sizes in proptest::collection::vec(0usize..5, 1..5),
            moves in proptest::collection::vec((0u32..20, 0usize..4), 0..30),
        ) {
            let mut next = 0u32;
            let mut b = Layout { columns: sizes.iter().map(|n| (0..*n).map(|_| { next += 1; next }).collect()).collect() };
            let mut all: Vec<u32> = b.columns.concat();
            for (card, step) in moves {
                if let Some(to) = b.target(&card, Move::ALL[step]) {
                    prop_assert_eq!(b.move_to(&card, to), Some(to));
                }
            }
            let mut after = b.columns.concat();
            all.sort_unstable();
            after.sort_unstable();
            prop_assert_eq!(all, after);
        }
    }
}
