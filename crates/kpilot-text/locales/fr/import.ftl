# L'import des fichiers de résultats : erreurs de ligne, erreurs de fichier, le résumé.

## Emplacements

import-place-line = ligne { $line }
import-place-column = ligne { $line }, colonne { $column }
import-place-column-header = ligne { $line }, colonne { $column } ({ $header })
import-row-error = { $place } : { $reason }

## Nombres

import-number-empty = « { $text } » n’est pas un nombre : vide
import-number-grouping = « { $text } » n’est pas un nombre : les milliers se groupent par trois
import-number-no-digits = « { $text } » n’est pas un nombre : aucun chiffre
import-number-digits-comma = « { $text } » n’est pas un nombre : attendu des chiffres, une virgule décimale et des espaces entre les milliers
import-number-digits-point = « { $text } » n’est pas un nombre : attendu des chiffres, un point décimal et des virgules entre les milliers
import-number-decimals = « { $text } » n’est pas un nombre : les décimales doivent être des chiffres
import-number-too-long = « { $text } » n’est pas un nombre : trop de chiffres
import-value-none = pas de valeur

## Dates

import-day-empty = la date est vide
import-day-shape = « { $text } » n’est pas une date : attendu 2026-01-31, 31/01/2026, 20260131 ou 31 janv. 2026
import-day-digits = « { $text } » n’est pas une date : ses parties doivent être des chiffres
import-day-year = « { $text } » n’est pas une date : son année doit avoir deux ou quatre chiffres
import-day-calendar = « { $text } » n’est pas une date : ce jour n’existe pas
import-day-order = « { $text } » n’est pas une date dans l’ordre de cette colonne : elle ne se lit que { $order ->
        [dmy] jour d’abord
        [ymd] année d’abord
       *[mdy] mois d’abord
    } ({ $order }) ; indiquez --date-order { $order } si toute la colonne est écrite ainsi

## Lignes

import-row-split = impossible de découper la ligne en champs : { $reason }
import-row-width = { $fields ->
        [one] { $fields } champ
       *[other] { $fields } champs
    } alors que l’en-tête en a { $width }
import-row-unknown-measure = mesure inconnue « { $name } » ; mesures connues : { $known }
import-row-hourly-mean = les valeurs horaires de « { $measure } » ne s’additionnent pas en une journée : c’est une moyenne, pas un nombre
import-row-same-hour = mêmes date et heure ({ $stamp }), mesure, canal, segment et action que la ligne { $first }
import-row-sum-too-large = la somme du jour est trop grande
import-row-period = la ligne couvre du { $first } au { $last } : exportez avec la répartition par jour (Répartition › Par période › Jour)
import-row-currency = la ligne est en { $found }, mais le plan compte en { $expected } : exportez dans la devise du plan
import-row-order-nothing = ni numéro de commande ni total
import-row-order-no-number = une commande sans son numéro
import-row-order-two-totals = la commande { $order } revient avec un autre total ({ $total } à la ligne { $first })

## Le fichier

import-file-empty = le fichier est vide : il n’a pas de ligne d’en-tête
import-file-workbook = le classeur ne se lit pas : { $reason }
import-file-no-sheet = le classeur n’a aucune feuille avec des données
import-file-unknown-columns = ligne { $line } : { $count ->
        [one] colonne inconnue
       *[other] colonnes inconnues
    } { $columns } : nommez une mesure avec --map 'En-tête=mesure', ou ignorez la colonne avec --map 'En-tête=-'. Noms connus : { $known }
import-file-unknown-near-preset = { $unknown }. Le fichier ressemble surtout à un export { $title } (--format { $preset }), à ceci près : { $lacks }
import-file-no-day = ligne { $line } : aucune colonne de date (attendu un en-tête comme Date ou Jour)
import-file-long-without-measure = ligne { $line } : un fichier long a besoin d’une colonne de mesure et d’une colonne de valeur (`date,measure,value`)
import-file-no-measure = ligne { $line } : aucune colonne de mesure, rien à importer
import-file-same-column-twice = ligne { $line } : les colonnes { $first } et { $second } (« { $header } ») donnent toutes deux { $role } : gardez-en une, ou ignorez l’autre avec --map '{ $header }=-'
import-file-flag-and-column = ligne { $line } : le fichier a une colonne { $kind ->
        [segment] de segment
       *[channel] de canal
    } (colonne { $column }) et --{ $kind } a été donné : retirez l’un des deux
import-file-currency = ligne { $line }, colonne { $column } (« { $header } ») : montants en { $found }, mais le plan compte en { $expected } : exportez dans la devise du plan
import-file-date-orders = la colonne « { $header } » a des dates écrites jour d’abord (« { $day_text } », ligne { $day_line }) et mois d’abord (« { $month_text } », ligne { $month_line }) : écrivez toute la colonne dans un seul ordre
import-map-syntax = --map « { $entry } » : écrivez `En-tête=mesure`, ou `En-tête=-` pour ignorer la colonne
import-map-unused = --map « { $entry } » : le fichier n’a pas cette colonne, l’indication serait ignorée ; vérifiez l’orthographe de l’en-tête
import-map-ratio = --map : « { $header } » se présente comme un taux ou une moyenne, et kpilot ne l’additionne jamais comme « { $measure } » (il calcule les taux à partir de leurs composantes) : importez plutôt les composantes
import-map-refused = --map « { $entry } » : un export { $format } ne peut pas prendre cette indication (ses colonnes de jour, de canal et de commande sont fixées) ; nommez une colonne que l’export ne lit pas, ou ignorez une colonne facultative avec `En-tête=-`

## Exports des outils

import-preset-near-miss = ligne { $line } : { $reason } : un export { $title } a les colonnes { $expected } (export : { $export })
import-preset-no-header = aucune ligne d’en-tête d’un export { $title } n’a été trouvée : colonnes attendues, par exemple { $expected } (export : { $export })
import-preset-lacks-day = aucune colonne de jour ({ $spellings })
import-preset-lacks-day-range = aucune colonne de jour ({ $spellings }) alors que l’export couvre du { $first } au { $last } : ajoutez la dimension Date
import-preset-lacks-measure = aucune colonne de mesure ({ $spellings })
import-preset-lacks-order = aucune colonne de numéro de commande ({ $spellings })
import-preset-lacks-total = aucune colonne de total de commande ({ $spellings })
import-preset-lacks-and = { $first } et { $second }
import-detected-preset = lu comme un export { $title } (--format { $preset }) : { $evidence }
import-detected-columns = ses colonnes { $columns }{ $mark ->
        [comments] {" "}et son bloc de commentaires `#`
        [title] {" "}et sa ligne de titre
       *[none] {""}
    }
import-detected-generic = lu dans la disposition de kpilot : son en-tête nomme { $columns }

## Ce que devient une colonne

import-role-day = le jour
import-role-channel = le canal
import-role-currency = la devise (vérifiée contre celle du plan)
import-role-segment = le segment
import-role-action = l’action
import-role-measure-name = le nom de la mesure
import-role-value = la valeur
import-role-measure = la mesure { $measure }
import-role-period-start = le premier jour de la période
import-role-period-end = le dernier jour de la période (le même jour)
import-role-order-number = le numéro de commande
import-role-order-total = le total de la commande
import-role-order-status = le statut de la commande
import-role-cancelled-at = une annulation (commande écartée)
import-role-new-customer = une première commande (new_customers)
import-role-source = le lieu de la commande (pos → magasin)

## Résultats de tests A/B

import-experiment-variant-empty = la variante est vide
import-experiment-conversions-exceed = les conversions ({ $conversions }) dépassent les visiteurs ({ $visitors })
import-experiment-squares-negative = revenue_squares est une somme de carrés : elle ne peut pas être négative ({ $value })
import-experiment-repeated = la variante « { $variant } » a déjà une ligne pour le { $day }, à la ligne { $first }
import-experiment-negative = { $name } ne peut pas être négatif : « { $text } »
import-experiment-whole = { $name } doit être un nombre entier : « { $text } »
import-experiment-too-large = { $name } est trop grand : « { $text } »

## Résumé

import-skipped-rows = { $count ->
        [one] { $count } ligne de synthèse ou de total ignorée
       *[other] { $count } lignes de synthèse ou de total ignorées
    }
import-none = aucune
import-list = { $first }, { $next }
import-order-left-out = { $count } { $key ->
        [pending] en attente
        [pending-payment] en attente de paiement
        [on-hold] en attente
        [en-attente] en attente
        [en-attente-de-paiement] en attente de paiement
        [attente-paiement] en attente de paiement
        [refunded] { $count ->
            [one] remboursée
           *[other] remboursées
        }
        [remboursee] { $count ->
            [one] remboursée
           *[other] remboursées
        }
        [voided] { $count ->
            [one] annulée
           *[other] annulées
        }
        [expired] { $count ->
            [one] expirée
           *[other] expirées
        }
        [cancelled] { $count ->
            [one] annulée
           *[other] annulées
        }
        [canceled] { $count ->
            [one] annulée
           *[other] annulées
        }
        [annulee] { $count ->
            [one] annulée
           *[other] annulées
        }
        [failed] { $count ->
            [one] échouée
           *[other] échouées
        }
        [draft] { $count ->
            [one] brouillon
           *[other] brouillons
        }
        [trash] à la corbeille
       *[other] « { $status } »
    }
import-note-mark-assumed = aucune valeur n’indique le séparateur décimal : lu avec { $mark ->
        [comma] la virgule
       *[point] le point
    }, comme l’écrit un fichier { $delimiter ->
        [semicolon] séparé par « ; »
        [tab] séparé par des tabulations
       *[comma] séparé par « , »
    }
import-note-dates-given = dates de « { $header } » lues en { $order } (--date-order)
import-note-dates-proved = dates de « { $header } » lues en { $order }, comme le prouve « { $text } » à la ligne { $line }
import-note-dates-assumed = rien dans « { $header } » ne distingue jour d’abord et mois d’abord : lu en { $order }, { $why ->
        [dialect] comme s’écrit un fichier à « ; » ou à virgule décimale
       *[language] l’ordre de la langue choisie
    } ; indiquez --date-order dmy ou mdy si c’est faux
import-note-two-digit-years = années à deux chiffres (« { $text } », ligne { $line }) : 00 à 69 lues 2000 à 2069, 70 à 99 lues 1970 à 1999
import-note-hourly = les lignes de « { $header } » ont des heures : les lignes de chaque jour sont additionnées dans le jour
import-note-ratios = { $count ->
        [one] un taux ou une moyenne écarté (kpilot le calcule à partir de ses composantes)
       *[other] { $count } taux et moyennes écartés (kpilot les calcule à partir de leurs composantes)
    } : { $columns }
import-note-not-read = { $count ->
        [one] une colonne non lue
       *[other] { $count } colonnes non lues
    } : { $columns }
import-note-skipped-rows = { $count ->
        [one] une ligne de synthèse ou de total ignorée, jamais additionnée
       *[other] { $count } lignes de synthèse ou de total ignorées, jamais additionnées
    } (ligne { $lines })
import-note-orders = { $counted ->
        [one] { $counted } commande comptée
       *[other] { $counted } commandes comptées
    }
import-note-orders-left-out = { $counted } ; { $count ->
        [one] { $count } écartée
       *[other] { $count } écartées
    } : { $left_out }
import-note-unknown-value = { $kind ->
        [segment] segment
       *[channel] canal
    } « { $value } » : { $rows ->
        [one] { $rows } ligne
       *[other] { $rows } lignes
    } (dès la ligne { $line }), pas un { $kind ->
        [segment] segment
       *[channel] canal
    } du plan : ses chiffres ne comptent pour aucun objectif d’un { $kind ->
        [segment] segment
       *[channel] canal
    }
import-note-unknown-more = { $count ->
        [one] encore une valeur de canal ou de segment que le plan ne connaît pas
       *[other] encore { $count } valeurs de canal ou de segment que le plan ne connaît pas
    } (les premières ci-dessous)
import-note-unknown-closest = { $unknown } ; vouliez-vous dire « { $id } » ({ $name }) ?
import-refused-format = format inconnu « { $format } » : utilisez auto, long, wide ou l’un de { $presets }
import-refused-date-order = --date-order « { $text } » : écrivez dmy, mdy ou ymd
import-refused-rows = rien n’a été importé : { $rows ->
        [one] { $rows } ligne en erreur
       *[other] { $rows } lignes en erreur
    }, { $duplicates ->
        [one] { $duplicates } doublon
       *[other] { $duplicates } doublons
    } ; corrigez le fichier et relancez
import-empty-values = rien à importer : aucune ligne du fichier ne porte de valeur ; importez-le quand même avec --allow-empty
import-empty-summary-rows = rien à importer : le fichier n’a que { $count ->
        [one] une ligne de synthèse ou de total
       *[other] { $count } lignes de synthèse ou de total
    } ; importez-le quand même avec --allow-empty
import-empty-no-orders = rien à importer : le fichier ne contient aucune commande ; importez-le quand même avec --allow-empty
import-empty-orders = rien à importer : aucune des { $count } commandes n’est une vente ({ $left_out }) ; une fois payées, exportez-les de nouveau, ou importez-les dès maintenant avec --allow-empty

## La ligne de commande

import-cli-no-file = nommez un fichier à importer, ou utilisez --list ou --undo N
import-cli-no-batch = il n’y a pas d’import n° { $batch } (voir kpilot import --list)
import-cli-undone = import n° { $batch } annulé : { $removed ->
        [one] { $removed } valeur retirée
       *[other] { $removed } valeurs retirées
    }, { $restored ->
        [one] { $restored } valeur antérieure rétablie
       *[other] { $restored } valeurs antérieures rétablies
    }
import-cli-created = espace de travail créé : { $path }
import-cli-already = { $name } a déjà été importé ainsi (import n° { $batch }, le { $at }, par { $by }) : rien à faire
import-cli-earlier = ce fichier a déjà été importé ainsi (import n° { $batch }, le { $at }) : l’importer de nouveau ne change rien
import-cli-error = { $place } : erreur : { $reason }
import-cli-field = [{ $header }] { $reason }
import-cli-more-errors = … et { $count ->
        [one] { $count } autre ligne en erreur
       *[other] { $count } autres lignes en erreur
    }
import-cli-duplicate = même jour ({ $day }), mesure, canal, segment et action que la ligne { $first }
import-cli-more-duplicates = … et { $count ->
        [one] { $count } autre doublon
       *[other] { $count } autres doublons
    }
import-cli-delimiter = { $delimiter ->
        [tab] séparateur tabulation
       *[other] séparateur « { $delimiter } »
    }
import-cli-mark = { $mark ->
        [comma] virgule décimale
       *[point] point décimal
    }
import-cli-columns = colonnes lues : { $columns }
import-cli-values = { $values ->
        [one] { $values } valeur
       *[other] { $values } valeurs
    } sur { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }{ $span } ; canaux : { $channels } ; segments : { $segments }
import-cli-totals = totaux par mesure :
import-cli-too-large = trop grand
import-cli-counts = { $inserted ->
        [one] { $inserted } nouvelle
       *[other] { $inserted } nouvelles
    }, { $replaced ->
        [one] { $replaced } remplacée
       *[other] { $replaced } remplacées
    }, { $unchanged ->
        [one] { $unchanged } inchangée
       *[other] { $unchanged } inchangées
    }
import-cli-orders = commandes : { $counts }
import-cli-imported = importé (import n° { $batch }) : { $counts }
import-cli-dry-run = essai à blanc, rien n’a été écrit : { $counts }
import-cli-no-imports = aucun import dans cet espace de travail
import-cli-list-batch = n°
import-cli-list-at = date
import-cli-list-by = par
import-cli-list-format = format
import-cli-list-values = valeurs
import-cli-list-new = nouv.
import-cli-list-replaced = rempl.
import-cli-list-same = inch.
import-cli-list-file = fichier
import-cli-too-big = { $name } fait { $size }, au-delà de la limite d’import de { $limit } : relevez-la avec --max-size, KPILOT_IMPORT_MAX_SIZE ou import_max_size dans kpilot.toml
