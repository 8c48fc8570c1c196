# Le plan d’actions : tableau, filtres, rétroplanning (Gantt), calendrier.
actions-title = Plan d’actions
actions-intro = Les actions du plan, leur responsable, leurs dates et leur budget, et le rétroplanning au jour choisi : la marge est le nombre de jours ouvrés dont le début peut glisser sans qu’une échéance soit manquée ; le chemin critique réunit les actions qui n’en ont pas de reste.
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
actions-status-done = terminée
actions-status-in_progress = en cours
actions-status-late = en retard
actions-status-planned = prévue
actions-status-undated = sans dates
actions-status-help = « terminée » : ses dates sont passées (kpilot ne sait pas si elle a été faite) ; « en cours » : le jour choisi tombe dans ses dates ; « en retard » : sa marge est négative, elle ne tiendra pas ses dates (pas commencée à son début au plus tard, ou ce dont elle dépend ne sera pas fini à temps).
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
