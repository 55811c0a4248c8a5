//! `figures::observations_to_csv`: what it writes, `read_csv` reads back to the same observations (proptest).

use chitieu::figures::{observations_to_csv, read_csv, Observation};
use chitieu::period::{Date, Period};
use chitieu::Decimal;
use proptest::prelude::*;

/// A decimal with up to 28 digits and any scale the reader accepts, either sign.
fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..12).prop_map(|(m, scale)| Decimal::new(m, scale))
}

/// Text the readers keep as it is: no leading or trailing space (trimmed), never empty (empty is absent); with
/// commas, quotes, line breaks and Vietnamese letters, which need quoting or care.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9đĐươ_,\"\n\r; .-]{0,10}"
        .prop_map(|s| format!("x{s}x"))
        .prop_filter("no bare CR", |s| !s.contains('\r') || s.contains("\r\n"))
}

fn date() -> impl Strategy<Value = Date> {
    (1990i32..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1990i32..2100).prop_map(Period::Year),
        (1990i32..2100, 1u8..=4).prop_map(|(y, q)| Period::Quarter(y, q)),
        date().prop_map(Period::Day),
    ]
}

fn observation() -> impl Strategy<Value = Observation> {
    (
        "[a-z][a-z0-9_]{0,15}",
        proptest::option::of(period()),
        [proptest::option::of(decimal()), proptest::option::of(decimal())],
        [proptest::option::of(decimal()), proptest::option::of(decimal())],
        proptest::option::of(any::<bool>()),
        proptest::option::of(date()),
        [proptest::option::of(text()), proptest::option::of(text()), proptest::option::of(text())],
    )
        .prop_map(
            |(indicator, period, [value, numerator], [denominator, growth], done, completed, [unit, entity, note])| {
                Observation {
                    indicator,
                    period,
                    value,
                    numerator,
                    denominator,
                    growth,
                    done,
                    completed,
                    unit,
                    entity,
                    note,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn read_csv_reads_back_what_observations_to_csv_writes(list in proptest::collection::vec(observation(), 0..8)) {
        let text = observations_to_csv(&list);
        let back: Vec<Observation> = read_csv(&text).unwrap().into_iter().map(|(_, o)| o).collect();
        prop_assert_eq!(back, list, "{}", text);
    }
}

#[test]
fn only_the_columns_used_are_written_and_quoting_is_rfc_4180() {
    let obs = |indicator: &str, note: Option<&str>| Observation {
        indicator: indicator.into(),
        period: Some(Period::Year(2027)),
        done: Some(false),
        note: note.map(str::to_string),
        ..Observation::default()
    };
    assert_eq!(observations_to_csv(&[obs("a", None)]), "indicator,period,done\na,2027,false\n");
    assert_eq!(
        observations_to_csv(&[obs("a", Some("say \"hi\",\nthen")), obs("b", None)]),
        "indicator,period,done,note\na,2027,false,\"say \"\"hi\"\",\nthen\"\nb,2027,false,\n"
    );
    assert_eq!(observations_to_csv(&[]), "indicator\n");
    // row numbers as the reader counts them: the header is row 1
    let rows = read_csv(&observations_to_csv(&[obs("a", None), obs("b", None)])).unwrap();
    assert_eq!(rows.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [2, 3]);
}
