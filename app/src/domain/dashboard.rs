//! The network dashboard's arithmetic: how validated scores spread, and
//! which elements are weakest. Plain Rust, no web or database types.

use serde::{Deserialize, Serialize};

/// How many bands the distribution of overall scores has (tenths).
pub const SCORE_BANDS: usize = 10;

/// How many schools' overall scores (permille) fall in each tenth.
pub fn distribution(scores: impl IntoIterator<Item = u32>) -> [u32; SCORE_BANDS] {
    let mut bands = [0u32; SCORE_BANDS];
    for score in scores {
        let band = usize::try_from(score / 100)
            .unwrap_or(SCORE_BANDS - 1)
            .min(SCORE_BANDS - 1);
        bands[band] += 1;
    }
    bands
}

/// An element's average validated score (permille) across the schools
/// counted, with how many schools that is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementAverage {
    pub element: String,
    pub average: u32,
    pub schools: u32,
}

/// The `n` weakest elements (ids), lowest average first; ties keep the
/// order given (the framework's). Elements no school was scored on are left out.
pub fn weakest(averages: &[ElementAverage], n: usize) -> Vec<String> {
    let mut scored: Vec<(usize, &ElementAverage)> = averages
        .iter()
        .enumerate()
        .filter(|(_, a)| a.schools > 0)
        .collect();
    scored.sort_by(|a, b| a.1.average.cmp(&b.1.average).then(a.0.cmp(&b.0)));
    scored
        .into_iter()
        .take(n)
        .map(|(_, a)| a.element.clone())
        .collect()
}

/// A permille score as a whole percentage, for people.
pub fn percent(permille: u32) -> u32 {
    (permille + 5) / 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn average(element: &str, average: u32, schools: u32) -> ElementAverage {
        ElementAverage {
            element: element.to_owned(),
            average,
            schools,
        }
    }

    #[test]
    fn scores_fall_in_their_tenth_and_the_top_score_in_the_last() {
        let bands = distribution([0, 99, 100, 550, 999, 1000]);
        assert_eq!(bands, [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    }

    #[test]
    fn the_weakest_elements_come_first_ties_in_framework_order() {
        let all = [
            average("a", 600, 10),
            average("b", 400, 10),
            average("c", 400, 10),
            average("d", 100, 0),
        ];
        assert_eq!(weakest(&all, 2), ["b", "c"]);
        assert_eq!(weakest(&all, 9), ["b", "c", "a"]);
    }

    #[test]
    fn percentages_round_to_the_nearest() {
        assert_eq!(percent(0), 0);
        assert_eq!(percent(624), 62);
        assert_eq!(percent(625), 63);
        assert_eq!(percent(1000), 100);
    }

    proptest! {
        /// Every school is counted exactly once.
        #[test]
        fn every_score_is_counted_once(scores in proptest::collection::vec(0u32..=1000, 0..200)) {
            let bands = distribution(scores.iter().copied());
            prop_assert_eq!(bands.iter().sum::<u32>() as usize, scores.len());
        }
    }
}
