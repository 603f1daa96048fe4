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

/// Each year's average validated score per element, from validated
/// scores given as (year, element id, permille): years in order, elements
/// in the order they first appear.
pub fn averages_by_year(scores: &[(i32, String, u32)]) -> Vec<(i32, Vec<ElementAverage>)> {
    let mut years: Vec<i32> = scores.iter().map(|(year, _, _)| *year).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let mut averages: Vec<(String, u64, u32)> = Vec::new();
            for (_, element, score) in scores.iter().filter(|(y, _, _)| *y == year) {
                match averages.iter_mut().find(|(e, _, _)| e == element) {
                    Some((_, sum, n)) => {
                        *sum += u64::from(*score);
                        *n += 1;
                    }
                    None => averages.push((element.clone(), u64::from(*score), 1)),
                }
            }
            let averages = averages
                .into_iter()
                .map(|(element, sum, n)| ElementAverage {
                    element,
                    average: u32::try_from(sum / u64::from(n.max(1))).unwrap_or(u32::MAX),
                    schools: n,
                })
                .collect();
            (year, averages)
        })
        .collect()
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

    #[test]
    fn a_year_s_average_is_over_the_schools_scored_that_year() {
        let scores = vec![
            (2026, "teaching".to_owned(), 800),
            (2025, "teaching".to_owned(), 500),
            (2026, "teaching".to_owned(), 601),
            (2026, "leadership".to_owned(), 700),
        ];
        let by_year = averages_by_year(&scores);
        let years: Vec<i32> = by_year.iter().map(|(y, _)| *y).collect();
        assert_eq!(years, [2025, 2026]);
        let this_year = &by_year[1].1;
        assert_eq!(this_year[0].element, "teaching");
        assert_eq!((this_year[0].average, this_year[0].schools), (700, 2));
        assert_eq!((this_year[1].average, this_year[1].schools), (700, 1));
        assert!(averages_by_year(&[]).is_empty());
    }
}
