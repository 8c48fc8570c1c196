# Le suivi de la semaine : avancement des actions et points d'étape des objectifs.

tracking-unknown-action = le plan n’a pas d’action « { $action } » ; ses actions : { $known }
tracking-unknown-objective = le plan n’a pas d’objectif « { $objective } » ; ses objectifs : { $known }
tracking-not-recurring = « { $action } » n’est pas récurrente : elle n’a pas d’occurrences, retirez --occurrence
tracking-no-such-occurrence = « { $action } » a { $count ->
        [one] { $count } occurrence
       *[other] { $count } occurrences
    }, pas de n° { $occurrence }
tracking-outside-plan = le { $day } est hors du plan (du { $start } au { $end })
tracking-percent = un avancement de { $percent } % dépasse 100 %
tracking-no-reason = dites pourquoi l’action est annulée (--reason)
tracking-recorded-started = « { $action } »{ $occurrence } commencée le { $day }
tracking-recorded-done = « { $action } »{ $occurrence } faite le { $day }
tracking-recorded-cancelled = « { $action } »{ $occurrence } annulée le { $day } : { $reason }
tracking-recorded-progress = « { $action } »{ $occurrence } : faite à { $percent } %{ $end }
tracking-recorded-reopened = « { $action } »{ $occurrence } est de nouveau à faire
tracking-occurrence = {" "}(occurrence n° { $number })
tracking-expected-end = , fin prévue désormais le { $day }
tracking-checked-in = point d’étape sur « { $objective } » pour le { $day } : { $confidence ->
        [on_track] en bonne voie
        [at_risk] à risque
        [off_track] en retard
       *[other] { $confidence }/10
    }
tracking-previous-checkin = le point précédent, le { $day } par { $by } : { $confidence ->
        [on_track] en bonne voie
        [at_risk] à risque
        [off_track] en retard
       *[other] { $confidence }/10
    }{ $comment }
tracking-comment = {" "}— { $text }
tracking-bad-confidence = --confidence « { $text } » : écrivez on_track, at_risk, off_track, ou une note de 0 à 10
tracking-bad-percent = « { $text } » n’est pas un pourcentage de 0 à 100
tracking-bad-value = --value « { $text } » : { $reason }
tracking-bad-date = « { $text } » n’est pas une date : écrivez 2026-04-30 ou 30/04/2026
tracking-week-title = Cette semaine, du { $from } au { $until } : { $count ->
        [0] rien à regarder
        [one] { $count } point à regarder
       *[other] { $count } points à regarder
    }
tracking-week-checkins = Points d’étape à faire (un tous les { $every } jours) :
tracking-week-never = jamais de point d’étape
tracking-week-last = dernier point le { $day } ({ $confidence ->
        [on_track] en bonne voie
        [at_risk] à risque
        [off_track] en retard
       *[other] { $confidence }/10
    })
tracking-week-due = Actions à échéance cette semaine :
tracking-week-due-on = le { $day }
tracking-week-late = Actions en retard :
tracking-week-late-days = { $count ->
        [one] { $count } jour ouvré de retard
       *[other] { $count } jours ouvrés de retard
    }
tracking-week-alerts = Alertes :
tracking-week-none = (aucun)
