# The Review page: a period's review on screen and its downloads.
review-bad-order = The review starts on { $first }, after its last day, { $second }.
review-from = From
review-to = To
review-submit = Show the review
review-downloads = Download the review
review-download-html = Download as HTML
review-download-pdf = Download as PDF
review-download-xlsx = Download as XLSX (spreadsheet)
