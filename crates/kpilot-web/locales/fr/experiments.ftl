# Les pages des tests A/B et leurs verdicts.
experiments-title = Tests A/B de { $name }
experiments-none = Ce plan n’a pas encore d’expérience : ajoutez une table `[[experiments]]` au fichier du plan (dans l’éditeur, téléchargez le plan, ajoutez-la, renvoyez-le).
experiments-caption = Les expériences du plan, jugées au jour choisi
experiments-column-experiment = Expérience
experiments-column-action = Action
experiments-column-dates = Dates
experiments-column-visitors = Visiteurs
experiments-column-verdict = Verdict
experiments-unknown = Ce plan n’a pas d’expérience « { $id } ».
experiment-title = Expérience { $id }
experiment-action = Action :
experiment-method-sequential = test séquentiel (conclut dès que les preuves sont là)
experiment-method-fixed = test à horizon fixe (conclut une fois l’échantillon prévu atteint)
experiment-variants = Variantes
experiment-variants-caption = Les sommes de chaque variante du { $from } au { $to }
experiment-variant = Variante
experiment-split = Part prévue
experiment-visitors = Visiteurs
experiment-conversions = Conversions
experiment-revenue = Chiffre d’affaires
experiment-value = Valeur
experiment-control = témoin
experiment-value-how = Valeur = Σ{ $numerator } / Σvisiteurs sur les jours comptés, jamais une moyenne de valeurs journalières.
experiment-lift = Hausse relative, intervalle à 95 % (horizon fixe)
experiment-p-value = Valeur p (horizon fixe)
experiment-sequential = Intervalle séquentiel à 95 % (décide)
experiment-sequential-p = Valeur p séquentielle
experiment-chance = Chance de battre le témoin
experiment-loss = Perte attendue si choisie
experiment-srm = Contrôle de la répartition
experiment-sample = Taille d’échantillon
experiment-sample-needed = { $needed } visiteurs par variante détectent l’effet visé (puissance 80 %, risque 5 % bilatéral). La plus petite variante en a { $fewest } : il en manque { $still }.
experiment-sample-unknown = Inconnue : il faut à l’expérience un `mde` (le plus petit effet qui vaille d’être détecté) et des résultats pour le témoin.
experiment-method-how = L’intervalle séquentiel reste valable quelle que soit la fréquence à laquelle on regarde les résultats (suites de confiance asymptotiques, comme GrowthBook) ; l’intervalle à horizon fixe n’est valable qu’une fois, à la taille d’échantillon prévue. Une valeur p de répartition sous 0,001 signale une répartition faussée : le résultat ne peut pas être lu.
experiment-chart-title = Hausse de { $variant } sur { $control }
experiment-chart-zero = aucun changement
experiment-chart-fixed = horizon fixe, 95 %
experiment-chart-sequential = séquentiel, 95 % (décide)
experiment-chart-mde = effet visé
experiment-chart-alt = La hausse en point, son intervalle à horizon fixe en barre épaisse dans l’intervalle séquentiel (fin), face à la ligne « aucun changement » et à l’effet visé.
experiment-upload = Ajouter des résultats
experiment-upload-how = Un fichier CSV, XLSX ou ODS aux colonnes date, variante, visiteurs, conversions (et chiffre d’affaires, revenue_squares pour un montant par visiteur), une ligne par jour et par variante, en français ou en anglais. Un jour et une variante déjà enregistrés sont remplacés ; un fichier qui a une ligne en erreur n’enregistre rien.
experiment-upload-file = Fichier de résultats
experiment-upload-submit = Ajouter les résultats
experiment-upload-missing = Choisissez un fichier de résultats à envoyer.
experiment-upload-refused = Rien n’a été enregistré : { $file } a { $count } { $count ->
    [one] ligne en erreur
   *[other] lignes en erreur
}. Corrigez le fichier et renvoyez-le.
experiment-upload-back = Revenir à l’expérience
verdict-winner = gagnante
verdict-loser = perdante
verdict-inconclusive = sans différence
verdict-keep_running = à poursuivre
verdict-invalid_srm = non valide (répartition)
