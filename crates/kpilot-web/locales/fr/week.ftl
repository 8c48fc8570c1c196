# Cette semaine : ce que l’équipe regarde le lundi.
week-title = Cette semaine
week-period = Du { $from } au { $until } : les objectifs sur lesquels faire le point, les actions à échéance ou en retard, les alertes et les dépassements de budget.
week-from = Semaine à partir du
week-submit = Afficher
week-count = { $count ->
    [0] rien à regarder cette semaine
    [one] { $count } point à regarder cette semaine
   *[other] { $count } points à regarder cette semaine
}
week-checkins = Points d’étape à faire (un tous les { $every } jours)
week-checkins-none = Chaque objectif a eu son point d’étape.
week-objective = Objectif
week-owner = Responsable
week-no-owner = (sans responsable)
week-last-checkin = Dernier point d’étape
week-never = jamais
week-write-checkin = Faire le point
week-due = Actions à échéance cette semaine
week-due-none = Aucune action n’arrive à échéance cette semaine.
week-action = Action
week-due-day = Échéance
week-occurrence = (occurrence n° { $count })
week-late = Actions en retard
week-late-none = Aucune action en retard.
week-late-days = Retard (jours ouvrés)
week-budget = Dépassements de budget
week-budget-none = Aucun dépassement de budget.
week-alerts = Alertes
week-alerts-none = Aucune alerte.
