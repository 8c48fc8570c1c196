//! The built-in KPI catalogue: the measures a marketer records (sessions,
//! revenue, cost…) and the KPIs computed from them (conversion rate, CPA,
//! ROI…), each with its unit, its direction, and in French and English why
//! to measure it, where to find the data and how to improve it (the pattern
//! of seed 003).
//!
//! These ids are a contract: plans, imports and other programs use them.

use std::sync::LazyLock;

use crate::formula::Formula;
use crate::kpi::{Aggregation, Definition, Direction, Guidance, KpiDef, Localized, Unit};

/// Every built-in KPI and measure, measures first.
pub fn builtin() -> &'static [KpiDef] {
    &BUILTIN
}

/// A built-in KPI or measure by id.
pub fn find(id: &str) -> Option<&'static KpiDef> {
    BUILTIN.iter().find(|kpi| kpi.id == id)
}

/// How an entry is defined, before formulas are parsed.
enum Def {
    Sum,
    Mean(&'static str),
    Formula(&'static str),
}

/// One entry: id, unit, direction, definition, then (French, English) for
/// the name, why, where and how.
type Entry = (
    &'static str,
    Unit,
    Direction,
    Def,
    [(&'static str, &'static str); 4],
);

static BUILTIN: LazyLock<Vec<KpiDef>> = LazyLock::new(|| {
    ENTRIES
        .iter()
        .map(
            |(id, unit, direction, def, [name, why, where_to_find, how])| KpiDef {
                id: (*id).to_owned(),
                name: Localized::new(name.0, name.1),
                unit: *unit,
                direction: *direction,
                definition: match def {
                    Sum => Definition::Measure(Aggregation::Sum),
                    Mean(weight) => Definition::Measure(Aggregation::WeightedMean {
                        weight: (*weight).to_owned(),
                    }),
                    // The catalogue's formulas are fixed text, checked by the
                    // tests below; a typo here is a bug caught at once.
                    F(text) => Definition::Formula(
                        Formula::parse(text)
                            .unwrap_or_else(|error| panic!("built-in formula `{text}`: {error}")),
                    ),
                },
                guidance: Guidance {
                    why: Localized::new(why.0, why.1),
                    where_to_find: Localized::new(where_to_find.0, where_to_find.1),
                    how_to_improve: Localized::new(how.0, how.1),
                },
                builtin: true,
            },
        )
        .collect()
});

use Def::{Formula as F, Mean, Sum};
use Direction::{Down, Up};
use Unit::{Count, Currency, Duration, Percent, Ratio, Score};

const ENTRIES: &[Entry] = &[
    (
        "sessions",
        Count,
        Up,
        Sum,
        [
            ("Sessions (visites)", "Sessions (visits)"),
            (
                "Les visites mesurent la fréquentation du site : c’est le dénominateur du taux de conversion et le premier signe qu’une campagne attire du monde.",
                "Visits measure the site's traffic: they are the denominator of the conversion rate and the first sign that a campaign draws people in.",
            ),
            (
                "Google Analytics 4 (Acquisition > Acquisition de trafic), ou l’outil d’analyse de votre plateforme e-commerce.",
                "Google Analytics 4 (Acquisition > Traffic acquisition), or your e-commerce platform's analytics.",
            ),
            (
                "Newsletters, réseaux sociaux, référencement naturel et campagnes payantes ciblées ; vérifiez la source de chaque visite pour renforcer celles qui convertissent.",
                "Newsletters, social media, search engine optimisation and targeted paid campaigns; check each visit's source and reinforce those that convert.",
            ),
        ],
    ),
    (
        "transactions",
        Count,
        Up,
        Sum,
        [
            ("Transactions (commandes)", "Transactions (orders)"),
            (
                "Le nombre de commandes est le résultat concret des ventes, en ligne comme en magasin ; il sert au taux de conversion et au panier moyen.",
                "The number of orders is the concrete result of sales, online and in store; it feeds the conversion rate and the average purchase value.",
            ),
            (
                "Le back-office de la boutique (Shopify, WooCommerce, PrestaShop), la caisse en magasin, ou GA4 (Monétisation > Achats e-commerce).",
                "The shop back-office (Shopify, WooCommerce, PrestaShop), the store's till, or GA4 (Monetisation > E-commerce purchases).",
            ),
            (
                "Simplifiez le tunnel d’achat, rassurez (avis, livraison, retours) et relancez les paniers abandonnés par e-mail.",
                "Simplify the checkout, reassure (reviews, delivery, returns) and follow up abandoned carts by email.",
            ),
        ],
    ),
    (
        "revenue",
        Currency,
        Up,
        Sum,
        [
            ("Chiffre d’affaires", "Revenue"),
            (
                "Le chiffre d’affaires est ce que le marketing doit finalement faire croître ; rapporté aux dépenses, il donne le ROI et le ROAS.",
                "Revenue is what marketing must ultimately grow; set against spend, it gives ROI and ROAS.",
            ),
            (
                "Le back-office de la boutique ou la comptabilité ; en ligne, GA4 (revenu des achats) ; en magasin, les tickets de caisse.",
                "The shop back-office or the accounts; online, GA4 (purchase revenue); in store, the till receipts.",
            ),
            (
                "Augmentez le nombre de commandes et le panier moyen : vente croisée, offres groupées, fidélisation des meilleurs clients.",
                "Grow both the number of orders and their value: cross-selling, bundles, retaining the best customers.",
            ),
        ],
    ),
    (
        "cost",
        Currency,
        Down,
        Sum,
        [
            ("Coût (dépenses marketing)", "Cost (marketing spend)"),
            (
                "Les dépenses rapportées aux résultats disent quelles actions rentabilisent le budget ; c’est le numérateur du CPA, du CAC et du coût par visite.",
                "Spend set against results tells which actions pay back the budget; it is the numerator of CPA, CAC and cost per visitor.",
            ),
            (
                "Les exports des régies (Google Ads, Meta Ads), des outils d’e-mailing (Mailchimp, Brevo) et les factures des prestataires.",
                "Exports from ad platforms (Google Ads, Meta Ads), emailing tools (Mailchimp, Brevo) and suppliers' invoices.",
            ),
            (
                "Coupez les campagnes dont le coût par acquisition dépasse le panier moyen et déplacez le budget vers les leviers les plus efficaces.",
                "Cut campaigns whose cost per acquisition exceeds the average purchase value and move budget to the most efficient levers.",
            ),
        ],
    ),
    (
        "impressions",
        Count,
        Up,
        Sum,
        [
            ("Impressions", "Impressions"),
            (
                "Le nombre d’affichages de vos publicités ou publications mesure leur visibilité : plus le message est vu, plus il a de chances de marquer les esprits.",
                "How many times your ads or posts were shown measures their visibility: the more a message is seen, the more likely it sticks.",
            ),
            (
                "Les régies publicitaires (Google Ads, Meta Ads), les statistiques des réseaux sociaux et la Search Console pour le référencement naturel.",
                "Ad platforms (Google Ads, Meta Ads), social media insights, and Search Console for organic search.",
            ),
            (
                "Créez plusieurs versions de vos publicités et augmentez le budget des plus performantes ; publiez régulièrement aux heures où votre audience est active.",
                "Create several versions of your ads and raise the budget of the best ones; post regularly when your audience is active.",
            ),
        ],
    ),
    (
        "reach",
        Count,
        Up,
        Sum,
        [
            ("Portée", "Reach"),
            (
                "La portée compte les personnes distinctes atteintes par une campagne : elle dit si le message touche de nouveaux publics ou toujours les mêmes.",
                "Reach counts the distinct people a campaign touched: it tells whether the message finds new audiences or always the same ones.",
            ),
            (
                "Les statistiques des réseaux sociaux et des régies (Meta Ads, LinkedIn) ; pour l’e-mail, le nombre de destinataires délivrés.",
                "Social media and ad platform insights (Meta Ads, LinkedIn); for email, the number of delivered recipients.",
            ),
            (
                "Élargissez le ciblage, variez les formats et les canaux, et encouragez le partage de vos contenus.",
                "Widen targeting, vary formats and channels, and encourage sharing of your content.",
            ),
        ],
    ),
    (
        "clicks",
        Count,
        Up,
        Sum,
        [
            ("Clics", "Clicks"),
            (
                "Les clics montrent l’intérêt que les personnes accordent à votre publicité ou à votre e-mail : c’est le passage de la visibilité à l’action.",
                "Clicks show the interest people take in your ad or email: the step from visibility to action.",
            ),
            (
                "Google Analytics 4, les régies publicitaires, les rapports de campagne Mailchimp ou Brevo.",
                "Google Analytics 4, ad platforms, Mailchimp or Brevo campaign reports.",
            ),
            (
                "Un appel à l’action clair, un visuel fort et un message adapté à chaque segment ; testez plusieurs versions.",
                "A clear call to action, a strong visual and a message fitted to each segment; test several versions.",
            ),
        ],
    ),
    (
        "conversions",
        Count,
        Up,
        Sum,
        [
            ("Conversions", "Conversions"),
            (
                "Une conversion est l’action que la campagne vise (achat, inscription, demande de devis) : c’est le résultat qu’on paie et le dénominateur du CPA.",
                "A conversion is the action the campaign aims at (purchase, sign-up, quote request): it is the result you pay for and the denominator of CPA.",
            ),
            (
                "Les objectifs de conversion de GA4, les régies publicitaires (conversions suivies), ou les inscriptions comptées par votre outil d’e-mailing.",
                "GA4 key events, ad platforms (tracked conversions), or sign-ups counted by your emailing tool.",
            ),
            (
                "Alignez la page d’arrivée sur la promesse de l’annonce, réduisez les champs des formulaires et testez les pages avec des tests A/B.",
                "Match the landing page to the ad's promise, cut form fields and A/B test your pages.",
            ),
        ],
    ),
    (
        "customers",
        Count,
        Up,
        Sum,
        [
            ("Clients", "Customers"),
            (
                "Le nombre de clients suivi au fil du temps mesure la fréquentation du magasin et de la boutique en ligne, et l’impact de vos campagnes.",
                "The number of customers over time measures how busy the store and the online shop are, and the impact of your campaigns.",
            ),
            (
                "Un compteur de personnes en magasin ou la caisse ; en ligne, les clients uniques du back-office ou de GA4.",
                "A people counter or the till in store; online, unique customers from the back-office or GA4.",
            ),
            (
                "Rendez la vitrine plus attrayante, organisez des événements, et amenez du trafic en ligne par des newsletters et des activités sociales.",
                "Make the shop window more attractive, hold events, and bring traffic online with newsletters and social activity.",
            ),
        ],
    ),
    (
        "new_customers",
        Count,
        Up,
        Sum,
        [
            ("Nouveaux clients", "New customers"),
            (
                "Les nouveaux clients mesurent la conquête : sans eux, la base s’érode ; ils sont le dénominateur du coût d’acquisition client (CAC).",
                "New customers measure acquisition: without them the customer base erodes; they are the denominator of customer acquisition cost (CAC).",
            ),
            (
                "Le CRM ou le back-office de la boutique (premières commandes) ; en magasin, la création de fiches ou de cartes de fidélité.",
                "The CRM or the shop back-office (first orders); in store, new customer records or loyalty cards.",
            ),
            (
                "Offre de bienvenue, parrainage et campagnes vers des audiences similaires à vos meilleurs clients.",
                "Welcome offers, referral programmes and campaigns aimed at audiences similar to your best customers.",
            ),
        ],
    ),
    (
        "contacts",
        Count,
        Up,
        Sum,
        [
            ("Contacts", "Contacts"),
            (
                "La taille de la base de contacts joignables est le capital de la communication directe ; c’est le dénominateur des taux d’opt-in.",
                "The size of the reachable contact base is the capital of direct marketing; it is the denominator of opt-in rates.",
            ),
            (
                "Le CRM ou l’outil d’e-mailing (Mailchimp, Brevo) : nombre de contacts actifs à la date.",
                "The CRM or the emailing tool (Mailchimp, Brevo): number of active contacts on the day.",
            ),
            (
                "Collectez les coordonnées à chaque point de contact (caisse, jeu concours, site) avec un consentement clair, et nettoyez régulièrement la base.",
                "Collect details at every touchpoint (till, contest, website) with clear consent, and clean the base regularly.",
            ),
        ],
    ),
    (
        "new_contacts",
        Count,
        Up,
        Sum,
        [
            ("Nouveaux contacts", "New contacts"),
            (
                "Les contacts recrutés sur la période mesurent le renouvellement de la base (la « part de nouvelles données »).",
                "Contacts recruited in the period measure how the base renews itself (the share of new data).",
            ),
            (
                "Le CRM ou l’outil d’e-mailing : contacts créés sur la période, par source de collecte.",
                "The CRM or the emailing tool: contacts created in the period, by collection source.",
            ),
            (
                "Formulaires d’inscription visibles, jeux concours, avantages réservés aux inscrits et collecte en magasin.",
                "Visible sign-up forms, contests, subscriber-only perks and collection in store.",
            ),
        ],
    ),
    (
        "email_optins",
        Count,
        Up,
        Sum,
        [
            ("Opt-in e-mail", "Email opt-ins"),
            (
                "Les contacts qui acceptent de recevoir vos e-mails sont ceux que vous pouvez légalement et durablement solliciter.",
                "Contacts who agree to receive your emails are the ones you can legally and durably reach.",
            ),
            (
                "L’outil d’e-mailing ou le CRM : contacts abonnés (consentement e-mail) à la date.",
                "The emailing tool or the CRM: subscribed contacts (email consent) on the day.",
            ),
            (
                "Expliquez ce que l’abonné recevra et à quelle fréquence, proposez un avantage à l’inscription, et laissez choisir les thèmes dans un centre de préférences.",
                "Say what subscribers will get and how often, offer a sign-up perk, and let them pick topics in a preference centre.",
            ),
        ],
    ),
    (
        "sms_optins",
        Count,
        Up,
        Sum,
        [
            ("Opt-in SMS", "SMS opt-ins"),
            (
                "Les contacts qui acceptent les SMS ouvrent un canal direct et très lu, à réserver aux messages utiles.",
                "Contacts who accept SMS open a direct, widely read channel, to be kept for useful messages.",
            ),
            (
                "La plateforme d’envoi de SMS (Brevo, etc.) ou le CRM : contacts avec consentement SMS.",
                "The SMS platform (Brevo, etc.) or the CRM: contacts with SMS consent.",
            ),
            (
                "Proposez le SMS pour ce qui est pratique (suivi de commande, rappel de rendez-vous, offres flash) et demandez le consentement en caisse.",
                "Offer SMS for what is practical (order tracking, appointment reminders, flash offers) and ask for consent at the till.",
            ),
        ],
    ),
    (
        "participants",
        Count,
        Up,
        Sum,
        [
            ("Participants", "Participants"),
            (
                "Les participants à un événement, un jeu ou un atelier mesurent l’animation de votre communauté.",
                "Participants in an event, a contest or a workshop measure how lively your community is.",
            ),
            (
                "Les inscriptions et la feuille de présence de l’événement, ou l’outil du jeu concours.",
                "The event's registrations and attendance sheet, or the contest tool.",
            ),
            (
                "Choisissez des dates qui conviennent à chaque segment (familles le week-end, actifs en soirée), relancez les inscrits la veille.",
                "Pick dates that suit each segment (families at weekends, working people in the evening), remind registrants the day before.",
            ),
        ],
    ),
    (
        "invited",
        Count,
        Up,
        Sum,
        [
            ("Invités", "Invited"),
            (
                "Le nombre de personnes invitées est la base du taux de participation : sans lui, un nombre de participants ne dit rien.",
                "The number of people invited is the base of the participation rate: without it, a count of participants says little.",
            ),
            (
                "L’outil d’e-mailing (destinataires de l’invitation) ou la liste d’invitations de l’événement.",
                "The emailing tool (recipients of the invitation) or the event's invitation list.",
            ),
            (
                "Invitez les bons segments plutôt que toute la base : une liste ciblée donne un meilleur taux de participation.",
                "Invite the right segments rather than the whole base: a targeted list gives a better participation rate.",
            ),
        ],
    ),
    (
        "engagements",
        Count,
        Up,
        Sum,
        [
            ("Interactions", "Engagements"),
            (
                "Les interactions (mentions j’aime, commentaires, partages, enregistrements) mesurent l’intérêt réel pour vos publications.",
                "Engagements (likes, comments, shares, saves) measure real interest in your posts.",
            ),
            (
                "Les statistiques des réseaux sociaux (Meta Business Suite, LinkedIn, TikTok) ou votre outil de gestion des réseaux.",
                "Social media insights (Meta Business Suite, LinkedIn, TikTok) or your social media management tool.",
            ),
            (
                "Posez des questions, répondez aux commentaires, publiez des coulisses et des contenus de vos clients.",
                "Ask questions, answer comments, post behind-the-scenes and customer content.",
            ),
        ],
    ),
    (
        "responses",
        Count,
        Up,
        Sum,
        [
            ("Réponses aux enquêtes", "Survey responses"),
            (
                "Le nombre de réponses dit si une note de satisfaction est fiable : une moyenne sur dix réponses ne vaut pas une moyenne sur mille.",
                "The number of responses tells whether a satisfaction score can be trusted: a mean of ten answers is not a mean of a thousand.",
            ),
            (
                "L’outil d’enquête (Typeform, Google Forms, enquête post-achat de la boutique).",
                "The survey tool (Typeform, Google Forms, the shop's post-purchase survey).",
            ),
            (
                "Des questionnaires courts envoyés juste après l’achat, sur mobile, avec un petit remerciement.",
                "Short questionnaires sent right after purchase, mobile-friendly, with a small thank-you.",
            ),
        ],
    ),
    (
        "search_position",
        Ratio,
        Down,
        Mean("impressions"),
        [
            (
                "Position moyenne dans les moteurs de recherche",
                "Average search position",
            ),
            (
                "La position sur vos mots clés détermine la part de trafic naturel que vous captez : les premiers résultats prennent l’essentiel des clics.",
                "Your position on your keywords sets the share of organic traffic you capture: the top results take most clicks.",
            ),
            (
                "Google Search Console (position moyenne par requête), pondérée par les impressions.",
                "Google Search Console (average position per query), weighted by impressions.",
            ),
            (
                "Travaillez les contenus qui répondent aux questions des clients, les titres et la vitesse des pages, et obtenez des liens de sites de confiance.",
                "Work on content that answers customers' questions, page titles and speed, and earn links from trusted sites.",
            ),
        ],
    ),
    (
        "satisfaction_score",
        Score,
        Up,
        Mean("responses"),
        [
            ("Note de satisfaction", "Satisfaction score"),
            (
                "La satisfaction annonce la fidélité et le bouche-à-oreille, bien avant que les ventes ne bougent.",
                "Satisfaction foretells loyalty and word of mouth, well before sales move.",
            ),
            (
                "L’outil d’enquête (note moyenne), les avis clients en ligne ; la moyenne est pondérée par le nombre de réponses.",
                "The survey tool (average score), online customer reviews; the mean is weighted by the number of responses.",
            ),
            (
                "Traitez les causes des mauvaises notes (délais, retours, accueil), répondez à chaque avis et mesurez à nouveau.",
                "Fix the causes of poor scores (delays, returns, service), answer every review and measure again.",
            ),
        ],
    ),
    (
        "time_on_site",
        Duration,
        Up,
        Mean("sessions"),
        [
            ("Temps passé sur le site", "Time on site"),
            (
                "La durée moyenne d’une visite indique si les contenus retiennent l’attention ou si les visiteurs repartent aussitôt.",
                "The average visit duration tells whether content holds attention or visitors leave at once.",
            ),
            (
                "Google Analytics 4 (durée d’engagement moyenne par session), en secondes, pondérée par les sessions.",
                "Google Analytics 4 (average engagement time per session), in seconds, weighted by sessions.",
            ),
            (
                "Utilisez une carte de chaleur pour voir où les visiteurs s’arrêtent, améliorez ces pages et proposez des contenus liés.",
                "Use a heatmap to see where visitors stop, improve those pages and suggest related content.",
            ),
        ],
    ),
    (
        "conversion_rate",
        Percent,
        Up,
        F("transactions / sessions"),
        [
            ("Taux de conversion", "Conversion rate"),
            (
                "Comparé à la moyenne de votre secteur, le taux de conversion donne une bonne idée de la santé de votre boutique en ligne : surperformez-vous ou sous-performez-vous ?",
                "Compared with your industry's average, the conversion rate gives a good idea of your online shop's health: are you over- or under-performing?",
            ),
            (
                "Transactions / sessions : la plupart des plateformes e-commerce l’affichent ; hors ligne, divisez les transactions du jour par le nombre de clients entrés.",
                "Transactions / sessions: most e-commerce platforms show it; offline, divide the day's transactions by the number of visitors.",
            ),
            (
                "Gagnez la confiance avec des messages et des contenus convaincants, simplifiez le paiement, et testez les pages clés (A/B).",
                "Earn trust with convincing messages and content, simplify payment, and A/B test the key pages.",
            ),
        ],
    ),
    (
        "average_purchase_value",
        Currency,
        Up,
        F("revenue / transactions"),
        [
            ("Panier moyen", "Average purchase value"),
            (
                "Suivi au fil du temps, le panier moyen montre la hausse ou la baisse de l’achat moyen par client ; c’est le plafond du coût par acquisition acceptable.",
                "Tracked over time, it shows whether the average purchase per customer rises or falls; it is the ceiling of an acceptable cost per acquisition.",
            ),
            (
                "Chiffre d’affaires / nombre de transactions : dans le back-office e-commerce ; hors ligne, divisez le chiffre d’affaires de la caisse par le nombre de tickets.",
                "Revenue / number of transactions: in the e-commerce back-office; offline, divide the till's revenue by the number of receipts.",
            ),
            (
                "Des campagnes créatives, de la vente croisée ou incitative, des offres groupées et un seuil de livraison gratuite.",
                "Creative campaigns, cross-selling and upselling, bundles and a free-delivery threshold.",
            ),
        ],
    ),
    (
        "ctr",
        Percent,
        Up,
        F("clicks / impressions"),
        [
            ("Taux de clic (CTR)", "Click-through rate (CTR)"),
            (
                "Le taux de clic indique l’intérêt et la pertinence que les personnes accordent à votre publicité.",
                "The click-through rate tells how interesting and relevant people find your ad.",
            ),
            (
                "Clics / impressions : Google Analytics, les régies publicitaires, les rapports d’e-mailing.",
                "Clicks / impressions: Google Analytics, ad platforms, emailing reports.",
            ),
            (
                "Testez plusieurs accroches et visuels, ciblez mieux, et placez l’appel à l’action bien en vue.",
                "Test several headlines and visuals, target better, and make the call to action prominent.",
            ),
        ],
    ),
    (
        "cpa",
        Currency,
        Down,
        F("cost / conversions"),
        [
            ("Coût par acquisition (CPA)", "Cost per acquisition (CPA)"),
            (
                "Le CPA mesure le coût d’une conversion (une vente, une inscription…). Pour une campagne de notoriété il compte moins ; pour une campagne de vente, il doit rester inférieur au panier moyen, sinon chaque vente coûte plus qu’elle ne rapporte.",
                "CPA measures what one conversion costs (a sale, a sign-up…). For an awareness campaign it matters less; for a sales campaign it must stay below the average purchase value, or each sale costs more than it brings.",
            ),
            (
                "Coût publicitaire / nombre de conversions : les régies (Google Ads, Meta Ads) le calculent ; sinon, rapportez vos dépenses aux conversions de GA4.",
                "Ad cost / number of conversions: ad platforms (Google Ads, Meta Ads) compute it; otherwise divide your spend by GA4 conversions.",
            ),
            (
                "Coupez les mots clés et audiences qui ne convertissent pas, améliorez les pages d’arrivée, et déplacez le budget vers les annonces au CPA le plus bas.",
                "Cut keywords and audiences that do not convert, improve landing pages, and move budget to the ads with the lowest CPA.",
            ),
        ],
    ),
    (
        "cac",
        Currency,
        Down,
        F("cost / new_customers"),
        [
            (
                "Coût d’acquisition client (CAC)",
                "Customer acquisition cost (CAC)",
            ),
            (
                "Le CAC dit combien coûte un nouveau client : à comparer à ce qu’il rapportera sur toute sa relation avec vous.",
                "CAC tells what a new customer costs: compare it with what they will bring over their whole relationship with you.",
            ),
            (
                "Dépenses marketing de la période / nouveaux clients du CRM ou du back-office.",
                "Marketing spend of the period / new customers from the CRM or back-office.",
            ),
            (
                "Misez sur les leviers peu coûteux (parrainage, référencement naturel, e-mail) et sur la fidélisation, qui amortit le coût d’acquisition.",
                "Favour low-cost levers (referrals, organic search, email) and retention, which pays back the acquisition cost.",
            ),
        ],
    ),
    (
        "cost_per_visitor",
        Currency,
        Down,
        F("cost / sessions"),
        [
            ("Coût d’acquisition d’un visiteur", "Cost per visitor"),
            (
                "Ce que coûte chaque visite amenée sur le site : utile pour comparer les sources de trafic payantes.",
                "What each visit brought to the site costs: useful to compare paid traffic sources.",
            ),
            (
                "Dépenses des régies / sessions de GA4 venant de ces campagnes (paramètres UTM).",
                "Ad platform spend / GA4 sessions from those campaigns (UTM parameters).",
            ),
            (
                "Améliorez la pertinence des annonces (meilleur score de qualité, coût par clic plus bas) et développez le trafic naturel.",
                "Make ads more relevant (better quality score, lower cost per click) and grow organic traffic.",
            ),
        ],
    ),
    (
        "roi",
        Percent,
        Up,
        F("(revenue - cost) / cost"),
        [
            (
                "Retour sur investissement (ROI)",
                "Return on investment (ROI)",
            ),
            (
                "Le ROI compare le chiffre d’affaires aux dépenses marketing : il dit si l’argent investi rapporte plus qu’il ne coûte.",
                "ROI compares revenue with marketing spend: it tells whether the money invested brings back more than it costs.",
            ),
            (
                "(Chiffre d’affaires − coût) / coût, avec le chiffre d’affaires attribué à la campagne (GA4, back-office) et ses dépenses (régies, factures).",
                "(Revenue − cost) / cost, with the revenue attributed to the campaign (GA4, back-office) and its spend (ad platforms, invoices).",
            ),
            (
                "Renforcez les leviers au meilleur ROI, arrêtez ceux qui détruisent de la valeur, et travaillez le panier moyen.",
                "Reinforce the levers with the best ROI, stop those that destroy value, and work on the average purchase value.",
            ),
        ],
    ),
    (
        "roas",
        Ratio,
        Up,
        F("revenue / cost"),
        [
            (
                "Retour sur dépenses publicitaires (ROAS)",
                "Return on ad spend (ROAS)",
            ),
            (
                "Le ROAS dit combien d’euros de ventes rapporte chaque euro de publicité.",
                "ROAS tells how much revenue each unit of ad spend brings.",
            ),
            (
                "Chiffre d’affaires / dépenses publicitaires : Google Ads et Meta Ads l’affichent (valeur de conversion / coût).",
                "Revenue / ad spend: Google Ads and Meta Ads show it (conversion value / cost).",
            ),
            (
                "Ciblez les audiences qui achètent, mettez en avant les produits à forte marge, et réduisez les enchères sur les requêtes peu rentables.",
                "Target audiences that buy, feature high-margin products, and lower bids on unprofitable queries.",
            ),
        ],
    ),
    (
        "email_optin_rate",
        Percent,
        Up,
        F("email_optins / contacts"),
        [
            ("Taux d’opt-in e-mail", "Email opt-in rate"),
            (
                "La part de contacts qui acceptent vos e-mails mesure la qualité de votre base et votre capacité à communiquer sans payer de média.",
                "The share of contacts who accept your emails measures the quality of your base and your ability to reach people without paying for media.",
            ),
            (
                "Opt-in e-mail / contacts, depuis le CRM ou l’outil d’e-mailing (Mailchimp, Brevo).",
                "Email opt-ins / contacts, from the CRM or the emailing tool (Mailchimp, Brevo).",
            ),
            (
                "Demandez le consentement à chaque point de collecte avec une vraie promesse de contenu, et proposez un centre de préférences plutôt qu’un désabonnement total.",
                "Ask for consent at every collection point with a real content promise, and offer a preference centre rather than an all-or-nothing unsubscribe.",
            ),
        ],
    ),
    (
        "sms_optin_rate",
        Percent,
        Up,
        F("sms_optins / contacts"),
        [
            ("Taux d’opt-in SMS", "SMS opt-in rate"),
            (
                "La part de contacts joignables par SMS mesure votre accès à un canal direct et réactif.",
                "The share of contacts reachable by SMS measures your access to a direct, responsive channel.",
            ),
            (
                "Opt-in SMS / contacts, depuis le CRM ou la plateforme SMS.",
                "SMS opt-ins / contacts, from the CRM or the SMS platform.",
            ),
            (
                "Demandez le numéro en caisse et à la commande en expliquant l’usage (suivi, offres réservées), et limitez la fréquence d’envoi.",
                "Ask for the number at the till and at checkout, explaining its use (tracking, exclusive offers), and keep sends infrequent.",
            ),
        ],
    ),
    (
        "new_data_share",
        Percent,
        Up,
        F("new_contacts / contacts"),
        [
            (
                "Part de nouvelles données (recrutement)",
                "Share of new data (recruitment)",
            ),
            (
                "La part de contacts recrutés sur la période dit si la base se renouvelle assez vite pour compenser les contacts perdus.",
                "The share of contacts recruited in the period tells whether the base renews fast enough to make up for lost contacts.",
            ),
            (
                "Nouveaux contacts / contacts, depuis le CRM (date de création des fiches).",
                "New contacts / contacts, from the CRM (record creation dates).",
            ),
            (
                "Multipliez les occasions de collecte (jeux, événements, caisse, site) et suivez la source de chaque nouveau contact.",
                "Multiply collection opportunities (contests, events, till, website) and track each new contact's source.",
            ),
        ],
    ),
    (
        "participation_rate",
        Percent,
        Up,
        F("participants / invited"),
        [
            ("Taux de participation", "Participation rate"),
            (
                "La part des invités qui participent mesure l’attrait d’un événement ou d’une opération d’animation.",
                "The share of invitees who take part measures how attractive an event or community operation is.",
            ),
            (
                "Participants / invités : liste d’invitation et feuille de présence, ou outil d’inscription.",
                "Participants / invited: invitation list and attendance sheet, or the registration tool.",
            ),
            (
                "Ciblez les invitations par segment, envoyez un rappel, et proposez une raison concrète de venir (atelier, avant-première, offre).",
                "Target invitations by segment, send a reminder, and give a concrete reason to come (workshop, preview, offer).",
            ),
        ],
    ),
    (
        "engagement_rate",
        Percent,
        Up,
        F("engagements / impressions"),
        [
            ("Taux d’engagement", "Engagement rate"),
            (
                "Le taux d’engagement sur les réseaux sociaux dit si vos publications suscitent des réactions, pas seulement des vues.",
                "The engagement rate on social media tells whether your posts spark reactions, not just views.",
            ),
            (
                "Interactions / impressions, depuis les statistiques des réseaux sociaux.",
                "Engagements / impressions, from social media insights.",
            ),
            (
                "Si l’engagement est faible, révisez l’approche : testez de nouveaux messages et formats, publiez au bon moment, répondez à votre communauté.",
                "If engagement is low, revise the approach: test new messages and formats, post at the right time, answer your community.",
            ),
        ],
    ),
    (
        "customers_per_day",
        Count,
        Up,
        F("customers / days"),
        [
            ("Clients par jour", "Customers per day"),
            (
                "Suivi au fil du temps, le nombre de clients par jour mesure la fréquentation du magasin et de la boutique en ligne, et l’impact de vos campagnes.",
                "Tracked over time, customers per day measures how busy the store and the online shop are, and the impact of your campaigns.",
            ),
            (
                "Clients de la période / jours de la période : compteur de personnes, logiciel d’analyse de la caisse ; en ligne, le trafic du site.",
                "Customers in the period / days in the period: a people counter, till analytics; online, the site's traffic.",
            ),
            (
                "Rendez la vitrine plus attrayante ou organisez des événements ; en ligne, augmentez le trafic avec des newsletters et des activités sociales.",
                "Make the shop window more attractive or hold events; online, grow traffic with newsletters and social activity.",
            ),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use expect_test::expect;

    use super::*;

    #[test]
    fn ids_are_unique() {
        let mut seen = HashSet::new();
        for kpi in builtin() {
            assert!(seen.insert(&kpi.id), "`{}` twice", kpi.id);
        }
    }

    #[test]
    fn the_contract_ids_have_their_definitions() {
        let formulas = [
            ("conversion_rate", "transactions / sessions", Percent, Up),
            (
                "average_purchase_value",
                "revenue / transactions",
                Currency,
                Up,
            ),
            ("ctr", "clicks / impressions", Percent, Up),
            ("cpa", "cost / conversions", Currency, Down),
            ("cac", "cost / new_customers", Currency, Down),
            ("cost_per_visitor", "cost / sessions", Currency, Down),
            ("roi", "(revenue - cost) / cost", Percent, Up),
            ("roas", "revenue / cost", Ratio, Up),
            ("email_optin_rate", "email_optins / contacts", Percent, Up),
            ("sms_optin_rate", "sms_optins / contacts", Percent, Up),
            ("new_data_share", "new_contacts / contacts", Percent, Up),
            ("participation_rate", "participants / invited", Percent, Up),
            ("engagement_rate", "engagements / impressions", Percent, Up),
            ("customers_per_day", "customers / days", Count, Up),
        ];
        for (id, formula, unit, direction) in formulas {
            let kpi = find(id).unwrap_or_else(|| panic!("no `{id}`"));
            assert_eq!(
                kpi.definition,
                Definition::Formula(Formula::parse(formula).unwrap()),
                "{id}"
            );
            assert_eq!((kpi.unit, kpi.direction), (unit, direction), "{id}");
        }
        for id in [
            "sessions",
            "transactions",
            "revenue",
            "cost",
            "impressions",
            "reach",
            "clicks",
            "conversions",
            "customers",
            "new_customers",
            "contacts",
            "new_contacts",
            "email_optins",
            "sms_optins",
            "participants",
            "invited",
            "engagements",
            "responses",
        ] {
            let kpi = find(id).unwrap_or_else(|| panic!("no `{id}`"));
            assert!(kpi.is_additive_measure(), "{id}");
        }
    }

    #[test]
    fn formulas_and_weights_use_additive_built_in_measures() {
        for kpi in builtin() {
            let used: Vec<&str> = match &kpi.definition {
                Definition::Formula(formula) => formula.measures(),
                Definition::Measure(Aggregation::WeightedMean { weight }) => vec![weight.as_str()],
                Definition::Measure(_) => vec![],
            };
            for name in used {
                assert!(
                    find(name).is_some_and(KpiDef::is_additive_measure),
                    "`{}` uses `{name}`",
                    kpi.id
                );
            }
        }
    }

    #[test]
    fn every_text_is_written_in_both_languages() {
        for kpi in builtin() {
            let guidance = &kpi.guidance;
            assert!(
                !kpi.name.fr.trim().is_empty() && !kpi.name.en.trim().is_empty(),
                "{}",
                kpi.id
            );
            for text in [
                &guidance.why,
                &guidance.where_to_find,
                &guidance.how_to_improve,
            ] {
                assert!(
                    !text.fr.trim().is_empty() && !text.en.trim().is_empty(),
                    "{}",
                    kpi.id
                );
                assert_ne!(text.fr, text.en, "`{}` has an untranslated text", kpi.id);
            }
        }
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
