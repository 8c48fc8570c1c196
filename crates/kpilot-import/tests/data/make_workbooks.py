"""Makes the workbook fixtures of tests/reader.rs and tests/experiment.rs:
each table as an .xlsx (openpyxl) and an .ods (odfpy), with typed cells:
dates, integers, decimals, empty cells, and a text number written the French
way.
Run: python3 make_workbooks.py (needs openpyxl and odfpy)."""
import datetime

WIDE = [
    ["Date", "Canal", "Sessions", "Commandes", "Chiffre d'affaires"],
    [datetime.date(2026, 1, 5), "email", 1200, 24, 1234.56],
    [datetime.date(2026, 1, 6), "email", 980, None, 0.1],
    [datetime.datetime(2026, 1, 7, 9, 30), "search", 1500, 30, 2000],
]

# An A/B test's results: the 4th row has more conversions than visitors;
# the last one's visitors are text with a space between thousands and its
# revenue cells are empty.
EXPERIMENT = [
    ["Jour", "Variante", "Visiteurs", "Conversions", "Chiffre d'affaires", "CA²"],
    [datetime.date(2026, 3, 2), "A", 1200, 36, 1234.56, 98765.4321],
    [datetime.date(2026, 3, 2), "B", 1180, 41, 1402.5, 110250.75],
    [datetime.datetime(2026, 3, 3, 9, 30), "A", 1250, 30, -15.5, 70000],
    [datetime.date(2026, 3, 3), "B", 1300, 1400, 2000, 150000],
    [datetime.date(2026, 3, 4), "B", "1 310", 0, None, None],
]

def xlsx(rows, name):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Résultats"
    for row in rows:
        sheet.append(row)
    book.save(name)

def ods(rows, name):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow, TableCell
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Résultats")
    for row in rows:
        tr = TableRow()
        for value in row:
            if value is None:
                cell = TableCell()
            elif isinstance(value, datetime.datetime):
                cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"))
                cell.addElement(P(text=value.strftime("%d/%m/%Y %H:%M")))
            elif isinstance(value, datetime.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=str(value))
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(name)

for rows, stem in [(WIDE, "wide"), (EXPERIMENT, "experiment")]:
    xlsx(rows, stem + ".xlsx")
    ods(rows, stem + ".ods")
