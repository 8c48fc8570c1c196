catalogue-title = Catalogue des KPI
catalogue-intro = Chaque KPI se calcule sur la période à partir de ses composantes (un taux = somme des numérateurs / somme des dénominateurs), jamais comme une moyenne de taux journaliers ; un dénominateur nul ne donne pas de valeur.
catalogue-plan-kpis = Les KPI propres au plan
catalogue-builtin = Les KPI intégrés
catalogue-kpi = KPI
catalogue-definition = Définition
catalogue-unit = Unité
catalogue-direction = Sens
catalogue-guidance = Pourquoi, où, comment
catalogue-used = suivi par le plan
catalogue-why = Pourquoi :
catalogue-where = Où trouver la donnée :
catalogue-how = Comment l’améliorer :
