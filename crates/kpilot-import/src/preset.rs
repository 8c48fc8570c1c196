//! Tools' own exports, read as they come: GA4 traffic acquisition and
//! explorations, Google Ads campaigns (CSV and "Excel CSV"), Meta Ads,
//! Mailchimp and Brevo campaign reports, Shopify, WooCommerce and
//! PrestaShop orders.
//!
//! A preset finds its header row (tools write titles, date ranges and `#`
//! comments above it), reads the columns it knows, matched exactly against
//! its declared spellings (a spelling may capture what varies:
//! `amount spent {currency}`), sums the rows of one day and channel
//! (campaigns, ad sets, channel groups, hours of the same day), skips the
//! summary and total rows tools add (summing them would double every
//! figure), and leaves out the columns it does not use — rates and averages
//! above all, which kpilot recomputes from their components. Order exports
//! are kept as orders: each order once however many item rows it has,
//! with its status; cancelled, refunded, failed and unpaid orders are kept
//! but not counted, and the summary says how many and why.
//!
//! `docs/import-presets.md` lists what each preset reads.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use kpilot_core::order::Order;
use kpilot_text::Message;
use rust_decimal::Decimal;

use crate::day::{DateEvidence, DateOrder, read_day};
use crate::error::FileError;
use crate::header::Mapping;
use crate::header::{Column, is_ratio_header, match_spelling, normalize};
use crate::names::{Kind, Names};
use crate::number::{DecimalMark, is_no_value, parse_number};
use crate::record::{MAX_LISTED_ERRORS, is_total_label};
use crate::record::{OwnedObservation, Record, RowError};
use crate::report::{
    ColumnLeft, ColumnRead, DatesRead, Left, OrderTally, Role, SkippedRows, UnknownValue,
};

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
    /// What tells the tool's files apart besides their columns.
    pub marks: Marks,
    /// Columns only the tool's exports have (normalised), which `--format
    /// auto` takes as its signature: a file of `Date` and `Sessions` is
    /// kpilot's own, one with `Reporting starts` or `Ad set name` is Meta's.
    pub signature: &'static [&'static str],
    /// A column of names whose parts carry ` | ` (Mailchimp's A/B tests:
    /// `Newsletter | Combo 1`): the row named like the parts without it
    /// sums them, a summary row never summed again.
    pub parts: &'static [&'static str],
    pub shape: Shape,
}

/// What tells a tool's export apart besides its columns, for `--format
/// auto`.
#[derive(Debug)]
pub enum Marks {
    None,
    /// GA4's `#` comment block above its tables.
    Comments,
    /// Title lines above the header (normalised): Google Ads' report name.
    Titles(&'static [&'static str]),
}

/// How a preset's rows become observations. Column spellings are
/// normalised (see [`normalize`]), the first one being the one documented.
#[derive(Debug)]
pub enum Shape {
    /// One row per day (and campaign, ad set, channel group, hour…): the
    /// measure columns are summed per day and channel.
    Daily {
        /// (measure, spellings of its column).
        measures: &'static [(&'static str, &'static [&'static str])],
        /// A column naming each row's currency, which must be the plans'.
        currency: &'static [&'static str],
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetColumn {
    /// Its spellings, normalised; the first is the one documented.
    pub headers: &'static [&'static str],
    pub becomes: Role,
    /// Whether a file without it is refused. Of a daily export's measure
    /// columns, none is required alone: at least one must be there.
    pub required: bool,
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
        day: &[
            "date",
            "jour",
            "day",
            "date hour yyyymmddhh",
            "date hour",
            "date and hour",
            "date heure aaaammjjhh",
            "date heure",
            "date et heure",
        ],
        marks: Marks::Comments,
        signature: &[
            "first user default channel group",
            "session source medium",
            "session campaign",
            "engaged sessions",
            "engagement rate",
            "event count",
            "total users",
            "active users",
            "new users",
        ],
        parts: &[],
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
            currency: &[],
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
        marks: Marks::Titles(&[
            "campaign report",
            "campaigns report",
            "campaign performance report",
            "rapport sur les campagnes",
            "rapport de campagne",
            "rapport sur les performances des campagnes",
        ]),
        signature: &[
            "campaign",
            "campagne",
            "campaign status",
            "etat de la campagne",
            "campaign type",
            "type de campagne",
            "impr",
            "conv value",
            "valeur de conv",
            "currency code",
            "code de la devise",
            "budget",
            "avg cpc",
            "cpc moy",
            "interaction rate",
            "bid strategy type",
        ],
        parts: &[],
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
            currency: &[
                "currency code",
                "code de la devise",
                "code devise",
                "currency",
                "devise",
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
        marks: Marks::None,
        signature: &[
            "reporting starts",
            "reporting ends",
            "debut des rapports",
            "fin des rapports",
            "campaign name",
            "nom de la campagne",
            "ad set name",
            "nom de l ensemble de publicites",
            "ad name",
            "nom de la publicite",
            "results",
            "resultats",
            "result indicator",
            "indicateur de resultats",
            "attribution setting",
            "parametre d attribution",
            "amount spent {currency}",
            "montant depense {currency}",
        ],
        parts: &[],
        shape: Shape::Daily {
            measures: &[
                (
                    "cost",
                    &[
                        "amount spent",
                        "montant depense",
                        "amount spent {currency}",
                        "montant depense {currency}",
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
            currency: &[],
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
        marks: Marks::None,
        signature: &[
            "send date",
            "send weekday",
            "total recipients",
            "successful deliveries",
            "unique opens",
            "list",
            "audience",
            "soft bounces",
            "hard bounces",
            "abuse complaints",
            "times forwarded",
        ],
        parts: &["title", "titre", "campaign name", "nom de la campagne"],
        shape: Shape::Daily {
            measures: &EMAIL_MEASURES,
            currency: &[],
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
        marks: Marks::None,
        signature: &[
            "envoyee le",
            "date d envoi",
            "destinataires",
            "delivres",
            "ouvreurs uniques",
            "cliqueurs uniques",
            "desinscriptions",
            "hard bounces",
            "soft bounces",
            "nom de la campagne",
            "campaign name",
        ],
        parts: &[
            "nom de la campagne",
            "campaign name",
            "nom",
            "title",
            "titre",
        ],
        shape: Shape::Daily {
            measures: &EMAIL_MEASURES,
            currency: &[],
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
        marks: Marks::None,
        signature: &[
            "financial status",
            "statut financier",
            "fulfillment status",
            "paid at",
            "lineitem name",
            "lineitem quantity",
            "lineitem price",
            "billing name",
            "shipping method",
        ],
        parts: &[],
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
        marks: Marks::None,
        signature: &[
            "order number",
            "order id",
            "order status",
            "order total",
            "numero de commande",
            "etat de la commande",
            "total de la commande",
            "net sales",
            "ventes nettes",
            "order date",
        ],
        parts: &[],
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
        marks: Marks::None,
        signature: &[
            "id commande",
            "reference",
            "etat",
            "nouveau client",
            "new client",
            "total paye",
            "total paye ttc",
            "date d ajout",
        ],
        parts: &[],
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

/// What a file is to a preset, for `--format auto`.
#[derive(Debug, Clone, PartialEq)]
pub enum Recognition {
    /// A header row with what the preset needs: how many of its columns,
    /// whether the tool's marks are above it, and the sentence saying so.
    Full {
        score: usize,
        marked: bool,
        /// Whether the header has a column of the tool's signature.
        signed: bool,
        /// The headers it read, as written.
        columns: Vec<String>,
        evidence: Message,
    },
    /// A header row with some of the preset's columns, not all it needs.
    Near {
        score: usize,
        line: u64,
        lacks: Message,
    },
    None,
}

/// What a tool's export is read with (`reader::Options` but the format).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The header mapping, with the user's `--map` entries.
    pub mapping: &'a Mapping,
    /// `--channel`, `--segment`.
    pub channel: Option<&'a str>,
    pub segment: Option<&'a str>,
    /// `--date-order`, and the run's language's order.
    pub date_order: Option<DateOrder>,
    pub default_date_order: DateOrder,
    /// The plans' currencies (empty: not checked), channels and segments.
    pub currencies: &'a [String],
    pub channels: &'a [(String, String)],
    pub segments: &'a [(String, String)],
    /// The file's delimiter, for the decimal mark no value tells.
    pub delimiter: u8,
}

/// What a preset read from an export.
#[derive(Debug, Default)]
pub(crate) struct PresetRead {
    /// The file's figures per day and channel (for orders: the counted
    /// orders of this file, which the summary shows).
    pub(crate) observations: Vec<OwnedObservation>,
    /// A shop's orders, each once, left-out ones included.
    pub(crate) orders: Vec<Order>,
    pub(crate) tally: OrderTally,
    pub(crate) header_line: u64,
    pub(crate) columns: Vec<ColumnRead>,
    pub(crate) left_out: Vec<ColumnLeft>,
    pub(crate) dates: Option<DatesRead>,
    pub(crate) skipped_rows: SkippedRows,
    /// The decimal mark of the columns read, `None` when none has a value.
    pub(crate) decimal_mark: Option<DecimalMark>,
    pub(crate) decimal_mark_assumed: bool,
    pub(crate) unknown_values: Vec<UnknownValue>,
}

/// Why a preset read nothing.
#[derive(Debug)]
pub(crate) enum PresetError {
    /// The file as a whole: no header row, a `--map` entry refused…
    File(FileError),
    /// Bad rows: the first [`MAX_LISTED_ERRORS`], and how many in all.
    Rows(Vec<RowError>, u64),
}

impl Preset {
    /// Whether the export holds a shop's orders.
    pub fn is_orders(&self) -> bool {
        matches!(self.shape, Shape::Orders { .. })
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
                currency,
                channel,
                period,
                range,
            } => {
                columns.push(column(
                    self.day,
                    Role::Day,
                    period.is_none() && range.is_none(),
                ));
                if let Some((start, end)) = period {
                    columns.push(column(start, Role::PeriodStart, false));
                    columns.push(column(end, Role::PeriodEnd, false));
                }
                if let Some(channel) = channel {
                    columns.push(column(channel.headers, Role::Channel, false));
                }
                if !currency.is_empty() {
                    columns.push(column(currency, Role::Currency, false));
                }
                for (measure, headers) in measures.iter() {
                    columns.push(column(headers, Role::Measure((*measure).to_owned()), false));
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
                columns.push(column(self.day, Role::Day, true));
                columns.push(column(id, Role::OrderNumber, true));
                columns.push(column(total, Role::OrderTotal, true));
                if let Some((headers, _)) = status {
                    columns.push(column(headers, Role::OrderStatus, false));
                }
                if !cancelled_at.is_empty() {
                    columns.push(column(cancelled_at, Role::CancelledAt, false));
                }
                if !new_customer.is_empty() {
                    columns.push(column(new_customer, Role::NewCustomer, false));
                }
                if let Some((headers, _)) = source {
                    columns.push(column(headers, Role::Source, false));
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
                    Role::PeriodStart
                        | Role::PeriodEnd
                        | Role::OrderStatus
                        | Role::CancelledAt
                        | Role::NewCustomer
                        | Role::Source
                        | Role::Currency
                )
            })
            .map(|column| column.headers[0])
            .collect()
    }

    /// What the first records of a file (its preamble included) are to
    /// this preset.
    pub fn recognise(&self, records: &[Record]) -> Recognition {
        let mut range = Range::default();
        let mut near: Option<(usize, u64, Message)> = None;
        let mut comments = false;
        let mut titled = false;
        for record in records {
            if is_comment(&record.fields) {
                comments |= is_tool_comment(&record.fields[0]);
                self.range_comment(&record.fields[0], &mut range);
                continue;
            }
            if let Marks::Titles(titles) = self.marks
                && is_single(&record.fields)
                && titles.contains(&normalize(&record.fields[0]).as_str())
            {
                titled = true;
                continue;
            }
            match self.locate(record, range) {
                Located::Table(table) => {
                    let marked = match self.marks {
                        Marks::None => false,
                        Marks::Comments => comments,
                        Marks::Titles(_) => titled,
                    };
                    let columns: Vec<&str> = table
                        .used()
                        .iter()
                        .map(|index| table.headers[*index].as_str())
                        .collect();
                    let evidence = Message::new("import-detected-columns")
                        .with("columns", columns.join(", "))
                        .with("mark", if marked { self.mark_name() } else { "none" });
                    let signed = record.fields.iter().any(|field| {
                        let normal = normalize(field);
                        self.signature
                            .iter()
                            .any(|spelling| match_spelling(spelling, &normal).is_some())
                    });
                    return Recognition::Full {
                        score: table.score,
                        marked,
                        signed,
                        columns: columns.into_iter().map(str::to_owned).collect(),
                        evidence,
                    };
                }
                Located::NearMiss(score, lacks) => {
                    if near.as_ref().is_none_or(|(best, _, _)| score > *best) {
                        near = Some((score, record.line, lacks));
                    }
                }
                Located::Nothing => {}
            }
        }
        match near {
            Some((score, line, lacks)) => Recognition::Near { score, line, lacks },
            None => Recognition::None,
        }
    }

    /// Reads an export already split into records by any reader (every
    /// line with its number, preamble included), as `--format` would with
    /// `options` (channel, segment, mapping, order of dates): the figures
    /// per day and channel, or the errors (a file-level one at its line).
    pub fn read_split(
        &self,
        records: Vec<Record>,
        options: &Context<'_>,
    ) -> Result<Vec<OwnedObservation>, Vec<RowError>> {
        match self.read(records, options) {
            Ok(read) => Ok(read.observations),
            Err(PresetError::File(error)) => Err(vec![RowError::row(
                error.line().unwrap_or(1),
                error.message(),
            )]),
            Err(PresetError::Rows(errors, _)) => Err(errors),
        }
    }

    fn mark_name(&self) -> &'static str {
        match self.marks {
            Marks::None => "none",
            Marks::Comments => "comments",
            Marks::Titles(_) => "title",
        }
    }

    /// Reads the records of an export (every line of the file, preamble,
    /// comments and blank lines included, with their line numbers).
    pub(crate) fn read(
        &self,
        records: Vec<Record>,
        options: &Context<'_>,
    ) -> Result<PresetRead, PresetError> {
        let delimiter = options.delimiter;
        let mut table = self.table(records).map_err(PresetError::File)?;
        self.apply_map(&mut table, options)
            .map_err(PresetError::File)?;
        if !options.currencies.is_empty() {
            for (column, found) in &table.currencies {
                if !options.currencies.contains(found) {
                    return Err(PresetError::File(FileError::Currency {
                        line: table.header_line,
                        column: column + 1,
                        header: table.headers[*column].clone(),
                        found: found.clone(),
                        expected: options.currencies.to_vec(),
                    }));
                }
            }
        }
        let mut read = PresetRead {
            header_line: table.header_line,
            ..PresetRead::default()
        };
        // The decimal mark of the values read, and nothing else: not
        // titles, dates (`Jun 01, 2023`) or campaign names (`Soldes, J-1`).
        let values: Vec<&str> = table
            .rows
            .iter()
            .flat_map(|record| {
                table
                    .numeric()
                    .filter(|column| !record.is_numeric_cell(*column))
                    .map(|column| field(record, column))
            })
            .filter(|value| !is_no_value(value))
            .collect();
        let mark = match DecimalMark::told(values.iter().copied()) {
            Some(mark) => {
                read.decimal_mark = Some(mark);
                mark
            }
            None => {
                let mark = DecimalMark::assumed(delimiter);
                // Only a value with a `,` or a `.` (`1,234`) reads
                // otherwise with the other mark.
                if values.iter().any(|value| value.contains([',', '.'])) {
                    read.decimal_mark = Some(mark);
                    read.decimal_mark_assumed = true;
                }
                mark
            }
        };
        // Summary and total rows, then the order of the dates from every
        // data row's day.
        let rows = std::mem::take(&mut table.rows);
        let parents = self.parents(&table, &rows);
        let mut data = Vec::with_capacity(rows.len());
        for record in rows {
            if is_blank(&record.fields) || (!self.is_orders() && is_comment(&record.fields)) {
                continue;
            }
            let parent = parents.as_ref().is_some_and(|(column, names)| {
                names.iter().any(|name| name == field(&record, *column))
            });
            if parent || self.is_summary_row(&record, &table) {
                read.skipped_rows.push(record.line);
            } else {
                data.push(record);
            }
        }
        let day_column = table.day_column();
        if let Some(column) = day_column {
            let mut evidence = DateEvidence::default();
            for record in &data {
                evidence.add(record.line, field(record, column));
            }
            let header = table.headers[column].clone();
            let told = (!read.decimal_mark_assumed)
                .then_some(read.decimal_mark)
                .flatten();
            let default =
                crate::day::assumed_order(options.default_date_order, Some(delimiter), told);
            let hourly = evidence.hourly();
            let mut decision =
                evidence
                    .decide(options.date_order, default)
                    .map_err(|conflict| {
                        PresetError::File(FileError::DateOrders {
                            header: header.clone(),
                            conflict,
                        })
                    })?;
            // A tool's rows of a day are summed anyway: what the summary
            // notes is an hour as a dimension (GA4's `Date + hour`), not a
            // campaign's send time or an order's.
            decision.timed = hourly && !self.is_orders();
            read.dates = Some(DatesRead { header, decision });
        }
        let order = read
            .dates
            .as_ref()
            .map_or(options.default_date_order, |dates| dates.decision.order);
        let mut reading = Reading {
            preset: self,
            options,
            names: Names::channels(options.channels),
            order,
            mark,
            errors: Vec::new(),
            error_count: 0,
            unknown: BTreeMap::new(),
        };
        let mut sums = Sums::new();
        match &self.shape {
            Shape::Daily { channel, .. } => {
                for record in &data {
                    reading.daily_row(record, &table, channel.as_ref(), &mut sums);
                }
            }
            Shape::Orders { status, source, .. } => {
                reading.orders(&data, &table, *status, *source, &mut read, &mut sums);
            }
        }
        if reading.error_count > 0 {
            return Err(PresetError::Rows(reading.errors, reading.error_count));
        }
        read.unknown_values = reading
            .unknown
            .into_iter()
            .map(|(value, (rows, first_line))| UnknownValue {
                kind: Kind::Channel,
                closest: reading.names.closest(&value).cloned(),
                value,
                rows,
                first_line,
            })
            .collect();
        read.unknown_values.sort_by_key(|value| value.first_line);
        let segment = options.segment.map(|segment| {
            Names::segments(options.segments)
                .id_of(segment)
                .unwrap_or(segment)
                .to_owned()
        });
        read.observations = sums
            .into_iter()
            .flat_map(|((day, channel), measures)| {
                let segment = segment.clone();
                measures
                    .into_iter()
                    .map(move |(measure, (value, line))| OwnedObservation {
                        line,
                        day,
                        measure,
                        value: value.normalize(),
                        channel: Some(channel.clone()),
                        segment: segment.clone(),
                        action: None,
                    })
            })
            .collect();
        read.columns = table.columns_read();
        read.left_out = table.left_out();
        Ok(read)
    }

    /// `--map` on a tool's export: a column the preset does not read named
    /// as a measure (summed like the others), one of its measure columns
    /// read as another measure, or a column skipped. Every entry must name
    /// a column of the file; what a preset cannot take is refused.
    fn apply_map(&self, table: &mut Table, options: &Context<'_>) -> Result<(), FileError> {
        let mapping = options.mapping;
        if let Err(ratio) = mapping.check_user_entries() {
            return Err(FileError::MapRatio {
                header: ratio.header,
                measure: ratio.measure,
            });
        }
        for (entry, target) in mapping.user_entries() {
            let wanted = normalize(entry);
            let Some(column) = table
                .headers
                .iter()
                .position(|header| normalize(header) == wanted)
            else {
                return Err(FileError::MapUnused {
                    entry: entry.to_owned(),
                });
            };
            let refused = || FileError::MapRefused {
                entry: entry.to_owned(),
                format: self.name,
            };
            match (&self.shape, target) {
                (Shape::Daily { .. }, Column::Measure(id)) => {
                    if table.day_column() == Some(column) || table.channel == Some(column) {
                        return Err(refused());
                    }
                    table.measures.retain(|(known, _)| *known != column);
                    if table.measures.iter().any(|(_, measure)| measure == id) {
                        // The file's own column of that measure gives way.
                        table.measures.retain(|(_, measure)| measure != id);
                    }
                    table.measures.push((column, id.clone()));
                    table.skipped.retain(|known| *known != column);
                }
                (Shape::Daily { .. }, Column::Skip) => {
                    if table.day_column() == Some(column) {
                        return Err(refused());
                    }
                    table.measures.retain(|(known, _)| *known != column);
                    if table.channel == Some(column) {
                        table.channel = None;
                    }
                    if table.currency == Some(column) {
                        table.currency = None;
                    }
                    table.skipped.push(column);
                }
                (Shape::Daily { .. }, Column::Day) => match table.day {
                    DaySource::Column(_) => {
                        table.measures.retain(|(known, _)| *known != column);
                        table.day = DaySource::Column(column);
                    }
                    _ => return Err(refused()),
                },
                (Shape::Orders { .. }, Column::Skip) => {
                    let optional = [
                        &mut table.status,
                        &mut table.cancelled_at,
                        &mut table.new_customer,
                        &mut table.source,
                    ];
                    let mut found = false;
                    for slot in optional {
                        if *slot == Some(column) {
                            *slot = None;
                            found = true;
                        }
                    }
                    if !found && table.used().contains(&column) {
                        return Err(refused());
                    }
                    table.skipped.push(column);
                }
                _ => return Err(refused()),
            }
        }
        table.measures.sort_by_key(|(column, _)| *column);
        Ok(())
    }

    /// The names column of [`Preset::parts`] and the names that have parts
    /// (`Newsletter` when there is a `Newsletter | Combo 1`): their rows sum
    /// their parts' rows.
    fn parents(&self, table: &Table, rows: &[Record]) -> Option<(usize, Vec<String>)> {
        let column = table.headers.iter().position(|header| {
            let normal = normalize(header);
            self.parts.contains(&normal.as_str())
        })?;
        let mut names: Vec<String> = rows
            .iter()
            .filter_map(|record| field(record, column).split_once(" | "))
            .map(|(parent, _)| parent.trim().to_owned())
            .collect();
        names.sort();
        names.dedup();
        Some((column, names))
    }

    /// A row that is not data: a total label in any cell while the day does
    /// not read (`Total: Account`, GA4's `Grand total` in an extra last
    /// column), or its dimension cells empty while its figures are set
    /// (Meta's first row, the period's summary).
    fn is_summary_row(&self, record: &Record, table: &Table) -> bool {
        let day_reads = table
            .day_column()
            .is_some_and(|column| read_day(field(record, column), DateOrder::Dmy).is_ok());
        if day_reads {
            return false;
        }
        if record.fields.iter().any(|cell| is_total_label(cell)) {
            return true;
        }
        let figures_set = table
            .numeric()
            .any(|column| !is_no_value(field(record, column)));
        let dimensions_empty = match (&self.shape, table.day) {
            (Shape::Orders { .. }, _) => table
                .day_column()
                .into_iter()
                .chain(table.id)
                .all(|column| field(record, column).is_empty()),
            (_, DaySource::Range(_)) => table
                .channel
                .is_none_or(|column| field(record, column).is_empty()),
            _ => table
                .day_column()
                .is_none_or(|column| field(record, column).is_empty()),
        };
        figures_set && dimensions_empty
    }

    /// The table of the export: the preset's header row and the rows under
    /// it. In a daily export, `#` comment lines end a table and may give the
    /// export's date range: GA4 writes several tables (the report's, a
    /// chart's), each under its comments, which are views of the same
    /// figures; the one with the most of the preset's columns is read, the
    /// first of equals. In an order export, a row whose only field starts
    /// with `#` is an item row of an order.
    fn table(&self, records: Vec<Record>) -> Result<Table, FileError> {
        let daily = !self.is_orders();
        let mut best: Option<Table> = None;
        let mut current: Option<Table> = None;
        let keep = |best: &mut Option<Table>, table: Table| {
            if best.as_ref().is_none_or(|best| table.score > best.score) {
                *best = Some(table);
            }
        };
        let mut range = Range::default();
        let mut near_miss: Option<(u64, Message)> = None;
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
            match self.locate(&record, range) {
                Located::Table(table) => current = Some(*table),
                Located::NearMiss(_, reason) => {
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
        let expected = self.expected_columns().join(", ");
        Err(match near_miss {
            Some((line, reason)) => FileError::Preset {
                line,
                message: Message::new("import-preset-near-miss")
                    .with("line", line.to_string())
                    .with("reason", reason)
                    .with("title", self.title)
                    .with("expected", expected)
                    .with("export", self.export),
            },
            None => FileError::Preset {
                line: 1,
                message: Message::new("import-preset-no-header")
                    .with("title", self.title)
                    .with("expected", expected)
                    .with("export", self.export),
            },
        })
    }

    /// GA4's `# Start date: 20260105` and `# End date: 20260131`, and its
    /// explorations' `# 20230515-20230521`.
    fn range_comment(&self, comment: &str, range: &mut Range) {
        let Shape::Daily {
            range: Some((start, end)),
            ..
        } = &self.shape
        else {
            return;
        };
        let text = comment.trim_start_matches('#').trim();
        if let Some((first, last)) = text.split_once('-')
            && first.trim().len() == 8
            && last.trim().len() == 8
            && let (Ok(first), Ok(last)) = (
                read_day(first.trim(), DateOrder::Ymd),
                read_day(last.trim(), DateOrder::Ymd),
            )
        {
            *range = Range {
                first: Some(first),
                last: Some(last),
            };
            return;
        }
        let normal = normalize(comment);
        let value = |labels: &[&str]| {
            labels.iter().find_map(|label| {
                let rest = normal.strip_prefix(label)?.strip_prefix(' ')?;
                read_day(rest, DateOrder::Ymd).ok()
            })
        };
        if let Some(day) = value(start) {
            range.first = Some(day);
        }
        if let Some(day) = value(end) {
            range.last = Some(day);
        }
    }

    /// What this record is: the preset's header row, one that lacks some of
    /// the columns the preset needs, or anything else.
    fn locate(&self, record: &Record, range: Range) -> Located {
        let normal: Vec<String> = record.fields.iter().map(|field| normalize(field)).collect();
        let mut used: Vec<usize> = Vec::new();
        // The first spelling any column has, exactly; a column serves once.
        let mut find = |spellings: &[&str]| -> Option<(usize, Option<String>)> {
            spellings.iter().find_map(|spelling| {
                normal.iter().enumerate().find_map(|(index, header)| {
                    if used.contains(&index) {
                        return None;
                    }
                    let currency = match_spelling(spelling, header)?;
                    used.push(index);
                    Some((index, currency))
                })
            })
        };
        let mut table = Table {
            header_line: record.line,
            headers: record
                .fields
                .iter()
                .map(|field| field.trim().to_owned())
                .collect(),
            day: DaySource::Column(0),
            measures: Vec::new(),
            currencies: Vec::new(),
            currency: None,
            channel: None,
            id: None,
            total: None,
            status: None,
            cancelled_at: None,
            new_customer: None,
            source: None,
            skipped: Vec::new(),
            score: 0,
            rows: Vec::new(),
        };
        let day = find(self.day).map(|(column, _)| column);
        let no_day =
            || Message::new("import-preset-lacks-day").with("spellings", self.day.join(", "));
        match &self.shape {
            Shape::Daily {
                measures,
                currency,
                channel,
                period: period_columns,
                range: range_labels,
            } => {
                let period =
                    period_columns.and_then(|(start, end)| Some((find(start)?.0, find(end)?.0)));
                table.channel = channel
                    .as_ref()
                    .and_then(|channel| find(channel.headers))
                    .map(|(column, _)| column);
                table.currency = find(currency).map(|(column, _)| column);
                for (measure, spellings) in measures.iter() {
                    if let Some((column, currency)) = find(spellings) {
                        table.measures.push((column, (*measure).to_owned()));
                        if let Some(currency) = currency {
                            table.currencies.push((column, currency));
                        }
                    }
                }
                table.measures.sort_by_key(|(column, _)| *column);
                let known = usize::from(day.is_some())
                    + table.measures.len()
                    + usize::from(table.channel.is_some())
                    + usize::from(period.is_some());
                table.score = known;
                if table.measures.is_empty() {
                    return if known >= 2 {
                        let names: Vec<&str> =
                            measures.iter().map(|(_, spellings)| spellings[0]).collect();
                        Located::NearMiss(
                            known,
                            Message::new("import-preset-lacks-measure")
                                .with("spellings", names.join(", ")),
                        )
                    } else {
                        Located::Nothing
                    };
                }
                table.day = match (day, period, range_labels, range) {
                    (Some(column), _, _, _) => DaySource::Column(column),
                    (None, Some((start, end)), _, _) => DaySource::Period { start, end },
                    (
                        None,
                        None,
                        Some(_),
                        Range {
                            first: Some(first),
                            last: Some(last),
                        },
                    ) if first == last => DaySource::Range(first),
                    (
                        None,
                        None,
                        Some(_),
                        Range {
                            first: Some(first),
                            last: Some(last),
                        },
                    ) => {
                        return Located::NearMiss(
                            known,
                            Message::new("import-preset-lacks-day-range")
                                .with("first", first.to_string())
                                .with("last", last.to_string())
                                .with("spellings", self.day.join(", ")),
                        );
                    }
                    _ if known >= 2 => return Located::NearMiss(known, no_day()),
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
                table.id = find(id).map(|(column, _)| column);
                table.total = find(total).map(|(column, _)| column);
                table.status = status
                    .and_then(|(headers, _)| find(headers))
                    .map(|(column, _)| column);
                table.cancelled_at = find(cancelled_at).map(|(column, _)| column);
                table.new_customer = find(new_customer).map(|(column, _)| column);
                table.source = source
                    .and_then(|(headers, _)| find(headers))
                    .map(|(column, _)| column);
                let mut missing = Vec::new();
                if day.is_none() {
                    missing.push(no_day());
                }
                if table.id.is_none() {
                    missing.push(
                        Message::new("import-preset-lacks-order").with("spellings", id.join(", ")),
                    );
                }
                if table.total.is_none() {
                    missing.push(
                        Message::new("import-preset-lacks-total")
                            .with("spellings", total.join(", ")),
                    );
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
                match (day, missing.first()) {
                    (Some(column), None) => table.day = DaySource::Column(column),
                    (_, Some(first)) if known >= 2 => {
                        let lacks = missing.iter().skip(1).fold(first.clone(), |all, next| {
                            Message::new("import-preset-lacks-and")
                                .with("first", all)
                                .with("second", next.clone())
                        });
                        return Located::NearMiss(known, lacks);
                    }
                    _ => return Located::Nothing,
                }
            }
        }
        Located::Table(Box::new(table))
    }
}

/// How many records are looked at for a header row: tools write a few
/// title lines above it, not pages.
const HEADER_SEARCH: usize = 100;

/// One read of one export's rows.
struct Reading<'p> {
    preset: &'p Preset,
    options: &'p Context<'p>,
    /// The built-in channels and the plans', for values kept as written.
    names: Names,
    order: DateOrder,
    mark: DecimalMark,
    errors: Vec<RowError>,
    error_count: u64,
    /// Channel values that name nothing known → (rows, first line).
    unknown: BTreeMap<String, (u64, u64)>,
}

/// A header row of the preset's and the rows under it.
struct Table {
    header_line: u64,
    headers: Vec<String>,
    day: DaySource,
    /// (column, measure) for daily exports, in column order.
    measures: Vec<(usize, String)>,
    /// The currency a measure column's header names: (column, code).
    currencies: Vec<(usize, String)>,
    /// The column naming each row's currency.
    currency: Option<usize>,
    channel: Option<usize>,
    id: Option<usize>,
    total: Option<usize>,
    status: Option<usize>,
    cancelled_at: Option<usize>,
    new_customer: Option<usize>,
    source: Option<usize>,
    /// Columns skipped with `--map 'Header=-'`.
    skipped: Vec<usize>,
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

/// The first and last day of an export, from its comments.
#[derive(Debug, Clone, Copy, Default)]
struct Range {
    first: Option<Date>,
    last: Option<Date>,
}

/// What a record is to the preset.
enum Located {
    /// Its header row.
    Table(Box<Table>),
    /// A header row with this many of the preset's columns that lacks what
    /// the preset needs: what.
    NearMiss(usize, Message),
    /// Anything else.
    Nothing,
}

/// Sums per (day, channel), then measure: (value, first line).
type Sums = BTreeMap<(Date, String), BTreeMap<String, (Decimal, u64)>>;

impl Table {
    /// The columns holding numbers.
    fn numeric(&self) -> impl Iterator<Item = usize> + '_ {
        self.measures
            .iter()
            .map(|(column, _)| *column)
            .chain(self.total)
    }

    /// The column whose cells are the rows' days.
    fn day_column(&self) -> Option<usize> {
        match self.day {
            DaySource::Column(column) | DaySource::Period { start: column, .. } => Some(column),
            DaySource::Range(_) => None,
        }
    }

    /// Every column read, in file order.
    fn used(&self) -> Vec<usize> {
        let mut used: Vec<usize> = self.roles().into_iter().map(|(column, _)| column).collect();
        used.sort_unstable();
        used
    }

    fn roles(&self) -> Vec<(usize, Role)> {
        let mut roles: Vec<(usize, Role)> = Vec::new();
        match self.day {
            DaySource::Column(column) => roles.push((column, Role::Day)),
            DaySource::Period { start, end } => {
                roles.push((start, Role::PeriodStart));
                roles.push((end, Role::PeriodEnd));
            }
            DaySource::Range(_) => {}
        }
        let optional = [
            (self.channel, Role::Channel),
            (self.currency, Role::Currency),
            (self.id, Role::OrderNumber),
            (self.total, Role::OrderTotal),
            (self.status, Role::OrderStatus),
            (self.cancelled_at, Role::CancelledAt),
            (self.new_customer, Role::NewCustomer),
            (self.source, Role::Source),
        ];
        for (column, role) in optional {
            if let Some(column) = column {
                roles.push((column, role));
            }
        }
        for (column, measure) in &self.measures {
            roles.push((*column, Role::Measure(measure.clone())));
        }
        roles.sort_by_key(|(column, _)| *column);
        roles
    }

    fn columns_read(&self) -> Vec<ColumnRead> {
        self.roles()
            .into_iter()
            .map(|(column, role)| ColumnRead {
                column: column + 1,
                header: self.headers[column].clone(),
                role,
            })
            .collect()
    }

    fn left_out(&self) -> Vec<ColumnLeft> {
        let used = self.used();
        self.headers
            .iter()
            .enumerate()
            .filter(|(index, header)| !used.contains(index) && !header.is_empty())
            .map(|(index, header)| ColumnLeft {
                column: index + 1,
                header: header.clone(),
                why: if self.skipped.contains(&index) {
                    Left::Skipped
                } else if is_ratio_header(header) {
                    Left::Ratio
                } else {
                    Left::NotRead
                },
            })
            .collect()
    }
}

impl Reading<'_> {
    fn error(&mut self, line: u64, column: Option<(usize, &str)>, message: Message) {
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

    /// The channel of a row: `--channel`, else the preset's table of the
    /// column's values, else the value as written when it names a channel
    /// (built in or the plan's), else the value kept and reported.
    fn channel_of(
        &mut self,
        written: Option<&str>,
        column: Option<&ChannelColumn>,
        line: u64,
    ) -> String {
        if let Some(channel) = self.options.channel {
            return self
                .names
                .id_of(channel)
                .unwrap_or(channel.trim())
                .to_owned();
        }
        match (written, column) {
            (Some(text), Some(column)) if !text.trim().is_empty() => {
                let normal = normalize(text);
                match column.values.iter().find(|(name, _)| *name == normal) {
                    Some((_, id)) => (*id).to_owned(),
                    None => match column.others {
                        Some(id) => id.to_owned(),
                        None => self.kept(text.trim(), line),
                    },
                }
            }
            _ => self.preset.channel.to_owned(),
        }
    }

    /// A channel value the preset's table does not list: the channel it
    /// names, or itself, counted as unknown.
    fn kept(&mut self, text: &str, line: u64) -> String {
        if let Some(id) = self.names.id_of(text) {
            return id.to_owned();
        }
        let entry = self.unknown.entry(text.to_owned()).or_insert((0, line));
        entry.0 += 1;
        text.to_owned()
    }

    /// The day in that column, or the error said.
    fn day_in(&mut self, record: &Record, column: usize, table: &Table) -> Option<Date> {
        match read_day(field(record, column), self.order) {
            Ok(day) => Some(day),
            Err(error) => {
                self.error(
                    record.line,
                    Some((column, &table.headers[column])),
                    error.message(),
                );
                None
            }
        }
    }

    fn daily_row(
        &mut self,
        record: &Record,
        table: &Table,
        channel: Option<&ChannelColumn>,
        sums: &mut Sums,
    ) {
        let day = match table.day {
            DaySource::Range(day) => day,
            DaySource::Column(column) => match self.day_in(record, column, table) {
                Some(day) => day,
                None => return,
            },
            DaySource::Period { start, end } => {
                let (Some(day), Some(last)) = (
                    self.day_in(record, start, table),
                    self.day_in(record, end, table),
                ) else {
                    return;
                };
                if last != day {
                    // No breakdown by day: the row is a period, which must
                    // be one day.
                    self.error(
                        record.line,
                        Some((end, &table.headers[end])),
                        Message::new("import-row-period")
                            .with("first", day.to_string())
                            .with("last", last.to_string()),
                    );
                    return;
                }
                day
            }
        };
        if let (Some(column), false) = (table.currency, self.options.currencies.is_empty()) {
            let currency = field(record, column).to_ascii_uppercase();
            if !currency.is_empty() && !self.options.currencies.contains(&currency) {
                let expected = self.options.currencies.join(", ");
                self.error(
                    record.line,
                    Some((column, &table.headers[column])),
                    Message::new("import-row-currency")
                        .with("found", currency)
                        .with("expected", expected),
                );
                return;
            }
        }
        let written = table.channel.map(|column| field(record, column));
        let channel = self.channel_of(written, channel, record.line);
        let mut values = Vec::new();
        for (column, measure) in &table.measures {
            let text = field(record, *column);
            if is_no_value(text) {
                continue;
            }
            let mark = if record.is_numeric_cell(*column) {
                DecimalMark::Point
            } else {
                self.mark
            };
            match parse_number(text, mark) {
                Ok(value) => values.push((*column, measure, value)),
                Err(error) => {
                    self.error(
                        record.line,
                        Some((*column, &table.headers[*column])),
                        error.message(),
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
                    Message::new("import-row-sum-too-large"),
                );
            }
        }
    }

    fn orders(
        &mut self,
        rows: &[Record],
        table: &Table,
        status: Option<(&'static [&'static str], &'static [&'static str])>,
        source: Option<(&'static [&'static str], &'static [&'static str])>,
        read: &mut PresetRead,
        sums: &mut Sums,
    ) {
        let (Some(id_column), Some(total_column), DaySource::Column(day_column)) =
            (table.id, table.total, table.day)
        else {
            return;
        };
        let segment = self.options.segment.map(|segment| {
            Names::segments(self.options.segments)
                .id_of(segment)
                .unwrap_or(segment)
                .to_owned()
        });
        // An order's first row with a total holds the order; the rows of its
        // other items leave it empty. Number → (line, total).
        let mut seen: HashMap<&str, (u64, Decimal)> = HashMap::new();
        for record in rows {
            let id = field(record, id_column);
            let total_text = field(record, total_column);
            if is_no_value(total_text) {
                if id.is_empty() {
                    self.error(
                        record.line,
                        Some((id_column, &table.headers[id_column])),
                        Message::new("import-row-order-nothing"),
                    );
                }
                continue;
            }
            if id.is_empty() {
                self.error(
                    record.line,
                    Some((id_column, &table.headers[id_column])),
                    Message::new("import-row-order-no-number"),
                );
                continue;
            }
            let mark = if record.is_numeric_cell(total_column) {
                DecimalMark::Point
            } else {
                self.mark
            };
            let total = match parse_number(total_text, mark) {
                Ok(total) => total,
                Err(error) => {
                    self.error(
                        record.line,
                        Some((total_column, &table.headers[total_column])),
                        error.message(),
                    );
                    continue;
                }
            };
            if let Some((first_line, first_total)) = seen.get(id) {
                if *first_total != total {
                    let message = Message::new("import-row-order-two-totals")
                        .with("order", id)
                        .with("total", first_total.to_string())
                        .with("first", first_line.to_string());
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
            let status_text = table
                .status
                .map(|column| field(record, column))
                .filter(|text| !text.is_empty());
            let cancelled = table
                .cancelled_at
                .is_some_and(|column| !is_no_value(field(record, column)));
            let excluded_status = match (status_text, status) {
                (Some(text), Some((_, excluded))) => {
                    let value = normalize(text);
                    excluded.contains(&value.as_str()).then_some(value)
                }
                _ => None,
            };
            let counted = !cancelled && excluded_status.is_none();
            if counted {
                read.tally.counted += 1;
            } else {
                read.tally
                    .leave_out(excluded_status.as_deref().unwrap_or("cancelled"));
            }
            let in_store = match (table.source, source) {
                (Some(column), Some((_, store))) => {
                    let value = normalize(field(record, column));
                    store.contains(&value.as_str())
                }
                _ => false,
            };
            let channel = match (self.options.channel, in_store) {
                (Some(channel), _) => self
                    .names
                    .id_of(channel)
                    .unwrap_or(channel.trim())
                    .to_owned(),
                (None, true) => "store".to_owned(),
                (None, false) => self.preset.channel.to_owned(),
            };
            let new_customer = table.new_customer.map(|column| {
                matches!(
                    normalize(field(record, column)).as_str(),
                    "1" | "oui" | "yes" | "true" | "vrai"
                )
            });
            read.orders.push(Order {
                number: id.to_owned(),
                day,
                channel: channel.clone(),
                segment: segment.clone(),
                status: status_text.map(str::to_owned),
                counted,
                total,
                new_customer,
                line: record.line,
            });
            if !counted {
                continue;
            }
            let measures = sums.entry((day, channel)).or_default();
            let mut added = add(measures, "transactions", Decimal::ONE, record.line)
                && add(measures, "revenue", total, record.line);
            if let Some(new) = new_customer {
                let value = if new { Decimal::ONE } else { Decimal::ZERO };
                added = added && add(measures, "new_customers", value, record.line);
            }
            if !added {
                self.error(
                    record.line,
                    Some((total_column, &table.headers[total_column])),
                    Message::new("import-row-sum-too-large"),
                );
            }
        }
    }
}

/// Adds a value to a day's measure; false when the sum overflows.
fn add(
    measures: &mut BTreeMap<String, (Decimal, u64)>,
    measure: &str,
    value: Decimal,
    line: u64,
) -> bool {
    let entry = measures
        .entry(measure.to_owned())
        .or_insert((Decimal::ZERO, line));
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

/// A row of one field (the others empty): a title line.
fn is_single(fields: &[String]) -> bool {
    fields.first().is_some_and(|first| !first.trim().is_empty())
        && fields.iter().skip(1).all(|field| field.trim().is_empty())
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

/// A comment of GA4's block: its rules of dashes, its account, property
/// and date lines, its explorations' date range.
fn is_tool_comment(comment: &str) -> bool {
    let text = comment.trim_start_matches('#').trim();
    if text.starts_with("---") {
        return true;
    }
    let normal = normalize(text);
    [
        "account",
        "compte",
        "property",
        "propriete",
        "start date",
        "end date",
        "date de debut",
        "date de fin",
    ]
    .iter()
    .any(|label| normal.starts_with(label))
        || (text.len() == 17 && text.as_bytes()[8] == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

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
            if let Marks::Titles(titles) = preset.marks {
                spellings.extend(titles.iter().copied());
            }
            for spelling in spellings {
                let plain = spelling.replace(" {currency}", "");
                assert_eq!(normalize(&plain), plain, "{}", preset.name);
            }
        }
    }

    #[test]
    fn no_measure_spelling_is_a_ratio() {
        // A measure column is summed: a spelling that says ratio or average
        // would sum rates.
        for preset in all() {
            for column in preset.columns() {
                if let Role::Measure(_) = column.becomes {
                    for spelling in column.headers {
                        assert!(!is_ratio_header(spelling), "{}: {spelling}", preset.name);
                    }
                }
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
