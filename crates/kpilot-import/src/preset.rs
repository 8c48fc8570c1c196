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
//! refunded and failed orders are left out.
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
    /// The channel of the rows when the export does not say.
    pub channel: &'static str,
    /// The day column's spellings.
    pub day: &'static [&'static str],
    pub shape: Shape,
}

/// How a preset's rows become observations.
#[derive(Debug)]
pub enum Shape {
    /// One row per day (and campaign, ad set, channel group…): the measure
    /// columns are summed per day and channel.
    Daily {
        /// (measure, spellings of its column).
        measures: &'static [(&'static str, &'static [&'static str])],
        /// A column giving each row's channel, and how its values map to
        /// kpilot's channels (values not listed are kept as written).
        channel: Option<ChannelColumn>,
        /// Meta Ads without a breakdown by day: the period's start and end
        /// columns, which must be the same day.
        period: Option<(&'static [&'static str], &'static [&'static str])>,
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

static PRESETS: [Preset; 8] = [
    Preset {
        name: "ga4",
        title: "Google Analytics 4 — acquisition de trafic / traffic acquisition",
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
                    "default channel group",
                    "groupe de canaux par defaut",
                ],
                values: GA4_CHANNELS,
            }),
            period: None,
        },
    },
    Preset {
        name: "google-ads",
        title: "Google Ads — campagnes / campaigns",
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
            channel: None,
            period: None,
        },
    },
    Preset {
        name: "meta-ads",
        title: "Meta Ads (Facebook, Instagram)",
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
        },
    },
    Preset {
        name: "mailchimp",
        title: "Mailchimp — rapports de campagnes / campaign reports",
        channel: "email",
        day: &["send date", "date d envoi", "sent date"],
        shape: Shape::Daily {
            measures: &EMAIL_MEASURES,
            channel: None,
            period: None,
        },
    },
    Preset {
        name: "brevo",
        title: "Brevo — rapports de campagnes / campaign reports",
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
        },
    },
    Preset {
        name: "shopify",
        title: "Shopify — commandes / orders",
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
                    "rembourse",
                    "remboursee",
                    "annule",
                    "annulee",
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
                "numero de commande",
                "n de commande",
                "id de commande",
                "commande",
            ],
            total: &[
                "order total",
                "order total amount",
                "total de la commande",
                "montant total",
                "total",
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
                    "draft",
                    "checkout draft",
                    "annulee",
                    "remboursee",
                    "echouee",
                    "en attente",
                    "attente paiement",
                    "en attente de paiement",
                    "brouillon",
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
        channel: "website",
        day: &["date", "date de commande", "date d ajout", "date add"],
        shape: Shape::Orders {
            id: &["id", "id commande", "id order", "reference", "ref"],
            total: &[
                "total",
                "total paye",
                "total paid",
                "total payé ttc",
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
                    "en attente du paiement par cheque",
                    "en attente de virement bancaire",
                    "en attente de paiement a la livraison",
                    "canceled",
                    "cancelled",
                    "refunded",
                    "payment error",
                    "awaiting payment",
                    "awaiting check payment",
                    "awaiting bank wire payment",
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
            "envoyes",
            "nombre de destinataires",
            "emails sent",
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
        ],
    ),
    (
        "engagements",
        &[
            "unique opens",
            "ouvertures uniques",
            "ouvreurs uniques",
            "opened",
            "ouverts",
        ],
    ),
    (
        "clicks",
        &[
            "unique clicks",
            "clics uniques",
            "cliqueurs uniques",
            "clicked",
            "cliques",
        ],
    ),
    ("transactions", &["total orders", "commandes", "orders"]),
    (
        "revenue",
        &["total revenue", "chiffre d affaires", "revenue", "revenu"],
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
        let mut reading = Reading {
            preset: self,
            mark,
            channel,
            segment,
            errors: Vec::new(),
            error_count: 0,
        };
        let result = reading.read(records);
        if reading.error_count > 0 {
            return Err((reading.errors, reading.error_count));
        }
        result.map_err(|error| (vec![error], 1))
    }
}

impl Preset {
    /// The column spellings the preset looks for, for the documentation and
    /// for the error that says a header row was not found.
    pub fn expected_columns(&self) -> Vec<&'static str> {
        let mut columns = vec![self.day[0]];
        match &self.shape {
            Shape::Daily {
                measures, channel, ..
            } => {
                if let Some(channel) = channel {
                    columns.push(channel.headers[0]);
                }
                columns.extend(measures.iter().map(|(_, headers)| headers[0]));
            }
            Shape::Orders { id, total, .. } => {
                columns.push(id[0]);
                columns.push(total[0]);
            }
        }
        columns
    }
}

/// One read of one export.
struct Reading<'p> {
    preset: &'p Preset,
    mark: DecimalMark,
    channel: Option<&'p str>,
    segment: Option<&'p str>,
    errors: Vec<RowError>,
    error_count: u64,
}

/// Where the preset's columns are in the header row.
struct Columns {
    headers: Vec<String>,
    day: usize,
    /// (column, measure) for daily exports.
    measures: Vec<(usize, &'static str)>,
    channel: Option<usize>,
    period: Option<(usize, usize)>,
    id: Option<usize>,
    total: Option<usize>,
    status: Option<usize>,
    cancelled_at: Option<usize>,
    new_customer: Option<usize>,
    source: Option<usize>,
    ignored: Vec<String>,
}

/// Sums per (day, channel), then measure: (value, first line).
type Sums = BTreeMap<(Date, String), BTreeMap<&'static str, (Decimal, u64)>>;

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

    fn read(&mut self, records: &mut dyn Iterator<Item = Record>) -> Result<PresetRead, RowError> {
        let mut records = records.peekable();
        let columns = loop {
            let Some(record) = records.next() else {
                return Err(RowError {
                    line: 1,
                    column: None,
                    header: None,
                    message: format!(
                        "no header row of a {} export was found: expected columns such as {}",
                        self.preset.title,
                        self.preset.expected_columns().join(", ")
                    ),
                });
            };
            if let Some(columns) = self.header(&record.fields) {
                break columns;
            }
        };
        let rows: Vec<Record> = records
            .filter(|record| !is_comment(&record.fields))
            .collect();
        let mark = self.mark;
        let mut sums = Sums::new();
        match &self.preset.shape {
            Shape::Daily { channel, .. } => {
                for record in &rows {
                    self.daily_row(record, &columns, channel.as_ref(), mark, &mut sums);
                }
            }
            Shape::Orders { status, source, .. } => {
                self.orders(&rows, &columns, *status, *source, mark, &mut sums)
            }
        }
        let observations = sums
            .into_iter()
            .flat_map(|((day, channel), measures)| {
                let segment = self.segment.map(str::to_owned);
                measures
                    .into_iter()
                    .map(move |(measure, (value, line))| OwnedObservation {
                        line,
                        day,
                        measure: measure.to_owned(),
                        value: value.normalize(),
                        channel: Some(channel.clone()),
                        segment: segment.clone(),
                        action: None,
                    })
            })
            .collect();
        Ok(PresetRead {
            observations,
            ignored_columns: columns.ignored,
        })
    }

    /// The preset's columns in this row, if it is the header row: it has
    /// the day column and at least one other the preset reads.
    fn header(&self, fields: &[String]) -> Option<Columns> {
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
                    normal
                        .iter()
                        .position(|header| header.starts_with(&format!("{spelling} ")))
                })
            })
        };
        let preset = self.preset;
        let mut columns = Columns {
            headers: fields.iter().map(|field| field.trim().to_owned()).collect(),
            day: 0,
            measures: Vec::new(),
            channel: None,
            period: None,
            id: None,
            total: None,
            status: None,
            cancelled_at: None,
            new_customer: None,
            source: None,
            ignored: Vec::new(),
        };
        let day = find(preset.day);
        match &preset.shape {
            Shape::Daily {
                measures,
                channel,
                period,
            } => {
                for (measure, spellings) in measures.iter() {
                    if let Some(column) = find_prefix(spellings)
                        && !columns.measures.iter().any(|(c, _)| *c == column)
                    {
                        columns.measures.push((column, measure));
                    }
                }
                if columns.measures.is_empty() {
                    return None;
                }
                columns.channel = channel.as_ref().and_then(|channel| find(channel.headers));
                columns.period = period.and_then(|(start, end)| Some((find(start)?, find(end)?)));
                columns.day = match (day, columns.period) {
                    (Some(day), _) => day,
                    (None, Some((start, _))) => start,
                    (None, None) => return None,
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
                columns.day = day?;
                columns.id = Some(find(id)?);
                columns.total = Some(find(total)?);
                columns.status = status.and_then(|(headers, _)| find(headers));
                columns.cancelled_at = find(cancelled_at);
                columns.new_customer = find(new_customer);
                columns.source = source.and_then(|(headers, _)| find(headers));
            }
        }
        let used: Vec<usize> = [
            Some(columns.day),
            columns.channel,
            columns.id,
            columns.total,
        ]
        .into_iter()
        .chain([
            columns.status,
            columns.cancelled_at,
            columns.new_customer,
            columns.source,
        ])
        .flatten()
        .chain(columns.measures.iter().map(|(column, _)| *column))
        .chain(columns.period.into_iter().flat_map(|(a, b)| [a, b]))
        .collect();
        columns.ignored = columns
            .headers
            .iter()
            .enumerate()
            .filter(|(index, header)| !used.contains(index) && !header.is_empty())
            .map(|(_, header)| header.clone())
            .collect();
        Some(columns)
    }

    fn channel_of(&self, written: Option<&str>, column: Option<&ChannelColumn>) -> String {
        if let Some(channel) = self.channel {
            return channel.to_owned();
        }
        match (written, column) {
            (Some(text), Some(column)) => {
                let normal = normalize(text);
                column
                    .values
                    .iter()
                    .find(|(name, _)| *name == normal)
                    .map_or_else(|| text.trim().to_owned(), |(_, id)| (*id).to_owned())
            }
            _ => self.preset.channel.to_owned(),
        }
    }

    fn day(&mut self, record: &Record, column: usize, columns: &Columns) -> Option<Date> {
        let text = field(record, column);
        match read_day(text) {
            Ok(day) => Some(day),
            Err(message) => {
                self.error(
                    record.line,
                    Some((column, &columns.headers[column])),
                    message,
                );
                None
            }
        }
    }

    fn daily_row(
        &mut self,
        record: &Record,
        columns: &Columns,
        channel: Option<&ChannelColumn>,
        mark: DecimalMark,
        sums: &mut Sums,
    ) {
        if is_total(&record.fields) || record.fields.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        let Some(day) = self.day(record, columns.day, columns) else {
            return;
        };
        if let Some((start, end)) = columns.period
            && columns.day == start
        {
            // No breakdown by day: the row is a period, which must be one day.
            let Some(last) = self.day(record, end, columns) else {
                return;
            };
            if last != day {
                self.error(
                    record.line,
                    Some((end, &columns.headers[end])),
                    format!(
                        "the row covers {day} to {last}: export with the breakdown by day (Répartition › Par période › Jour)"
                    ),
                );
                return;
            }
        }
        let channel = self.channel_of(columns.channel.map(|column| field(record, column)), channel);
        let mut values = Vec::new();
        for (column, measure) in &columns.measures {
            let text = field(record, *column);
            if is_empty_value(text) {
                continue;
            }
            match parse_number(text, mark) {
                Ok(value) => values.push((*measure, value)),
                Err(error) => {
                    self.error(
                        record.line,
                        Some((*column, &columns.headers[*column])),
                        error.to_string(),
                    );
                    return;
                }
            }
        }
        let measures = sums.entry((day, channel)).or_default();
        for (measure, value) in values {
            add(measures, measure, value, record.line);
        }
    }

    fn orders(
        &mut self,
        rows: &[Record],
        columns: &Columns,
        status: Option<(&'static [&'static str], &'static [&'static str])>,
        source: Option<(&'static [&'static str], &'static [&'static str])>,
        mark: DecimalMark,
        sums: &mut Sums,
    ) {
        let (Some(id_column), Some(total_column)) = (columns.id, columns.total) else {
            return;
        };
        // An order's first row with a total holds the order; the rows of its
        // other items leave it empty.
        let mut seen: HashMap<String, (u64, Decimal)> = HashMap::new();
        for record in rows {
            if record.fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let id = field(record, id_column);
            let total_text = field(record, total_column);
            if is_empty_value(total_text) {
                if id.is_empty() {
                    self.error(
                        record.line,
                        Some((id_column, &columns.headers[id_column])),
                        "no order number and no total".to_owned(),
                    );
                }
                continue;
            }
            if id.is_empty() {
                self.error(
                    record.line,
                    Some((id_column, &columns.headers[id_column])),
                    "an order without its number".to_owned(),
                );
                continue;
            }
            let total = match parse_number(total_text, mark) {
                Ok(total) => total,
                Err(error) => {
                    self.error(
                        record.line,
                        Some((total_column, &columns.headers[total_column])),
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
                        Some((total_column, &columns.headers[total_column])),
                        message,
                    );
                }
                continue;
            }
            seen.insert(id.to_owned(), (record.line, total));
            let Some(day) = self.day(record, columns.day, columns) else {
                continue;
            };
            let left_out = columns
                .cancelled_at
                .is_some_and(|column| !is_empty_value(field(record, column)))
                || match (columns.status, status) {
                    (Some(column), Some((_, excluded))) => {
                        let value = normalize(field(record, column));
                        excluded.iter().any(|excluded| value == *excluded)
                    }
                    _ => false,
                };
            if left_out {
                continue;
            }
            let in_store = match (columns.source, source) {
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
            add(measures, "transactions", Decimal::ONE, record.line);
            add(measures, "revenue", total, record.line);
            if let Some(column) = columns.new_customer
                && matches!(
                    normalize(field(record, column)).as_str(),
                    "1" | "oui" | "yes" | "true" | "vrai"
                )
            {
                add(measures, "new_customers", Decimal::ONE, record.line);
            }
        }
    }
}

fn add(
    measures: &mut BTreeMap<&'static str, (Decimal, u64)>,
    measure: &'static str,
    value: Decimal,
    line: u64,
) {
    let entry = measures.entry(measure).or_insert((Decimal::ZERO, line));
    // Sums of an export's figures stay far below the 28 digits a decimal
    // holds; saturate rather than panic on an absurd file.
    entry.0 = entry.0.checked_add(value).unwrap_or(Decimal::MAX);
}

fn field(record: &Record, column: usize) -> &str {
    record.fields.get(column).map_or("", |text| text.trim())
}

/// Tools write `--` or `-` where there is no value.
fn is_empty_value(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "--" | " --")
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
/// rows; Meta and others with a `Total` or `Results` row.
fn is_total(fields: &[String]) -> bool {
    fields
        .iter()
        .find(|field| !field.trim().is_empty())
        .is_some_and(|first| {
            let normal = normalize(first);
            normal == "total"
                || normal.starts_with("total ")
                || normal == "totaux"
                || normal.starts_with("totaux ")
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
