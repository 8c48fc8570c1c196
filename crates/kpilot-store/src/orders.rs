//! What both stores do alike with a shop's orders, so that they agree: the
//! checks before an import writes, what becomes of each order of the file,
//! which groups (day, channel, segment) it touches, and what each touched
//! group's observations become once the orders are written.
//!
//! The stores only read and write rows; every decision is taken here.
//!
//! A group is summed over the orders of every shop: an observation's key
//! has no shop, and two shops selling on one channel on one day (the three
//! shop presets all write `website`) both sold. Recomputing from one
//! shop's orders would erase the other's sales.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use kpilot_core::order::{self, MEASURES};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::{Observation, ObservationSource, Order, OrderCounts, StoreError, StoredOrder};

/// Refuses orders that give one number twice, before anything is written:
/// the first repeat in the order given, with both lines.
pub(crate) fn check(shop: &str, orders: &[Order]) -> Result<(), StoreError> {
    let mut seen: FxHashMap<&str, u64> = FxHashMap::default();
    for order in orders {
        if let Some(&first_line) = seen.get(order.number.as_str()) {
            return Err(StoreError::RepeatedOrder {
                shop: shop.to_owned(),
                number: order.number.clone(),
                first_line,
                second_line: order.line,
            });
        }
        seen.insert(&order.number, order.line);
    }
    Ok(())
}

/// A group (day, channel, segment) as a key of its own, as
/// [`kpilot_core::order::Group`] makes it (an empty segment is none).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct GroupKey {
    pub day: Date,
    pub channel: String,
    pub segment: Option<String>,
}

impl GroupKey {
    pub fn of(order: &Order) -> GroupKey {
        let group = order.group();
        GroupKey {
            day: group.day,
            channel: group.channel.to_owned(),
            segment: group.segment.map(str::to_owned),
        }
    }

    /// The group of a stored observation's channel and segment (`""` for
    /// none, as the stores keep them).
    pub fn of_names(day: Date, channel: String, segment: String) -> GroupKey {
        GroupKey {
            day,
            channel,
            segment: (!segment.is_empty()).then_some(segment),
        }
    }
}

/// What an import does to the file's orders.
#[derive(Debug)]
pub(crate) struct Changes<'a> {
    pub counts: OrderCounts,
    /// The orders to write, each with whether a stored one is taken over
    /// or replaced (then kept for undo).
    pub writes: Vec<(&'a Order, bool)>,
    /// The groups touched, each with the lowest line of the file's orders
    /// that touch it (that are in it, or moved out of it).
    pub groups: BTreeMap<GroupKey, u64>,
}

/// What becomes of each of the file's `orders`, given the `stored` orders
/// of the same shop and numbers.
pub(crate) fn changes<'a>(
    orders: &'a [Order],
    stored: &FxHashMap<String, StoredOrder>,
) -> Changes<'a> {
    let mut changes = Changes {
        counts: OrderCounts::default(),
        writes: Vec::with_capacity(orders.len()),
        groups: BTreeMap::new(),
    };
    let mut touch = |group: GroupKey, line: u64| {
        let lowest = changes.groups.entry(group).or_insert(line);
        *lowest = (*lowest).min(line);
    };
    for order in orders {
        touch(GroupKey::of(order), order.line);
        match stored.get(&order.number) {
            None => {
                changes.counts.inserted += 1;
                changes.writes.push((order, false));
            }
            Some(earlier) => {
                if order.unchanged_from(&earlier.order) {
                    changes.counts.unchanged += 1;
                } else {
                    changes.counts.replaced += 1;
                    // The group it moved out of (or stays in) loses it.
                    touch(GroupKey::of(&earlier.order), order.line);
                }
                changes.writes.push((order, true));
            }
        }
    }
    changes
}

/// One observation to write for a touched group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figure {
    pub group: GroupKey,
    pub measure: &'static str,
    pub value: Decimal,
    /// The line to give it; `None`: keep the stored one (a figure set to 0
    /// by an undo, whose group has no order left to give a line).
    pub line: Option<u64>,
    /// The latest batch among the group's orders: the owner of the
    /// observation should an undo find none to update.
    pub batch: Option<i64>,
}

/// Whether the stored observation of a group's measure was written by an
/// order import (`Some(true)`), by another (`Some(false)`), or is missing.
pub(crate) type Written = Option<bool>;

/// What the observations of the touched `groups` become, in the groups'
/// order then the measures': the figures of every order in `orders` (the
/// stored orders of every shop on the groups' days, the import's or undo's
/// changes written) that falls in a touched group. A measure the orders do
/// not give (no order left; none says whether it was a first order) is set
/// to 0 when an order import wrote the stored one, which can only be a
/// figure of orders that have gone, and left alone otherwise: a generic
/// file's value, or none. `written` says who wrote a stored observation.
///
/// `groups` gives each group the line for such a 0 when it has no order
/// left (the import's line that touched it), `None` at an undo.
pub(crate) fn figures(
    groups: &BTreeMap<GroupKey, Option<u64>>,
    orders: &[StoredOrder],
    written: &mut dyn FnMut(&GroupKey, &str) -> Result<Written, StoreError>,
) -> Result<Vec<Figure>, StoreError> {
    let mut latest: FxHashMap<GroupKey, i64> = FxHashMap::default();
    let inside: Vec<&Order> = orders
        .iter()
        .filter_map(|stored| {
            let group = GroupKey::of(&stored.order);
            if !groups.contains_key(&group) {
                return None;
            }
            let batch = latest.entry(group).or_insert(stored.batch);
            *batch = (*batch).max(stored.batch);
            Some(&stored.order)
        })
        .collect();
    let computed = order::observations(inside)?;
    let mut by_group: BTreeMap<GroupKey, Vec<Observation<'_>>> = BTreeMap::new();
    for observation in computed {
        let group = GroupKey {
            day: observation.day,
            channel: observation.channel.unwrap_or_default().to_owned(),
            segment: observation.segment.map(str::to_owned),
        };
        by_group.entry(group).or_default().push(observation);
    }
    let mut figures = Vec::new();
    for (group, fallback_line) in groups {
        let given = by_group.get(group).map(Vec::as_slice).unwrap_or_default();
        let line = given.first().map(|observation| observation.line);
        let batch = latest.get(group).copied();
        for measure in MEASURES {
            let value = match given
                .iter()
                .find(|observation| observation.measure == measure)
            {
                Some(observation) => observation.value,
                None if written(group, measure)? == Some(true) => Decimal::ZERO,
                None => continue,
            };
            figures.push(Figure {
                group: group.clone(),
                measure,
                value,
                line: line.or(*fallback_line),
                batch,
            });
        }
    }
    Ok(figures)
}

/// The days of some groups, once each.
pub(crate) fn days<'a>(groups: impl IntoIterator<Item = &'a GroupKey>) -> BTreeSet<Date> {
    groups.into_iter().map(|group| group.day).collect()
}

/// Figures as an import's source of observations, for the stores' one
/// observation write path.
#[derive(Debug)]
pub(crate) struct Figures {
    figures: Vec<Figure>,
    next: usize,
}

impl Figures {
    pub fn new(figures: Vec<Figure>) -> Figures {
        Figures { figures, next: 0 }
    }
}

impl ObservationSource for Figures {
    fn next_observation(&mut self) -> Option<Observation<'_>> {
        let figure = self.figures.get(self.next)?;
        self.next += 1;
        Some(Observation {
            line: figure.line.unwrap_or_default(),
            day: figure.group.day,
            measure: figure.measure,
            value: figure.value,
            channel: Some(&figure.group.channel),
            segment: figure.group.segment.as_deref(),
            action: None,
        })
    }

    fn is_clean(&self) -> bool {
        true
    }
}
