# La page Bilan : le bilan d’une période à l’écran et ses téléchargements.
review-bad-order = Le bilan commence le { $first }, après son dernier jour, le { $second }.
review-from = Du
review-to = Au
review-submit = Voir le bilan
review-downloads = Télécharger le bilan
review-download-html = Télécharger en HTML
review-download-pdf = Télécharger en PDF
review-download-xlsx = Télécharger en XLSX (tableur)
