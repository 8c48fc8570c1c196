//! What a lesson (`kpilot note`) may be about: the items of a plan, in the
//! order the review lists their notes.

use kpilot_core::plan::Plan;

/// What a note may be about: objectives, goals, actions, and the channels
/// the plan works on (its own and its tactics').
pub fn items(plan: &Plan) -> Vec<String> {
    let mut items: Vec<String> = plan
        .objectives
        .iter()
        .map(|o| o.id.to_string())
        .chain(plan.goals.iter().map(|g| g.id.to_string()))
        .chain(plan.actions.iter().map(|a| a.id.to_string()))
        .collect();
    for channel in plan
        .channels
        .iter()
        .map(|c| c.id.to_string())
        .chain(plan.tactics.iter().map(|t| t.channel.to_string()))
        .chain(
            plan.objectives
                .iter()
                .filter_map(|o| Some(o.channel.as_ref()?.to_string())),
        )
    {
        if !items.contains(&channel) {
            items.push(channel);
        }
    }
    items
}
