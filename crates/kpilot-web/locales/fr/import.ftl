# La page Import : envoi d’un export, essai à blanc, confirmation, historique.
import-title = Import des résultats
import-intro = Envoyez l’export d’un outil (analytics, régie publicitaire, emailing, boutique) ou votre propre tableau : CSV, XLSX ou ODS. kpilot le lit, vous montre ce qu’il a compris et ce qui serait enregistré ; rien n’est écrit avant votre confirmation, et un fichier avec une ligne en erreur n’est jamais importé à moitié.
import-upload = Envoyer un fichier
import-file = Fichier
import-file-help = CSV (séparateur , ; ou tabulation), XLSX, ODS ou XLS ; encodage détecté (UTF-8, UTF-16, Windows-1252).
import-read = Lire le fichier
import-format = Format
import-format-auto = Détecté d’après l’en-tête
import-format-long = Long : une valeur par ligne (date, mesure, valeur)
import-format-wide = Large : une colonne par mesure
import-format-presets = Export d’un outil
import-format-read = Lu comme
import-channel = Canal de toutes les lignes (facultatif)
import-channel-help = Seulement pour un fichier sans colonne de canal.
import-segment = Segment de toutes les lignes (facultatif)
import-history = Imports de l’espace de travail
import-history-empty = Aucun import pour l’instant.
import-batch = N°
import-when = Date
import-who = Par
import-file-name = Fichier
import-rows = Valeurs lues
import-inserted = Nouvelles
import-replaced = Remplacées
import-unchanged = Inchangées
import-undo = Annuler
import-undo-batch = Annuler l’import n° { $batch }
import-undo-help = Annuler un import retire ses valeurs et rétablit celles qu’il avait remplacées.
import-undone = Import n° { $batch } annulé : { $removed ->
    [one] { $removed } valeur retirée
   *[other] { $removed } valeurs retirées
}, { $restored ->
    [one] { $restored } valeur antérieure rétablie
   *[other] { $restored } valeurs antérieures rétablies
}.
import-done = « { $file } » importé (import n° { $batch }) : { $rows ->
    [one] { $rows } valeur
   *[other] { $rows } valeurs
}, { $inserted ->
    [one] { $inserted } nouvelle
   *[other] { $inserted } nouvelles
}, { $replaced ->
    [one] { $replaced } remplacée
   *[other] { $replaced } remplacées
}, { $unchanged ->
    [one] { $unchanged } inchangée
   *[other] { $unchanged } inchangées
}.
import-already = « { $file } » a déjà été importé ainsi (import n° { $batch }, le { $at }, par { $by }) : rien à faire.
import-no-batch = Cet import n’existe pas (ou a déjà été annulé).
import-no-file = Choisissez un fichier à importer.
import-upload-gone = Ce fichier n’est plus en attente (délai dépassé ou déjà importé) : envoyez-le de nouveau.
import-preview-title = Import de « { $file } »
import-refused = Rien n’a été importé : le fichier a des lignes en erreur ou des doublons. Corrigez-le, ou changez la lecture des colonnes, puis réessayez.
import-unreadable = Le fichier ne peut pas être lu ainsi.
import-detected = Ce que kpilot a détecté
import-container = Type de fichier
import-encoding = Encodage
import-delimiter = Séparateur
import-delimiter-tab = tabulation
import-delimiter-semicolon = point-virgule (;)
import-delimiter-comma = virgule (,)
import-decimal = Nombres
import-decimal-comma = virgule décimale (1 234,56)
import-decimal-point = point décimal (1,234.56)
import-dry-run = Essai à blanc : ce qui serait enregistré
import-span = { $count ->
    [one] { $count } valeur
   *[other] { $count } valeurs
} sur { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
import-channels = Canaux :
import-segments = segments :
import-totals = Totaux par mesure
import-measure = Mesure
import-values = Valeurs
import-total = Total
import-too-large = trop grand
import-bad-lines-title = { $count ->
    [one] { $count } ligne en erreur
   *[other] { $count } lignes en erreur
}
import-bad-lines-capped = Les { $count } premières sont détaillées ; { $rows ->
    [one] { $rows } autre ligne en erreur n’est que comptée
   *[other] { $rows } autres lignes en erreur ne sont que comptées
}.
import-line = Ligne
import-column = Colonne
import-field = Champ
import-reason = Motif
import-duplicates-title = { $count ->
    [one] { $count } doublon : même jour, mesure, canal, segment et action qu’une ligne précédente
   *[other] { $count } doublons : même jour, mesure, canal, segment et action qu’une ligne précédente
}
import-duplicates-capped = Les { $count } premiers sont listés ; { $rows ->
    [one] { $rows } autre n’est que compté
   *[other] { $rows } autres ne sont que comptés
}.
import-day = Jour
import-first-line = Première ligne
import-mapping = Lecture des colonnes
import-mapping-caption = Ce que contient chaque colonne du fichier
import-header = En-tête
import-read-as = Lue comme
import-map-auto = Comme détecté : { $name }
import-map-choose = — choisir —
import-map-measures = Mesures
import-col-day = date
import-col-channel = canal
import-col-segment = segment
import-col-action = action du plan
import-col-skip = ignorée
import-more = Autres correspondances (facultatif)
import-more-help = Une par ligne, comme --map : « En-tête=mesure », ou « En-tête=- » pour ignorer la colonne.
import-preview = Relire avec ces choix
import-confirm-title = Confirmer
import-confirm-help = L’import est enregistré d’un seul tenant, et peut être annulé depuis l’historique.
import-confirm = Importer
import-cannot-confirm = L’import n’est possible qu’une fois le fichier lu sans erreur ni doublon.
import-another = Envoyer un autre fichier
import-date-order = Ordre des dates
import-date-order-auto = d’après le fichier (jour d’abord s’il ne dit rien)
import-date-order-dmy = jour d’abord (31/01/2026)
import-date-order-mdy = mois d’abord (01/31/2026)
import-date-order-ymd = année d’abord (2026/01/31)
import-columns-read = Colonnes lues :
