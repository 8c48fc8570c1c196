# Ce qui est commun à toutes les pages : navigation, erreurs, pied de page.
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-plans = Plans
nav-dashboard = Tableau de bord
nav-explorer = KPI
nav-editor = Plan
nav-actions = Actions
nav-budget = Budget
nav-review = Bilan
nav-catalogue = Catalogue
nav-import = Import
lang-label = Langue
footer = kpilot — le plan marketing et ses KPI, sur votre serveur.
alerts-count = { $count ->
    [0] 0 alerte
    [one] { $count } alerte
   *[other] { $count } alertes
}
error-title = Erreur
error-home = Revenir à l’accueil
error-not-found = Cette page n’existe pas, ou l’élément demandé a été supprimé.
error-too-large = Le fichier envoyé dépasse la taille permise.
error-forbidden = Action refusée : rechargez la page et réessayez.
error-bad-request = La demande est mal formée : vérifiez les champs du formulaire.
error-internal = Une erreur interne est survenue ; le journal du serveur en dit plus.
error-csrf = Le jeton de sécurité du formulaire manque ou a expiré : rechargez la page et réessayez.
error-no-plan = Aucun plan « { $name } » dans cet espace de travail.
error-bad-date = Date invalide « { $value } » : attendu AAAA-MM-JJ.
plans-title = Les plans de l’espace de travail
plans-empty = Aucun plan pour l’instant. Créez-en un ou envoyez un fichier de plan (TOML).
plans-name = Plan
plans-period = Période
plans-revision = Révision
at-label = Au
at-submit = Voir
status-achieved = atteint
status-on_track = en bonne voie
status-at_risk = à risque
status-off_track = en retard
status-missed = manqué
status-no_data = sans donnée
unit-count = nombre
unit-percent = pourcentage
unit-currency = montant
unit-ratio = ratio
unit-duration = durée (s)
unit-score = score
direction-up = plus haut, c’est mieux
direction-down = plus bas, c’est mieux
