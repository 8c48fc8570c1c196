#!/usr/bin/env python3
"""Expected figures for the real exports in files/ (see SOURCES.md), computed
without kpilot: standard library only (csv, decimal, json, codecs, re).

    python3 expected.py            # writes expected.json beside this script

Every file's dialect is written out below (encoding, delimiter, header line,
decimal mark, which column is the day and in which order its dates are read),
and the mapping of docs/import-presets.md is applied by hand:

* headers are compared after normalisation (lower case, accents removed,
  every run of punctuation/spaces -> one space, trimmed), EXACTLY: a header is
  never matched by its start, and a ratio or average column (`/`, `per`, `rate`,
  `%`, `avg`, `cost per`, CPC, CPM, CTR, ROAS) is never a measure;
* total/summary rows are left out; `--`, `-`, empty, `n/a`, `nd`, em/en dash,
  `(not set)` in a numeric cell mean no value (not 0);
* the rows of one day (and channel) are summed; hourly GA4 rows go to their day;
* order exports: one order counts once (its total is on its first row), left
  out when cancelled, refunded, voided, pending, expired (Shopify's list);
* values are exact decimal strings (Decimal, normalised, "0" for zero).

Each entry of expected.json:
  file, format, expect ("import" | "refuse"), reason (refuse),
  dialect {encoding, delimiter, header_line, decimal},
  date_order (which order and why), columns_read {header: measure},
  days {YYYY-MM-DD: {measure: value}}, totals, channels {channel: {measure: value}},
  days_by_channel (only when there is more than one channel),
  orders {counted, left_out {status as written: n}, statuses_counted {...}} (order exports),
  skipped_rows (rows of the table not read as a value: total/summary rows,
  blank rows, and for order exports the further item rows of an order),
  notes.
"""
import codecs
import csv
import io
import json
import os
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")

NO_VALUE = {"", "--", "-", "n/a", "nd", "\u2014", "\u2013", "(not set)"}


# ------------------------------------------------------------------ helpers
def norm_header(h):
    h = h.replace("\ufeff", "")
    h = unicodedata.normalize("NFKD", h)
    h = "".join(c for c in h if not unicodedata.combining(c)).lower()
    h = re.sub(r"[\W_]+", " ", h)
    return h.strip()


def dec(s, decimal="."):
    """A number as the file writes it -> Decimal, or None for 'no value'."""
    s = s.strip()
    if s.lower() in NO_VALUE:
        return None
    s = re.sub(r"^[A-Z]{0,3}[$\u20ac\u00a3\u20b9]", "", s)  # US$, $, EUR sign, GBP, INR
    s = re.sub(r"\s*[\u20ac$\u00a3]$", "", s)
    s = s.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if decimal == ".":
        s = s.replace(",", "")
    else:
        s = s.replace(".", "").replace(",", ".")
    return Decimal(s)


def out(d):
    if d is None:
        return None
    d = d.normalize()
    if d == 0:
        return "0"
    s = format(d, "f")
    return s


MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}

RE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
RE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})?$")
RE_NUM = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:\s|$)")
RE_MDY_NAME = re.compile(r"^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})")          # Aug 12, 2019 06:58 am
RE_WD_D_MON_Y = re.compile(r"^[A-Za-z]{3}, (\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")  # Thu, 5 Feb 2026


def year(y):
    y = int(y)
    if y < 100:
        y += 2000 if y <= 69 else 1900
    return y


def parse_day(s, order):
    s = s.strip()
    m = RE_ISO.match(s)
    if m:
        return "%s-%s-%s" % m.groups()
    m = RE_COMPACT.match(s)
    if m:
        return "%s-%s-%s" % m.groups()[:3]
    m = RE_NUM.match(s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), year(m.group(3))
        d, mo = (a, b) if order == "dmy" else (b, a)
        return "%04d-%02d-%02d" % (y, mo, d)
    m = RE_MDY_NAME.match(s)
    if m:
        return "%04d-%02d-%02d" % (int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    m = RE_WD_D_MON_Y.match(s)
    if m:
        return "%04d-%02d-%02d" % (int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    raise ValueError("date does not read: %r" % s)


def decide_order(values):
    """values: [(line, text)]. One order for the whole column."""
    kinds = set()
    first_dmy = first_mdy = None
    for line, v in values:
        v = v.strip()
        if not v:
            continue
        if RE_ISO.match(v):
            kinds.add("iso")
        elif RE_COMPACT.match(v):
            kinds.add("compact")
        elif RE_NUM.match(v):
            kinds.add("num")
            m = RE_NUM.match(v)
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 and first_dmy is None:
                first_dmy = (line, v)
            if b > 12 and first_mdy is None:
                first_mdy = (line, v)
        elif RE_MDY_NAME.match(v):
            kinds.add("name")
        elif RE_WD_D_MON_Y.match(v):
            kinds.add("wdname")
        else:
            raise ValueError("date does not read on line %d: %r" % (line, v))
    if kinds == {"iso"}:
        ex = next(v for _, v in values if v.strip())
        return "ymd", "ymd: ISO dates (%s); nothing to decide" % ex
    if kinds == {"compact"}:
        ex = next(v for _, v in values if v.strip())
        return "ymd", "ymd: GA4 compact dates (%s%s); nothing to decide" % (
            ex, ", an hour on each: summed into the day" if len(ex.strip()) == 10 else "")
    if kinds == {"name"}:
        ex = next(v for _, v in values if v.strip())
        return "mdy", "month name first (%s); nothing to decide" % ex
    if kinds == {"wdname"}:
        ex = next(v for _, v in values if v.strip())
        return "dmy", "day then month name (%s); nothing to decide" % ex
    if kinds == {"num"}:
        if first_dmy and first_mdy:
            raise ValueError("dates prove both orders: %r and %r" % (first_dmy, first_mdy))
        if first_dmy:
            return "dmy", "dmy (proved by %s on line %d)" % (first_dmy[1], first_dmy[0])
        if first_mdy:
            return "mdy", "mdy (proved by %s on line %d)" % (first_mdy[1], first_mdy[0])
        return "mdy", "mdy (nothing proves it: no part above 12; an English export is month-first)"
    raise ValueError("mixed date forms in one column: %r" % kinds)


def read_text(path, encoding):
    raw = open(path, "rb").read()
    if encoding == "utf-16":
        assert raw.startswith(codecs.BOM_UTF16_LE)
        text = raw[2:].decode("utf-16-le")
    else:
        text = raw.decode(encoding)
    return text.lstrip("\ufeff")


def table(path, encoding, delimiter, header_line, stop_at_blank=False):
    """(header, [(line, row)]) from the physical header line on."""
    text = read_text(path, encoding)
    pos = 0
    for _ in range(header_line - 1):
        pos = text.index("\n", pos) + 1
    reader = csv.reader(io.StringIO(text[pos:], newline=""), delimiter=delimiter)
    header = next(reader)
    rows = []
    prev = reader.line_num
    for row in reader:
        start = header_line + prev
        prev = reader.line_num
        if stop_at_blank and (not row or all(c.strip() == "" for c in row) or row[0].startswith("#")):
            break
        rows.append((start, row))
    return [h.lstrip("\ufeff") for h in header], rows


def cell(row, i):
    return row[i] if i is not None and i < len(row) else ""


class Sums:
    def __init__(self):
        self.days = defaultdict(lambda: defaultdict(lambda: None))
        self.dch = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: None)))

    def add(self, day, channel, measure, value):
        if value is None:
            return
        d = self.days[day]
        d[measure] = value if d[measure] is None else d[measure] + value
        c = self.dch[day][channel]
        c[measure] = value if c[measure] is None else c[measure] + value

    def result(self, entry):
        days = OrderedDict()
        totals = defaultdict(lambda: None)
        channels = defaultdict(lambda: defaultdict(lambda: None))
        for day in sorted(self.days):
            days[day] = OrderedDict((m, out(v)) for m, v in sorted(self.days[day].items()) if v is not None)
            for m, v in self.days[day].items():
                if v is not None:
                    totals[m] = v if totals[m] is None else totals[m] + v
            for ch, ms in self.dch[day].items():
                for m, v in ms.items():
                    if v is not None:
                        channels[ch][m] = v if channels[ch][m] is None else channels[ch][m] + v
        entry["days"] = days
        entry["totals"] = OrderedDict((m, out(v)) for m, v in sorted(totals.items()))
        entry["channels"] = OrderedDict(
            (ch, OrderedDict((m, out(v)) for m, v in sorted(ms.items()))) for ch, ms in sorted(channels.items()))
        if len(channels) > 1:
            entry["days_by_channel"] = OrderedDict(
                (day, OrderedDict((ch, OrderedDict((m, out(v)) for m, v in sorted(ms.items()) if v is not None))
                                  for ch, ms in sorted(self.dch[day].items())))
                for day in sorted(self.dch))


def colmap(header, wanted):
    """wanted: {normalised header: measure}. Exact match after normalisation."""
    found = OrderedDict()
    for i, h in enumerate(header):
        n = norm_header(h)
        if n in wanted:
            found[h] = (i, wanted[n])
    return found


# ------------------------------------------------------------------ mappings (docs/import-presets.md)
GA4_DAY = {"date": "day", "date hour yyyymmddhh": "day"}  # the second: hourly rows (not in the docs' table)
GA4_CHANNEL = {"session default channel group", "groupe de canaux par defaut de la session",
               "session primary channel group default channel group"}  # "or the primary channel group"
GA4_MEASURES = {"sessions": "sessions", "key events": "conversions", "evenements cles": "conversions",
                "conversions": "conversions", "transactions": "transactions",
                "ecommerce purchases": "transactions", "achats e commerce": "transactions",
                "total revenue": "revenue", "revenu total": "revenue", "purchase revenue": "revenue"}
GA4_GROUPS = {"organic search": "search", "paid search": "search", "organic shopping": "search",
              "paid shopping": "search", "organic social": "social", "paid social": "social",
              "organic video": "social", "display": "display", "cross network": "display",
              "paid video": "display", "email": "email", "sms": "sms",
              "mobile push notifications": "sms", "direct": "website", "referral": "website",
              "affiliates": "website"}

GADS_MEASURES = {"cost": "cost", "cout": "cost", "impr": "impressions", "impressions": "impressions",
                 "clicks": "clicks", "clics": "clicks", "conversions": "conversions",
                 "conv value": "revenue", "valeur de conv": "revenue"}
GADS_TYPES = {"search": "search", "reseau de recherche": "search", "shopping": "search", "smart": "search",
              "display": "display", "video": "display", "performance max": "display",
              "demand gen": "display", "discovery": "display", "app": "display"}

META_MEASURES = {"impressions": "impressions", "reach": "reach", "couverture": "reach",
                 "link clicks": "clicks", "clics sur un lien": "clicks", "purchases": "transactions",
                 "achats": "transactions", "purchases conversion value": "revenue",
                 "valeur de conversion des achats": "revenue"}
RE_META_COST = re.compile(r"^(amount spent|montant depense) [a-z]{3}$")

MAILCHIMP_MEASURES = {"total recipients": "reach", "successful deliveries": "impressions",
                      "unique opens": "engagements", "unique clicks": "clicks",
                      "total orders": "transactions", "total revenue": "revenue"}

SHOPIFY_LEFT_OUT = {"refunded", "voided", "pending", "expired"}

TOTAL_LABEL = re.compile(r"^\s*(total\b.*|totals|totaux|grand total|total general)\s*$", re.I)


# ------------------------------------------------------------------ readers
def read_ga4(spec, entry):
    header, rows = table(spec["path"], spec["encoding"], spec["delimiter"], spec["header_line"], stop_at_blank=True)
    day_i = next(i for i, h in enumerate(header) if norm_header(h) in GA4_DAY)
    ch_i = next((i for i, h in enumerate(header) if norm_header(h) in GA4_CHANNEL), None)
    cols = colmap(header, GA4_MEASURES)
    entry["columns_read"] = OrderedDict([(header[day_i], "day")] + ([(header[ch_i], "channel")] if ch_i is not None else [])
                                        + [(h, m) for h, (i, m) in cols.items()])
    order, why = decide_order([(ln, cell(r, day_i)) for ln, r in rows])
    entry["date_order"] = why
    sums, skipped = Sums(), 0
    for ln, r in rows:
        dayv = cell(r, day_i).strip()
        if not dayv or TOTAL_LABEL.match(cell(r, 0)) or TOTAL_LABEL.match(r[-1] if r else ""):
            skipped += 1
            continue
        group = cell(r, ch_i).strip() if ch_i is not None else ""
        ch = GA4_GROUPS.get(norm_header(group), group) if ch_i is not None else "website"
        day = parse_day(dayv, order)
        for h, (i, m) in cols.items():
            sums.add(day, ch, m, dec(cell(r, i), spec["decimal"]))
    sums.result(entry)
    entry["skipped_rows"] = skipped


def read_meta(spec, entry):
    header, rows = table(spec["path"], spec["encoding"], spec["delimiter"], spec["header_line"])
    n = [norm_header(h) for h in header]
    day_i = next((i for i, h in enumerate(n) if h in ("day", "jour")), None)
    rs_i = next((i for i, h in enumerate(n) if h in ("reporting starts", "debut des rapports")), None)
    re_i = next((i for i, h in enumerate(n) if h in ("reporting ends", "fin des rapports")), None)
    cols = colmap(header, META_MEASURES)
    for i, h in enumerate(n):
        if RE_META_COST.match(h):
            cols[header[i]] = (i, "cost")
    dims = [i for i, h in enumerate(n) if h in ("campaign name", "ad set name", "ad name", "nom de la campagne")]
    entry["columns_read"] = OrderedDict(
        [((header[day_i] if day_i is not None else "%s = %s" % (header[rs_i], header[re_i])), "day")]
        + [(h, m) for h, (i, m) in cols.items()])
    if day_i is not None:
        values = [(ln, cell(r, day_i)) for ln, r in rows]
    else:
        values = [(ln, cell(r, rs_i)) for ln, r in rows]
    order, why = decide_order(values)
    entry["date_order"] = why
    sums, skipped = Sums(), 0
    for ln, r in rows:
        if not any(c.strip() for c in r):
            skipped += 1
            continue
        if dims and all(not cell(r, i).strip() for i in dims):
            skipped += 1  # Meta's summary row: every name empty, figures set
            continue
        if day_i is not None:
            day = parse_day(cell(r, day_i), order)
        else:
            a, b = parse_day(cell(r, rs_i), order), parse_day(cell(r, re_i), order)
            assert a == b, "row over several days on line %d" % ln
            day = a
        for h, (i, m) in cols.items():
            sums.add(day, "social", m, dec(cell(r, i), spec["decimal"]))
    sums.result(entry)
    entry["skipped_rows"] = skipped


def read_mailchimp(spec, entry):
    header, rows = table(spec["path"], spec["encoding"], spec["delimiter"], spec["header_line"])
    day_i = next(i for i, h in enumerate(header) if norm_header(h) == "send date")
    cols = colmap(header, MAILCHIMP_MEASURES)
    entry["columns_read"] = OrderedDict([(header[day_i], "day")] + [(h, m) for h, (i, m) in cols.items()])
    order, why = decide_order([(ln, cell(r, day_i)) for ln, r in rows])
    entry["date_order"] = why
    # An A/B test's parent row repeats the sum of its combinations, whose
    # titles are the parent's followed by " | Combo n" or " | Winner": it is
    # a summary row, left out.
    titles = [cell(r, 0).strip() for _, r in rows]
    parents = {t.split(" | ")[0] for t in titles if " | " in t}
    sums, skipped = Sums(), 0
    for ln, r in rows:
        if not any(c.strip() for c in r):
            skipped += 1
            continue
        if cell(r, 0).strip() in parents:
            skipped += 1
            continue
        day = parse_day(cell(r, day_i), order)
        for h, (i, m) in cols.items():
            sums.add(day, "email", m, dec(cell(r, i), spec["decimal"]))
    sums.result(entry)
    entry["skipped_rows"] = skipped


def read_shopify(spec, entry):
    header, rows = table(spec["path"], spec["encoding"], spec["delimiter"], spec["header_line"])
    ix = {h: i for i, h in enumerate(header)}
    name_i, total_i, created_i = ix["Name"], ix["Total"], ix["Created at"]
    fs_i, canc_i, src_i = ix.get("Financial Status"), ix.get("Cancelled at"), ix.get("Source")
    entry["columns_read"] = OrderedDict([("Created at", "day"), ("Name", "order"), ("Total", "order total")]
                                        + ([("Financial Status", "left out when refunded/voided/pending/expired")] if fs_i is not None else [])
                                        + ([("Cancelled at", "left out when set")] if canc_i is not None else [])
                                        + ([("Source", "pos -> store, else website")] if src_i is not None else []))
    firsts = OrderedDict()
    skipped = 0
    errors = []
    for ln, r in rows:
        if not any(c.strip() for c in r):
            skipped += 1
            continue
        name = cell(r, name_i).strip()
        if name in firsts:
            t = cell(r, total_i).strip()
            if t and dec(t, spec["decimal"]) != dec(cell(firsts[name][1], total_i), spec["decimal"]):
                errors.append("line %d: order %s given again with another total %s" % (ln, name, t))
            skipped += 1
            continue
        firsts[name] = (ln, r)
    order, why = decide_order([(ln, cell(r, created_i)) for ln, r in firsts.values()])
    entry["date_order"] = why
    sums = Sums()
    left_out, counted_status = defaultdict(int), defaultdict(int)
    counted = 0
    for name, (ln, r) in firsts.items():
        fs = cell(r, fs_i).strip()
        cancelled = cell(r, canc_i).strip() != ""
        if fs.lower() in SHOPIFY_LEFT_OUT:
            left_out[fs] += 1
            continue
        if cancelled:
            left_out["cancelled (Cancelled at set, Financial Status %s)" % (fs or "empty")] += 1
            continue
        total = dec(cell(r, total_i), spec["decimal"])
        if total is None:
            errors.append("line %d: order %s has no total" % (ln, name))
            continue
        day = parse_day(cell(r, created_i), order)
        ch = "store" if cell(r, src_i).strip().lower() == "pos" else "website"
        sums.add(day, ch, "transactions", Decimal(1))
        sums.add(day, ch, "revenue", total)
        counted += 1
        counted_status[fs or "(no Financial Status column)"] += 1
    sums.result(entry)
    cancelled_total = sum(1 for _, r in firsts.values() if cell(r, canc_i).strip())
    entry["orders"] = OrderedDict([("counted", counted), ("left_out", OrderedDict(sorted(left_out.items()))),
                                   ("statuses_counted", OrderedDict(sorted(counted_status.items()))),
                                   ("with_cancelled_at", cancelled_total), ("orders_in_file", len(firsts))])
    entry["skipped_rows"] = skipped
    if errors:
        entry["expect"] = "error"
        entry["errors"] = errors[:50]


def info_gads(spec, entry):
    """Figures of a Google Ads export without Day: given for information only
    (the file is refused); they show which rows are totals."""
    header, rows = table(spec["path"], spec["encoding"], spec["delimiter"], spec["header_line"])
    cols = colmap(header, GADS_MEASURES)
    if not any(m == "clicks" for _, (i, m) in cols.items()):
        for i, h in enumerate(header):
            if norm_header(h) == "interactions":
                cols[h] = (i, "clicks")
    type_i = next((i for i, h in enumerate(header) if norm_header(h) in ("campaign type", "type de campagne")), None)
    sums, skipped = defaultdict(lambda: defaultdict(lambda: None)), 0
    for ln, r in rows:
        if not any(c.strip() for c in r) or TOTAL_LABEL.match(cell(r, 0)):
            skipped += 1
            continue
        ch = GADS_TYPES.get(norm_header(cell(r, type_i)), "search") if type_i is not None else "search"
        for h, (i, m) in cols.items():
            v = dec(cell(r, i), spec["decimal"])
            if v is not None:
                sums[ch][m] = v if sums[ch][m] is None else sums[ch][m] + v
    entry["columns_read"] = OrderedDict((h, m) for h, (i, m) in cols.items())
    entry["informational_totals_by_channel"] = OrderedDict(
        (ch, OrderedDict((m, out(v)) for m, v in sorted(ms.items()))) for ch, ms in sorted(sums.items()))
    entry["skipped_rows"] = skipped


def info_gads_time_series(spec, entry):
    """The Overview chart's download: `Date` (`Thu, 5 Feb 2026`) instead of `Day`."""
    header, rows = table(spec["path"], spec["encoding"], spec["delimiter"], spec["header_line"])
    cols = colmap(header, GADS_MEASURES)
    order, why = decide_order([(ln, r[0]) for ln, r in rows])
    sums = Sums()
    for ln, r in rows:
        day = parse_day(r[0], order)
        for h, (i, m) in cols.items():
            sums.add(day, "search", m, dec(cell(r, i), spec["decimal"]))
    e = OrderedDict()
    sums.result(e)
    entry["if_Date_were_read_as_Day"] = OrderedDict(
        [("date_order", why), ("columns_read", OrderedDict((h, m) for h, (i, m) in cols.items()))] + list(e.items()))


def info_mailchimp_ab(spec, entry):
    """Mailchimp A/B tests: a parent row (empty Subject) repeats the sum of its
    combinations; figures without those parents, for information."""
    header, rows = table(spec["path"], spec["encoding"], spec["delimiter"], spec["header_line"])
    day_i = header.index("Send Date")
    subj_i = header.index("Subject")
    cols = colmap(header, MAILCHIMP_MEASURES)
    order, _ = decide_order([(ln, cell(r, day_i)) for ln, r in rows])
    sums = Sums()
    parents = []
    for ln, r in rows:
        if not cell(r, subj_i).strip():
            parents.append("line %d: %s" % (ln, cell(r, 0)))
            continue
        day = parse_day(cell(r, day_i), order)
        for h, (i, m) in cols.items():
            sums.add(day, "email", m, dec(cell(r, i), spec["decimal"]))
    e = OrderedDict()
    sums.result(e)
    entry["ab_test_parent_rows"] = parents
    entry["totals_without_ab_parent_rows"] = e["totals"]


READERS = {"ga4": read_ga4, "meta-ads": read_meta, "mailchimp": read_mailchimp, "shopify": read_shopify}

# ------------------------------------------------------------------ the files and their dialects
U8, U16, COMMA, TAB = "utf-8", "utf-16", ",", "\t"


def f(file, fmt, expect, encoding, delimiter, header_line, decimal=".", reason=None, notes="", info=None):
    return dict(file=file, format=fmt, expect=expect, encoding=encoding, delimiter=delimiter,
                header_line=header_line, decimal=decimal, reason=reason, notes=notes, info=info)


SHOPIFY_NOTE = ("Shopify 'CSV for Excel' order export: one row per line item, the order's Total, "
                "Financial Status, Created at and Source on its first row only. ")

SPECS = [
    # ---------------------------------------------------------------- shopify
    f("shopify/kidsliving_orders_export.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "ZAR; 50 orders over 5 days; pending (manual EFT) and voided orders; the 2 cancelled orders are the voided ones."),
    f("shopify/gemstrack_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "PKR; mostly draft orders (Source shopify_draft_order); expired, voided, pending, refunded; "
            "cancelled orders still 'paid' (Cancelled at set) are left out; order numbers not in date order (2024-2026)."),
    f("shopify/maison_maria_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "GBP; TikTok Shop orders (Source tiktok -> website); refunded+cancelled orders; "
            "offsets change within the file (+0000 / +0100, GMT/BST)."),
    f("shopify/monfrere_orders_export_2.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "USD; 4,936 orders 2020-2023 (3.9 MB); Source 580111 / 3890849 (numeric app ids) and "
            "shopify_draft_order; partially_refunded counted at full Total; 'authorized' and 'partially_paid' "
            "are not in the docs' list and are counted; LF line endings, with 3 CRLF among the 529 line breaks inside quoted cells."),
    f("shopify/customer_vip_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "USD 2019-2022; refunded, partially_refunded; Source Honeycomb (an upsell app) -> website; "
            "phone numbers written with a leading apostrophe ('+1 ...)."),
    f("shopify/bdt_orders_export_10.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "BDT cash-on-delivery shop: almost every order 'pending'; voided orders are also "
            "cancelled; CRLF line endings (inside quoted Note Attributes too); offsets -0400. "
            "No order is counted (38 pending, 12 voided): the import gives no day."),
    f("shopify/panalysis_orders_export.csv", "shopify", "import", U8, COMMA, 1,
      notes="A Shopify order export cut down to 10 columns by its publisher (Name, Subtotal, Shipping, Taxes, Total, "
            "Created at, Billing City/Zip/Province/Country): one row per order, no Financial Status, Cancelled at "
            "or Source column, so every order counts and is 'website'; zip codes written '0812 (leading apostrophe)."),
    f("shopify/danilo_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "USD 2020-2023; Sources web, iphone, 580111, 2329312, sell-on-amazon, "
            "shopify_draft_order (all -> website); 2 orders cancelled while 'paid'."),
    f("shopify/selmanarts_orders_export.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "TRY shop with 2 orders in USD: revenue below adds the two currencies as the file "
            "writes them (kpilot has no currency conversion)."),
    f("shopify/signal_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "PKR cash-on-delivery; 94 of 114 orders pending; line endings mixed: CRLF between "
            "records, bare LF inside quoted cells."),
    f("shopify/eda_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "USD, one month (2023-04-28..05-31), 3,885 orders (3.3 MB); Source "
            "subscription_contract and numeric app ids; partially_refunded counted."),
    f("shopify/admin_system_orders_export.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "INR; 31 of 50 orders pending (cash on delivery)."),
    f("shopify/explorer_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "USD 2020-2022; 78 columns (an older layout); Source 580111 on some orders."),
    f("shopify/dna_crm_orders_export_1.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "EUR 2024-2026; offsets +0000/+0100 in one column (winter/summer time); refunded, partially_refunded, cancelled."),
    f("shopify/autofulfill_orders_export.csv", "shopify", "import", U8, COMMA, 1,
      notes=SHOPIFY_NOTE + "CAD; 20 orders with many item rows (65 lines)."),
    f("shopify/bibiwatson_orders_export_1.csv", "shopify", "refuse", U8, COMMA, 1,
      reason="no Total column: the publisher kept 34 of Shopify's columns (no Email, Subtotal, Total, Taxes, "
             "Billing Name...), so an order has no total",
      notes="Re-saved by a spreadsheet: dates written 31/12/2023 22:36 (day-first, proved by 31/12/2023 on line 2), "
            "CRLF between records but mostly bare LF (1,710 of 1,731) inside quoted Notes/Note Attributes; CAD."),
    # ---------------------------------------------------------------- ga4
    f("ga4/hourly_data-export.csv", "ga4", "import", U8, COMMA, 2,
      notes="GA4 exploration with Session primary channel group x Date + hour (YYYYMMDDHH), re-saved by a spreadsheet: "
            "the single comment line reads '# ----------------------------------------,,,,,,,,,' (padded with "
            "commas), CRLF, no '# Start date' lines. Only Sessions is read (Users, Engaged sessions, rates, "
            "Event count are not measures of the preset). 'Unassigned' is kept as a channel of its own."),
    f("ga4/hourly_bom_data-export_1.csv", "ga4", "import", U8, COMMA, 2,
      notes="The same GA4 data as ga4/hourly_data-export.csv, published by another person: UTF-8 BOM before "
            "the '#' of the comment line, LF, floats re-written with 15-17 digits (47.526667000000003). "
            "Sessions must equal the other file's."),
    f("ga4/exploration_user_explorer_download.csv", "ga4", "refuse", U8, COMMA, 7,
      reason="no Date column: a User explorer exploration over 20230515-20230521 (7 days, from the '# 20230515-20230521' comment)",
      notes="Exploration layout: '# ----' block with property, exploration name and the range on one line, a blank "
            "line, the header, then a 'Grand total' row whose label is in an extra last column (',,,48,5,0,0,0,3,Grand total'). "
            "Sessions, Purchase revenue, Transactions, Conversions are columns of the preset."),
    f("ga4/exploration_free_form_download_2.csv", "ga4", "refuse", U8, COMMA, 7,
      reason="no Date column: Free form exploration by page over 20241122-20260120",
      notes="Grand total row with the label in an extra 8th column; Key events and Sessions are preset columns."),
    f("ga4/monfrere_traffic_acquisition_week_2024.csv", "ga4", "refuse", U8, COMMA, 10,
      reason="the time dimension is Week (week numbers 1-52, no year) not Date; the report covers 20240101-20241231",
      notes="'# All Users' comment line between the block and the dates; header 'Session primary channel group "
            "(Default Channel Group)' (capitalised Channel Group); Key events and Total revenue (6 decimals)."),
    f("ga4/twinbirds_traffic_acquisition.csv", "ga4", "refuse", U8, COMMA, 10,
      reason="the report's default export: no Date column, 20251101-20260505",
      notes="Traffic acquisition with Sessions, Key events, Total revenue per channel group; revenue with 6 decimals "
            "(5769524.003067); CRLF."),
    f("ga4/uttam_data-export_11.csv", "ga4", "refuse", U8, COMMA, 11,
      reason="no Date column: Session default channel group over 20230322-20230418",
      notes="Older GA4 wording 'Report CSV Export' / 'Conversions' (before Key events) and 'Session default "
            "channel group'; account name masked."),
    f("ga4/ecuagen_es_data-export.csv", "ga4", "refuse", U8, COMMA, 118,
      reason="Spanish GA4 dashboard export: no Date; its only sessions table ('Grupo de canales predeterminado de la "
             "sesión,Sesiones', line 118) covers 20230424-20230521; Spanish headers are not in the docs either",
      notes="Spanish comment lines '# Fecha de inicio: 20230424', '# Fecha de finalización: 20230521'; 11 tables "
            "(Día N, cohorts 'Semana 0..5', countries...)."),
    f("ga4/mh4u_date_events_data-export.csv", "ga4", "refuse", U8, COMMA, 10,
      reason="has Date but none of the preset's measures (Event count, Total users, Event count per user, "
             "Average session duration, New users, Returning users)",
      notes="Date rows sorted by event count, not by date (20231010, 20231009, 20231106...)."),
    # ---------------------------------------------------------------- google ads
    f("google-ads/fruit_campaign_report_utf16.csv", "google-ads", "refuse", U16, TAB, 3,
      reason="no Day column (the campaign view was not segmented by day): 27 January 2026 - 23 February 2026",
      notes="'Excel CSV': UTF-16 LE with BOM, tabs, title line 'Campaign report', range line without quotes "
            "'27 January 2026 - 23 February 2026' (UK English), '\"9,380\"' grouped impressions, ' --' cells, "
            "'< 10%' impression share, and two total rows 'Total: Campaigns' and 'Total: Campaign' (singular).",
      info=info_gads),
    f("google-ads/fruit_campaign_report_1.csv", "google-ads", "refuse", U8, COMMA, 3,
      reason="no Day column: 27 January 2026 - 23 February 2026",
      notes="Plain CSV of the same account: Total: Campaigns / Account / Performance Max / Search / Display rows; "
            "Conv. value / cost and Original conv. value must not be read as revenue.", info=info_gads),
    f("google-ads/dentplant_campaign_report.csv", "google-ads", "refuse", U8, COMMA, 3,
      reason="no Day column: March 27, 2026 - April 23, 2026",
      notes="Smart campaigns with Greek names; every figure 0; 'Total: Smart' row whose Campaign type cell says Smart.",
      info=info_gads),
    f("google-ads/msand_campaign_report_video.csv", "google-ads", "refuse", U8, COMMA, 3,
      reason="no Day column: July 8, 2025 - July 31, 2025",
      notes="INR; Video and Demand Gen campaigns with Interactions and no Clicks column; 'Conv. (Platform Comparable)' "
            "and its ratios beside Conversions; Budget type 'Campaign Total'.", info=info_gads),
    f("google-ads/twinbirds_campaign_report_utf16.csv", "google-ads", "refuse", U16, TAB, 3,
      reason="no Day column: 1 November 2025 - 30 April 2026",
      notes="UTF-16 LE tab 'Excel CSV', INR, 127 campaigns: Search 34, Shopping 29, Performance Max 22, Demand Gen 19, "
            "Display 12 and 'In-stream video' 11 (a type not in the docs' list: it would go to search); 8 Total rows "
            "(Campaigns, Account, and one per type); 'Conv. value / cost', 'Avg. target ROAS', 'Conv. (Platform comparable)'.", info=info_gads),
    f("google-ads/londonclean_time_series.csv", "google-ads", "refuse", U8, COMMA, 1,
      reason="no Day/Jour column: the Overview page's chart download names its day column 'Date'",
      notes="Header 'Date,Clicks,Impressions,Avg. CPC,Cost', no title or range line, dates '\"Thu, 5 Feb 2026\"', "
            "amounts with a currency prefix 'US$50.00'. Figures it would give if Date were read as Day are below.",
      info=info_gads_time_series),
    f("google-ads/londonclean_day_of_week.csv", "google-ads", "refuse", U8, COMMA, 1,
      reason="the column headed 'Day' holds weekday names ('Sunday' on line 2): no date reads, so the import "
             "stops on line 2 (a bad row), or is refused",
      notes="The Overview page's 'Day & hour' card download (Day_&_hour(Day_2026.02.05-2026.02.10).csv): "
            "'Day,Impressions' with Sunday..Saturday. A trap for a reader that trusts the header 'Day'."),
    # ---------------------------------------------------------------- meta ads
    f("meta-ads/monfrere_ads_daily_2026.csv", "meta-ads", "import", U8, COMMA, 1,
      notes="Ads Manager export by ad and by day without a Day column: each row has Reporting starts = Reporting ends "
            "(74 days, 14,504 rows). No Link clicks or purchase value column; 'Purchase ROAS (return on ad spend)', "
            "'CPM (cost per 1,000 impressions) (USD)', 'Cost per results' are ratios; Results and Meta leads ignored; "
            "'-' in Attribution setting and rankings."),
    f("meta-ads/monfrere_day_age_gender_2024.csv", "meta-ads", "import", U8, COMMA, 1,
      notes="UTF-8 BOM; Day column plus Gender x Age breakdown (one row per ad, day, gender, age): reach is summed "
            "over those rows as the docs say; ad names that look like dates ('12.23.2024'); 'Starts' (a date) and "
            "'Ends' ('Ongoing') are not the day."),
    f("meta-ads/monfrere_ads_lifetime.csv", "meta-ads", "refuse", U8, COMMA, 1,
      reason="no breakdown by day: every row covers Reporting starts 2023-02-05 to Reporting ends 2026-03-05",
      notes="Same columns as monfrere_ads_daily_2026.csv."),
    f("meta-ads/conlan_campaigns_no_data.csv", "meta-ads", "refuse", U8, COMMA, 1,
      reason="no data: the header is followed by the single line '\"No data available.\"'",
      notes="What Ads Manager writes for an empty range (1-30 Sep 2024); the header has Amount spent (USD), Reach, "
            "Impressions but no Day."),
    # ---------------------------------------------------------------- mailchimp
    f("mailchimp/rootnewsletter_campaigns.csv", "mailchimp", "import", U8, COMMA, 1,
      notes="Mailchimp campaign report export (26 columns, older 'List' header), CRLF, some headers quoted, "
            "emoji in subjects. A/B tests: a parent row with an empty Subject repeats the sum of its "
            "'| Combo n' / '| Winner' rows, so summing every row would count those sends twice: the parents are "
            "summary rows, left out (the parents are listed below).", info=info_mailchimp_ab),
    f("mailchimp/phillybike_campaigns.csv", "mailchimp", "import", U8, COMMA, 1,
      notes="Trimmed by its publisher to Title, Subject, Audience (newer name of List), Send Date, Send Weekday, "
            "Total Recipients, Unique Id: only reach is read. Test sends of 3 recipients are rows like any other."),
]


def main():
    entries = []
    for s in SPECS:
        spec = dict(s)
        spec["path"] = os.path.join(FILES, s["file"])
        entry = OrderedDict()
        entry["file"] = s["file"]
        entry["format"] = s["format"]
        entry["expect"] = s["expect"]
        if s["reason"]:
            entry["reason"] = s["reason"]
        entry["dialect"] = OrderedDict([("encoding", s["encoding"] + (" LE with BOM" if s["encoding"] == U16 else "")),
                                        ("delimiter", "tab" if s["delimiter"] == TAB else s["delimiter"]),
                                        ("header_line", s["header_line"]), ("decimal", s["decimal"])])
        if s["expect"] == "import":
            READERS[s["format"]](spec, entry)
        if s["info"]:
            s["info"](spec, entry)
        entry["notes"] = s["notes"]
        entries.append(entry)
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as fh:
        json.dump(entries, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    for e in entries:
        t = e.get("totals") or e.get("informational_totals_by_channel") or {}
        print("%-55s %-7s %s %s" % (e["file"], e["expect"], json.dumps(t, ensure_ascii=False)[:110],
                                     json.dumps(e.get("orders", {}).get("left_out", ""), ensure_ascii=False)[:80]))


if __name__ == "__main__":
    sys.exit(main())
