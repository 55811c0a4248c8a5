//! Properties of the evaluation engine (proptest).

use chitieu::{evaluate, parse_as_of, Catalogue, Decimal, Evaluation, Figures, Options, Status};
use proptest::prelude::*;
use std::str::FromStr;

fn eval(csv: &str, as_of: &str) -> Vec<Evaluation> {
    let cat = Catalogue::builtin();
    let figs = Figures::from_csv(&cat, csv).expect("figures");
    evaluate(&cat, &figs, &Options::new(parse_as_of(as_of).unwrap())).expect("evaluate")
}

fn status_of(evs: &[Evaluation], id: &str) -> Status {
    evs.iter().find(|e| e.target == id).unwrap().status
}

/// Better statuses rank higher.
fn rank(s: Status) -> i32 {
    match s {
        Status::NotAchieved | Status::OffTrack => 0,
        Status::Achieved | Status::AtRisk => 1,
        Status::Exceeded | Status::OnTrack => 2,
        _ => -1,
    }
}

fn dec(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A higher share never gets a worse verdict ("trên 85%" by 2030, "từ 15% trở lên").
    #[test]
    fn verdict_is_monotone_in_the_value(a in 0i64..=10_000, b in 0i64..=10_000) {
        let (lo, hi) = (a.min(b), a.max(b));
        for (ind, target) in [("online_dossiers", "online_dossiers_2030"), ("female_committee_share", "female_committee_share")] {
            let s_lo = status_of(&eval(&format!("indicator,period,value\n{ind},2030,{}\n", dec(lo)), "2030"), target);
            let s_hi = status_of(&eval(&format!("indicator,period,value\n{ind},2030,{}\n", dec(hi)), "2030"), target);
            prop_assert!(rank(s_lo) <= rank(s_hi), "{ind}: {} -> {s_lo:?}, {} -> {s_hi:?}", dec(lo), dec(hi));
        }
    }

    /// Before the deadline, progress statuses are monotone in the latest level too.
    #[test]
    fn progress_is_monotone(a in 500i64..1000, b in 500i64..1000) {
        let (lo, hi) = (a.min(b), a.max(b));
        let s = |v: i64| status_of(&eval(&format!("indicator,period,value\nenterprises_active,2025,600\nenterprises_active,2027,{v}\n"), "2027"), "enterprises_active");
        prop_assert!(rank(s(lo)) <= rank(s(hi)));
    }

    /// The exact growth verdict (integer powers, no root) agrees with the growth rate computed the usual way,
    /// away from the boundary; the displayed rate agrees with the true one.
    #[test]
    fn exact_growth_agrees_with_the_rate(base in 1_000i64..1_000_000, rate_bp in 0i64..4_000) {
        let rate = Decimal::new(rate_bp, 4); // 0.0000 .. 0.4000
        let mut level = Decimal::from(base);
        for _ in 0..5 {
            level = (level * (Decimal::ONE + rate)).round_dp(2);
        }
        let evs = eval(&format!("indicator,period,value\ngrdp,2025,{base}\ngrdp,2030,{level}\n"), "2030");
        let st = status_of(&evs, "grdp_growth");
        let pct = rate * Decimal::ONE_HUNDRED;
        // rounding the level to cents moves the rate by far less than 0.01 percentage points
        if pct < Decimal::from_str("15.99").unwrap() {
            prop_assert_eq!(st, Status::NotAchieved);
        } else if pct > Decimal::from_str("16.01").unwrap() && pct < Decimal::from_str("17.99").unwrap() {
            prop_assert_eq!(st, Status::Achieved);
        } else if pct > Decimal::from_str("18.01").unwrap() {
            prop_assert_eq!(st, Status::Exceeded);
        }
        let shown = evs.iter().find(|e| e.target == "grdp_growth").unwrap().rate_to_date.unwrap();
        prop_assert!((shown - pct).abs() <= Decimal::from_str("0.01").unwrap(), "shown {shown}, true {pct}");
    }

    /// The verdict flips exactly at the boundary level Y0 * 1.16^5, whatever the base.
    #[test]
    fn growth_flips_exactly_at_the_boundary(base in 1i64..100_000_000) {
        let threshold = Decimal::from(base) * Decimal::from_str("2.1003416576").unwrap(); // 1.16^5, exact
        let ulp = Decimal::new(1, threshold.scale());
        let at = |lvl: Decimal| status_of(&eval(&format!("indicator,period,value\ngrdp,2025,{base}\ngrdp,2030,{lvl}\n"), "2030"), "grdp_growth");
        prop_assert_eq!(at(threshold), Status::Achieved);
        prop_assert_eq!(at(threshold - ulp), Status::NotAchieved);
    }

    /// Reordering the rows of a figure file changes nothing.
    #[test]
    fn input_order_does_not_matter(seed in any::<u64>()) {
        let sample = include_str!("../../examples/data/sample_figures.csv");
        let mut lines: Vec<&str> = sample.lines().collect();
        let header = lines.remove(0);
        let mut s = seed;
        for i in (1..lines.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (s >> 33) as usize % (i + 1);
            lines.swap(i, j);
        }
        let shuffled = format!("{header}\n{}\n", lines.join("\n"));
        // row numbers differ by construction; everything else must be equal
        let strip = |evs: Vec<Evaluation>| {
            evs.into_iter()
                .map(|mut e| {
                    e.rows.clear();
                    e.warnings.clear();
                    e
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(strip(eval(sample, "2027")), strip(eval(&shuffled, "2027")));
    }

    /// A figure for an indicator a target does not read changes no verdict of that target.
    #[test]
    fn irrelevant_figures_change_nothing(v in 0i64..10_000) {
        let sample = include_str!("../../examples/data/sample_figures.csv");
        let before = eval(sample, "2027");
        let after = eval(&format!("{sample}doctors,2026,{v},,,,,,,,extra\n"), "2027");
        for (b, a) in before.iter().zip(after.iter()) {
            if b.indicator != "doctors" {
                prop_assert_eq!(b, a);
            }
        }
    }

    /// Any value for any level indicator evaluates or fails with a typed error, never a panic.
    #[test]
    fn never_panics(v0 in any::<i64>(), v1 in any::<i64>(), scale in 0u32..=28, year in 2025i32..=2030) {
        let cat = Catalogue::builtin();
        for ind in cat.indicators.iter().filter(|i| i.measure == chitieu::Measure::Level) {
            let csv = format!(
                "indicator,period,value\n{},2025,{}\n{},{year},{}\n",
                ind.id, Decimal::new(v0, scale), ind.id, Decimal::new(v1, scale)
            );
            if let Ok(figs) = Figures::from_csv(&cat, &csv) {
                for as_of in ["2026", "2027-06-30", "2030"] {
                    let _ = evaluate(&cat, &figs, &Options::new(parse_as_of(as_of).unwrap()));
                }
            }
        }
    }
}
