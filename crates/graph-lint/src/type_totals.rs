//! The figures of the type comparison (rendered by `type_render`).
//!
//! Three figures, each over the rows of [`crate::TypeReport`]s (a row is the kind, the base type, a
//! property or a member; `-` on a side means that side lacks it):
//! - **agreement** (the headline): of every row compared, how many agree;
//! - **accuracy**: of the rows the type files state (the docs say something), how many agree with
//!   the metadata. A wrong type or a property the metadata lacks lowers it; an omission does not;
//! - **coverage**: of the rows the metadata has, how many the type files state. An omission lowers
//!   it; a wrong type does not.
//!
//! Every disagreement is counted by its class and by what disagrees (`docs differ / omitted`,
//! `extractor missed / type`, ...), so that the report says why each figure is short.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Class;
use crate::type_rows::{TypeReport, TypeRow};

/// The figures of a type comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TypeTotals {
    /// Type files compared.
    pub types: usize,
    /// Of those, how many the metadata has.
    pub found: usize,
    /// Rows compared.
    pub items: usize,
    /// Of those, how many agree.
    pub agreeing: usize,
    /// Rows the type files state (the docs say something about the item).
    pub stated: usize,
    /// Of those, how many agree with the metadata.
    pub stated_agreeing: usize,
    /// Rows the metadata has.
    pub in_metadata: usize,
    /// Of those, how many the type files state.
    pub covered: usize,
    /// Disagreements classified [`Class::DocsDiffer`].
    pub docs_differ: usize,
    /// Disagreements classified [`Class::ExtractorMissed`].
    pub extractor_missed: usize,
    /// Disagreements classified [`Class::Unclassified`].
    pub unclassified: usize,
    /// Disagreements by `<class> / <what>` (`docs differ / omitted`), sorted.
    pub by_kind: BTreeMap<String, usize>,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Whether a side of a row states the item (`-` is "lacks it").
fn states(side: &str) -> bool {
    side != "-"
}

impl TypeTotals {
    /// The figures of `reports`.
    pub fn of(reports: &[TypeReport]) -> TypeTotals {
        let mut t = TypeTotals {
            types: reports.len(),
            ..TypeTotals::default()
        };
        for r in reports {
            if !r.rows.iter().any(|row| row.item == "type") {
                t.found += 1;
            }
            for row in &r.rows {
                t.add(row);
            }
        }
        t
    }

    fn add(&mut self, row: &TypeRow) {
        let agrees = row.disagreement.is_none();
        self.items += 1;
        if states(&row.spec) {
            self.stated += 1;
            self.stated_agreeing += usize::from(agrees);
        }
        if states(&row.metadata) {
            self.in_metadata += 1;
            self.covered += usize::from(states(&row.spec));
        }
        let Some(d) = &row.disagreement else {
            self.agreeing += 1;
            return;
        };
        match d.class {
            Class::DocsDiffer => self.docs_differ += 1,
            Class::ExtractorMissed => self.extractor_missed += 1,
            Class::Unclassified => self.unclassified += 1,
        }
        *self
            .by_kind
            .entry(format!("{} / {}", d.class.as_str(), d.what.as_str()))
            .or_default() += 1;
    }

    /// Agreeing rows in percent of the rows compared (100 when there is none): the headline.
    pub fn percent(&self) -> f64 {
        percent(self.agreeing, self.items)
    }

    /// Of the rows the type files state, the agreeing ones in percent (100 when there is none).
    pub fn accuracy(&self) -> f64 {
        percent(self.stated_agreeing, self.stated)
    }

    /// Of the rows the metadata has, the ones the type files state in percent (100 when none).
    pub fn coverage(&self) -> f64 {
        percent(self.covered, self.in_metadata)
    }
}
