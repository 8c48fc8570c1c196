# Le plan d’actions : tableau, filtres, rétroplanning (Gantt), calendrier.
actions-title = Plan d’actions
actions-intro = Les actions du plan, leur responsable, leurs dates et leur budget, ce qui en a été fait, et le rétroplanning au jour choisi : la marge est le nombre de jours ouvrés dont une action ouverte peut glisser sans qu’une échéance soit manquée ; critiques sont celles qui n’en ont plus.
actions-filters = Filtrer les actions
actions-owner = Responsable
actions-channel = Canal
actions-status = Statut
actions-all = Tous
actions-no-owner = (sans responsable)
actions-filter-submit = Filtrer
actions-count = { $count ->
    [one] { $count } action affichée
   *[other] { $count } actions affichées
} sur { $total }
actions-ics = Télécharger le calendrier (iCalendar)
actions-ics-help = Un événement par action et par occurrence ; réimporter une version plus récente met les événements à jour.
actions-none = Aucune action ne correspond à ces filtres.
actions-timeline = Rétroplanning
actions-timeline-title = Rétroplanning des actions au { $day }
actions-timeline-desc = { $count } actions sur la période du plan, dont { $value } sur le chemin critique. Le tableau ci-dessous donne les mêmes informations.
actions-at-marker = Au { $day }
actions-legend = Légende
actions-legend-one-off = action ponctuelle, de son début à son échéance
actions-legend-critical = action du chemin critique : hachurée, contour épais et ★
actions-legend-recurring = action récurrente : sa période et chacune de ses occurrences
actions-legend-continuous = action continue
actions-legend-deadline = échéance
actions-legend-at = le jour du rétroplanning
actions-legend-dependency = dépendance : l’action attend la fin de la précédente
actions-table = Les actions
actions-action = Action
actions-kind = Type
actions-start = Début
actions-end = Fin ou échéance
actions-budget = Budget alloué
actions-slack = Marge (j. ouvrés)
actions-critical = Critique
actions-depends = Après :
actions-yes = oui
actions-no = non
actions-total = Total des actions affichées
actions-kind-one_off = ponctuelle
actions-kind-recurring = { $count ->
    [one] récurrente, { $count } occurrence
   *[other] récurrente, { $count } occurrences
}
actions-kind-continuous = continue
actions-status-done = faite
actions-status-cancelled = annulée
actions-status-in_progress = en cours
actions-status-late = en retard
actions-status-planned = à faire
actions-status-undated = sans dates
actions-status-help = L’état vient de ce que l’équipe a noté (boutons « Commencée », « Faite » de chaque ligne, ou kpilot action) : « faite » et « annulée » sont closes ; « en retard » : pas commencée à son début au plus tard, pas faite à son échéance, ou retenue par ce dont elle dépend, de tant de jours ouvrés ; « en cours » : commencée et dans les temps ; « à faire » : pas commencée, dans les temps.
actions-actual = Réel ou attendu
actions-track = Suivi
actions-derived = (déduite du rétroplanning)
actions-late-days = { $count ->
    [one] { $count } jour ouvré de retard
   *[other] { $count } jours ouvrés de retard
}
actions-done-on = faite le { $day }
actions-started-on = commencée le { $day }
actions-expected-end = fin attendue le { $day }
actions-mark-started = Commencée
actions-mark-done = Faite
actions-mark-reopened = Rouvrir
actions-mark-occurrence = Faite : n° { $count } du { $day }
actions-cancel = Annuler…
actions-cancel-reason = Pourquoi
actions-cancel-submit = Annuler l’action
actions-progress = Avancement…
actions-progress-percent = Avancement (%)
actions-progress-end = Nouvelle fin attendue
actions-progress-submit = Enregistrer
actions-bad-change = Cette mise à jour n’est pas lisible : choisissez un des boutons de la ligne.
actions-bad-percent = L’avancement s’écrit en pour cent, un nombre entier de 0 à 100.
actions-not-found = Cette action n’existe pas dans le plan.
actions-legend-done = action faite
actions-legend-cancelled = action annulée
actions-findings = Points d’attention du rétroplanning
actions-findings-none = Aucun point d’attention : chaque action peut tenir ses dates.
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.
