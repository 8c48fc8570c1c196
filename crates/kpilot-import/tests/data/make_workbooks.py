"""Makes the workbook fixtures of tests/reader.rs: the same wide table as an
.xlsx (openpyxl) and an .ods (odfpy), with typed cells: dates, integers,
decimals, an empty cell, and a text number written the French way.
Run: python3 make_workbooks.py (needs openpyxl and odfpy)."""
import datetime

ROWS = [
    ["Date", "Canal", "Sessions", "Commandes", "Chiffre d'affaires"],
    [datetime.date(2026, 1, 5), "email", 1200, 24, 1234.56],
    [datetime.date(2026, 1, 6), "email", 980, None, 0.1],
    [datetime.datetime(2026, 1, 7, 9, 30), "search", 1500, 30, 2000],
]

def xlsx():
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Résultats"
    for row in ROWS:
        sheet.append(row)
    book.save("wide.xlsx")

def ods():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow, TableCell
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Résultats")
    for row in ROWS:
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
    doc.save("wide.ods")

xlsx()
ods()
