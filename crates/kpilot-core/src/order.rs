//! A shop's orders (Shopify, WooCommerce, PrestaShop exports) kept one by
//! one, and the day's figures they give: `transactions` (the orders that
//! count), `revenue` (their totals) and `new_customers` (those that were a
//! customer's first order).
//!
//! Orders are kept rather than summed by the reader so that two files with
//! orders of the same day add up, an order exported twice counts once, and
//! a changed order replaces itself and not its whole day. The figures are
//! computed here, once, so that every store turns the same orders into the
//! same observations.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::Observation;

/// The measure that counts the orders that are sales.
pub const TRANSACTIONS: &str = "transactions";
/// The measure that sums the totals of the orders that are sales.
pub const REVENUE: &str = "revenue";
/// The measure that counts the sales that were a customer's first order.
pub const NEW_CUSTOMERS: &str = "new_customers";
/// The measures orders give, in byte order (the order [`observations`]
/// gives them in).
pub const MEASURES: [&str; 3] = [NEW_CUSTOMERS, REVENUE, TRANSACTIONS];

/// One order of a shop's export, as read and as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The order's number as the shop writes it (`#1001`).
    pub number: String,
    pub day: Date,
    pub channel: String,
    pub segment: Option<String>,
    /// The status as the export writes it (`paid`, `pending`…), if any.
    pub status: Option<String>,
    /// Whether the order is a sale (not cancelled, refunded, unpaid…): only those count.
    pub counted: bool,
    /// Exact.
    pub total: Decimal,
    /// Whether it is its customer's first order, when the export says.
    pub new_customer: Option<bool>,
    /// The file's line it was read from.
    pub line: u64,
}

impl Order {
    /// The group whose figures the order counts in.
    pub fn group(&self) -> Group<'_> {
        Group {
            day: self.day,
            channel: &self.channel,
            // The stores keep an empty segment as none: two orders that only
            // differ there must land in one observation, not two of one key.
            segment: self
                .segment
                .as_deref()
                .filter(|segment| !segment.is_empty()),
        }
    }

    /// Whether this reading of an order says what an `earlier` one said:
    /// the same day, channel, segment, status, whether it counts, total and
    /// new customer. The number is the key, and the line it was read from
    /// is where it sits in a file, not what it says.
    pub fn unchanged_from(&self, earlier: &Order) -> bool {
        self.day == earlier.day
            && self.channel == earlier.channel
            && self.segment == earlier.segment
            && self.status == earlier.status
            && self.counted == earlier.counted
            && self.total == earlier.total
            && self.new_customer == earlier.new_customer
    }
}

/// Where an order's figures go: one day, one channel, one segment (an
/// empty segment is none, as the stores keep it). Orders sort by it as the
/// observations do: by day, then channel, then segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Group<'a> {
    pub day: Date,
    pub channel: &'a str,
    pub segment: Option<&'a str>,
}

/// The totals of a group's sales exceed what an exact decimal holds
/// (about 7.9 × 10²⁸): the export is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the orders of {day} on channel `{channel}`{} add up to more than a decimal holds",
    segment.as_ref().map(|segment| format!(", segment `{segment}`")).unwrap_or_default()
)]
pub struct SumTooLarge {
    pub day: Date,
    pub channel: String,
    pub segment: Option<String>,
}

/// A group's figures, as they are summed.
#[derive(Debug, Clone, Copy)]
struct Figures {
    transactions: u64,
    revenue: Decimal,
    new_customers: u64,
    /// Whether some order of the group says whether it was a first order.
    knows_new_customers: bool,
    /// The lowest line of the group's orders.
    line: u64,
}

/// The observations the `orders` give, one set per group (day, channel,
/// segment), in the groups' order then the measures' (see [`MEASURES`]):
///
/// - `transactions`: how many of the group's orders count (are sales);
/// - `revenue`: the sum of those orders' totals, exactly;
/// - `new_customers`: how many of those were their customer's first order,
///   only when some order of the group says whether it was (an export
///   without that column says nothing, which is not zero).
///
/// A group whose orders are all left out (cancelled, refunded, unpaid)
/// gives `transactions` 0 and `revenue` 0: the shop sold nothing there that
/// day, which is a figure. Orders give no action.
///
/// Each observation carries the lowest line of its group's orders: the
/// first line a reader of the file meets, and a choice that does not
/// depend on the order the orders are given in, so that two stores reading
/// them back in different orders write the same observation.
pub fn observations<'a>(
    orders: impl IntoIterator<Item = &'a Order>,
) -> Result<Vec<Observation<'a>>, SumTooLarge> {
    let mut groups: BTreeMap<Group<'a>, Figures> = BTreeMap::new();
    for order in orders {
        let group = order.group();
        let figures = groups.entry(group).or_insert(Figures {
            transactions: 0,
            revenue: Decimal::ZERO,
            new_customers: 0,
            knows_new_customers: false,
            line: order.line,
        });
        figures.line = figures.line.min(order.line);
        figures.knows_new_customers |= order.new_customer.is_some();
        if order.counted {
            figures.transactions += 1;
            figures.revenue =
                figures
                    .revenue
                    .checked_add(order.total)
                    .ok_or_else(|| SumTooLarge {
                        day: group.day,
                        channel: group.channel.to_owned(),
                        segment: group.segment.map(str::to_owned),
                    })?;
            if order.new_customer == Some(true) {
                figures.new_customers += 1;
            }
        }
    }
    let mut observations = Vec::with_capacity(groups.len() * MEASURES.len());
    for (group, figures) in groups {
        let observation = |measure, value| Observation {
            line: figures.line,
            day: group.day,
            measure,
            value,
            channel: Some(group.channel),
            segment: group.segment,
            action: None,
        };
        if figures.knows_new_customers {
            observations.push(observation(
                NEW_CUSTOMERS,
                Decimal::from(figures.new_customers),
            ));
        }
        observations.push(observation(REVENUE, figures.revenue));
        observations.push(observation(
            TRANSACTIONS,
            Decimal::from(figures.transactions),
        ));
    }
    Ok(observations)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use expect_test::{Expect, expect};
    use jiff::civil::date;

    use super::*;

    /// An order written `NUMBER DAY CHANNEL SEGMENT STATUS COUNTED TOTAL
    /// NEW LINE`, `-` for none; COUNTED and NEW are `y` or `n`.
    fn order(text: &str) -> Order {
        let fields: Vec<&str> = text.split_whitespace().collect();
        let optional = |field: &str| (field != "-").then(|| field.to_owned());
        Order {
            number: fields[0].to_owned(),
            day: fields[1].parse().unwrap(),
            channel: fields[2].to_owned(),
            segment: optional(fields[3]),
            status: optional(fields[4]),
            counted: fields[5] == "y",
            total: fields[6].parse().unwrap(),
            new_customer: optional(fields[7]).map(|new| new == "y"),
            line: fields[8].parse().unwrap(),
        }
    }

    fn check(orders: &str, expected: Expect) {
        let orders: Vec<Order> = orders
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(order)
            .collect();
        let mut text = String::new();
        for observation in observations(&orders).unwrap() {
            writeln!(
                text,
                "{} {} {} {} = {} (line {})",
                observation.day,
                observation.channel.unwrap_or("-"),
                observation.segment.unwrap_or("-"),
                observation.measure,
                observation.value,
                observation.line
            )
            .unwrap();
        }
        expected.assert_eq(&text);
    }

    #[test]
    fn only_sales_count_and_their_totals_add_up_exactly() {
        check(
            "#1001 2026-03-02 website - paid y 10.10 - 5
             #1002 2026-03-02 website - paid y 20.205 - 3
             #1003 2026-03-02 website - refunded n 99 - 4",
            expect![[r#"
                2026-03-02 website - revenue = 30.305 (line 3)
                2026-03-02 website - transactions = 2 (line 3)
            "#]],
        );
    }

    #[test]
    fn a_day_without_a_sale_is_zero_not_nothing() {
        check(
            "#1 2026-03-02 website - cancelled n 10 - 2
             #2 2026-03-02 website - pending n 15 - 3",
            expect![[r#"
                2026-03-02 website - revenue = 0 (line 2)
                2026-03-02 website - transactions = 0 (line 2)
            "#]],
        );
    }

    #[test]
    fn new_customers_are_counted_only_when_the_export_says() {
        check(
            "#1 2026-03-02 website - paid y 10 y 2
             #2 2026-03-02 website - paid y 10 n 3
             #3 2026-03-02 website - refunded n 10 y 4
             #4 2026-03-03 website - paid y 10 - 5
             #5 2026-03-04 website - refunded n 10 n 6",
            expect![[r#"
                2026-03-02 website - new_customers = 1 (line 2)
                2026-03-02 website - revenue = 20 (line 2)
                2026-03-02 website - transactions = 2 (line 2)
                2026-03-03 website - revenue = 10 (line 5)
                2026-03-03 website - transactions = 1 (line 5)
                2026-03-04 website - new_customers = 0 (line 6)
                2026-03-04 website - revenue = 0 (line 6)
                2026-03-04 website - transactions = 0 (line 6)
            "#]],
        );
    }

    #[test]
    fn groups_are_days_channels_and_segments_an_empty_segment_being_none() {
        check(
            "#1 2026-03-03 website vip paid y 1 - 9
             #2 2026-03-02 store - paid y 2 - 8
             #3 2026-03-02 website - paid y 4 - 7
             #4 2026-03-02 website vip paid y 8 - 6",
            expect![[r#"
                2026-03-02 store - revenue = 2 (line 8)
                2026-03-02 store - transactions = 1 (line 8)
                2026-03-02 website - revenue = 4 (line 7)
                2026-03-02 website - transactions = 1 (line 7)
                2026-03-02 website vip revenue = 8 (line 6)
                2026-03-02 website vip transactions = 1 (line 6)
                2026-03-03 website vip revenue = 1 (line 9)
                2026-03-03 website vip transactions = 1 (line 9)
            "#]],
        );
        let mut empty = order("#5 2026-03-02 website - paid y 16 - 5");
        empty.segment = Some(String::new());
        let plain = order("#3 2026-03-02 website - paid y 4 - 7");
        let observations = observations([&empty, &plain]).unwrap();
        assert_eq!(observations.len(), 2);
        assert_eq!(observations[0].segment, None);
        assert_eq!(observations[0].value, Decimal::from(20));
        assert_eq!(observations[0].line, 5);
    }

    #[test]
    fn the_line_is_the_lowest_whatever_the_order_given() {
        let orders = [
            order("#1 2026-03-02 website - paid y 1 - 40"),
            order("#2 2026-03-02 website - paid y 1 - 12"),
            order("#3 2026-03-02 website - paid y 1 - 31"),
        ];
        let forwards = observations(&orders).unwrap();
        let backwards = observations(orders.iter().rev()).unwrap();
        assert_eq!(forwards, backwards);
        assert!(forwards.iter().all(|observation| observation.line == 12));
    }

    #[test]
    fn no_orders_give_no_observations() {
        assert_eq!(observations(&[]).unwrap(), Vec::new());
    }

    #[test]
    fn totals_too_large_are_an_error_not_a_panic() {
        let mut first = order("#1 2026-03-02 website vip paid y 1 - 2");
        first.total = Decimal::MAX;
        let second = Order {
            number: "#2".to_owned(),
            ..first.clone()
        };
        let error = observations([&first, &second]).unwrap_err();
        assert_eq!(
            error,
            SumTooLarge {
                day: date(2026, 3, 2),
                channel: "website".to_owned(),
                segment: Some("vip".to_owned()),
            }
        );
        assert_eq!(
            error.to_string(),
            "the orders of 2026-03-02 on channel `website`, segment `vip` add up to more than a decimal holds"
        );
    }

    #[test]
    fn an_order_is_unchanged_when_all_but_its_line_is_the_same() {
        let paid = order("#1 2026-03-02 website - paid y 10.0 y 2");
        let moved_line = Order {
            line: 9,
            ..paid.clone()
        };
        assert!(moved_line.unchanged_from(&paid));
        // 10.0 and 10 are one amount.
        let same_amount = Order {
            total: "10".parse().unwrap(),
            ..paid.clone()
        };
        assert!(same_amount.unchanged_from(&paid));
        let changes = [
            Order {
                status: Some("refunded".to_owned()),
                counted: false,
                ..paid.clone()
            },
            Order {
                total: "10.01".parse().unwrap(),
                ..paid.clone()
            },
            Order {
                day: date(2026, 3, 3),
                ..paid.clone()
            },
            Order {
                new_customer: None,
                ..paid.clone()
            },
            Order {
                segment: Some("vip".to_owned()),
                ..paid.clone()
            },
        ];
        for changed in changes {
            assert!(!changed.unchanged_from(&paid), "{changed:?}");
        }
    }
}
