//! What the demo workspace holds: the Cloud Kicks plan, eighteen months of
//! synthetic results for it ([`observations`]), a few spend entries typed
//! by hand ([`spend_entries`]) and lessons ([`LESSONS`]).
//!
//! Everything here is pure and deterministic: no clock, no IO, one seeded
//! generator (splitmix64), so every run on every machine gives the same
//! values. The numbers follow a shoe shop's year: more visits on Sundays and
//! Mondays than on Fridays and Saturdays, the winter and summer sales
//! (soldes), Black Friday and the Christmas peak, a newsletter every
//! Thursday and promotions whose clicks bring visits for a few days. The
//! plan's actions move them: the one-page checkout tested on half the
//! traffic from 2026-02-02 and deployed on 2026-04-01 lifts the conversion
//! rate; search engine work raises the click-through rate; the CRM cleaning
//! brings the share of invalid records down. At [`DEMO_DAY`], the last day
//! with data, `kpilot status` finds one objective off track (support tickets
//! per order do not fall: the fixes come in May) and `kpilot budget` one
//! action over its budget (the preference centre's development).

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday, date};
use kpilot_core::Observation;
use kpilot_core::calendar::{WorkDays, is_french_holiday};
use kpilot_core::plan::Plan;
use kpilot_core::schedule::{occurrences, planned_costs};
use rust_decimal::Decimal;

/// The example plan, compiled into the binary.
pub const CLOUD_KICKS: &str = include_str!("../../../examples/cloud-kicks.toml");

/// The first day with data: eighteen months before [`DEMO_DAY`], so that the
/// year before the plan is there to compare with and to forecast from.
pub const FIRST_DAY: Date = date(2024, 11, 1);

/// The demo's "today": the last day with data, four months into the plan.
/// Commands and the web app shown on the demo judge the plan at this day.
pub const DEMO_DAY: Date = date(2026, 4, 30);

/// The seed of every random draw.
const SEED: u64 = 0xC10D_4B1C_2026_0430;

/// Visits a day on the site, all channels, before seasons and growth.
const BASE_SESSIONS: f64 = 8_000.0;

/// Growth of the traffic per year.
const GROWTH: f64 = 0.07;

/// How much the one-page checkout lifts the conversion rate once everyone
/// sees it (half of it while it is tested on half the traffic).
const CHECKOUT_LIFT: f64 = 0.64;

/// The one-page checkout's A/B test starts (half the visitors see it) as
/// the plan's `test-ab-paiement` does; the split lasts until the checkout is
/// deployed to everyone, the first day of `deploiement-variante`.
const TEST_START: Date = date(2026, 2, 2);
const DEPLOYED: Date = date(2026, 4, 1);

/// The heat map that counts checkout abandonments is installed.
const HEATMAP_INSTALLED: Date = date(2026, 1, 5);

/// Search engine work on the product pages begins (`seo-continu`); its
/// effect on the click-through rate and organic visits grows for 115 days.
const SEO_START: Date = date(2026, 1, 5);

/// The first days of the sales (soldes): winter and summer.
const SALES: [Date; 3] = [date(2025, 1, 8), date(2025, 6, 25), date(2026, 1, 7)];

/// Black Fridays.
const BLACK_FRIDAYS: [Date; 2] = [date(2024, 11, 29), date(2025, 11, 28)];

/// Promotional emails (sales, Black Friday, Christmas, new collections),
/// sent to the whole list on top of the Thursday newsletter.
const PROMOTIONS: [Date; 21] = [
    date(2024, 11, 28),
    date(2024, 11, 29),
    date(2024, 12, 2),
    date(2024, 12, 5),
    date(2024, 12, 12),
    date(2024, 12, 18),
    date(2025, 1, 8),
    date(2025, 1, 15),
    date(2025, 3, 12),
    date(2025, 6, 25),
    date(2025, 7, 2),
    date(2025, 9, 3),
    date(2025, 11, 27),
    date(2025, 11, 28),
    date(2025, 12, 1),
    date(2025, 12, 4),
    date(2025, 12, 11),
    date(2025, 12, 17),
    date(2026, 1, 7),
    date(2026, 1, 14),
    date(2026, 3, 11),
];

/// The traffic channels, as GA4 groups them (direct and referral visits are
/// the `website` channel): share of the visits, conversion rate, average
/// basket relative to the shop's, seconds on the site.
const TRAFFIC: [Traffic; 4] = [
    Traffic {
        channel: "website",
        share: 0.30,
        conversion: 0.021,
        basket: 1.05,
        seconds: 205.0,
    },
    Traffic {
        channel: "search",
        share: 0.38,
        conversion: 0.0185,
        basket: 1.0,
        seconds: 160.0,
    },
    Traffic {
        channel: "social",
        share: 0.14,
        conversion: 0.0085,
        basket: 0.9,
        seconds: 75.0,
    },
    // Email traffic is mostly the clicks of the campaigns, added on top.
    Traffic {
        channel: "email",
        share: 0.04,
        conversion: 0.030,
        basket: 0.95,
        seconds: 170.0,
    },
];

/// The average basket, in euros.
const BASKET: f64 = 84.0;

/// Share of an email's clicks that become visits on the day it is sent and
/// the four days after.
const EMAIL_DECAY: [f64; 5] = [0.58, 0.22, 0.10, 0.06, 0.04];

/// A project of the plan whose owner reports its completion: the measure,
/// the channel of its tactic, and (day, completion) points in between which
/// it moves linearly, from the plan's start.
#[derive(Debug, Clone, Copy)]
struct Project {
    measure: &'static str,
    channel: &'static str,
    points: &'static [(Date, f64)],
}

const PROJECTS: [Project; 4] = [
    Project {
        measure: "audit_completion",
        channel: "website",
        points: &[
            (date(2026, 1, 12), 0.0),
            (date(2026, 2, 27), 0.45),
            (date(2026, 3, 13), 0.6),
            (date(2026, 4, 17), 0.8),
            // The audit report, presented to leadership.
            (date(2026, 4, 28), 1.0),
        ],
    },
    Project {
        measure: "data_architecture_completion",
        channel: "crm",
        points: &[
            (date(2026, 1, 5), 0.0),
            (date(2026, 2, 27), 0.4),
            (date(2026, 3, 31), 0.5),
            (date(2026, 4, 30), 0.58),
        ],
    },
    Project {
        measure: "preference_center_completion",
        channel: "website",
        points: &[
            (date(2026, 3, 2), 0.0),
            (date(2026, 3, 27), 0.25),
            (date(2026, 3, 31), 0.3),
            (date(2026, 4, 30), 0.52),
        ],
    },
    Project {
        measure: "mobile_study_completion",
        channel: "mobile",
        points: &[
            (date(2026, 2, 2), 0.0),
            (date(2026, 4, 10), 0.6),
            (date(2026, 4, 13), 0.6),
            (date(2026, 4, 30), 0.72),
        ],
    },
];

/// What each action spent by [`DEMO_DAY`], as a share of what was planned by
/// then (cost imported with the action's id; spend typed by hand comes on
/// top). The preference centre's development ran over.
const SPENT_SHARE: [(&str, f64); 14] = [
    ("heatmap-paiement", 0.84),
    ("test-ab-paiement", 0.96),
    ("deploiement-variante", 0.93),
    ("cartographie-parcours", 0.97),
    ("analyse-tickets", 0.95),
    ("rapport-audit", 0.9),
    ("seo-continu", 0.98),
    ("inventaire-donnees", 0.94),
    ("nettoyage-crm", 0.97),
    ("requalification-mensuelle", 0.9),
    ("specs-centre-preferences", 0.98),
    ("developpement-centre", 1.1),
    ("enquete-mobile", 0.88),
    ("strategie-mobile", 0.8),
];

/// A traffic channel's habits.
#[derive(Debug, Clone, Copy)]
struct Traffic {
    channel: &'static str,
    share: f64,
    conversion: f64,
    basket: f64,
    seconds: f64,
}

/// Spend typed by hand (`kpilot spend`) in the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spend {
    pub action: &'static str,
    pub day: Date,
    pub amount: Decimal,
    pub note: &'static str,
}

/// A lesson noted on an item of the plan (`kpilot note`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lesson {
    pub item: &'static str,
    pub text: &'static str,
}

/// One thing the team said of an action (`kpilot action`), recorded as
/// said by the action's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    pub action: &'static str,
    pub occurrence: Option<u32>,
    pub change: Step,
    pub on: Date,
}

/// What was said: the demo's words for [`kpilot_core::progress::Change`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Started,
    Done,
    /// How far along, and the new expected end.
    Progress(u8, Option<Date>),
}

const fn said(action: &'static str, change: Step, on: Date) -> Said {
    Said {
        action,
        occurrence: None,
        change,
        on,
    }
}

/// What the team recorded of its actions by [`DEMO_DAY`]: most kept their
/// dates (the checkout's heatmap, test and roll-out, the audit, the data
/// inventory, the CRM cleaning due today); the mobile survey ended a week
/// late; the preference centre's development runs over (half done, now
/// expected at the end of May instead of mid-May), which holds up the SMS
/// pilot and the preference reminders; the mobile strategy started a week
/// late.
pub const ACTION_UPDATES: [Said; 27] = {
    use Step::{Done, Progress, Started};
    [
        said("heatmap-paiement", Started, date(2026, 1, 5)),
        said("heatmap-paiement", Done, date(2026, 1, 29)),
        said("seo-continu", Started, date(2026, 1, 5)),
        said("inventaire-donnees", Started, date(2026, 1, 5)),
        said("cartographie-parcours", Started, date(2026, 1, 12)),
        said("analyse-tickets", Started, date(2026, 1, 19)),
        said("test-ab-paiement", Started, date(2026, 2, 2)),
        said("enquete-mobile", Started, date(2026, 2, 2)),
        said("cartographie-parcours", Done, date(2026, 2, 27)),
        said("inventaire-donnees", Done, date(2026, 2, 27)),
        said("nettoyage-crm", Started, date(2026, 3, 2)),
        said("specs-centre-preferences", Started, date(2026, 3, 2)),
        Said {
            occurrence: Some(1),
            ..said("requalification-mensuelle", Done, date(2026, 3, 2))
        },
        said("analyse-tickets", Done, date(2026, 3, 13)),
        said("rapport-audit", Started, date(2026, 3, 19)),
        said("test-ab-paiement", Done, date(2026, 3, 27)),
        said("specs-centre-preferences", Done, date(2026, 3, 27)),
        said("developpement-centre", Started, date(2026, 3, 30)),
        said("deploiement-variante", Started, date(2026, 4, 1)),
        Said {
            occurrence: Some(2),
            ..said("requalification-mensuelle", Done, date(2026, 4, 2))
        },
        said("enquete-mobile", Done, date(2026, 4, 17)),
        said("strategie-mobile", Started, date(2026, 4, 20)),
        said(
            "developpement-centre",
            Progress(50, Some(date(2026, 5, 29))),
            date(2026, 4, 24),
        ),
        said(
            "deploiement-variante",
            Progress(80, None),
            date(2026, 4, 24),
        ),
        said("nettoyage-crm", Progress(90, None), date(2026, 4, 27)),
        said("rapport-audit", Done, date(2026, 4, 28)),
        said("seo-continu", Progress(65, None), date(2026, 4, 28)),
    ]
};

/// A check-in of the demo: an objective, a Monday, a confidence (a word or
/// a score) and a comment, recorded as said by the objective's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkin {
    pub objective: &'static str,
    pub on: Date,
    pub confidence: &'static str,
    pub comment: &'static str,
}

const fn checkin(
    objective: &'static str,
    on: Date,
    confidence: &'static str,
    comment: &'static str,
) -> Checkin {
    Checkin {
        objective,
        on,
        confidence,
        comment,
    }
}

/// Five Mondays of check-ins (30 March to 27 April), in the owners' words;
/// the SMS opt-in and the support tickets were not checked in on 27 April,
/// so the demo's week asks for them.
pub const CHECKINS: [Checkin; 36] = {
    const W1: Date = date(2026, 3, 30);
    const W2: Date = date(2026, 4, 6);
    const W3: Date = date(2026, 4, 13);
    const W4: Date = date(2026, 4, 20);
    const W5: Date = date(2026, 4, 27);
    [
        checkin(
            "taux-conversion",
            W1,
            "on_track",
            "La variante du tunnel gagne le test A/B ; déploiement le 1er avril.",
        ),
        checkin(
            "taux-conversion",
            W2,
            "on_track",
            "Variante en ligne pour 20 % du trafic, pas d’incident.",
        ),
        checkin(
            "taux-conversion",
            W3,
            "on_track",
            "Le taux monte à 3,1 % sur 28 jours ; on passe à 60 % du trafic.",
        ),
        checkin(
            "taux-conversion",
            W4,
            "8",
            "Toute l’audience sur la variante ; surveiller le mobile.",
        ),
        checkin(
            "taux-conversion",
            W5,
            "8",
            "3,5 % sur 28 jours : au-dessus du rythme attendu.",
        ),
        checkin(
            "audit-parcours",
            W1,
            "on_track",
            "Cartographie finie, l’analyse des tickets aussi ; rédaction du rapport.",
        ),
        checkin("audit-parcours", W2, "on_track", "Rapport aux deux tiers."),
        checkin(
            "audit-parcours",
            W3,
            "on_track",
            "Relecture par le service client.",
        ),
        checkin(
            "audit-parcours",
            W4,
            "on_track",
            "Présentation à la direction fixée au 28 avril.",
        ),
        checkin(
            "audit-parcours",
            W5,
            "on_track",
            "Rapport présenté demain ; plan d’amélioration en mai.",
        ),
        checkin(
            "tickets-support",
            W1,
            "off_track",
            "Toujours 8 tickets pour 100 commandes : les retours de taille dominent.",
        ),
        checkin(
            "tickets-support",
            W2,
            "off_track",
            "Guide des tailles revu, effet pas encore visible.",
        ),
        checkin("tickets-support", W3, "at_risk", "Légère baisse, à 7,8."),
        checkin(
            "tickets-support",
            W4,
            "at_risk",
            "7,6 : le plan d’amélioration de mai doit faire le reste.",
        ),
        checkin(
            "architecture-donnees",
            W1,
            "on_track",
            "Inventaire fini fin février ; nettoyage en cours.",
        ),
        checkin(
            "architecture-donnees",
            W2,
            "on_track",
            "Nettoyage du CRM à 60 %.",
        ),
        checkin(
            "architecture-donnees",
            W3,
            "at_risk",
            "Doublons plus nombreux que prévu dans les comptes B2B.",
        ),
        checkin(
            "architecture-donnees",
            W4,
            "at_risk",
            "Nettoyage à 80 %, documentation en retard.",
        ),
        checkin(
            "architecture-donnees",
            W5,
            "at_risk",
            "Nettoyage fini jeudi ; la documentation suivra en mai.",
        ),
        checkin(
            "fiches-invalides",
            W1,
            "off_track",
            "9,4 % de fiches incorrectes : le nettoyage commence à peine à se voir.",
        ),
        checkin("fiches-invalides", W2, "at_risk", "8,7 %."),
        checkin(
            "fiches-invalides",
            W3,
            "at_risk",
            "8 % : la requalification d’avril a bien répondu.",
        ),
        checkin("fiches-invalides", W4, "on_track", "7,3 %."),
        checkin(
            "fiches-invalides",
            W5,
            "on_track",
            "6,9 % : dans le rythme pour 4 % à la fin de l’année.",
        ),
        checkin(
            "centre-preferences",
            W1,
            "at_risk",
            "Spécifications validées ; le développement démarre.",
        ),
        checkin(
            "centre-preferences",
            W2,
            "at_risk",
            "L’intégration au CRM prend plus de temps que prévu.",
        ),
        checkin(
            "centre-preferences",
            W3,
            "off_track",
            "Développement à 35 %, budget dépassé de 10 %.",
        ),
        checkin(
            "centre-preferences",
            W4,
            "off_track",
            "Fin attendue le 29 mai au lieu du 15 : le pilote SMS glisse.",
        ),
        checkin(
            "centre-preferences",
            W5,
            "3",
            "Recette prévue la semaine du 25 mai.",
        ),
        checkin(
            "optin-sms",
            W1,
            "off_track",
            "4,5 % : sans centre de préférences, peu d’accords SMS.",
        ),
        checkin(
            "optin-sms",
            W2,
            "at_risk",
            "La case SMS au paiement aide : 5 %.",
        ),
        checkin("optin-sms", W3, "at_risk", "5,4 %."),
        checkin(
            "etude-mobile",
            W1,
            "at_risk",
            "Enquête à 50 % des réponses attendues.",
        ),
        checkin(
            "etude-mobile",
            W3,
            "at_risk",
            "Enquête close avec une semaine de retard ; synthèse en cours.",
        ),
        checkin(
            "etude-mobile",
            W4,
            "on_track",
            "Stratégie mobile lancée lundi.",
        ),
        checkin(
            "etude-mobile",
            W5,
            "on_track",
            "Premiers scénarios d’application partagés avec la direction.",
        ),
    ]
};

/// The spend typed by hand: invoices that no export carries.
pub fn spend_entries() -> Vec<Spend> {
    vec![
        Spend {
            action: "heatmap-paiement",
            day: date(2026, 1, 9),
            amount: Decimal::new(29_000, 2),
            note: "Licence annuelle de l’outil de carte de chaleur",
        },
        Spend {
            action: "enquete-mobile",
            day: date(2026, 3, 20),
            amount: Decimal::new(60_000, 2),
            note: "Bons d’achat des clients interrogés en entretien",
        },
        Spend {
            action: "developpement-centre",
            day: date(2026, 4, 24),
            amount: Decimal::new(390_000, 2),
            note: "Facture de l’agence : sprint supplémentaire (synchronisation des consentements avec l’outil SMS)",
        },
    ]
}

/// The A/B test of the one-page checkout (`ab-paiement`), every day from
/// its start to its end: about 900 visitors a day reach each variant, the
/// three-step tunnel (A) converts 2.1 % of them, the one-page checkout (B)
/// about 2.6 %, so the sequential test finds B the winner well before the
/// planned end, as the lesson on `taux-conversion` says.
pub fn experiment_results() -> Vec<kpilot_store::ExperimentRow> {
    let mut random = SplitMix64(0xAB_7E57);
    let mut rows = Vec::new();
    let mut day = date(2026, 2, 9);
    while day <= date(2026, 3, 27) {
        for (variant, rate) in [("A", 0.021), ("B", 0.026)] {
            let visitors = random.poisson(900.0 * weekday_traffic(day));
            let conversions = random.poisson(visitors as f64 * rate).min(visitors);
            rows.push(kpilot_store::ExperimentRow {
                day,
                variant: variant.to_owned(),
                visitors,
                conversions,
                revenue: None,
                revenue_squares: None,
            });
        }
        day = day.tomorrow().expect("a day in 2026");
    }
    rows
}

/// The lessons the team noted.
pub const LESSONS: [Lesson; 2] = [
    Lesson {
        item: "taux-conversion",
        text: "Le paiement sur une page, déployé le 1er avril, convertit nettement mieux que le tunnel en trois étapes : le test A/B de février et mars l’annonçait, le déploiement le confirme.",
    },
    Lesson {
        item: "developpement-centre",
        text: "Le centre de préférences a demandé un sprint de plus que prévu pour synchroniser les consentements avec l’outil SMS : prévoir une marge pour chaque intégration.",
    },
];

/// The demo's results for `plan` (the Cloud Kicks plan), every day from
/// [`FIRST_DAY`] to [`DEMO_DAY`], as an import would give them (numbered
/// like the lines of a file). Action ids and channels borrow from the plan.
pub fn observations(plan: &Plan) -> Vec<Observation<'_>> {
    let mut demo = Demo {
        random: SplitMix64(SEED),
        out: Vec::new(),
    };
    let campaigns = campaigns(plan);
    let mut day = FIRST_DAY;
    while day <= DEMO_DAY {
        demo.day(day, &campaigns);
        day = day
            .tomorrow()
            .expect("the demo's days are far from the end of time");
    }
    demo.costs(plan);
    for (index, observation) in demo.out.iter_mut().enumerate() {
        observation.line = index as u64 + 1;
    }
    demo.out
}

/// The observations being made, and the random draws.
struct Demo<'a> {
    random: SplitMix64,
    out: Vec<Observation<'a>>,
}

/// What the traffic channels did on a day, all together.
#[derive(Debug, Default)]
struct Totals {
    sessions: f64,
    transactions: f64,
}

impl<'a> Demo<'a> {
    fn push(
        &mut self,
        day: Date,
        measure: &'a str,
        value: Decimal,
        channel: Option<&'a str>,
        action: Option<&'a str>,
    ) {
        self.out.push(Observation {
            line: 0,
            day,
            measure,
            value,
            channel,
            segment: None,
            action,
        });
    }

    /// One day of every series but the cost.
    fn day(&mut self, day: Date, campaigns: &BTreeMap<Date, Campaign>) {
        let totals = self.traffic(day, campaigns);
        self.emails(day, campaigns);
        self.support(day, &totals);
        self.contacts(day, &totals, campaigns);
        self.crm(day);
        if day >= HEATMAP_INSTALLED {
            // Visitors who start the checkout and leave before paying.
            let checkouts = totals.sessions * 0.078 * self.noise(0.03);
            let abandonments = (checkouts - totals.transactions).max(0.0);
            self.push(
                day,
                "checkout_abandonments",
                count(abandonments),
                Some("website"),
                None,
            );
        }
        for project in PROJECTS {
            if let Some(done) = completion(project.points, day) {
                let channel = Some(project.channel);
                self.push(day, project.measure, fraction(done, 2), channel, None);
            }
        }
    }

    /// Visits, orders, revenue, key events and time on site per channel;
    /// search impressions and clicks.
    fn traffic(&mut self, day: Date, campaigns: &BTreeMap<Date, Campaign>) -> Totals {
        let season = season(day);
        let years = (day - FIRST_DAY).get_days() as f64 / 365.0;
        let base = BASE_SESSIONS * (1.0 + GROWTH * years) * season.traffic * weekday_traffic(day);
        let conversion = season.conversion * checkout_lift(day) * weekday_conversion(day);
        let seo = ramp(day, SEO_START, 115);
        let mut totals = Totals::default();
        for traffic in TRAFFIC {
            let mut sessions = base * traffic.share * self.noise(0.06);
            match traffic.channel {
                "email" => sessions += email_visits(day, campaigns) * self.noise(0.05),
                "search" => sessions *= 1.0 + 0.10 * seo,
                _ => {}
            }
            let sessions = sessions.round();
            let expected = sessions * traffic.conversion * conversion * self.noise(0.03);
            let transactions = self.random.poisson(expected) as f64;
            let basket = BASKET * traffic.basket * season.basket;
            let revenue = (transactions
                * basket
                * (1.0 + 0.35 * self.random.normal() / transactions.max(1.0).sqrt()))
            .max(0.0);
            // GA4's key events: the purchases, and newsletter sign-ups.
            let conversions = transactions + self.random.poisson(sessions * 0.004) as f64;
            let seconds = traffic.seconds * self.noise(0.05);
            let channel = Some(traffic.channel);
            self.push(day, "sessions", count(sessions), channel, None);
            self.push(day, "transactions", count(transactions), channel, None);
            self.push(day, "revenue", money(revenue), channel, None);
            self.push(day, "conversions", count(conversions), channel, None);
            self.push(day, "time_on_site", count(seconds), channel, None);
            if traffic.channel == "search" {
                // Search Console: a click is about a visit; better titles and
                // descriptions raise the click-through rate.
                let clicks = (sessions * 1.06 * self.noise(0.02)).round();
                let ctr = 0.031 + 0.006 * seo;
                let impressions = clicks / ctr * self.noise(0.03);
                self.push(day, "clicks", count(clicks), channel, None);
                self.push(day, "impressions", count(impressions), channel, None);
            }
            totals.sessions += sessions;
            totals.transactions += transactions;
        }
        totals
    }

    /// The campaigns sent that day, as the emailing tool reports them.
    fn emails(&mut self, day: Date, campaigns: &BTreeMap<Date, Campaign>) {
        let Some(campaign) = campaigns.get(&day) else {
            return;
        };
        let channel = Some("email");
        self.push(day, "reach", count(campaign.recipients), channel, None);
        self.push(day, "impressions", count(campaign.delivered), channel, None);
        self.push(day, "engagements", count(campaign.opens), channel, None);
        self.push(day, "clicks", count(campaign.clicks), channel, None);
    }

    /// Support tickets: a share of the orders, higher after Christmas and
    /// during the sales (returns, delivery delays); most are written on
    /// Mondays. The new checkout raised a few questions of its own.
    fn support(&mut self, day: Date, totals: &Totals) {
        let mut rate = 0.080;
        if day.month() == 1 || (day.month() == 12 && day.day() >= 26) {
            rate *= 1.12;
        } else if day.month() == 7 {
            rate *= 1.06;
        }
        if day >= DEPLOYED {
            rate *= 1.04;
        }
        let weekday = match day.weekday() {
            Weekday::Monday => 1.3,
            Weekday::Tuesday => 1.1,
            Weekday::Wednesday | Weekday::Thursday => 1.0,
            Weekday::Friday => 0.95,
            Weekday::Saturday => 0.8,
            Weekday::Sunday => 0.85,
        };
        let tickets = self.random.poisson(totals.transactions * rate * weekday);
        self.push(day, "support_tickets", count(tickets as f64), None, None);
    }

    /// Contacts collected by the site's forms (account, checkout), and
    /// those who answer the requalification emails; how many of them opt in
    /// to texts and emails, and how many are new to the base. The one-page
    /// checkout offers order tracking by text message.
    fn contacts(&mut self, day: Date, totals: &Totals, campaigns: &BTreeMap<Date, Campaign>) {
        let contacts = self.random.poisson(totals.sessions * 0.0115) as f64;
        let sms_share = if day >= DEPLOYED {
            0.059
        } else if day >= TEST_START {
            0.045
        } else {
            0.03
        };
        self.collected(day, "website", contacts, sms_share, 0.52, 0.88);
        let answers = requalification_answers(day, campaigns);
        if answers > 0.0 {
            let contacts = (answers * self.noise(0.05)).round();
            self.collected(day, "email", contacts, 0.07, 0.85, 0.32);
        }
    }

    fn collected(
        &mut self,
        day: Date,
        channel: &'static str,
        contacts: f64,
        sms: f64,
        email: f64,
        new: f64,
    ) {
        let share = |demo: &mut Demo<'_>, share: f64, spread: f64| {
            (contacts * share * demo.noise(spread))
                .round()
                .min(contacts)
        };
        let sms = share(self, sms, 0.15);
        let email = share(self, email, 0.05);
        let new = share(self, new, 0.03);
        let channel = Some(channel);
        self.push(day, "contacts", count(contacts), channel, None);
        self.push(day, "sms_optins", count(sms), channel, None);
        self.push(day, "email_optins", count(email), channel, None);
        self.push(day, "new_contacts", count(new), channel, None);
    }

    /// The CRM's nightly quality report: duplicates and invalid records
    /// pile up, until the inventory and then the cleaning bring them down.
    fn crm(&mut self, day: Date) {
        let share = linear(
            &[
                (FIRST_DAY, 0.110),
                (date(2025, 12, 31), 0.120),
                (date(2026, 3, 1), 0.117),
                (DEMO_DAY, 0.066),
            ],
            day,
        ) + 0.0008 * self.random.normal();
        self.push(
            day,
            "invalid_records_share",
            fraction(share, 4),
            Some("crm"),
            None,
        );
    }

    /// Each action's cost, day by day where the plan spreads its budget up
    /// to [`DEMO_DAY`], at its [`SPENT_SHARE`] of what was planned, in the
    /// channel of its tactic.
    fn costs(&mut self, plan: &'a Plan) {
        let work = WorkDays::new(&plan.calendar);
        for action in &plan.actions {
            let planned: Vec<_> = planned_costs(action, plan, &work)
                .into_iter()
                .filter(|cost| cost.day <= DEMO_DAY)
                .collect();
            let planned_total: f64 = planned.iter().map(|cost| cost.amount).sum();
            if planned_total <= 0.0 {
                continue;
            }
            let share = SPENT_SHARE
                .iter()
                .find(|(id, _)| *id == action.id.as_str())
                .map_or(0.95, |(_, share)| *share);
            let drawn: Vec<f64> = planned
                .iter()
                .map(|cost| cost.amount * (0.75 + 0.5 * self.random.uniform()))
                .collect();
            let scale = share * planned_total / drawn.iter().sum::<f64>();
            let channel = plan
                .channel_of_action(action.id.as_str())
                .map(|c| c.as_str());
            for (cost, amount) in planned.iter().zip(drawn) {
                self.push(
                    cost.day,
                    "cost",
                    money(amount * scale),
                    channel,
                    Some(action.id.as_str()),
                );
            }
        }
    }

    /// A factor around 1 with the given spread.
    fn noise(&mut self, spread: f64) -> f64 {
        (1.0 + spread * self.random.normal()).max(0.05)
    }
}

/// An email sent to a list on a day (two sent the same day add up).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Campaign {
    recipients: f64,
    delivered: f64,
    opens: f64,
    clicks: f64,
    /// The part of the clicks that came from the requalification email.
    requalification_clicks: f64,
}

/// Every email sent from [`FIRST_DAY`] to [`DEMO_DAY`]: the Thursday
/// newsletter (unless a promotion goes out that day or the day before), the
/// promotions, and the plan's requalification emails to inactive contacts.
/// Their figures are drawn with their own generator, so that adding a
/// campaign does not change the rest of the data.
fn campaigns(plan: &Plan) -> BTreeMap<Date, Campaign> {
    let mut random = SplitMix64(SEED ^ 0x00E4_A115);
    let mut sent: BTreeMap<Date, Campaign> = BTreeMap::new();
    let mut send = |day: Date, list: f64, opens: f64, clicks: f64, requalification: bool| {
        let delivered = list * (0.975 + 0.005 * random.normal());
        let opens = delivered * opens * (1.0 + 0.05 * random.normal());
        let clicks = delivered * clicks * (1.0 + 0.08 * random.normal());
        let campaign = sent.entry(day).or_default();
        campaign.recipients += list.round();
        campaign.delivered += delivered.round();
        campaign.opens += opens.round();
        campaign.clicks += clicks.round();
        if requalification {
            campaign.requalification_clicks += clicks.round();
        }
    };
    // The list grows by a few sign-ups a day.
    let list = |day: Date| 38_000.0 + 14.0 * (day - FIRST_DAY).get_days() as f64;
    let mut day = FIRST_DAY;
    while day <= DEMO_DAY {
        let promoted = PROMOTIONS.contains(&day);
        let promoted_yesterday = day.yesterday().is_ok_and(|y| PROMOTIONS.contains(&y));
        if promoted {
            send(day, list(day), 0.33, 0.036, false);
        } else if day.weekday() == Weekday::Thursday && !promoted_yesterday {
            send(day, list(day), 0.27, 0.021, false);
        }
        day = day
            .tomorrow()
            .expect("the demo's days are far from the end of time");
    }
    let work = WorkDays::new(&plan.calendar);
    for action in plan
        .actions
        .iter()
        .filter(|action| action.id.as_str() == "requalification-mensuelle")
    {
        for occurrence in occurrences(action, plan, &work) {
            if occurrence.start <= DEMO_DAY {
                send(occurrence.start, 9_500.0, 0.15, 0.03, true);
            }
        }
    }
    sent
}

/// Visits from the emails' clicks on `day`: each campaign's over the day it
/// is sent and the four after.
fn email_visits(day: Date, campaigns: &BTreeMap<Date, Campaign>) -> f64 {
    after_sends(day, campaigns, |campaign| campaign.clicks * 1.3)
}

/// Contacts who answer a requalification email on `day` (update their
/// profile after clicking).
fn requalification_answers(day: Date, campaigns: &BTreeMap<Date, Campaign>) -> f64 {
    after_sends(day, campaigns, |campaign| {
        campaign.requalification_clicks * 0.6
    })
}

fn after_sends(
    day: Date,
    campaigns: &BTreeMap<Date, Campaign>,
    amount: impl Fn(&Campaign) -> f64,
) -> f64 {
    let first = day.checked_sub(jiff::Span::new().days(4)).unwrap_or(day);
    campaigns
        .range(first..=day)
        .map(|(sent, campaign)| {
            let after = (day - *sent).get_days() as usize;
            amount(campaign) * EMAIL_DECAY[after]
        })
        .sum()
}

/// How the season moves visits, conversion and baskets on a day.
#[derive(Debug, Clone, Copy)]
struct Season {
    traffic: f64,
    conversion: f64,
    basket: f64,
}

/// The shop's year: a month's level (low in February and August, high in
/// December), the sales, Black Friday week and the run-up to Christmas.
fn season(day: Date) -> Season {
    let mut season = Season {
        traffic: month_level(day),
        conversion: 1.0,
        basket: 1.0,
    };
    for start in SALES {
        let since = (day - start).get_days();
        if (0..28).contains(&since) {
            let since = f64::from(since);
            season.traffic *= 1.12 + 0.6 * (-since / 5.0).exp();
            season.conversion *= 1.0 + 0.22 * (-since / 7.0).exp();
            season.basket *= 0.84;
        }
    }
    for black_friday in BLACK_FRIDAYS {
        let (traffic, conversion) = match (day - black_friday).get_days() {
            -6..=-2 => (1.12, 1.03),
            -1 => (1.3, 1.05),
            0 => (2.3, 1.35),
            1 => (1.6, 1.2),
            2 => (1.35, 1.1),
            // Cyber Monday.
            3 => (1.75, 1.25),
            _ => continue,
        };
        season.traffic *= traffic;
        season.conversion *= conversion;
        season.basket *= 0.9;
    }
    let (month, date) = (day.month(), day.day());
    if month == 12 {
        let (traffic, conversion) = match date {
            1..=20 => {
                let run_up = f64::from(date - 1) / 19.0;
                (1.08 + 0.3 * run_up, 1.0 + 0.1 * run_up)
            }
            21..=23 => (1.15, 1.05),
            24 => (0.62, 1.0),
            25 => (0.42, 0.9),
            26 => (0.8, 1.0),
            _ => (0.95, 1.0),
        };
        season.traffic *= traffic;
        season.conversion *= conversion;
        if date <= 23 {
            season.basket *= 1.08;
        }
    }
    if (month, date) == (1, 1) {
        season.traffic *= 0.6;
    }
    season
}

/// A month's level of visits, moving smoothly from the middle of one month
/// to the middle of the next.
fn month_level(day: Date) -> f64 {
    const LEVELS: [f64; 12] = [
        0.92, 0.84, 0.97, 1.02, 1.0, 0.97, 0.93, 0.8, 1.0, 0.98, 1.02, 1.12,
    ];
    let month = usize::try_from(day.month() - 1).unwrap_or(0);
    let date = f64::from(day.day());
    let (from, to, share) = if date >= 15.0 {
        (month, (month + 1) % 12, (date - 15.0) / 30.0)
    } else {
        ((month + 11) % 12, month, (date + 15.0) / 30.0)
    };
    LEVELS[from] + (LEVELS[to] - LEVELS[from]) * share
}

/// More visits on Sundays and Mondays, fewer on Fridays and Saturdays,
/// when people shop in town; a public holiday is a Sunday.
fn weekday_traffic(day: Date) -> f64 {
    if is_french_holiday(day) {
        return 1.1;
    }
    match day.weekday() {
        Weekday::Monday => 1.06,
        Weekday::Tuesday => 1.02,
        Weekday::Wednesday => 1.0,
        Weekday::Thursday => 0.98,
        Weekday::Friday => 0.92,
        Weekday::Saturday => 0.88,
        Weekday::Sunday => 1.14,
    }
}

/// Sunday evening browsing ends in a purchase a little more often.
fn weekday_conversion(day: Date) -> f64 {
    match day.weekday() {
        Weekday::Sunday => 1.04,
        Weekday::Saturday => 0.96,
        _ => 1.0,
    }
}

/// The one-page checkout's effect on conversion: half of it while half the
/// visitors see it, all of it once deployed.
fn checkout_lift(day: Date) -> f64 {
    if day < TEST_START {
        1.0
    } else if day < DEPLOYED {
        1.0 + CHECKOUT_LIFT / 2.0
    } else if day == DEPLOYED {
        1.0 + CHECKOUT_LIFT * 0.75
    } else {
        1.0 + CHECKOUT_LIFT
    }
}

/// From 0 on `start` to 1 `days` days later, then 1.
fn ramp(day: Date, start: Date, days: i32) -> f64 {
    let since = (day - start).get_days();
    (f64::from(since) / f64::from(days)).clamp(0.0, 1.0)
}

/// A project's completion on `day` (its owner updates it on working days:
/// a weekend repeats Friday's), from the plan's start; `None` before.
fn completion(points: &[(Date, f64)], day: Date) -> Option<f64> {
    if day < date(2026, 1, 1) {
        return None;
    }
    let mut reported = day;
    while matches!(reported.weekday(), Weekday::Saturday | Weekday::Sunday) {
        reported = reported.yesterday().ok()?;
    }
    Some(linear(points, reported))
}

/// The value at `day` of the line through `points` (sorted by day), flat
/// before the first and after the last.
fn linear(points: &[(Date, f64)], day: Date) -> f64 {
    let Some(&(first_day, first)) = points.first() else {
        return 0.0;
    };
    if day <= first_day {
        return first;
    }
    for pair in points.windows(2) {
        let ((d0, v0), (d1, v1)) = (pair[0], pair[1]);
        if day <= d1 {
            let share = f64::from((day - d0).get_days()) / f64::from((d1 - d0).get_days().max(1));
            return v0 + (v1 - v0) * share;
        }
    }
    points.last().map_or(first, |&(_, last)| last)
}

fn count(value: f64) -> Decimal {
    Decimal::from(value.round().max(0.0) as i64)
}

fn money(value: f64) -> Decimal {
    Decimal::new((value * 100.0).round().max(0.0) as i64, 2)
}

fn fraction(value: f64, places: u32) -> Decimal {
    let scale = 10f64.powi(places as i32);
    Decimal::new((value.clamp(0.0, 1.0) * scale).round() as i64, places)
}

/// splitmix64 (Steele, Lea and Flood, 2014): tiny, fast, and good enough
/// for noise; the same numbers on every machine.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.uniform();
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// A Poisson count: Knuth's method for small means, the normal
    /// approximation for large ones.
    fn poisson(&mut self, mean: f64) -> u64 {
        if mean <= 0.0 || !mean.is_finite() {
            return 0;
        }
        if mean < 30.0 {
            let limit = (-mean).exp();
            let mut product = self.uniform();
            let mut count = 0;
            while product > limit {
                product *= self.uniform();
                count += 1;
            }
            return count;
        }
        (mean + mean.sqrt() * self.normal()).round().max(0.0) as u64
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use kpilot_core::engine::measures_of;
    use rust_decimal::prelude::ToPrimitive;

    use super::*;

    fn plan() -> Plan {
        kpilot_core::plan_file::parse(CLOUD_KICKS).unwrap().plan
    }

    /// Σ `measure` over the days `from..=to` in `channel` (`None`: all).
    fn total(
        observations: &[Observation<'_>],
        measure: &str,
        channel: Option<&str>,
        from: Date,
        to: Date,
    ) -> f64 {
        observations
            .iter()
            .filter(|o| o.measure == measure && o.day >= from && o.day <= to)
            .filter(|o| channel.is_none() || o.channel == channel)
            .map(|o| o.value.to_f64().unwrap())
            .sum()
    }

    #[test]
    fn the_checkout_test_finds_the_one_page_checkout_the_winner() {
        let plan = plan();
        let rows = experiment_results();
        let experiment = plan.experiment("ab-paiement").unwrap();
        let judgement = kpilot_core::experiment::judge(&plan, experiment, &rows, DEMO_DAY).unwrap();
        let comparison = &judgement.comparisons[0];
        assert_eq!(comparison.verdict, kpilot_core::abtest::Verdict::Winner);
        assert!(comparison.srm_p_value.unwrap() > 0.01, "a fair split");
        // Judged mid-way, a week in, it is too early to say.
        let early =
            kpilot_core::experiment::judge(&plan, experiment, &rows, date(2026, 2, 15)).unwrap();
        assert_eq!(
            early.comparisons[0].verdict,
            kpilot_core::abtest::Verdict::KeepRunning
        );
    }

    #[test]
    fn the_same_plan_gives_the_same_data_every_time() {
        let plan = plan();
        let first = observations(&plan);
        assert_eq!(first, observations(&plan));
        // Not a constant: values vary from day to day.
        let sessions: BTreeSet<Decimal> = first
            .iter()
            .filter(|o| o.measure == "sessions" && o.channel == Some("website"))
            .map(|o| o.value)
            .collect();
        assert!(sessions.len() > 300, "{}", sessions.len());
    }

    #[test]
    fn every_day_from_the_first_to_the_demo_day_has_data_and_no_key_twice() {
        let plan = plan();
        let data = observations(&plan);
        assert_eq!(data.iter().map(|o| o.day).min(), Some(FIRST_DAY));
        assert_eq!(data.iter().map(|o| o.day).max(), Some(DEMO_DAY));
        let days: BTreeSet<Date> = data
            .iter()
            .filter(|o| o.measure == "sessions")
            .map(|o| o.day)
            .collect();
        assert_eq!(days.len() as i32, (DEMO_DAY - FIRST_DAY).get_days() + 1);
        let mut keys = BTreeSet::new();
        for o in &data {
            assert!(
                keys.insert((o.day, o.measure, o.channel, o.segment, o.action)),
                "{o:?} twice"
            );
        }
        let lines: Vec<u64> = data.iter().map(|o| o.line).collect();
        assert_eq!(lines, (1..=data.len() as u64).collect::<Vec<_>>());
    }

    #[test]
    fn every_objective_has_data_in_its_channel_up_to_the_demo_day() {
        let plan = plan();
        let data = observations(&plan);
        for objective in &plan.objectives {
            let kpi = plan.kpi_of(objective).unwrap();
            for measure in measures_of(kpi) {
                let channel = objective.channel.as_ref().map(|c| c.as_str());
                assert!(
                    data.iter().any(|o| o.day == DEMO_DAY
                        && o.measure == measure
                        && (channel.is_none() || o.channel == channel)),
                    "{} has no {measure} on {DEMO_DAY}",
                    objective.id
                );
            }
        }
    }

    #[test]
    fn sundays_bring_more_visits_than_saturdays() {
        let plan = plan();
        let data = observations(&plan);
        let mut by_weekday = [(0.0, 0); 7];
        for o in data
            .iter()
            .filter(|o| o.measure == "sessions" && o.channel != Some("email"))
            .filter(|o| !is_french_holiday(o.day))
        {
            let slot = &mut by_weekday[o.day.weekday().to_monday_zero_offset() as usize];
            slot.0 += o.value.to_f64().unwrap();
            slot.1 += 1;
        }
        let mean = |index: usize| by_weekday[index].0 / f64::from(by_weekday[index].1);
        let (saturday, sunday) = (mean(5), mean(6));
        assert!(sunday > 1.15 * saturday, "{sunday} vs {saturday}");
        assert!(mean(0) > mean(4), "Mondays above Fridays");
    }

    #[test]
    fn the_sales_black_friday_and_christmas_are_peaks() {
        let plan = plan();
        let data = observations(&plan);
        let sessions = |from: Date, to: Date| {
            total(&data, "sessions", None, from, to) / f64::from((to - from).get_days() + 1)
        };
        let november = sessions(date(2025, 11, 3), date(2025, 11, 16));
        let black_friday = sessions(date(2025, 11, 28), date(2025, 11, 28));
        assert!(
            black_friday > 2.0 * november,
            "{black_friday} vs {november}"
        );
        let run_up = sessions(date(2025, 12, 8), date(2025, 12, 21));
        assert!(run_up > 1.3 * november, "{run_up} vs {november}");
        let sales = sessions(date(2026, 1, 7), date(2026, 1, 13));
        let february = sessions(date(2026, 2, 9), date(2026, 2, 22));
        assert!(sales > 1.5 * february, "{sales} vs {february}");
        let august = sessions(date(2025, 8, 4), date(2025, 8, 17));
        let september = sessions(date(2025, 9, 15), date(2025, 9, 28));
        assert!(september > 1.1 * august, "{september} vs {august}");
    }

    #[test]
    fn the_one_page_checkout_lifts_the_website_conversion() {
        let plan = plan();
        let data = observations(&plan);
        let rate = |from: Date, to: Date| {
            total(&data, "transactions", Some("website"), from, to)
                / total(&data, "sessions", Some("website"), from, to)
        };
        let before_test = rate(date(2025, 9, 1), date(2025, 10, 31));
        let during_test = rate(date(2026, 3, 4), date(2026, 3, 31));
        let deployed = rate(date(2026, 4, 3), DEMO_DAY);
        assert!(
            (0.019..0.023).contains(&before_test),
            "the plan's baseline of 2.1 %: {before_test}"
        );
        assert!(
            during_test > 1.2 * before_test,
            "{during_test} vs {before_test}"
        );
        assert!(deployed > 1.15 * during_test, "{deployed} vs {during_test}");
        // Fewer visitors leave the checkout once it is one page.
        let abandoned = |from: Date, to: Date| {
            total(&data, "checkout_abandonments", None, from, to)
                / total(&data, "sessions", None, from, to)
        };
        assert!(
            abandoned(date(2026, 4, 3), DEMO_DAY)
                < 0.8 * abandoned(date(2026, 1, 5), date(2026, 2, 1))
        );
    }

    #[test]
    fn emails_bring_a_spike_of_visits_on_the_days_they_are_sent() {
        let plan = plan();
        let data = observations(&plan);
        let sent: BTreeSet<Date> = data
            .iter()
            .filter(|o| o.measure == "reach")
            .map(|o| o.day)
            .collect();
        // Thursdays, promotions, and the plan's requalification emails.
        assert!(sent.len() > 70, "{}", sent.len());
        assert!(sent.contains(&date(2026, 3, 2)), "first requalification");
        let quiet = |day: Date| {
            (0..3)
                .all(|back| !sent.contains(&day.checked_sub(jiff::Span::new().days(back)).unwrap()))
        };
        let mut on_send_days = Vec::new();
        let mut quiet_days = Vec::new();
        for o in data
            .iter()
            .filter(|o| o.measure == "sessions" && o.channel == Some("email"))
        {
            let visits = o.value.to_f64().unwrap();
            if sent.contains(&o.day) {
                on_send_days.push(visits);
            } else if quiet(o.day) {
                quiet_days.push(visits);
            }
        }
        let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
        assert!(
            mean(&on_send_days) > 2.0 * mean(&quiet_days),
            "{} vs {}",
            mean(&on_send_days),
            mean(&quiet_days)
        );
    }

    #[test]
    fn only_the_preference_centre_spends_more_than_planned() {
        let plan = plan();
        let data = observations(&plan);
        let work = WorkDays::new(&plan.calendar);
        let mut over = Vec::new();
        for action in &plan.actions {
            let planned: f64 = planned_costs(action, &plan, &work)
                .iter()
                .filter(|cost| cost.day <= DEMO_DAY)
                .map(|cost| cost.amount)
                .sum();
            let spent: f64 = data
                .iter()
                .filter(|o| o.measure == "cost" && o.action == Some(action.id.as_str()))
                .map(|o| o.value.to_f64().unwrap())
                .sum::<f64>()
                + spend_entries()
                    .iter()
                    .filter(|spend| spend.action == action.id.as_str())
                    .map(|spend| spend.amount.to_f64().unwrap())
                    .sum::<f64>();
            if spent > kpilot_core::schedule::allocated(action, &plan, &work) {
                over.push(action.id.to_string());
            }
            assert!(spent <= 1.5 * planned + 0.01, "{}", action.id);
        }
        assert_eq!(over, ["developpement-centre"]);
    }

    #[test]
    fn spend_and_lessons_name_items_of_the_plan() {
        let plan = plan();
        for spend in spend_entries() {
            assert!(plan.actions.iter().any(|a| a.id.as_str() == spend.action));
            assert!(spend.day >= plan.start && spend.day <= DEMO_DAY);
        }
        for lesson in LESSONS {
            assert!(
                plan.objectives.iter().any(|o| o.id.as_str() == lesson.item)
                    || plan.actions.iter().any(|a| a.id.as_str() == lesson.item),
                "{}",
                lesson.item
            );
        }
    }
}
