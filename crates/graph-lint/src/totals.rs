//! The figures of a run, and the reports as JSON.

use serde::Serialize;

use crate::{Class, OperationReport, Requirement, What};

/// The figures of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Spec operations of the version.
    pub operations: usize,
    /// Of those, how many were matched to a metadata operation.
    pub matched: usize,
    /// Parameters the matched metadata operations have (binding parameters not counted).
    pub metadata_parameters: usize,
    /// Of those, how many the spec documents with the metadata's type.
    pub present_with_metadata_type: usize,
    /// Of those, how many the spec documents with another type.
    pub present_with_other_type: usize,
    /// Of those, how many the spec does not document.
    pub omitted: usize,
    /// Documented parameters the metadata does not have.
    pub not_in_metadata: usize,
    /// Parameters where both sides say required or optional.
    pub requirements_compared: usize,
    /// Of those, how many agree.
    pub requirements_agreeing: usize,
    /// Return types compared (one per matched operation).
    pub return_types: usize,
    /// Of those, how many agree (both "no body" counts as agreeing).
    pub return_types_agreeing: usize,
    /// Matched operations without any disagreement.
    pub operations_agreeing: usize,
    /// Disagreements classified [`Class::DocsDiffer`].
    pub docs_differ: usize,
    /// Disagreements classified [`Class::ExtractorMissed`].
    pub extractor_missed: usize,
    /// Disagreements classified [`Class::Unclassified`].
    pub unclassified: usize,
}

impl Totals {
    /// Every disagreement, whatever its class.
    pub fn disagreements(&self) -> usize {
        self.docs_differ + self.extractor_missed + self.unclassified
    }

    /// The figures of `operations`.
    pub(crate) fn of(operations: &[OperationReport]) -> Totals {
        let mut t = Totals {
            operations: operations.iter().filter(|o| !o.called_in_path).count(),
            ..Totals::default()
        };
        // A function called in a path is part of its page's operation: its parameters count,
        // and a disagreement makes the page disagree, but it is no page of its own.
        let mut pages_disagreeing: Vec<&str> = Vec::new();
        for op in operations.iter().filter(|o| o.matched.is_some()) {
            if !op.called_in_path {
                t.matched += 1;
            }
            for row in &op.parameters {
                let type_differs = row.disagreements.iter().any(|d| d.what == What::Type);
                match (&row.metadata, &row.spec) {
                    (Some(_), Some(_)) if type_differs => {
                        t.metadata_parameters += 1;
                        t.present_with_other_type += 1;
                    }
                    (Some(_), Some(_)) => {
                        t.metadata_parameters += 1;
                        t.present_with_metadata_type += 1;
                    }
                    (Some(_), None) => {
                        t.metadata_parameters += 1;
                        t.omitted += 1;
                    }
                    (None, _) => t.not_in_metadata += 1,
                }
                if let (Some(m), Some(s)) = (&row.metadata, &row.spec)
                    && m.requirement != Requirement::Unstated
                    && s.required.is_some()
                {
                    t.requirements_compared += 1;
                    if !row
                        .disagreements
                        .iter()
                        .any(|d| d.what == What::Requirement)
                    {
                        t.requirements_agreeing += 1;
                    }
                }
            }
            if let Some(r) = &op.returns {
                t.return_types += 1;
                if r.disagreement.is_none() {
                    t.return_types_agreeing += 1;
                }
            }
            if op.all_disagreements().next().is_some()
                && !pages_disagreeing.contains(&op.spec.as_str())
            {
                pages_disagreeing.push(&op.spec);
            }
        }
        t.operations_agreeing = operations
            .iter()
            .filter(|o| !o.called_in_path && o.matched.is_some())
            .filter(|o| !pages_disagreeing.contains(&o.spec.as_str()))
            .count();
        for d in operations
            .iter()
            .flat_map(OperationReport::all_disagreements)
        {
            match d.class {
                Class::DocsDiffer => t.docs_differ += 1,
                Class::ExtractorMissed => t.extractor_missed += 1,
                Class::Unclassified => t.unclassified += 1,
            }
        }
        t
    }
}
