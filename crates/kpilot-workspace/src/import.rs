//! What an import needs to know of the workspace, the same for `kpilot
//! import` and the web app's Import page: the plans' own measures (which a
//! column may be read as) and the canonical options of a batch (so that a
//! file imported the same way from either is recognised).

use kpilot_core::ids::PlanId;
use kpilot_core::kpi::Definition;
use kpilot_store::Store;

use crate::Error;

/// The measures the workspace's plans declare (`[[measures]]`).
pub fn plans_own_measures(store: &dyn Store) -> Result<Vec<String>, Error> {
    let mut measures = Vec::new();
    for summary in store.plans()? {
        // A stored plan's id was checked when it was stored.
        let Ok(id) = PlanId::parse(&summary.id) else {
            continue;
        };
        if let Some(stored) = store.plan(&id)? {
            measures.extend(
                stored
                    .plan
                    .kpis
                    .into_iter()
                    .filter(|kpi| matches!(kpi.definition, Definition::Measure(_)))
                    .map(|kpi| kpi.id),
            );
        }
    }
    Ok(measures)
}

/// The options that change what a file means (the format it was read as,
/// the column mapping, the default channel and segment), one per line, so
/// that importing the same file the same way is recognised.
pub fn canonical_options(
    format: &str,
    maps: &[String],
    channel: Option<&str>,
    segment: Option<&str>,
) -> String {
    let mut parts = vec![format!("format={format}")];
    parts.extend(maps.iter().map(|entry| format!("map={entry}")));
    if let Some(channel) = channel {
        parts.push(format!("channel={channel}"));
    }
    if let Some(segment) = segment {
        parts.push(format!("segment={segment}"));
    }
    parts.join("\n")
}
