//! The built-in KPI catalogue: the measures a marketer records (sessions,
//! revenue, cost…) and the KPIs computed from them (conversion rate, CPA,
//! ROI…), each with its unit, its direction and, in French and English, why
//! to measure it, where to find the data and how to improve it (the pattern
//! of seed 003).
//!
//! The ids are a contract: plan files, imports and other programs name
//! measures and KPIs by them, so an id is never renamed once published.

use std::sync::LazyLock;

use crate::formula::Formula;
use crate::kpi::{Aggregation, Definition, Direction, Guidance, KpiDef, Localized, Unit};

// Short names keep the table of entries below readable.
use Def::{Formula as F, Mean, Sum};
use Direction::{Down, Up};
use Unit::{Count, Currency, Duration, Percent, Ratio, Score};

/// Every built-in measure and KPI: additive measures first, then the
/// weighted means, then the formulas.
pub fn builtin() -> &'static [KpiDef] {
    &BUILTIN
}

/// A built-in measure or KPI by id.
pub fn find(id: &str) -> Option<&'static KpiDef> {
    BUILTIN.iter().find(|kpi| kpi.id == id)
}

static BUILTIN: LazyLock<Vec<KpiDef>> =
    LazyLock::new(|| ENTRIES.iter().map(Entry::to_kpi).collect());

/// How an entry is defined, as constant data; formulas are parsed when the
/// catalogue is first used.
enum Def {
    Sum,
    /// A mean weighted by the named additive measure.
    Mean(&'static str),
    Formula(&'static str),
}

/// A text as (French, English).
type Text = (&'static str, &'static str);

/// One catalogue entry, written as constant data so the texts read as a
/// table.
struct Entry {
    id: &'static str,
    unit: Unit,
    direction: Direction,
    definition: Def,
    name: Text,
    why: Text,
    where_to_find: Text,
    how_to_improve: Text,
}

impl Entry {
    fn to_kpi(&self) -> KpiDef {
        let localized = |(fr, en): Text| Localized::new(fr, en);
        KpiDef {
            id: self.id.to_owned(),
            name: localized(self.name),
            unit: self.unit,
            direction: self.direction,
            definition: match self.definition {
                Sum => Definition::Measure(Aggregation::Sum),
                Mean(weight) => Definition::Measure(Aggregation::WeightedMean {
                    weight: weight.to_owned(),
                }),
                // The catalogue's formulas are constant text, not user input,
                // and the tests parse every one of them: a typo is a bug
                // caught by `cargo test`, never a failure a user can cause.
                F(text) => Definition::Formula(
                    Formula::parse(text)
                        .unwrap_or_else(|error| panic!("built-in formula `{text}`: {error}")),
                ),
            },
            guidance: Guidance {
                why: localized(self.why),
                where_to_find: localized(self.where_to_find),
                how_to_improve: localized(self.how_to_improve),
            },
            builtin: true,
        }
    }
}

const ENTRIES: &[Entry] = &[
    // Additive measures: a window's value is the sum of its days.
    Entry {
        id: "sessions",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Sessions (visites)", "Sessions (visits)"),
        why: (
            "Les sessions mesurent la fréquentation de votre site : c’est le premier signe qu’une campagne attire du monde. Elles sont aussi le dénominateur du taux de conversion et du coût par visiteur, qui ne valent que si elles sont bien comptées.",
            "Sessions measure your site's traffic: they are the first sign that a campaign draws people in. They are also the denominator of the conversion rate and of the cost per visitor, which are only as good as this count.",
        ),
        where_to_find: (
            "Google Analytics 4, rapport Acquisition > Acquisition de trafic, ventilé par source et support. Votre plateforme e-commerce (Shopify, WooCommerce, PrestaShop) compte aussi ses visites ; choisissez une seule source et tenez-vous-y, car les chiffres diffèrent d’un outil à l’autre.",
            "Google Analytics 4, Acquisition > Traffic acquisition report, broken down by source and medium. Your e-commerce platform (Shopify, WooCommerce, PrestaShop) counts visits too; pick one source and stick to it, as figures differ from tool to tool.",
        ),
        how_to_improve: (
            "Amenez du trafic par les newsletters, les réseaux sociaux, le référencement naturel et des campagnes payantes ciblées. Balisez chaque lien avec des paramètres UTM pour savoir quelles sources amènent des visiteurs qui achètent, et renforcez celles-là plutôt que le volume seul.",
            "Bring traffic through newsletters, social media, organic search and targeted paid campaigns. Tag every link with UTM parameters to learn which sources bring visitors who buy, and reinforce those rather than sheer volume.",
        ),
    },
    Entry {
        id: "transactions",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Transactions (commandes)", "Transactions (orders)"),
        why: (
            "Le nombre de commandes est le résultat concret des ventes, en ligne comme en magasin. Il sert à calculer le taux de conversion (transactions / sessions) et le panier moyen (chiffre d’affaires / transactions).",
            "The number of orders is the concrete result of sales, online and in store. It is used to compute the conversion rate (transactions / sessions) and the average purchase value (revenue / transactions).",
        ),
        where_to_find: (
            "Le back-office de la boutique (Shopify, WooCommerce, PrestaShop) ou GA4 (Monétisation > Achats e-commerce) ; en magasin, le nombre de tickets de caisse de la journée. Retirez les commandes annulées ou remboursées pour ne pas gonfler les chiffres.",
            "The shop back-office (Shopify, WooCommerce, PrestaShop) or GA4 (Monetisation > E-commerce purchases); in store, the day's number of till receipts. Leave out cancelled or refunded orders so as not to inflate the figures.",
        ),
        how_to_improve: (
            "Simplifiez le tunnel d’achat (moins d’étapes, commande sans compte, plusieurs moyens de paiement) et rassurez avec des avis, des délais de livraison clairs et une politique de retour visible. Relancez les paniers abandonnés par e-mail depuis Mailchimp, Brevo ou l’outil de votre boutique.",
            "Simplify checkout (fewer steps, guest checkout, several payment methods) and reassure with reviews, clear delivery times and a visible returns policy. Follow up abandoned carts by email from Mailchimp, Brevo or your shop's own tool.",
        ),
    },
    Entry {
        id: "revenue",
        unit: Currency,
        direction: Up,
        definition: Sum,
        name: ("Chiffre d’affaires", "Revenue"),
        why: (
            "Le chiffre d’affaires est ce que le marketing doit finalement faire croître. Rapporté aux dépenses, il donne le ROI et le ROAS ; divisé par le nombre de transactions, le panier moyen.",
            "Revenue is what marketing must ultimately grow. Set against spend it gives ROI and ROAS; divided by the number of transactions, the average purchase value.",
        ),
        where_to_find: (
            "Le back-office de la boutique ou la comptabilité ; en ligne, GA4 (revenu généré par les achats) ; en magasin, le journal de caisse. Décidez une fois pour toutes si vous comptez hors taxes ou toutes taxes comprises, et gardez la même convention pour les coûts.",
            "The shop back-office or the accounts; online, GA4 (purchase revenue); in store, the till journal. Decide once and for all whether you count before or after VAT, and keep the same convention for costs.",
        ),
        how_to_improve: (
            "Jouez sur les deux leviers : le nombre de commandes et leur valeur. La vente croisée, les offres groupées et un seuil de livraison gratuite augmentent le panier ; un programme de fidélité fait revenir les meilleurs clients.",
            "Work on both levers: the number of orders and their value. Cross-selling, bundles and a free-delivery threshold raise the basket; a loyalty programme brings your best customers back.",
        ),
    },
    Entry {
        id: "cost",
        unit: Currency,
        direction: Down,
        definition: Sum,
        name: ("Coût (dépenses marketing)", "Cost (marketing spend)"),
        why: (
            "Les dépenses rapportées aux résultats disent quelles actions rentabilisent le budget. C’est le numérateur du CPA, du CAC et du coût par visiteur, et la base du ROI : sans coût fiable, aucun de ces indicateurs ne l’est.",
            "Spend set against results tells which actions pay back the budget. It is the numerator of CPA, CAC and cost per visitor, and the basis of ROI: without a reliable cost, none of these is reliable.",
        ),
        where_to_find: (
            "Les exports des régies publicitaires (Google Ads, Meta Ads, LinkedIn Ads), la facture de l’outil d’e-mailing (Mailchimp, Brevo) et les factures des prestataires (imprimeur, agence, événementiel). Notez chaque dépense au jour où elle est engagée, avec l’action qu’elle finance.",
            "Exports from ad platforms (Google Ads, Meta Ads, LinkedIn Ads), the emailing tool's invoice (Mailchimp, Brevo) and suppliers' invoices (printer, agency, events). Record each expense on the day it is incurred, against the action it funds.",
        ),
        how_to_improve: (
            "Coupez les campagnes dont le coût par acquisition dépasse le panier moyen et déplacez le budget vers les leviers les plus efficaces. Renégociez les prestations récurrentes et testez de petits budgets avant de les augmenter.",
            "Cut campaigns whose cost per acquisition exceeds the average purchase value and move budget to the most efficient levers. Renegotiate recurring services and test small budgets before scaling them up.",
        ),
    },
    Entry {
        id: "impressions",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Impressions", "Impressions"),
        why: (
            "Le nombre d’affichages de vos publicités ou publications mesure leur visibilité : plus un message est vu, plus il a de chances de marquer les esprits. C’est aussi le dénominateur du taux de clic et du taux d’engagement.",
            "How many times your ads or posts were shown measures their visibility: the more a message is seen, the more likely it sticks. It is also the denominator of the click-through rate and the engagement rate.",
        ),
        where_to_find: (
            "Les régies publicitaires (Google Ads, Meta Ads), les statistiques des réseaux sociaux (Meta Business Suite, LinkedIn, TikTok) et Google Search Console pour le référencement naturel. N’additionnez deux canaux que s’ils comptent une impression de la même façon.",
            "Ad platforms (Google Ads, Meta Ads), social media insights (Meta Business Suite, LinkedIn, TikTok) and Google Search Console for organic search. Only add two channels together if they count an impression the same way.",
        ),
        how_to_improve: (
            "Créez plusieurs versions de vos publicités et augmentez le budget des plus performantes. Publiez régulièrement, aux heures où votre audience est active, et variez les formats (vidéo courte, carrousel, story).",
            "Create several versions of your ads and raise the budget of the best performers. Post regularly, at the hours your audience is active, and vary formats (short video, carousel, story).",
        ),
    },
    Entry {
        id: "reach",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Portée", "Reach"),
        why: (
            "La portée compte les personnes distinctes atteintes par une campagne, là où les impressions comptent les affichages. Comparée aux impressions, elle dit si le message touche de nouveaux publics ou se répète auprès des mêmes.",
            "Reach counts the distinct people a campaign touched, where impressions count displays. Compared with impressions, it tells whether the message finds new audiences or keeps repeating itself to the same people.",
        ),
        where_to_find: (
            "Les statistiques des réseaux sociaux et des régies (Meta Business Suite, LinkedIn Campaign Manager) ; pour l’e-mail, le nombre de destinataires délivrés dans Mailchimp ou Brevo. La portée de plusieurs jours ne s’additionne pas exactement, car une même personne peut être comptée chaque jour : enregistrez de préférence le chiffre de toute la campagne donné par la plateforme.",
            "Social media and ad platform insights (Meta Business Suite, LinkedIn Campaign Manager); for email, the number of delivered recipients in Mailchimp or Brevo. Reach over several days does not add up exactly, since one person may be counted each day: preferably record the platform's figure for the whole campaign.",
        ),
        how_to_improve: (
            "Élargissez le ciblage ou ajoutez des audiences similaires à vos clients, et variez les formats et les canaux. Limitez la répétition (plafond de fréquence dans Meta Ads) et encouragez le partage de vos contenus.",
            "Widen targeting or add lookalike audiences of your customers, and vary formats and channels. Limit repetition (frequency cap in Meta Ads) and encourage people to share your content.",
        ),
    },
    Entry {
        id: "clicks",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Clics", "Clicks"),
        why: (
            "Les clics montrent l’intérêt que les personnes accordent à votre publicité ou à votre e-mail : c’est le passage de la visibilité à l’action. Beaucoup d’impressions sans clics signalent un message ou un ciblage à revoir.",
            "Clicks show the interest people take in your ad or email: the step from visibility to action. Many impressions without clicks point to a message or targeting that needs rework.",
        ),
        where_to_find: (
            "Les régies publicitaires (Google Ads, Meta Ads), les rapports de campagne de Mailchimp ou Brevo, et Google Search Console pour les résultats naturels. Dans GA4, les sessions issues des liens balisés UTM confirment les clics réellement arrivés sur le site.",
            "Ad platforms (Google Ads, Meta Ads), Mailchimp or Brevo campaign reports, and Google Search Console for organic results. In GA4, sessions from UTM-tagged links confirm the clicks that actually reached the site.",
        ),
        how_to_improve: (
            "Un appel à l’action clair, un visuel fort et un message adapté à chaque segment (familles, actifs, étudiants…). Testez deux versions d’une annonce ou d’un objet d’e-mail et gardez la meilleure.",
            "A clear call to action, a strong visual and a message fitted to each segment (families, working people, students…). Test two versions of an ad or an email subject line and keep the better one.",
        ),
    },
    Entry {
        id: "conversions",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Conversions", "Conversions"),
        why: (
            "Une conversion est l’action que la campagne vise : un achat, une inscription à la newsletter, une demande de devis. C’est le résultat que vous payez et le dénominateur du coût par acquisition (CPA).",
            "A conversion is the action the campaign aims at: a purchase, a newsletter sign-up, a quote request. It is the result you pay for and the denominator of cost per acquisition (CPA).",
        ),
        where_to_find: (
            "Les événements clés de GA4, les conversions suivies par les régies (balise Google Ads, pixel Meta) ou les inscriptions comptées par votre outil d’e-mailing. Définissez ce qui compte comme conversion avant la campagne, et ne mélangez pas achats et inscriptions dans le même chiffre.",
            "GA4 key events, conversions tracked by ad platforms (Google Ads tag, Meta pixel) or sign-ups counted by your emailing tool. Define what counts as a conversion before the campaign, and do not mix purchases and sign-ups in one figure.",
        ),
        how_to_improve: (
            "Alignez la page d’arrivée sur la promesse de l’annonce et réduisez les champs des formulaires au strict nécessaire. Testez les pages avec des tests A/B et retirez tout ce qui détourne du bouton principal.",
            "Match the landing page to the ad's promise and cut form fields down to what you really need. A/B test your pages and remove anything that distracts from the main button.",
        ),
    },
    Entry {
        id: "customers",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Clients", "Customers"),
        why: (
            "Le nombre de clients suivi au fil du temps mesure la fréquentation de votre magasin et de votre boutique en ligne. Ses variations après une opération montrent l’impact réel de vos campagnes.",
            "The number of customers tracked over time measures how busy your store and your online shop are. How it moves after an operation shows the real impact of your campaigns.",
        ),
        where_to_find: (
            "En magasin, un compteur de personnes à l’entrée ou le nombre de tickets de caisse ; en ligne, les clients uniques du back-office ou de GA4. Gardez la même méthode de comptage d’une période à l’autre pour que les comparaisons tiennent.",
            "In store, a people counter at the entrance or the number of till receipts; online, unique customers from the back-office or GA4. Keep the same counting method from one period to the next so comparisons hold.",
        ),
        how_to_improve: (
            "Rendez votre vitrine plus attrayante ou organisez des événements en magasin. En ligne, augmentez le trafic avec des newsletters et des activités sur les réseaux sociaux, et faites revenir les clients existants avec des offres réservées.",
            "Make your shop window more attractive or hold events in store. Online, grow traffic with newsletters and social media activity, and bring existing customers back with exclusive offers.",
        ),
    },
    Entry {
        id: "new_customers",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Nouveaux clients", "New customers"),
        why: (
            "Les nouveaux clients mesurent la conquête : sans eux, la clientèle s’érode au fil des départs. Ils sont le dénominateur du coût d’acquisition client (CAC).",
            "New customers measure acquisition: without them, the customer base erodes as people leave. They are the denominator of customer acquisition cost (CAC).",
        ),
        where_to_find: (
            "Le CRM ou le back-office de la boutique : clients ayant passé leur première commande sur la période. En magasin, les nouvelles fiches clients ou cartes de fidélité créées en caisse.",
            "The CRM or the shop back-office: customers who placed their first order in the period. In store, new customer records or loyalty cards created at the till.",
        ),
        how_to_improve: (
            "Offre de bienvenue, programme de parrainage et campagnes vers des audiences similaires à vos meilleurs clients. Soignez la première expérience (livraison, accueil, emballage) : c’est elle qui décide du deuxième achat.",
            "Welcome offers, a referral programme and campaigns aimed at audiences similar to your best customers. Take care of the first experience (delivery, welcome, packaging): it decides whether a second purchase follows.",
        ),
    },
    Entry {
        id: "contacts",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Contacts", "Contacts"),
        why: (
            "La base de contacts joignables est le capital de votre communication directe : chacun peut être touché sans payer de média. C’est le dénominateur des taux d’opt-in et de la part de nouvelles données.",
            "The base of reachable contacts is the capital of your direct marketing: each one can be reached without paying for media. It is the denominator of the opt-in rates and of the share of new data.",
        ),
        where_to_find: (
            "Le CRM ou l’outil d’e-mailing (Mailchimp, Brevo) : nombre de contacts actifs. C’est un stock et non un flux : enregistrez-le à une seule date par période (par exemple le dernier jour du mois), sinon l’addition des jours le multiplie.",
            "The CRM or the emailing tool (Mailchimp, Brevo): number of active contacts. It is a stock, not a flow: record it on a single date per period (for example the last day of the month), or adding up the days multiplies it.",
        ),
        how_to_improve: (
            "Collectez les coordonnées à chaque point de contact (caisse, jeu concours, formulaire du site) avec un consentement clair. Nettoyez la base régulièrement en retirant les adresses en erreur et les contacts inactifs depuis longtemps, comme le demande le RGPD.",
            "Collect details at every touchpoint (till, contest, website form) with clear consent. Clean the base regularly by removing bouncing addresses and long-inactive contacts, as the GDPR requires.",
        ),
    },
    Entry {
        id: "new_contacts",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Nouveaux contacts", "New contacts"),
        why: (
            "Les contacts recrutés sur la période mesurent le renouvellement de votre base, la « part de nouvelles données ». Une base qui ne recrute plus s’use : adresses abandonnées, désabonnements, clients partis.",
            "Contacts recruited in the period measure how your base renews itself, the \"share of new data\". A base that stops recruiting wears out: abandoned addresses, unsubscribes, customers gone.",
        ),
        where_to_find: (
            "Le CRM ou l’outil d’e-mailing : contacts créés sur la période, par source de collecte (site, caisse, jeu, événement). Dans Brevo ou Mailchimp, filtrez les contacts par date d’ajout.",
            "The CRM or the emailing tool: contacts created in the period, by collection source (website, till, contest, event). In Brevo or Mailchimp, filter contacts by date added.",
        ),
        how_to_improve: (
            "Rendez les formulaires d’inscription visibles, organisez des jeux concours et réservez des avantages aux inscrits. En magasin, formez l’équipe à proposer l’inscription au passage en caisse.",
            "Make sign-up forms visible, run contests and keep perks for subscribers. In store, train the team to offer sign-up at the till.",
        ),
    },
    Entry {
        id: "email_optins",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Opt-in e-mail", "Email opt-ins"),
        why: (
            "Les contacts qui acceptent de recevoir vos e-mails sont ceux que vous pouvez solliciter légalement et durablement. Leur nombre fixe l’audience réelle de vos newsletters et de vos relances.",
            "Contacts who agree to receive your emails are the ones you can reach legally and durably. Their number sets the real audience of your newsletters and follow-ups.",
        ),
        where_to_find: (
            "L’outil d’e-mailing (Mailchimp, Brevo) ou le CRM : contacts abonnés avec un consentement e-mail. Comme pour les contacts, enregistrez le chiffre à une date fixe de chaque période.",
            "The emailing tool (Mailchimp, Brevo) or the CRM: subscribed contacts with email consent. As with contacts, record the figure on a fixed date in each period.",
        ),
        how_to_improve: (
            "Expliquez ce que l’abonné recevra et à quelle fréquence, et proposez un avantage à l’inscription. Laissez choisir les thèmes dans un centre de préférences, pour qu’on réduise les envois plutôt que de se désabonner.",
            "Say what subscribers will get and how often, and offer a sign-up perk. Let people pick topics in a preference centre, so they cut down on emails rather than unsubscribe.",
        ),
    },
    Entry {
        id: "sms_optins",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Opt-in SMS", "SMS opt-ins"),
        why: (
            "Les contacts qui acceptent les SMS ouvrent un canal direct et très lu. C’est un privilège à réserver aux messages utiles, sous peine de désabonnements.",
            "Contacts who accept text messages open a direct, widely read channel. It is a privilege to keep for useful messages, or people opt out.",
        ),
        where_to_find: (
            "La plateforme d’envoi de SMS (Brevo, par exemple) ou le CRM : contacts avec un consentement SMS. Enregistrez le chiffre à une date fixe de chaque période.",
            "The SMS platform (Brevo, for example) or the CRM: contacts with SMS consent. Record the figure on a fixed date in each period.",
        ),
        how_to_improve: (
            "Proposez le SMS pour ce qui est pratique : suivi de commande, rappel de rendez-vous, offre flash. Demandez le consentement en caisse et à la commande, et limitez la fréquence d’envoi.",
            "Offer SMS for what is practical: order tracking, appointment reminders, flash offers. Ask for consent at the till and at checkout, and keep sends infrequent.",
        ),
    },
    Entry {
        id: "participants",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Participants", "Participants"),
        why: (
            "Les participants à un événement, un jeu concours ou un atelier mesurent l’animation de votre communauté. Rapportés aux invités, ils donnent le taux de participation.",
            "Participants in an event, a contest or a workshop measure how lively your community is. Set against the people invited, they give the participation rate.",
        ),
        where_to_find: (
            "La feuille de présence de l’événement, l’outil d’inscription ou de billetterie (Eventbrite, Weezevent), ou l’outil du jeu concours. Comptez les présents, pas seulement les inscrits.",
            "The event's attendance sheet, the registration or ticketing tool (Eventbrite, Weezevent), or the contest tool. Count those who came, not only those who registered.",
        ),
        how_to_improve: (
            "Choisissez des dates et des horaires qui conviennent à chaque segment : familles le week-end, actifs en soirée, étudiants hors période d’examens. Relancez les inscrits la veille par e-mail ou par SMS.",
            "Pick dates and times that suit each segment: families at weekends, working people in the evening, students outside exam periods. Remind registrants the day before by email or text message.",
        ),
    },
    Entry {
        id: "invited",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Invités", "Invited"),
        why: (
            "Le nombre de personnes invitées est la base du taux de participation : sans lui, un nombre de participants ne dit pas grand-chose. Il permet aussi de comparer deux événements de tailles différentes.",
            "The number of people invited is the base of the participation rate: without it, a count of participants says little. It also lets you compare two events of different sizes.",
        ),
        where_to_find: (
            "L’outil d’e-mailing (destinataires délivrés de l’invitation), l’outil de billetterie ou la liste d’invitations tenue pour l’événement. Ne comptez chaque personne qu’une fois, même si elle a reçu une relance.",
            "The emailing tool (delivered recipients of the invitation), the ticketing tool or the event's invitation list. Count each person once, even if they received a reminder.",
        ),
        how_to_improve: (
            "Invitez les bons segments plutôt que toute la base : une liste ciblée donne un meilleur taux de participation. Personnalisez l’invitation et envoyez-la assez tôt, deux à trois semaines avant.",
            "Invite the right segments rather than the whole base: a targeted list gives a better participation rate. Personalise the invitation and send it early enough, two to three weeks ahead.",
        ),
    },
    Entry {
        id: "engagements",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Interactions", "Engagements"),
        why: (
            "Les interactions (mentions J’aime, commentaires, partages, enregistrements) mesurent l’intérêt réel pour vos publications, au-delà des simples vues. Un contenu qui fait réagir est aussi davantage montré par les algorithmes des réseaux.",
            "Engagements (likes, comments, shares, saves) measure real interest in your posts, beyond mere views. Content that gets reactions is also shown more by the networks' algorithms.",
        ),
        where_to_find: (
            "Les statistiques des réseaux sociaux (Meta Business Suite, LinkedIn, TikTok) ou votre outil de gestion des réseaux (Hootsuite, Agorapulse). Gardez la même définition d’une interaction d’un réseau à l’autre.",
            "Social media insights (Meta Business Suite, LinkedIn, TikTok) or your social media management tool (Hootsuite, Agorapulse). Keep the same definition of an engagement from one network to another.",
        ),
        how_to_improve: (
            "Posez des questions, répondez à chaque commentaire, publiez des coulisses et des contenus créés par vos clients. Si l’engagement reste faible, révisez votre approche : testez d’autres messages, d’autres formats et d’autres horaires.",
            "Ask questions, answer every comment, post behind-the-scenes and customer-made content. If engagement stays low, revise your approach: test other messages, formats and posting times.",
        ),
    },
    Entry {
        id: "responses",
        unit: Count,
        direction: Up,
        definition: Sum,
        name: ("Réponses aux enquêtes", "Survey responses"),
        why: (
            "Le nombre de réponses dit si une note de satisfaction est fiable : une moyenne sur dix réponses ne vaut pas une moyenne sur mille. C’est aussi le poids de chaque note quand on fait la moyenne de plusieurs périodes.",
            "The number of responses tells whether a satisfaction score can be trusted: a mean of ten answers is not worth a mean of a thousand. It is also the weight of each score when several periods are averaged.",
        ),
        where_to_find: (
            "L’outil d’enquête (Typeform, Google Forms, SurveyMonkey) ou l’enquête après achat de votre boutique. Enregistrez le nombre de réponses le même jour que la note moyenne correspondante.",
            "The survey tool (Typeform, Google Forms, SurveyMonkey) or your shop's post-purchase survey. Record the number of responses on the same day as the matching average score.",
        ),
        how_to_improve: (
            "Envoyez des questionnaires courts juste après l’achat ou la visite, lisibles sur mobile. Un petit remerciement (bon de réduction, tirage au sort) augmente nettement le nombre de réponses.",
            "Send short, mobile-friendly questionnaires right after the purchase or visit. A small thank-you (discount voucher, prize draw) clearly raises the number of responses.",
        ),
    },
    // Non-additive measures: a window's value is a mean weighted by an
    // additive measure, which must be recorded alongside.
    Entry {
        id: "search_position",
        unit: Ratio,
        direction: Down,
        definition: Mean("impressions"),
        name: (
            "Position moyenne dans les moteurs de recherche",
            "Average search position",
        ),
        why: (
            "La position sur vos mots clés détermine la part de trafic naturel que vous captez : les premiers résultats prennent l’essentiel des clics. Plus le chiffre est bas, mieux c’est (1 = premier résultat).",
            "Your position on your keywords sets the share of organic traffic you capture: the top results take most of the clicks. The lower the figure, the better (1 = first result).",
        ),
        where_to_find: (
            "Google Search Console, rapport Performances : position moyenne par requête ou par page, avec ses impressions. La moyenne de plusieurs jours est pondérée par les impressions, c’est pourquoi il faut enregistrer les deux.",
            "Google Search Console, Performance report: average position per query or per page, with its impressions. The mean over several days is weighted by impressions, which is why both must be recorded.",
        ),
        how_to_improve: (
            "Publiez des contenus qui répondent vraiment aux questions de vos clients, et travaillez les titres et la vitesse des pages. Obtenez des liens depuis des sites de confiance (presse locale, partenaires, annuaires professionnels).",
            "Publish content that truly answers your customers' questions, and work on page titles and speed. Earn links from trusted sites (local press, partners, business directories).",
        ),
    },
    Entry {
        id: "satisfaction_score",
        unit: Score,
        direction: Up,
        definition: Mean("responses"),
        name: ("Note de satisfaction", "Satisfaction score"),
        why: (
            "La satisfaction annonce la fidélité et le bouche-à-oreille, bien avant que les ventes ne bougent. Une note qui baisse est une alerte à traiter avant qu’elle ne se voie dans le chiffre d’affaires.",
            "Satisfaction foretells loyalty and word of mouth, well before sales move. A falling score is a warning to act on before it shows in revenue.",
        ),
        where_to_find: (
            "L’outil d’enquête (note moyenne sur la période) et les avis clients en ligne (fiche Google Business Profile, Trustpilot). La moyenne de plusieurs périodes est pondérée par le nombre de réponses : enregistrez les deux.",
            "The survey tool (average score over the period) and online customer reviews (Google Business Profile, Trustpilot). The mean over several periods is weighted by the number of responses: record both.",
        ),
        how_to_improve: (
            "Traitez les causes des mauvaises notes (délais, retours, accueil) et répondez à chaque avis, y compris les négatifs. Mesurez à nouveau après chaque changement pour vérifier qu’il a porté ses fruits.",
            "Fix the causes of poor scores (delays, returns, service) and answer every review, negative ones included. Measure again after each change to check that it worked.",
        ),
    },
    Entry {
        id: "time_on_site",
        unit: Duration,
        direction: Up,
        definition: Mean("sessions"),
        name: ("Temps passé sur le site", "Time on site"),
        why: (
            "La durée moyenne d’une visite indique si vos contenus retiennent l’attention ou si les visiteurs repartent aussitôt. Une durée qui s’effondre sur une source de trafic signale souvent un ciblage ou une page d’arrivée inadaptés.",
            "The average visit duration tells whether your content holds attention or visitors leave at once. A duration that collapses for one traffic source often points to poor targeting or an ill-suited landing page.",
        ),
        where_to_find: (
            "Google Analytics 4, rapport Engagement : durée d’engagement moyenne par session, en secondes. La moyenne de plusieurs jours est pondérée par les sessions : enregistrez les deux.",
            "Google Analytics 4, Engagement report: average engagement time per session, in seconds. The mean over several days is weighted by sessions: record both.",
        ),
        how_to_improve: (
            "Utilisez un outil de carte de chaleur (Hotjar, Microsoft Clarity) pour voir où les visiteurs s’arrêtent, et améliorez ces pages. Proposez des contenus liés et des liens internes pour prolonger la visite.",
            "Use a heatmap tool (Hotjar, Microsoft Clarity) to see where visitors stop, and improve those pages. Suggest related content and internal links to extend the visit.",
        ),
    },
    // Formula KPIs: evaluated on the window's sums, never as a mean of daily
    // values.
    Entry {
        id: "conversion_rate",
        unit: Percent,
        direction: Up,
        definition: F("transactions / sessions"),
        name: ("Taux de conversion", "Conversion rate"),
        why: (
            "Mesuré et comparé à la moyenne de votre secteur, le taux de conversion donne une bonne idée de la santé de votre boutique en ligne : êtes-vous surperformant ou sous-performant ? Il se calcule sur les totaux de la période, pas en faisant la moyenne des taux journaliers.",
            "Measured and compared with your industry's average, the conversion rate gives a good idea of your online shop's health: are you over- or under-performing? It is computed on the period's totals, not by averaging daily rates.",
        ),
        where_to_find: (
            "Transactions / sessions : la plupart des plateformes e-commerce et GA4 l’affichent. Hors ligne, comptez les transactions du jour et divisez-les par le nombre de clients entrés (compteur de personnes).",
            "Transactions / sessions: most e-commerce platforms and GA4 show it. Offline, count the day's transactions and divide them by the number of people who came in (people counter).",
        ),
        how_to_improve: (
            "Gagnez la confiance en faisant connaître votre marque avec des messages et des contenus convaincants. Simplifiez le paiement, affichez avis et garanties, testez les pages clés (A/B) ; en magasin, formez l’équipe à la vente.",
            "Earn trust by building awareness of your brand with convincing messages and content. Simplify payment, show reviews and guarantees, A/B test the key pages; in store, train the team in selling.",
        ),
    },
    Entry {
        id: "average_purchase_value",
        unit: Currency,
        direction: Up,
        definition: F("revenue / transactions"),
        name: ("Panier moyen", "Average purchase value"),
        why: (
            "Suivi au fil du temps, le panier moyen montre la hausse ou la baisse de l’achat moyen par client. Il fixe aussi le plafond d’un coût par acquisition acceptable pour une campagne de vente.",
            "Tracked over time, the average purchase value shows whether the average purchase per customer rises or falls. It also sets the ceiling of an acceptable cost per acquisition for a sales campaign.",
        ),
        where_to_find: (
            "Chiffre d’affaires total / nombre de transactions : la plupart des plateformes e-commerce l’affichent dans leur back-office. Hors ligne, divisez le chiffre d’affaires de la caisse par le nombre de tickets.",
            "Total revenue / number of transactions: most e-commerce platforms show it in their back-office. Offline, divide the till's revenue by the number of receipts.",
        ),
        how_to_improve: (
            "Des campagnes créatives, de la vente croisée ou incitative (« souvent acheté avec ») et des offres groupées augmentent l’achat moyen par client. Un seuil de livraison gratuite un peu au-dessus du panier actuel incite à ajouter un article.",
            "Creative campaigns, cross-selling or upselling (\"often bought with\") and bundles raise the average purchase per customer. A free-delivery threshold slightly above the current basket encourages adding one more item.",
        ),
    },
    Entry {
        id: "ctr",
        unit: Percent,
        direction: Up,
        definition: F("clicks / impressions"),
        name: ("Taux de clic (CTR)", "Click-through rate (CTR)"),
        why: (
            "Le taux de clic indique l’intérêt et la pertinence que les personnes accordent à votre publicité. Un taux faible malgré beaucoup d’impressions signifie que le message est vu mais ne donne pas envie.",
            "The click-through rate shows how interesting and relevant people find your ad. A low rate despite many impressions means the message is seen but does not appeal.",
        ),
        where_to_find: (
            "Clics / impressions : Google Analytics, les régies (Google Ads, Meta Ads) et Google Search Console l’affichent. Ne comparez que des canaux comparables : le taux de clic d’un résultat de recherche n’est pas celui d’une bannière.",
            "Clicks / impressions: Google Analytics, ad platforms (Google Ads, Meta Ads) and Google Search Console show it. Only compare comparable channels: a search result's click-through rate is not a banner's.",
        ),
        how_to_improve: (
            "Testez plusieurs accroches et visuels, resserrez le ciblage et placez l’appel à l’action bien en vue. Utilisez un outil de carte de chaleur pour voir où les visiteurs passent du temps et améliorez la page en conséquence.",
            "Test several headlines and visuals, tighten targeting and make the call to action prominent. Use a heatmap tool to see where visitors spend their time and improve the page accordingly.",
        ),
    },
    Entry {
        id: "cpa",
        unit: Currency,
        direction: Down,
        definition: F("cost / conversions"),
        name: ("Coût par acquisition (CPA)", "Cost per acquisition (CPA)"),
        why: (
            "Le CPA mesure le coût d’une conversion, qu’il s’agisse d’une vente ou d’une inscription à une newsletter. Pour une campagne de notoriété ou de génération de prospects, il compte moins ; pour une campagne de vente, il doit rester inférieur au panier moyen, sinon chaque vente coûte plus qu’elle ne rapporte.",
            "CPA measures what one conversion costs, be it a sale or a newsletter sign-up. For an awareness or lead generation campaign it matters less; for a sales campaign it must stay below the average purchase value, or each sale costs more than it brings in.",
        ),
        where_to_find: (
            "Coût publicitaire / nombre de conversions : les régies (Google Ads, Meta Ads) le calculent pour leurs propres campagnes. Pour une vue d’ensemble, rapportez vos dépenses totales aux conversions de GA4 sur la même période.",
            "Ad cost / number of conversions: ad platforms (Google Ads, Meta Ads) compute it for their own campaigns. For the overall picture, divide your total spend by GA4 conversions over the same period.",
        ),
        how_to_improve: (
            "Coupez les mots clés et les audiences qui ne convertissent pas, et améliorez les pages d’arrivée. Déplacez le budget vers les annonces au CPA le plus bas, en vérifiant qu’elles amènent des clients de même valeur.",
            "Cut keywords and audiences that do not convert, and improve landing pages. Move budget to the ads with the lowest CPA, checking that they bring customers of the same value.",
        ),
    },
    Entry {
        id: "cac",
        unit: Currency,
        direction: Down,
        definition: F("cost / new_customers"),
        name: (
            "Coût d’acquisition client (CAC)",
            "Customer acquisition cost (CAC)",
        ),
        why: (
            "Le CAC dit combien coûte un nouveau client, toutes dépenses marketing confondues. Comparez-le à ce que ce client rapportera sur toute sa relation avec vous : s’il achète souvent, un CAC élevé peut rester rentable.",
            "CAC tells what a new customer costs, all marketing spend included. Compare it with what that customer will bring over their whole relationship with you: if they buy often, a high CAC can still pay off.",
        ),
        where_to_find: (
            "Dépenses marketing de la période / nouveaux clients de la même période, depuis le CRM ou le back-office. Comptez toutes les dépenses d’acquisition (publicité, outils, prestataires), pas seulement la publicité.",
            "Marketing spend in the period / new customers in the same period, from the CRM or the back-office. Count all acquisition spend (advertising, tools, suppliers), not only advertising.",
        ),
        how_to_improve: (
            "Misez sur les leviers peu coûteux (parrainage, référencement naturel, e-mail) et réduisez les campagnes au CAC le plus élevé. Travaillez la fidélisation : un client qui revient amortit son coût d’acquisition.",
            "Favour low-cost levers (referrals, organic search, email) and scale back the campaigns with the highest CAC. Work on retention: a customer who comes back pays off their acquisition cost.",
        ),
    },
    Entry {
        id: "cost_per_visitor",
        unit: Currency,
        direction: Down,
        definition: F("cost / sessions"),
        name: ("Coût d’acquisition d’un visiteur", "Cost per visitor"),
        why: (
            "Ce que coûte chaque visite amenée sur le site : utile pour comparer entre elles les sources de trafic payantes. Un coût par visiteur qui monte sans hausse des conversions est un budget qui s’évapore.",
            "What each visit brought to the site costs: useful to compare paid traffic sources with one another. A cost per visitor that rises without more conversions is budget evaporating.",
        ),
        where_to_find: (
            "Dépenses des régies / sessions de GA4 venant de ces campagnes, identifiées par leurs paramètres UTM. Ne divisez pas le coût d’une campagne par toutes les sessions du site, trafic naturel compris : le résultat serait flatteur et faux.",
            "Ad platform spend / GA4 sessions from those campaigns, identified by their UTM parameters. Do not divide a campaign's cost by all the site's sessions, organic traffic included: the result would be flattering and wrong.",
        ),
        how_to_improve: (
            "Améliorez la pertinence des annonces pour obtenir un meilleur niveau de qualité et un coût par clic plus bas. Développez en parallèle le trafic gratuit (référencement naturel, réseaux sociaux, newsletter), qui fait baisser le coût moyen.",
            "Make ads more relevant to earn a better quality score and a lower cost per click. Meanwhile grow free traffic (organic search, social media, newsletter), which brings the average cost down.",
        ),
    },
    Entry {
        id: "revenue_per_visitor",
        unit: Currency,
        direction: Up,
        definition: F("revenue / sessions"),
        name: ("Chiffre d’affaires par visiteur", "Revenue per visitor"),
        why: (
            "Le chiffre d’affaires par visite réunit le taux de conversion et le panier moyen en un seul chiffre : c’est le bon critère d’un test A/B qui peut faire acheter plus souvent ou plus cher. Il se calcule sur les totaux de la période.",
            "Revenue per visit brings the conversion rate and the average purchase value together in one figure: the right criterion for an A/B test that may make people buy more often or buy more. It is computed on the period's totals.",
        ),
        where_to_find: (
            "Chiffre d’affaires / sessions : GA4 (monétisation) ou le back-office de la boutique, divisé par les sessions de la même période. Pour un test A/B, l’outil de test donne le chiffre d’affaires et les visiteurs de chaque variante.",
            "Revenue / sessions: GA4 (monetisation) or the shop's back-office, divided by the sessions of the same period. For an A/B test, the testing tool gives each variant's revenue and visitors.",
        ),
        how_to_improve: (
            "Travaillez les deux facteurs : la conversion (confiance, paiement simple) et le panier (ventes croisées, seuil de livraison gratuite). Testez chaque changement en A/B plutôt que de le supposer gagnant.",
            "Work on both factors: conversion (trust, simple payment) and the basket (cross-selling, a free-delivery threshold). A/B test each change instead of assuming it wins.",
        ),
    },
    Entry {
        id: "roi",
        unit: Percent,
        direction: Up,
        definition: F("(revenue - cost) / cost"),
        name: (
            "Retour sur investissement (ROI)",
            "Return on investment (ROI)",
        ),
        why: (
            "Le ROI compare le chiffre d’affaires aux dépenses marketing : il dit si l’argent investi rapporte plus qu’il ne coûte. Un ROI de 100 % signifie que chaque euro dépensé en a rapporté deux ; un ROI négatif, que l’action perd de l’argent.",
            "ROI compares revenue with marketing spend: it tells whether the money invested brings back more than it costs. An ROI of 100% means each euro spent brought back two; a negative ROI means the action loses money.",
        ),
        where_to_find: (
            "(Chiffre d’affaires − coût) / coût, avec le chiffre d’affaires attribué à la campagne (GA4, back-office, codes promo dédiés) et ses dépenses (régies, factures). Un tableau de suivi des opérations rapproche chaque action de son budget.",
            "(Revenue − cost) / cost, with the revenue attributed to the campaign (GA4, back-office, dedicated promo codes) and its spend (ad platforms, invoices). An operations tracking sheet ties each action to its budget.",
        ),
        how_to_improve: (
            "Renforcez les leviers au meilleur ROI et arrêtez ceux qui détruisent de la valeur. Travaillez aussi le panier moyen et la fidélisation, qui augmentent le chiffre d’affaires sans dépense supplémentaire.",
            "Reinforce the levers with the best ROI and stop those that destroy value. Work on the average purchase value and on retention too, which grow revenue without extra spend.",
        ),
    },
    Entry {
        id: "roas",
        unit: Ratio,
        direction: Up,
        definition: F("revenue / cost"),
        name: (
            "Retour sur dépenses publicitaires (ROAS)",
            "Return on ad spend (ROAS)",
        ),
        why: (
            "Le ROAS dit combien d’euros de ventes rapporte chaque euro de publicité : un ROAS de 4 signifie 4 € de chiffre d’affaires pour 1 € dépensé. Il se lit campagne par campagne pour décider où placer le budget.",
            "ROAS tells how much revenue each unit of ad spend brings: a ROAS of 4 means 4 € of revenue for 1 € spent. Read it campaign by campaign to decide where the budget goes.",
        ),
        where_to_find: (
            "Chiffre d’affaires / dépenses publicitaires : Google Ads et Meta Ads l’affichent (valeur de conversion / coût) si le suivi des ventes est en place. Vérifiez les montants dans GA4 ou le back-office, car chaque régie s’attribue volontiers la même vente.",
            "Revenue / ad spend: Google Ads and Meta Ads show it (conversion value / cost) once sales tracking is set up. Check the amounts in GA4 or the back-office, as each platform gladly claims the same sale.",
        ),
        how_to_improve: (
            "Ciblez les audiences qui achètent, mettez en avant les produits à forte marge et baissez les enchères sur les requêtes peu rentables. Excluez les clients récents des campagnes de conquête pour ne pas payer des ventes que vous auriez faites de toute façon.",
            "Target audiences that buy, feature high-margin products and lower bids on unprofitable queries. Exclude recent customers from acquisition campaigns so you do not pay for sales you would have made anyway.",
        ),
    },
    Entry {
        id: "email_optin_rate",
        unit: Percent,
        direction: Up,
        definition: F("email_optins / contacts"),
        name: ("Taux d’opt-in e-mail", "Email opt-in rate"),
        why: (
            "La part de vos contacts qui acceptent vos e-mails mesure la qualité de votre base et votre capacité à communiquer sans payer de média. Un taux qui baisse annonce des newsletters qui touchent de moins en moins de monde.",
            "The share of your contacts who accept your emails measures the quality of your base and your ability to reach people without paying for media. A falling rate means newsletters that reach fewer and fewer people.",
        ),
        where_to_find: (
            "Opt-in e-mail / contacts, depuis le CRM ou l’outil d’e-mailing (Mailchimp, Brevo). Relevez les deux chiffres à la même date pour que le rapport ait un sens.",
            "Email opt-ins / contacts, from the CRM or the emailing tool (Mailchimp, Brevo). Take both figures on the same date so the ratio makes sense.",
        ),
        how_to_improve: (
            "Demandez le consentement à chaque point de collecte avec une vraie promesse de contenu (conseils, avant-premières, offres réservées). Proposez un centre de préférences plutôt qu’un désabonnement total.",
            "Ask for consent at every collection point with a real content promise (tips, previews, exclusive offers). Offer a preference centre rather than an all-or-nothing unsubscribe.",
        ),
    },
    Entry {
        id: "sms_optin_rate",
        unit: Percent,
        direction: Up,
        definition: F("sms_optins / contacts"),
        name: ("Taux d’opt-in SMS", "SMS opt-in rate"),
        why: (
            "La part de vos contacts joignables par SMS mesure votre accès à un canal direct et réactif, idéal pour les rappels et les offres de dernière minute. Comparée au taux d’opt-in e-mail, elle dit quel canal privilégier pour chaque message.",
            "The share of your contacts reachable by text message measures your access to a direct, responsive channel, ideal for reminders and last-minute offers. Compared with the email opt-in rate, it tells which channel to favour for each message.",
        ),
        where_to_find: (
            "Opt-in SMS / contacts, depuis le CRM ou la plateforme d’envoi de SMS (Brevo, par exemple). Relevez les deux chiffres à la même date.",
            "SMS opt-ins / contacts, from the CRM or the SMS platform (Brevo, for example). Take both figures on the same date.",
        ),
        how_to_improve: (
            "Demandez le numéro en caisse et à la commande en expliquant son usage (suivi de commande, offres réservées). Limitez la fréquence d’envoi : quelques SMS utiles valent mieux qu’une relance hebdomadaire qui fait fuir.",
            "Ask for the number at the till and at checkout, explaining what it is for (order tracking, exclusive offers). Keep sends infrequent: a few useful texts beat a weekly reminder that drives people away.",
        ),
    },
    Entry {
        id: "new_data_share",
        unit: Percent,
        direction: Up,
        definition: F("new_contacts / contacts"),
        name: (
            "Part de nouvelles données (recrutement)",
            "Share of new data (recruitment)",
        ),
        why: (
            "La part de contacts recrutés sur la période dit si votre base se renouvelle assez vite pour compenser les contacts perdus. Elle mesure l’efficacité de vos opérations de collecte.",
            "The share of contacts recruited in the period tells whether your base renews itself fast enough to make up for lost contacts. It measures how well your collection operations work.",
        ),
        where_to_find: (
            "Nouveaux contacts / contacts, depuis le CRM ou l’outil d’e-mailing (date de création des fiches). Suivez-la par source de collecte pour savoir quelle opération recrute le mieux.",
            "New contacts / contacts, from the CRM or the emailing tool (record creation dates). Track it by collection source to learn which operation recruits best.",
        ),
        how_to_improve: (
            "Multipliez les occasions de collecte (jeux concours, événements, caisse, formulaire du site) et donnez une vraie raison de s’inscrire. Reconduisez les opérations qui recrutent le plus et abandonnez les autres.",
            "Multiply collection opportunities (contests, events, till, website form) and give a real reason to sign up. Repeat the operations that recruit most and drop the others.",
        ),
    },
    Entry {
        id: "participation_rate",
        unit: Percent,
        direction: Up,
        definition: F("participants / invited"),
        name: ("Taux de participation", "Participation rate"),
        why: (
            "La part des invités qui participent mesure l’attrait d’un événement ou d’une opération d’animation. Comparée d’une opération à l’autre, elle montre quels formats et quels publics répondent le mieux.",
            "The share of invitees who take part measures how attractive an event or community operation is. Compared from one operation to the next, it shows which formats and audiences respond best.",
        ),
        where_to_find: (
            "Participants / invités : la liste d’invitation et la feuille de présence, ou l’outil d’inscription et de billetterie (Eventbrite, Weezevent). Comptez les présents le jour même, pas les inscrits.",
            "Participants / invited: the invitation list and the attendance sheet, or the registration and ticketing tool (Eventbrite, Weezevent). Count those present on the day, not those registered.",
        ),
        how_to_improve: (
            "Ciblez les invitations par segment (familles, actifs, seniors, étudiants) et envoyez un rappel la veille. Donnez une raison concrète de venir : atelier, avant-première, offre réservée aux participants.",
            "Target invitations by segment (families, working people, seniors, students) and send a reminder the day before. Give a concrete reason to come: a workshop, a preview, an offer for participants only.",
        ),
    },
    Entry {
        id: "engagement_rate",
        unit: Percent,
        direction: Up,
        definition: F("engagements / impressions"),
        name: ("Taux d’engagement", "Engagement rate"),
        why: (
            "Le taux d’engagement sur les réseaux sociaux dit si vos publications suscitent des réactions, pas seulement des vues. Il permet de comparer des publications ou des comptes aux audiences très différentes.",
            "The engagement rate on social media tells whether your posts spark reactions, not just views. It lets you compare posts or accounts with very different audiences.",
        ),
        where_to_find: (
            "Interactions / impressions, depuis les statistiques des réseaux sociaux (Meta Business Suite, LinkedIn, TikTok) ou votre outil de gestion des réseaux. Certaines plateformes divisent par la portée ou par les abonnés : gardez toujours la même définition.",
            "Engagements / impressions, from social media insights (Meta Business Suite, LinkedIn, TikTok) or your social media management tool. Some platforms divide by reach or by followers: always keep the same definition.",
        ),
        how_to_improve: (
            "Si l’engagement est faible, révisez votre approche : testez de nouveaux messages et formats, publiez au bon moment. Répondez à votre communauté et invitez-la à réagir (questions, sondages, contenus de clients).",
            "If engagement is low, revise your approach: test new messages and formats, post at the right time. Answer your community and invite it to react (questions, polls, customer content).",
        ),
    },
    Entry {
        id: "customers_per_day",
        unit: Count,
        direction: Up,
        definition: F("customers / days"),
        name: ("Clients par jour", "Customers per day"),
        why: (
            "Mesuré au fil du temps, le nombre de clients par jour permet de suivre la fréquentation de votre magasin et de votre boutique en ligne. Il montre aussi l’impact de vos campagnes : un pic après une opération en mesure l’effet.",
            "Measured over time, customers per day lets you follow how busy your store and your online shop are. It also shows the impact of your campaigns: a peak after an operation measures its effect.",
        ),
        where_to_find: (
            "Clients de la période / jours de la période : un compteur de personnes ou un logiciel d’analyse en magasin, ou le nombre de tickets de caisse. En ligne, mesurez simplement le trafic vers votre site.",
            "Customers in the period / days in the period: a people counter or in-store analytics software, or the number of till receipts. Online, simply measure the traffic to your website.",
        ),
        how_to_improve: (
            "Rendez votre vitrine plus attrayante ou organisez des événements. En ligne, augmentez le trafic vers votre site à l’aide de newsletters et d’activités sur les réseaux sociaux.",
            "Make your shop window more attractive or hold events. Online, grow traffic to your website with newsletters and social media activity.",
        ),
    },
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use expect_test::expect;

    use super::*;

    fn sum() -> Definition {
        Definition::Measure(Aggregation::Sum)
    }

    fn mean(weight: &str) -> Definition {
        Definition::Measure(Aggregation::WeightedMean {
            weight: weight.to_owned(),
        })
    }

    fn formula(text: &str) -> Definition {
        Definition::Formula(Formula::parse(text).unwrap())
    }

    #[test]
    fn ids_are_unique() {
        let mut seen = HashSet::new();
        for kpi in builtin() {
            assert!(seen.insert(kpi.id.as_str()), "`{}` twice", kpi.id);
        }
    }

    #[test]
    fn the_contract_ids_have_their_unit_direction_and_definition() {
        let contract = [
            ("sessions", Count, Up, sum()),
            ("transactions", Count, Up, sum()),
            ("revenue", Currency, Up, sum()),
            ("cost", Currency, Down, sum()),
            ("impressions", Count, Up, sum()),
            ("reach", Count, Up, sum()),
            ("clicks", Count, Up, sum()),
            ("conversions", Count, Up, sum()),
            ("customers", Count, Up, sum()),
            ("new_customers", Count, Up, sum()),
            ("contacts", Count, Up, sum()),
            ("new_contacts", Count, Up, sum()),
            ("email_optins", Count, Up, sum()),
            ("sms_optins", Count, Up, sum()),
            ("participants", Count, Up, sum()),
            ("invited", Count, Up, sum()),
            ("engagements", Count, Up, sum()),
            ("responses", Count, Up, sum()),
            ("search_position", Ratio, Down, mean("impressions")),
            ("satisfaction_score", Score, Up, mean("responses")),
            ("time_on_site", Duration, Up, mean("sessions")),
            (
                "conversion_rate",
                Percent,
                Up,
                formula("transactions / sessions"),
            ),
            (
                "average_purchase_value",
                Currency,
                Up,
                formula("revenue / transactions"),
            ),
            ("ctr", Percent, Up, formula("clicks / impressions")),
            ("cpa", Currency, Down, formula("cost / conversions")),
            ("cac", Currency, Down, formula("cost / new_customers")),
            (
                "cost_per_visitor",
                Currency,
                Down,
                formula("cost / sessions"),
            ),
            (
                "revenue_per_visitor",
                Currency,
                Up,
                formula("revenue / sessions"),
            ),
            ("roi", Percent, Up, formula("(revenue - cost) / cost")),
            ("roas", Ratio, Up, formula("revenue / cost")),
            (
                "email_optin_rate",
                Percent,
                Up,
                formula("email_optins / contacts"),
            ),
            (
                "sms_optin_rate",
                Percent,
                Up,
                formula("sms_optins / contacts"),
            ),
            (
                "new_data_share",
                Percent,
                Up,
                formula("new_contacts / contacts"),
            ),
            (
                "participation_rate",
                Percent,
                Up,
                formula("participants / invited"),
            ),
            (
                "engagement_rate",
                Percent,
                Up,
                formula("engagements / impressions"),
            ),
            ("customers_per_day", Count, Up, formula("customers / days")),
        ];
        for (id, unit, direction, definition) in &contract {
            let kpi = find(id).unwrap_or_else(|| panic!("no `{id}`"));
            assert_eq!(kpi.id, *id);
            assert_eq!((kpi.unit, kpi.direction), (*unit, *direction), "{id}");
            assert_eq!(&kpi.definition, definition, "{id}");
            assert!(kpi.builtin, "{id}");
        }
        // Nothing outside the contract slips in unnoticed.
        assert_eq!(builtin().len(), contract.len());
        assert!(find("unknown").is_none());
    }

    #[test]
    fn formulas_use_additive_built_in_measures() {
        for kpi in builtin() {
            if let Definition::Formula(formula) = &kpi.definition {
                assert!(!formula.measures().is_empty(), "`{}`", kpi.id);
                for name in formula.measures() {
                    assert!(
                        find(name).is_some_and(KpiDef::is_additive_measure),
                        "`{}` uses `{name}`, which is not a built-in additive measure",
                        kpi.id
                    );
                }
            }
        }
    }

    #[test]
    fn weights_are_additive_built_in_measures() {
        for kpi in builtin() {
            if let Definition::Measure(Aggregation::WeightedMean { weight }) = &kpi.definition {
                assert!(
                    find(weight).is_some_and(KpiDef::is_additive_measure),
                    "`{}` is weighted by `{weight}`, which is not a built-in additive measure",
                    kpi.id
                );
            }
        }
    }

    #[test]
    fn every_text_is_written_in_both_languages() {
        for kpi in builtin() {
            let guidance = &kpi.guidance;
            for (field, text) in [
                ("name", &kpi.name),
                ("why", &guidance.why),
                ("where_to_find", &guidance.where_to_find),
                ("how_to_improve", &guidance.how_to_improve),
            ] {
                let id = &kpi.id;
                assert!(!text.fr.trim().is_empty(), "`{id}` {field}: no French");
                assert!(!text.en.trim().is_empty(), "`{id}` {field}: no English");
                if field != "name" {
                    assert_ne!(text.fr, text.en, "`{id}` {field}: not translated");
                    for sentence in [&text.fr, &text.en] {
                        assert!(
                            sentence.ends_with('.') || sentence.ends_with('?'),
                            "`{id}` {field}: `{sentence}` is not a finished sentence"
                        );
                    }
                }
                // French typography: the catalogue uses the typographic
                // apostrophe throughout, as the rest of the interface does.
                assert!(
                    !text.fr.contains('\''),
                    "`{id}` {field}: straight apostrophe in `{}`",
                    text.fr
                );
            }
        }
    }

    /// Seed 003 says the CPA must be "supérieur" to the average purchase
    /// value; the sound rule, which the catalogue teaches, is the opposite.
    #[test]
    fn cpa_guidance_keeps_the_cpa_below_the_average_purchase_value() {
        let cpa = find("cpa").unwrap();
        assert!(
            cpa.guidance
                .why
                .fr
                .contains("doit rester inférieur au panier moyen")
        );
        assert!(
            cpa.guidance
                .why
                .en
                .contains("must stay below the average purchase value")
        );
    }

    #[test]
    fn catalogue_snapshot() {
        let lines: String = builtin()
            .iter()
            .map(|kpi| {
                let definition = match &kpi.definition {
                    Definition::Formula(formula) => format!("= {formula}"),
                    Definition::Measure(aggregation) => aggregation.to_text(),
                };
                format!("{} {} {} {definition}\n", kpi.id, kpi.unit, kpi.direction)
            })
            .collect();
        expect![[r#"
            sessions count up sum
            transactions count up sum
            revenue currency up sum
            cost currency down sum
            impressions count up sum
            reach count up sum
            clicks count up sum
            conversions count up sum
            customers count up sum
            new_customers count up sum
            contacts count up sum
            new_contacts count up sum
            email_optins count up sum
            sms_optins count up sum
            participants count up sum
            invited count up sum
            engagements count up sum
            responses count up sum
            search_position ratio down mean:impressions
            satisfaction_score score up mean:responses
            time_on_site duration up mean:sessions
            conversion_rate percent up = transactions / sessions
            average_purchase_value currency up = revenue / transactions
            ctr percent up = clicks / impressions
            cpa currency down = cost / conversions
            cac currency down = cost / new_customers
            cost_per_visitor currency down = cost / sessions
            revenue_per_visitor currency up = revenue / sessions
            roi percent up = (revenue - cost) / cost
            roas ratio up = revenue / cost
            email_optin_rate percent up = email_optins / contacts
            sms_optin_rate percent up = sms_optins / contacts
            new_data_share percent up = new_contacts / contacts
            participation_rate percent up = participants / invited
            engagement_rate percent up = engagements / impressions
            customers_per_day count up = customers / days
        "#]]
        .assert_eq(&lines);
    }
}
