//! Scoring throughput: `cargo bench -p app --bench scoring`.
//!
//! Figures belong in the notes, not in assertions: these machines are shared.

use app::domain::framework_file::{self, SHIPPED};
use app::domain::scoring::aggregate;
use app::domain::{score, Answer, AwardContext, Framework, ResponseSet};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// The shipped framework with the most indicators.
fn largest() -> Framework {
    SHIPPED
        .iter()
        .map(|(file, source)| framework_file::parse(file, source).expect("valid"))
        .max_by_key(Framework::indicator_count)
        .expect("three frameworks")
}

/// `n` full self-assessments with varied ratings (a small deterministic generator).
fn assessments(fw: &Framework, n: usize) -> Vec<ResponseSet> {
    let levels = fw.scale.len() as u64;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            let mut set = ResponseSet::new(fw);
            for r in fw.indicators() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let rating = u8::try_from(state % levels).ok();
                set.set(
                    r.index,
                    Answer {
                        rating,
                        evidence: u32::from(!state.is_multiple_of(5)),
                    },
                );
            }
            set
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let fw = largest();
    let context = AwardContext::default();
    let per = fw.indicator_count();

    let ten_thousand = assessments(&fw, 10_000);
    let mut group = c.benchmark_group("score");
    group.sample_size(20);
    group.throughput(Throughput::Elements((10_000 * per) as u64));
    group.bench_function("10k full self-assessments", |b| {
        b.iter(|| {
            for set in &ten_thousand {
                black_box(score(&fw, set, &context));
            }
        })
    });
    let million = assessments(&fw, 1_000_000_usize.div_ceil(per));
    group.throughput(Throughput::Elements((million.len() * per) as u64));
    group.bench_function("1M indicator responses", |b| {
        b.iter(|| {
            for set in &million {
                black_box(score(&fw, set, &context));
            }
        })
    });
    group.finish();

    let reports: Vec<_> = assessments(&fw, 5_000)
        .iter()
        .map(|s| score(&fw, s, &context))
        .collect();
    c.bench_function("aggregate 5,000 schools", |b| {
        b.iter(|| black_box(aggregate(&fw, &reports)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
