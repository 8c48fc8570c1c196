//! Tools' own exports, read as they come: GA4 traffic acquisition, Google
//! Ads campaigns, Meta Ads, Mailchimp and Brevo campaign reports, Shopify,
//! WooCommerce and PrestaShop orders.
//!
//! A preset finds its header row (tools write titles, date ranges and `#`
//! comments above it), reads the columns it knows, sums the rows of one day
//! and channel (campaigns, ad sets, channel groups of the same day), skips
//! the total rows tools add at the end (summing them would double every
//! figure), and ignores the columns it does not use — rates and averages
//! above all, which kpilot recomputes from their components. Order exports
//! become days: `transactions` counts the orders, `revenue` sums their
//! totals, each order counted once however many item rows it has; cancelled,
//! refunded, failed and unpaid orders are left out.
//!
//! `docs/import-presets.md` lists what each preset reads.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::day::parse_day;
use crate::header::normalize;
use crate::number::{DecimalMark, parse_number};
use crate::reader::{ExportPreset, MAX_LISTED_ERRORS, PresetRead};
use crate::record::{OwnedObservation, Record, RowError};

/// A tool's export.
#[derive(Debug)]
pub struct Preset {
    /// The name `--format` takes (a contract).
    pub name: &'static str,
    pub title: &'static str,
    /// Where the export is made in the tool, for the error that says a
    /// column is missing.
    pub export: &'static str,
    /// The channel of the rows when neither the export nor `--channel` says.
    pub channel: &'static str,
    /// The day column's spellings, normalised (see [`normalize`]).
    pub day: &'static [&'static str],
    pub shape: Shape,
}

/// How a preset's rows become observations. Column spellings are
/// normalised (see [`normalize`]), the first one being the one documented.
#[derive(Debug)]
pub enum Shape {
    /// One row per day (and campaign, ad set, channel group…): the measure
    /// columns are summed per day and channel.
    Daily {
        /// (measure, spellings of its column).
        measures: &'static [(&'static str, &'static [&'static str])],
        /// A column giving each row's channel.
        channel: Option<ChannelColumn>,
        /// Meta Ads without a day column: the period's start and end
        /// columns, which must be the same day.
        period: Option<(&'static [&'static str], &'static [&'static str])>,
        /// GA4 without a day column: the labels of the `#` comment lines
        /// giving the export's first and last day; when they are the same
        /// day, it is every row's day.
        range: Option<(&'static [&'static str], &'static [&'static str])>,
    },
    /// One row per order, or per item of an order.
    Orders {
        id: &'static [&'static str],
        total: &'static [&'static str],
        /// The order's status, and the values (normalised) that leave the
        /// order out.
        status: Option<(&'static [&'static str], &'static [&'static str])>,
        /// A column whose non-empty value means the order was cancelled.
        cancelled_at: &'static [&'static str],
        /// A column telling a first order (`1`, `oui`, `yes`, `true`).
        new_customer: &'static [&'static str],
        /// A column telling where the order was taken, and the values
        /// (normalised) that mean the shop: then the channel is `store`.
        source: Option<(&'static [&'static str], &'static [&'static str])>,
    },
}

/// A column naming each row's channel.
#[derive(Debug)]
pub struct ChannelColumn {
    pub headers: &'static [&'static str],
    /// (value normalised, kpilot channel).
    pub values: &'static [(&'static str, &'static str)],
    /// The channel of a value not listed; `None` keeps the value as written.
    pub others: Option<&'static str>,
}

/// One column a preset reads, for the documentation and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresetColumn {
    /// Its spellings, normalised; the first is the one documented.
    pub headers: &'static [&'static str],
    pub becomes: Becomes,
    /// Whether a file without it is refused. Of a daily export's measure
    /// columns, none is required alone: at least one must be there.
    pub required: bool,
}

/// What a column of an export becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Becomes {
    /// The row's day.
    Day,
    /// The row's channel, through the preset's table of values.
    Channel,
    /// A measure of the catalogue, summed per day and channel.
    Measure(&'static str),
    /// The first day of the row's period, the day when there is no day
    /// column (then it must equal the last).
    PeriodStart,
    PeriodEnd,
    /// The order the row belongs to: each order counts once.
    OrderNumber,
    /// The order's total: summed into `revenue`, and the order counted in
    /// `transactions`.
    OrderTotal,
    /// Some values (cancelled, refunded, unpaid…) leave the order out.
    OrderStatus,
    /// Not empty: the order was cancelled and is left out.
    CancelledAt,
    /// `1`, `yes`, `oui`: the order counts in `new_customers` (else 0).
    NewCustomer,
    /// Where the order was taken: the shop's till makes the channel `store`.
    Source,
}

const GA4_CHANNELS: &[(&str, &str)] = &[
    ("organic search", "search"),
    ("paid search", "search"),
    ("organic shopping", "search"),
    ("paid shopping", "search"),
    ("organic social", "social"),
    ("paid social", "social"),
    ("organic video", "social"),
    ("paid video", "display"),
    ("display", "display"),
    ("cross network", "display"),
    ("email", "email"),
    ("sms", "sms"),
    ("mobile push notifications", "sms"),
    ("direct", "website"),
    ("referral", "website"),
    ("affiliates", "website"),
];

/// Google Ads campaign types, in English and French; other types are
/// `search`, the preset's channel.
const GOOGLE_ADS_CAMPAIGN_TYPES: &[(&str, &str)] = &[
    ("search", "search"),
    ("reseau de recherche", "search"),
    ("recherche", "search"),
    ("shopping", "search"),
    ("smart", "search"),
    ("display", "display"),
    ("reseau display", "display"),
    ("video", "display"),
    ("performance max", "display"),
    ("demand gen", "display"),
    ("discovery", "display"),
    ("app", "display"),
    ("application", "display"),
    ("applications", "display"),
];

static PRESETS: [Preset; 8] = [
    Preset {
        name: "ga4",
        title: "Google Analytics 4 — acquisition de trafic / traffic acquisition",
        export: "Reports › Acquisition › Traffic acquisition, with Date as a secondary dimension, \
                 then Share › Download file › CSV",
        channel: "website",
        day: &["date", "jour", "day"],
        shape: Shape::Daily {
            measures: &[
                ("sessions", &["sessions"]),
                (
                    "conversions",
                    &[
                        "key events",
                        "evenements cles",
                        "conversions",
                        "all key events",
                    ],
                ),
                (
                    "transactions",
                    &[
                        "transactions",
                        "ecommerce purchases",
                        "achats e commerce",
                        "purchases",
                        "achats",
                    ],
                ),
                (
                    "revenue",
                    &[
                        "total revenue",
                        "revenu total",
                        "revenus totaux",
                        "purchase revenue",
                        "revenus generes par les achats",
                        "revenu genere par les achats",
                    ],
                ),
            ],
            channel: Some(ChannelColumn {
                headers: &[
                    "session default channel group",
                    "groupe de canaux par defaut de la session",
                    "session primary channel group default channel group",
                    "session primary channel group",
                    "groupe de canaux principal de la session",
                    "groupe de canaux principal de la session groupe de canaux par defaut",
                    "default channel group",
                    "groupe de canaux par defaut",
                ],
                values: GA4_CHANNELS,
                others: None,
            }),
            period: None,
            range: Some((
                &["start date", "date de debut"],
                &["end date", "date de fin"],
            )),
        },
    },
    Preset {
        name: "google-ads",
        title: "Google Ads — campagnes / campaigns",
        export: "Campaigns, Segment › Time › Day, then Download › CSV",
        channel: "search",
        day: &["day", "jour", "date"],
        shape: Shape::Daily {
            measures: &[
                ("cost", &["cost", "cout", "couts"]),
                ("impressions", &["impr", "impressions"]),
                ("clicks", &["clicks", "clics", "interactions"]),
                ("conversions", &["conversions"]),
                (
                    "revenue",
                    &[
                        "conv value",
                        "valeur de conv",
                        "conversion value",
                        "valeur de conversion",
                        "all conv value",
                    ],
                ),
            ],
            channel: Some(ChannelColumn {
                headers: &["campaign type", "type de campagne"],
                values: GOOGLE_ADS_CAMPAIGN_TYPES,
                others: Some("search"),
            }),
            period: None,
            range: None,
        },
    },
    Preset {
        name: "meta-ads",
        title: "Meta Ads (Facebook, Instagram)",
        export: "Ads Manager › Reports, Breakdown › By time › Day, then Export table data › CSV",
        channel: "social",
        day: &["day", "jour"],
        shape: Shape::Daily {
            measures: &[
                (
                    "cost",
                    &[
                        "amount spent",
                        "montant depense",
                        "amount spent eur",
                        "montant depense eur",
                        "amount spent usd",
                        "montant depense usd",
                    ],
                ),
                ("impressions", &["impressions"]),
                ("reach", &["reach", "couverture"]),
                (
                    "clicks",
                    &["link clicks", "clics sur un lien", "clics sur le lien"],
                ),
                ("transactions", &["purchases", "achats"]),
                (
                    "revenue",
                    &[
                        "purchases conversion value",
                        "valeur de conversion des achats",
                    ],
                ),
            ],
            channel: None,
            period: Some((
                &["reporting starts", "debut des rapports"],
                &["reporting ends", "fin des rapports"],
            )),
            range: None,
        },
    },
    Preset {
        name: "mailchimp",
        title: "Mailchimp — rapports de campagnes / campaign reports",
        export: "Analytics › Reports, select the campaigns, Export as CSV",
        channel: "email",
        day: &["send date", "date d envoi", "sent date"],
        shape: Shape::Daily {
            measures: &EMAIL_MEASURES,
            channel: None,
            period: None,
            range: None,
        },
    },
    Preset {
        name: "brevo",
        title: "Brevo — rapports de campagnes / campaign reports",
        export: "Campaigns › Email, select the campaigns, Export",
        channel: "email",
        day: &[
            "date d envoi",
            "envoyee le",
            "date de l envoi",
            "sent date",
            "send date",
            "sent at",
            "date",
        ],
        shape: Shape::Daily {
            measures: &EMAIL_MEASURES,
            channel: None,
            period: None,
            range: None,
        },
    },
    Preset {
        name: "shopify",
        title: "Shopify — commandes / orders",
        export: "Orders › Export › All orders › CSV for Excel, Numbers…",
        channel: "website",
        day: &["created at", "cree le", "date de creation"],
        shape: Shape::Orders {
            id: &["name", "nom", "order", "commande"],
            total: &["total"],
            status: Some((
                &["financial status", "statut financier", "statut du paiement"],
                &[
                    "refunded",
                    "voided",
                    "pending",
                    "expired",
                    "rembourse",
                    "remboursee",
                    "annule",
                    "annulee",
                    "en attente",
                    "expire",
                    "expiree",
                ],
            )),
            cancelled_at: &["cancelled at", "annule le", "annulee le"],
            new_customer: &[],
            source: Some((&["source"], &["pos", "point of sale", "point de vente"])),
        },
    },
    Preset {
        name: "woocommerce",
        title: "WooCommerce — commandes / orders",
        export: "WooCommerce › Analytics › Orders › Download, or an order export extension",
        channel: "website",
        day: &[
            "order date",
            "date de commande",
            "date de la commande",
            "date",
        ],
        shape: Shape::Orders {
            id: &[
                "order number",
                "order id",
                "order",
                "numero de commande",
                "n de commande",
                "id de commande",
                "commande n",
                "n commande",
                "commande",
            ],
            // The order's total; WooCommerce Analytics only has its net
            // sales (without taxes and shipping).
            total: &[
                "order total",
                "order total amount",
                "total de la commande",
                "montant total",
                "total",
                "net sales",
                "ventes nettes",
            ],
            status: Some((
                &[
                    "order status",
                    "status",
                    "etat de la commande",
                    "etat",
                    "statut",
                ],
                &[
                    "cancelled",
                    "refunded",
                    "failed",
                    "pending",
                    "pending payment",
                    "on hold",
                    "draft",
                    "checkout draft",
                    "trash",
                    "wc cancelled",
                    "wc refunded",
                    "wc failed",
                    "wc pending",
                    "wc on hold",
                    "wc checkout draft",
                    "annulee",
                    "remboursee",
                    "echouee",
                    "en attente",
                    "attente paiement",
                    "en attente de paiement",
                    "brouillon",
                    "corbeille",
                ],
            )),
            cancelled_at: &[],
            new_customer: &[],
            source: None,
        },
    },
    Preset {
        name: "prestashop",
        title: "PrestaShop — commandes / orders",
        export: "Orders › Orders › Export (the back office's CSV)",
        channel: "website",
        day: &["date", "date de commande", "date d ajout", "date add"],
        shape: Shape::Orders {
            id: &["id", "id commande", "id order", "reference", "ref"],
            total: &[
                "total",
                "total paye",
                "total paid",
                "total paye ttc",
                "total ttc",
            ],
            status: Some((
                &["etat", "statut", "state", "status"],
                &[
                    "annule",
                    "annulee",
                    "rembourse",
                    "remboursee",
                    "remboursement",
                    "erreur de paiement",
                    "en attente de paiement",
                    "en attente de paiement par cheque",
                    "en attente du paiement par cheque",
                    "en attente de virement bancaire",
                    "en attente de paiement a la livraison",
                    "en attente de reapprovisionnement non paye",
                    "canceled",
                    "cancelled",
                    "refunded",
                    "payment error",
                    "awaiting payment",
                    "awaiting check payment",
                    "awaiting bank wire payment",
                    "awaiting cash on delivery validation",
                    "on backorder not paid",
                ],
            )),
            cancelled_at: &[],
            new_customer: &["nouveau client", "new client", "new customer"],
            source: None,
        },
    },
];

/// What email campaign reports hold, as kpilot's measures: people reached
/// (recipients), emails delivered (counted as impressions, so that the
/// click rate is clicks over delivered), unique opens (engagements), unique
/// clicks, orders and revenue where the tool tracks them.
const EMAIL_MEASURES: [(&str, &[&str]); 6] = [
    (
        "reach",
        &[
            "total recipients",
            "recipients",
            "destinataires",
            "total des destinataires",
            "destinataires totaux",
            "nombre de destinataires",
            "envoyes",
            "emails sent",
            "sent",
        ],
    ),
    (
        "impressions",
        &[
            "successful deliveries",
            "delivered",
            "delivres",
            "emails delivres",
            "e mails delivres",
            "livraisons reussies",
        ],
    ),
    (
        "engagements",
        &[
            "unique opens",
            "ouvertures uniques",
            "opens unique",
            "ouvreurs uniques",
            "ouvreurs",
            "unique openers",
            "openers",
            "opened",
            "ouverts",
        ],
    ),
    (
        "clicks",
        &[
            "unique clicks",
            "clics uniques",
            "clicks unique",
            "cliqueurs uniques",
            "cliqueurs",
            "unique clickers",
            "clickers",
            "clicked",
            "cliques",
        ],
    ),
    (
        "transactions",
        &[
            "total orders",
            "commandes",
            "orders",
            "total des commandes",
            "commandes totales",
        ],
    ),
    (
        "revenue",
        &[
            "total revenue",
            "chiffre d affaires",
            "revenue",
            "revenu",
            "revenu total",
            "chiffre d affaires total",
        ],
    ),
];

/// Every preset, in the order documented.
pub fn all() -> &'static [Preset] {
    &PRESETS
}

/// The preset of that name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|preset| preset.name == name)
}

impl ExportPreset for Preset {
    fn name(&self) -> &'static str {
        self.name
    }

    fn read_records(
        &self,
        records: &mut dyn Iterator<Item = Record>,
        mark: DecimalMark,
        channel: Option<&str>,
        segment: Option<&str>,
    ) -> Result<PresetRead, (Vec<RowError>, u64)> {
        self.read_with(records, mark, channel, segment)
    }
}

impl Preset {
    /// Reads the records of an export (every line of the file, preamble,
    /// comments and blank lines included, with their line numbers) into
    /// observations summed per day and channel, or the bad rows (the first
    /// [`MAX_LISTED_ERRORS`] of them).
    ///
    /// `channel` and `segment` are the user's `--channel` and `--segment`:
    /// they win over what the preset would choose. The decimal mark is told
    /// from the values of the columns read; when none tells (only whole
    /// numbers or `1,234`-like values), it is the point.
    pub fn read(
        &self,
        records: &mut dyn Iterator<Item = Record>,
        channel: Option<&str>,
        segment: Option<&str>,
    ) -> Result<Vec<OwnedObservation>, Vec<RowError>> {
        self.read_with(records, DecimalMark::Point, channel, segment)
            .map(|read| read.observations)
            .map_err(|(errors, _)| errors)
    }

    /// The columns the preset reads and what each becomes.
    pub fn columns(&self) -> Vec<PresetColumn> {
        let column = |headers, becomes, required| PresetColumn {
            headers,
            becomes,
            required,
        };
        let mut columns = Vec::new();
        match &self.shape {
            Shape::Daily {
                measures,
                channel,
                period,
                range,
            } => {
                columns.push(column(
                    self.day,
                    Becomes::Day,
                    period.is_none() && range.is_none(),
                ));
                if let Some((start, end)) = period {
                    columns.push(column(start, Becomes::PeriodStart, false));
                    columns.push(column(end, Becomes::PeriodEnd, false));
                }
                if let Some(channel) = channel {
                    columns.push(column(channel.headers, Becomes::Channel, false));
                }
                for (measure, headers) in measures.iter() {
                    columns.push(column(headers, Becomes::Measure(measure), false));
                }
            }
            Shape::Orders {
                id,
                total,
                status,
                cancelled_at,
                new_customer,
                source,
            } => {
                columns.push(column(self.day, Becomes::Day, true));
                columns.push(column(id, Becomes::OrderNumber, true));
                columns.push(column(total, Becomes::OrderTotal, true));
                if let Some((headers, _)) = status {
                    columns.push(column(headers, Becomes::OrderStatus, false));
                }
                if !cancelled_at.is_empty() {
                    columns.push(column(cancelled_at, Becomes::CancelledAt, false));
                }
                if !new_customer.is_empty() {
                    columns.push(column(new_customer, Becomes::NewCustomer, false));
                }
                if let Some((headers, _)) = source {
                    columns.push(column(headers, Becomes::Source, false));
                }
            }
        }
        columns
    }

    /// The main spelling of the columns the preset looks for (day, channel,
    /// measures; day, order, total), for the error that says a header row
    /// was not found.
    pub fn expected_columns(&self) -> Vec<&'static str> {
        self.columns()
            .iter()
            .filter(|column| {
                !matches!(
                    column.becomes,
                    Becomes::PeriodStart
                        | Becomes::PeriodEnd
                        | Becomes::OrderStatus
                        | Becomes::CancelledAt
                        | Becomes::NewCustomer
                        | Becomes::Source
                )
            })
            .map(|column| column.headers[0])
            .collect()
    }

    fn read_with(
        &self,
        records: &mut dyn Iterator<Item = Record>,
        fallback_mark: DecimalMark,
        channel: Option<&str>,
        segment: Option<&str>,
    ) -> Result<PresetRead, (Vec<RowError>, u64)> {
        let mut reading = Reading {
            preset: self,
            channel,
            errors: Vec::new(),
            error_count: 0,
        };
        let table = reading.table(records).map_err(|error| (vec![error], 1))?;
        let mark = decimal_mark(&table, fallback_mark);
        let mut sums = Sums::new();
        match &self.shape {
            Shape::Daily { channel, .. } => {
                for record in &table.rows {
                    reading.daily_row(record, &table, channel.as_ref(), mark, &mut sums);
                }
            }
            Shape::Orders { status, source, .. } => {
                reading.orders(&table, *status, *source, mark, &mut sums);
            }
        }
        if reading.error_count > 0 {
            return Err((reading.errors, reading.error_count));
        }
        let observations = sums
            .into_iter()
            .flat_map(|((day, channel), measures)| {
                measures
                    .into_iter()
                    .map(move |(measure, (value, line))| OwnedObservation {
                        line,
                        day,
                        measure: measure.to_owned(),
                        value: value.normalize(),
                        channel: Some(channel.clone()),
                        segment: segment.map(str::to_owned),
                        action: None,
                    })
            })
            .collect();
        Ok(PresetRead {
            observations,
            ignored_columns: table.ignored,
        })
    }
}

/// How many records are looked at for a header row: tools write a few
/// title lines above it, not pages.
const HEADER_SEARCH: usize = 100;

/// One read of one export.
struct Reading<'p> {
    preset: &'p Preset,
    /// The user's `--channel`.
    channel: Option<&'p str>,
    errors: Vec<RowError>,
    error_count: u64,
}

/// A header row of the preset's and the rows under it.
struct Table {
    headers: Vec<String>,
    day: DaySource,
    /// (column, measure) for daily exports.
    measures: Vec<(usize, &'static str)>,
    channel: Option<usize>,
    id: Option<usize>,
    total: Option<usize>,
    status: Option<usize>,
    cancelled_at: Option<usize>,
    new_customer: Option<usize>,
    source: Option<usize>,
    /// The headers of the columns not read, as written.
    ignored: Vec<String>,
    /// How many of the preset's columns it has: of two tables, the one
    /// with more is read.
    score: usize,
    rows: Vec<Record>,
}

/// Where a row's day comes from.
#[derive(Clone, Copy)]
enum DaySource {
    /// The day column.
    Column(usize),
    /// Meta without a day column: the row's period, which must be one day.
    Period { start: usize, end: usize },
    /// GA4 without a day column: the one day the export covers.
    Range(Date),
}

/// What a record is to the preset.
enum Located {
    /// Its header row.
    Table(Box<Table>),
    /// A header row that lacks what the preset needs: why.
    NearMiss(String),
    /// Anything else.
    Nothing,
}

/// Sums per (day, channel), then measure: (value, first line).
type Sums = BTreeMap<(Date, String), BTreeMap<&'static str, (Decimal, u64)>>;

impl Table {
    /// The columns holding numbers.
    fn numeric(&self) -> impl Iterator<Item = usize> + '_ {
        self.measures
            .iter()
            .map(|(column, _)| *column)
            .chain(self.total)
    }
}

/// The decimal mark of the values the preset reads; when none tells, the
/// one the caller found in the file (or the point).
fn decimal_mark(table: &Table, fallback: DecimalMark) -> DecimalMark {
    let values = || {
        table
            .rows
            .iter()
            .flat_map(|record| table.numeric().map(move |column| field(record, column)))
    };
    // `detect` settles a tie by the delimiter: asked with both, it answers
    // the same only when some value told.
    let if_tied_point = DecimalMark::detect(values(), b',');
    let if_tied_comma = DecimalMark::detect(values(), b';');
    if if_tied_point == if_tied_comma {
        if_tied_point
    } else {
        fallback
    }
}

impl Reading<'_> {
    fn error(&mut self, line: u64, column: Option<(usize, &str)>, message: String) {
        self.error_count += 1;
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(RowError {
                line,
                column: column.map(|(index, _)| index + 1),
                header: column.map(|(_, header)| header.to_owned()),
                message,
            });
        }
    }

    /// The table of the export: the preset's header row and the rows under
    /// it. In a daily export, `#` comment lines end a table and may give the
    /// export's date range: GA4 writes several tables (the report's, a
    /// chart's), each under its comments, which are views of the same
    /// figures; the one with the most of the preset's columns is read, the
    /// first of equals. In an order export, a row whose only field starts
    /// with `#` is an item row of an order.
    fn table(&self, records: &mut dyn Iterator<Item = Record>) -> Result<Table, RowError> {
        let preset = self.preset;
        let daily = matches!(preset.shape, Shape::Daily { .. });
        let mut best: Option<Table> = None;
        let mut current: Option<Table> = None;
        let keep = |best: &mut Option<Table>, table: Table| {
            if best.as_ref().is_none_or(|best| table.score > best.score) {
                *best = Some(table);
            }
        };
        let mut range: (Option<Date>, Option<Date>) = (None, None);
        let mut near_miss: Option<(u64, String)> = None;
        // Records looked at for a header row since the file's start or the
        // last comment: a file of another tool is not searched to its end.
        let mut searched = 0;
        for record in records {
            if daily && is_comment(&record.fields) {
                if let Some(table) = current.take() {
                    keep(&mut best, table);
                }
                self.range_comment(&record.fields[0], &mut range);
                searched = 0;
                continue;
            }
            if let Some(table) = current.as_mut() {
                table.rows.push(record);
                continue;
            }
            if searched == HEADER_SEARCH {
                continue;
            }
            searched += 1;
            match self.locate(&record.fields, range) {
                Located::Table(table) => current = Some(*table),
                Located::NearMiss(reason) => {
                    near_miss.get_or_insert((record.line, reason));
                }
                Located::Nothing => {}
            }
        }
        if let Some(table) = current {
            keep(&mut best, table);
        }
        if let Some(table) = best {
            return Ok(table);
        }
        let expected = preset.expected_columns().join(", ");
        Err(match near_miss {
            Some((line, reason)) => RowError {
                line,
                column: None,
                header: None,
                message: format!(
                    "{reason}: a {} export has the columns {expected} (export: {})",
                    preset.title, preset.export
                ),
            },
            None => RowError {
                line: 1,
                column: None,
                header: None,
                message: format!(
                    "no header row of a {} export was found: expected columns such as {expected} (export: {})",
                    preset.title, preset.export
                ),
            },
        })
    }

    /// GA4's `# Start date: 20260105` and `# End date: 20260131`.
    fn range_comment(&self, comment: &str, range: &mut (Option<Date>, Option<Date>)) {
        let Shape::Daily {
            range: Some((start, end)),
            ..
        } = &self.preset.shape
        else {
            return;
        };
        let normal = normalize(comment);
        let value = |labels: &[&str]| {
            labels.iter().find_map(|label| {
                let rest = normal.strip_prefix(label)?.strip_prefix(' ')?;
                read_day(rest).ok()
            })
        };
        if let Some(day) = value(start) {
            range.0 = Some(day);
        }
        if let Some(day) = value(end) {
            range.1 = Some(day);
        }
    }

    /// What this record is: the preset's header row, one that lacks some of
    /// the columns the preset needs, or anything else.
    fn locate(&self, fields: &[String], range: (Option<Date>, Option<Date>)) -> Located {
        let preset = self.preset;
        let normal: Vec<String> = fields.iter().map(|field| normalize(field)).collect();
        let find = |spellings: &[&str]| {
            spellings
                .iter()
                .find_map(|spelling| normal.iter().position(|header| header == spelling))
        };
        // Meta names its money column after the currency: `Amount spent (EUR)`.
        let find_prefix = |spellings: &[&str]| {
            find(spellings).or_else(|| {
                spellings.iter().find_map(|spelling| {
                    normal.iter().position(|header| {
                        header
                            .strip_prefix(spelling)
                            .is_some_and(|rest| rest.starts_with(' '))
                    })
                })
            })
        };
        let no_day = || format!("no day column ({})", preset.day.join(", "));
        let mut table = Table {
            headers: fields.iter().map(|field| field.trim().to_owned()).collect(),
            day: DaySource::Column(0),
            measures: Vec::new(),
            channel: None,
            id: None,
            total: None,
            status: None,
            cancelled_at: None,
            new_customer: None,
            source: None,
            ignored: Vec::new(),
            score: 0,
            rows: Vec::new(),
        };
        let day = find(preset.day);
        let mut period = None;
        match &preset.shape {
            Shape::Daily {
                measures,
                channel,
                period: period_columns,
                range: range_labels,
            } => {
                for (measure, spellings) in measures.iter() {
                    if let Some(column) = find_prefix(spellings)
                        && !table.measures.iter().any(|(c, _)| *c == column)
                    {
                        table.measures.push((column, measure));
                    }
                }
                table.channel = channel.as_ref().and_then(|channel| find(channel.headers));
                period = period_columns.and_then(|(start, end)| Some((find(start)?, find(end)?)));
                let known = usize::from(day.is_some())
                    + table.measures.len()
                    + usize::from(table.channel.is_some())
                    + usize::from(period.is_some());
                table.score = known;
                if table.measures.is_empty() {
                    return if known >= 2 {
                        let names: Vec<&str> =
                            measures.iter().map(|(_, spellings)| spellings[0]).collect();
                        Located::NearMiss(format!("no measure column ({})", names.join(", ")))
                    } else {
                        Located::Nothing
                    };
                }
                table.day = match (day, period, range_labels, range) {
                    (Some(column), _, _, _) => DaySource::Column(column),
                    (None, Some((start, end)), _, _) => DaySource::Period { start, end },
                    (None, None, Some(_), (Some(first), Some(last))) if first == last => {
                        DaySource::Range(first)
                    }
                    (None, None, Some(_), (Some(first), Some(last))) => {
                        return Located::NearMiss(format!(
                            "the export covers {first} to {last} and has {}",
                            no_day()
                        ));
                    }
                    _ if known >= 2 => return Located::NearMiss(no_day()),
                    _ => return Located::Nothing,
                };
            }
            Shape::Orders {
                id,
                total,
                status,
                cancelled_at,
                new_customer,
                source,
            } => {
                table.id = find(id);
                table.total = find(total);
                table.status = status.and_then(|(headers, _)| find(headers));
                table.cancelled_at = find(cancelled_at);
                table.new_customer = find(new_customer);
                table.source = source.and_then(|(headers, _)| find(headers));
                let mut missing = Vec::new();
                if day.is_none() {
                    missing.push(format!("day ({})", preset.day.join(", ")));
                }
                if table.id.is_none() {
                    missing.push(format!("order number ({})", id.join(", ")));
                }
                if table.total.is_none() {
                    missing.push(format!("order total ({})", total.join(", ")));
                }
                let known = [
                    day,
                    table.id,
                    table.total,
                    table.status,
                    table.cancelled_at,
                    table.new_customer,
                    table.source,
                ]
                .iter()
                .filter(|column| column.is_some())
                .count();
                table.score = known;
                match day {
                    Some(column) if missing.is_empty() => table.day = DaySource::Column(column),
                    _ if known >= 2 => {
                        return Located::NearMiss(format!("no {} column", missing.join(" nor ")));
                    }
                    _ => return Located::Nothing,
                }
            }
        }
        let used: Vec<usize> = [
            day,
            table.channel,
            table.id,
            table.total,
            table.status,
            table.cancelled_at,
            table.new_customer,
            table.source,
        ]
        .into_iter()
        .flatten()
        .chain(table.measures.iter().map(|(column, _)| *column))
        .chain(period.into_iter().flat_map(|(start, end)| [start, end]))
        .collect();
        table.ignored = table
            .headers
            .iter()
            .enumerate()
            .filter(|(index, header)| !used.contains(index) && !header.is_empty())
            .map(|(_, header)| header.clone())
            .collect();
        Located::Table(Box::new(table))
    }

    fn channel_of(&self, written: Option<&str>, column: Option<&ChannelColumn>) -> String {
        if let Some(channel) = self.channel {
            return channel.to_owned();
        }
        match (written, column) {
            (Some(text), Some(column)) if !text.trim().is_empty() => {
                let normal = normalize(text);
                match column.values.iter().find(|(name, _)| *name == normal) {
                    Some((_, id)) => (*id).to_owned(),
                    None => column.others.unwrap_or(text.trim()).to_owned(),
                }
            }
            _ => self.preset.channel.to_owned(),
        }
    }

    /// The day in that column, or the error said.
    fn day_in(&mut self, record: &Record, column: usize, table: &Table) -> Option<Date> {
        match read_day(field(record, column)) {
            Ok(day) => Some(day),
            Err(message) => {
                self.error(record.line, Some((column, &table.headers[column])), message);
                None
            }
        }
    }

    fn daily_row(
        &mut self,
        record: &Record,
        table: &Table,
        channel: Option<&ChannelColumn>,
        mark: DecimalMark,
        sums: &mut Sums,
    ) {
        if is_blank(&record.fields) {
            return;
        }
        // A total row has a label where its day would be: `Total: Account`.
        let first = match table.day {
            DaySource::Column(column) | DaySource::Period { start: column, .. } => column,
            DaySource::Range(day) => {
                if is_total(&record.fields) {
                    return;
                }
                return self.daily_values(record, table, day, channel, mark, sums);
            }
        };
        if read_day(field(record, first)).is_err() && is_total(&record.fields) {
            return;
        }
        let Some(day) = self.day_in(record, first, table) else {
            return;
        };
        if let DaySource::Period { end, .. } = table.day {
            // No breakdown by day: the row is a period, which must be one day.
            let Some(last) = self.day_in(record, end, table) else {
                return;
            };
            if last != day {
                self.error(
                    record.line,
                    Some((end, &table.headers[end])),
                    format!(
                        "the row covers {day} to {last}: export with the breakdown by day (Breakdown › By time › Day / Répartition › Par période › Jour)"
                    ),
                );
                return;
            }
        }
        self.daily_values(record, table, day, channel, mark, sums);
    }

    fn daily_values(
        &mut self,
        record: &Record,
        table: &Table,
        day: Date,
        channel: Option<&ChannelColumn>,
        mark: DecimalMark,
        sums: &mut Sums,
    ) {
        let channel = self.channel_of(table.channel.map(|column| field(record, column)), channel);
        let mut values = Vec::new();
        for &(column, measure) in &table.measures {
            let text = field(record, column);
            if is_empty_value(text) {
                continue;
            }
            match parse_number(text, mark) {
                Ok(value) => values.push((column, measure, value)),
                Err(error) => {
                    self.error(
                        record.line,
                        Some((column, &table.headers[column])),
                        error.to_string(),
                    );
                    return;
                }
            }
        }
        let measures = sums.entry((day, channel)).or_default();
        for (column, measure, value) in values {
            if !add(measures, measure, value, record.line) {
                self.error(
                    record.line,
                    Some((column, &table.headers[column])),
                    format!("the sum of {measure} on {day} is too large"),
                );
            }
        }
    }

    fn orders(
        &mut self,
        table: &Table,
        status: Option<(&'static [&'static str], &'static [&'static str])>,
        source: Option<(&'static [&'static str], &'static [&'static str])>,
        mark: DecimalMark,
        sums: &mut Sums,
    ) {
        let (Some(id_column), Some(total_column), DaySource::Column(day_column)) =
            (table.id, table.total, table.day)
        else {
            return;
        };
        // An order's first row with a total holds the order; the rows of its
        // other items leave it empty. Number → (line, total).
        let mut seen: HashMap<&str, (u64, Decimal)> = HashMap::new();
        for record in &table.rows {
            if is_blank(&record.fields) {
                continue;
            }
            let id = field(record, id_column);
            let total_text = field(record, total_column);
            if is_empty_value(total_text) {
                if id.is_empty() {
                    self.error(
                        record.line,
                        Some((id_column, &table.headers[id_column])),
                        "no order number and no total".to_owned(),
                    );
                }
                continue;
            }
            if id.is_empty() {
                self.error(
                    record.line,
                    Some((id_column, &table.headers[id_column])),
                    "an order without its number".to_owned(),
                );
                continue;
            }
            let total = match parse_number(total_text, mark) {
                Ok(total) => total,
                Err(error) => {
                    self.error(
                        record.line,
                        Some((total_column, &table.headers[total_column])),
                        error.to_string(),
                    );
                    continue;
                }
            };
            if let Some((first_line, first_total)) = seen.get(id) {
                if *first_total != total {
                    let message = format!(
                        "order {id} appears again with another total ({first_total} on line {first_line})"
                    );
                    self.error(
                        record.line,
                        Some((total_column, &table.headers[total_column])),
                        message,
                    );
                }
                continue;
            }
            seen.insert(id, (record.line, total));
            let Some(day) = self.day_in(record, day_column, table) else {
                continue;
            };
            let left_out = table
                .cancelled_at
                .is_some_and(|column| !is_empty_value(field(record, column)))
                || match (table.status, status) {
                    (Some(column), Some((_, excluded))) => {
                        let value = normalize(field(record, column));
                        excluded.iter().any(|excluded| value == *excluded)
                    }
                    _ => false,
                };
            if left_out {
                continue;
            }
            let in_store = match (table.source, source) {
                (Some(column), Some((_, store))) => {
                    let value = normalize(field(record, column));
                    store.iter().any(|name| value == *name)
                }
                _ => false,
            };
            let channel = match (self.channel, in_store) {
                (Some(channel), _) => channel.to_owned(),
                (None, true) => "store".to_owned(),
                (None, false) => self.preset.channel.to_owned(),
            };
            let measures = sums.entry((day, channel)).or_default();
            let mut added = add(measures, "transactions", Decimal::ONE, record.line)
                && add(measures, "revenue", total, record.line);
            if let Some(column) = table.new_customer {
                let new = matches!(
                    normalize(field(record, column)).as_str(),
                    "1" | "oui" | "yes" | "true" | "vrai"
                );
                let value = if new { Decimal::ONE } else { Decimal::ZERO };
                added = added && add(measures, "new_customers", value, record.line);
            }
            if !added {
                self.error(
                    record.line,
                    Some((total_column, &table.headers[total_column])),
                    format!("the sum of the orders of {day} is too large"),
                );
            }
        }
    }
}

/// Adds a value to a day's measure; false when the sum overflows.
fn add(
    measures: &mut BTreeMap<&'static str, (Decimal, u64)>,
    measure: &'static str,
    value: Decimal,
    line: u64,
) -> bool {
    let entry = measures.entry(measure).or_insert((Decimal::ZERO, line));
    match entry.0.checked_add(value) {
        Some(sum) => {
            entry.0 = sum;
            true
        }
        None => false,
    }
}

fn field(record: &Record, column: usize) -> &str {
    record.fields.get(column).map_or("", |text| text.trim())
}

fn is_blank(fields: &[String]) -> bool {
    fields.iter().all(|field| field.trim().is_empty())
}

/// Tools write `--` or `-` where there is no value.
fn is_empty_value(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "--")
}

/// GA4 writes `#` comment lines above and between its tables: one field
/// starting with `#` (Shopify's order numbers start with `#` too, in rows
/// of many fields).
fn is_comment(fields: &[String]) -> bool {
    fields
        .first()
        .is_some_and(|first| first.trim_start().starts_with('#'))
        && fields.iter().skip(1).all(|field| field.trim().is_empty())
}

/// Google Ads ends its reports with `Total: Account`, `Total: Search`…
/// rows; explorations and others with `Totals`, `Grand total`, `Total
/// général`. Only asked of a row whose day does not read, so that a
/// campaign named "Total look" is not taken for one.
fn is_total(fields: &[String]) -> bool {
    fields
        .iter()
        .find(|field| !field.trim().is_empty())
        .is_some_and(|first| {
            let normal = normalize(first);
            ["total", "totals", "totaux", "grand total"]
                .iter()
                .any(|label| normal == *label || normal.starts_with(&format!("{label} ")))
        })
}

/// A day as tools write it: what [`parse_day`] reads, plus GA4's `20260131`
/// and month names (`Jan 15, 2026 10:00 AM`, `15 janv. 2026`).
fn read_day(text: &str) -> Result<Date, String> {
    let trimmed = text.trim();
    if trimmed.len() == 8 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let number = |range: std::ops::Range<usize>| trimmed[range].parse::<i16>().ok();
        if let (Some(year), Some(month), Some(day)) = (number(0..4), number(4..6), number(6..8)) {
            return i8::try_from(month)
                .ok()
                .zip(i8::try_from(day).ok())
                .and_then(|(month, day)| Date::new(year, month, day).ok())
                .ok_or_else(|| format!("`{trimmed}` is not a date: no such day in the calendar"));
        }
    }
    match parse_day(trimmed) {
        Ok(day) => Ok(day),
        Err(error) => month_name_day(trimmed).ok_or_else(|| error.to_string()),
    }
}

/// `Jan 15, 2026`, `January 15, 2026 10:00 AM`, `15 janv. 2026`,
/// `15 janvier 2026 10:00`.
fn month_name_day(text: &str) -> Option<Date> {
    const MONTHS: [(&str, i8); 24] = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("janv", 1),
        ("fevr", 2),
        ("mars", 3),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juil", 7),
        ("aout", 8),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    let words: Vec<String> = normalize(text).split(' ').map(str::to_owned).collect();
    let month_of = |word: &str| {
        MONTHS
            .iter()
            .filter(|(prefix, _)| word.starts_with(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, month)| *month)
    };
    let number = |word: &String| word.parse::<i16>().ok();
    // English: month day year; French: day month year.
    let (month, day, year) = match words.as_slice() {
        [first, second, third, ..] if month_of(first).is_some() => {
            (month_of(first)?, number(second)?, number(third)?)
        }
        [first, second, third, ..] => (month_of(second)?, number(first)?, number(third)?),
        _ => return None,
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    Date::new(year, month, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_as_tools_write_them() {
        for (text, expected) in [
            ("20260131", "2026-01-31"),
            ("Jan 15, 2026 10:00 AM", "2026-01-15"),
            ("January 5, 2026", "2026-01-05"),
            ("15 janv. 2026", "2026-01-15"),
            ("3 février 2026 08:00", "2026-02-03"),
            ("1 août 2026", "2026-08-01"),
            ("2026-01-05 10:22:33 +0100", "2026-01-05"),
            ("05/01/2026 10:22", "2026-01-05"),
        ] {
            assert_eq!(
                read_day(text).map(|d| d.to_string()),
                Ok(expected.to_owned()),
                "{text}"
            );
        }
        assert!(read_day("20261331").is_err());
        assert!(read_day("Smarch 5, 2026").is_err());
    }

    #[test]
    fn names_are_unique_and_found() {
        for preset in all() {
            assert_eq!(find(preset.name).map(|p| p.name), Some(preset.name));
        }
        let mut names: Vec<&str> = all().iter().map(|p| p.name).collect();
        names.dedup();
        assert_eq!(names.len(), 8);
    }

    #[test]
    fn spellings_are_written_normalised() {
        // A spelling with an accent, a capital or punctuation would never
        // match a header.
        for preset in all() {
            let mut spellings: Vec<&str> = preset
                .columns()
                .iter()
                .flat_map(|column| column.headers.iter().copied())
                .collect();
            match &preset.shape {
                Shape::Daily { channel, range, .. } => {
                    if let Some(channel) = channel {
                        spellings.extend(channel.values.iter().map(|(value, _)| *value));
                    }
                    if let Some((start, end)) = range {
                        spellings.extend(start.iter().chain(end.iter()).copied());
                    }
                }
                Shape::Orders { status, source, .. } => {
                    for (_, values) in status.iter().chain(source.iter()) {
                        spellings.extend(values.iter().copied());
                    }
                }
            }
            for spelling in spellings {
                assert_eq!(normalize(spelling), spelling, "{}", preset.name);
            }
        }
    }

    #[test]
    fn channels_are_built_in() {
        let built_in = |id: &str| {
            kpilot_core::plan::BUILTIN_CHANNELS
                .iter()
                .any(|(builtin, _, _)| *builtin == id)
        };
        for preset in all() {
            assert!(built_in(preset.channel), "{}", preset.name);
            if let Shape::Daily {
                channel: Some(channel),
                ..
            } = &preset.shape
            {
                let ids = channel.values.iter().map(|(_, id)| *id);
                for id in ids.chain(channel.others) {
                    assert!(built_in(id), "{}: {id}", preset.name);
                }
            }
        }
        assert!(built_in("store"));
    }

    #[test]
    fn measures_exist_in_the_catalogue() {
        let known = |id: &str| kpilot_core::catalogue::find(id).is_some();
        for preset in all() {
            if let Shape::Daily { measures, .. } = &preset.shape {
                for (measure, _) in measures.iter() {
                    assert!(known(measure), "{}: {measure}", preset.name);
                }
            }
        }
        for measure in ["transactions", "revenue", "new_customers"] {
            assert!(known(measure));
        }
    }
}
