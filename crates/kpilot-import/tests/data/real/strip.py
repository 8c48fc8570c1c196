#!/usr/bin/env python3
"""Bring the real exports listed in SOURCES.md into files/<tool>/<name>,
with personal data replaced by placeholders of the same shape.

Usage:
    python3 strip.py [--mirror DIR] [--only NAME]

Each source is read from a git snapshot (by default /work/.mirror/<owner>+<repo>/repo,
the layout the search tool's `fetch` leaves) at the commit named in SOURCES.md,
so running it again gives the same bytes.  Nothing else is changed:

* the encoding, the BOM, the delimiter, the quoting and the line endings are kept
  (a UTF-16 LE file is decoded and encoded again as UTF-16 LE with its BOM);
* only the columns named in MASK (and e-mail addresses anywhere) are touched:
  every letter becomes x / X, every digit 0, everything else (spaces, commas,
  quotes, '@', '+', '-', line breaks inside quoted cells) stays where it was;
  an e-mail keeps the shape xxxx@example.com;
* a line-level regex (LINE_MASK) masks the name in a GA4 comment line such as
  `# Account: First Last`.

After writing, the script reads both versions back with the csv module and
checks that they have the same number of records and the same values in
every column that was not masked.
"""
import argparse
import csv
import io
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")

SHOPIFY_PII = [
    "Email", "Billing Name", "Billing Street", "Billing Address1", "Billing Address2",
    "Billing Company", "Billing City", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Phone",
    "Notes", "Note Attributes", "Phone", "Employee",
]

# local name -> (repo, commit, path in repo, encoding, delimiter, header record index, masked columns, line masks)
SOURCES = {
    # ---------------------------------------------------------------- shopify
    "shopify/kidsliving_orders_export.csv": ("FelixTellmann/kidsliving-api", "6edf53392cf8e5ff5e84537e99ab803139d4333f", "orders_export.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/gemstrack_orders_export_1.csv": ("Ammar282828/gemstrack-pos", "553a0b7e423ce1e584ec5677582290a9cc7693cf", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/maison_maria_orders_export_1.csv": ("Diptargha/maison_maria_shopify_api", "90af2349ebee1820cad52116619dd035be59b67d", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/monfrere_orders_export_2.csv": ("Steproac/Monfrere-Tactical-Audit", "095927a554aaa07fc1b77ab6e3d617fdf78d5c0e", "Shopify_orders_export_2.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/customer_vip_orders_export_1.csv": ("oks234/customer_vip", "2e28258aa615cc4f2cd3e06461c397f591df8b59", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/bdt_orders_export_10.csv": ("zhangerson/shopify_parsing", "c5253620494000931c7fc876a06833d8b051cef7", "orders_export (10).csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/panalysis_orders_export.csv": ("panalysis/d3js-test", "a7913068ae45f06c5f9fd9f99faa1e7400bf8ea5", "orders_export.csv", "utf-8", ",", 0, [], []),
    "shopify/danilo_orders_export_1.csv": ("danilo0327/ML_linear_regression", "63f1f1cdac119df2b27629203f69f2b52ff483c1", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/selmanarts_orders_export.csv": ("solkaun/selmanarts_kargo_takip", "d5923cb9a92d1a6fd68f955274a1e448bde8156d", "orders_export.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/signal_orders_export_1.csv": ("abdullahyasir54/signal-analytics", "d32568b52208eb392e1dd2ab63809dcd714ebb82", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/eda_orders_export_1.csv": ("paramxjyot/EDA-on-Sales-Data", "21047048b246aa12f762504bc0b78efd8ad8463e", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/admin_system_orders_export.csv": ("Sahilarora83/admin-system", "7c418b4bd3b67778e5a4e688b2f0cfa9baa386f8", "orders_export.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/explorer_orders_export_1.csv": ("ethompson17/Explorer_Analytics", "7e2e1ceb0ba3bdad5c2a89427768822b3cbbb446", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/dna_crm_orders_export_1.csv": ("SuesteCreative/dna-crm", "d1e3c3a6709397d26c23f9dba5293696649ca22e", "orders_export_1.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/autofulfill_orders_export.csv": ("jihyangt/autofulfill5000", "d6ddeedb8f82a425e2a184b60baeac381efed2db", "orders_export.csv", "utf-8", ",", 0, SHOPIFY_PII, []),
    "shopify/bibiwatson_orders_export_1.csv": ("bibiwatson/files", "fabfbc13f1376294fa998e6baabf12e8aa692065", "orders_export_1.csv", "utf-8", ",", 0, ["Notes", "Note Attributes"], []),
    # ---------------------------------------------------------------- ga4
    "ga4/hourly_data-export.csv": ("chirayu32/Website-Analysis", "c9472fde3496f79d98c1134e169a676ab2b9a2ff", "data-export.csv", "utf-8", ",", 1, [], []),
    "ga4/hourly_bom_data-export_1.csv": ("Siddharth6315/Website-Performance-Analytics", "a7f8d9b33969e540ea1680a540ed340d53e52779", "data-export (1).csv", "utf-8", ",", 1, [], []),
    "ga4/exploration_user_explorer_download.csv": ("LilyHeAsamiko/GA4", "9bf706705c175c9cb1b36d6a2a01eac6f0586471", "download.csv", "utf-8", ",", None, [], [(r"^(\d{6,}\.\d{6,})(?=,)", "digits")]),
    "ga4/exploration_free_form_download_2.csv": ("DanielTheC/internal-lnking-tool", "c5c9d192c73da2eda1308d6b39acabe90facd9be", "download (2).csv", "utf-8", ",", None, [], []),
    "ga4/monfrere_traffic_acquisition_week_2024.csv": ("Steproac/Monfrere-Tactical-Audit", "095927a554aaa07fc1b77ab6e3d617fdf78d5c0e", "GA Traffic_acquisition_Session_primary_channel_group_(Default_Channel_Group) 2024.csv", "utf-8", ",", None, [], []),
    "ga4/twinbirds_traffic_acquisition.csv": ("MANISH-D-17/GOOGLE-ADS-ANALYZER", "87f96e95c7424479f4dc82720f913f25a4bf3892", "Dataset/Traffic_acquisition_Session_TwinBirds.csv", "utf-8", ",", None, [], []),
    "ga4/uttam_data-export_11.csv": ("uttamdangi/web-analitics", "727e7e1a77154c7ce6018a0036d91ea6782c73ba", "data-export 11.csv", "utf-8", ",", None, [], [(r"^# Account: (.*)$", "text")]),
    "ga4/ecuagen_es_data-export.csv": ("williamm6891/Actividad_1", "33ab3b6427b201d92162ef9123ebb59bb93d4ee1", "data-export.csv", "utf-8", ",", None, [], []),
    "ga4/mh4u_date_events_data-export.csv": ("marko7bub/Bubniak_Thesis", "51c57fc7dfb9983cc0055380282bcbb128d0bf66", "data-export.csv", "utf-8", ",", None, [], []),
    # ---------------------------------------------------------------- google ads
    "google-ads/fruit_campaign_report_utf16.csv": ("DanielTheC/internal-lnking-tool", "c5c9d192c73da2eda1308d6b39acabe90facd9be", "Campaign report.csv", "utf-16", "\t", None, [], []),
    "google-ads/fruit_campaign_report_1.csv": ("DanielTheC/internal-lnking-tool", "c5c9d192c73da2eda1308d6b39acabe90facd9be", "Campaign report (1).csv", "utf-8", ",", None, [], []),
    "google-ads/dentplant_campaign_report.csv": ("1123alberto/Clinic_Marketing_Agency", "7c01a65bae588d83f73a3e05c47b981956980984", "Campaign report.csv", "utf-8", ",", None, [], []),
    "google-ads/msand_campaign_report_video.csv": ("VishalMotling/campaign-performance-analyzer", "c599055a548da46ea1cc9890610296ab832eb1f4", "Campaign report.csv", "utf-8", ",", None, [], []),
    "google-ads/twinbirds_campaign_report_utf16.csv": ("MANISH-D-17/GOOGLE-ADS-ANALYZER", "87f96e95c7424479f4dc82720f913f25a4bf3892", "Dataset/Campaign report_twin birds.csv", "utf-16", "\t", None, [], []),
    "google-ads/londonclean_day_of_week.csv": ("londonclean01-site/site", "7a70d29980444f56d6e6ab38c9bd3940b4afbe4f", "src/ads/Day_&_hour(Day_2026.02.05-2026.02.10).csv", "utf-8", ",", None, [], []),
    "google-ads/londonclean_time_series.csv": ("londonclean01-site/site", "7a70d29980444f56d6e6ab38c9bd3940b4afbe4f", "src/ads/Time_series(2026.02.05-2026.02.10).csv", "utf-8", ",", None, [], []),
    # ---------------------------------------------------------------- meta ads
    "meta-ads/monfrere_ads_daily_2026.csv": ("Steproac/Monfrere-Tactical-Audit", "095927a554aaa07fc1b77ab6e3d617fdf78d5c0e", "Meta Daily MONFRERE-Ads-Jan-1-2026-Mar-15-2026.csv", "utf-8", ",", None, [], []),
    "meta-ads/monfrere_day_age_gender_2024.csv": ("Steproac/Monfrere-Tactical-Audit", "095927a554aaa07fc1b77ab6e3d617fdf78d5c0e", "Meta Monfrere 2024.csv", "utf-8", ",", None, [], []),
    "meta-ads/monfrere_ads_lifetime.csv": ("Steproac/Monfrere-Tactical-Audit", "095927a554aaa07fc1b77ab6e3d617fdf78d5c0e", "MONFRERE-Ads-Fe-5-2023-Mar-4-2026.csv", "utf-8", ",", None, [], []),
    "meta-ads/conlan_campaigns_no_data.csv": ("DanielTheC/internal-lnking-tool", "c5c9d192c73da2eda1308d6b39acabe90facd9be", "Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv", "utf-8", ",", None, [], []),
    # ---------------------------------------------------------------- mailchimp
    "mailchimp/rootnewsletter_campaigns.csv": ("ilanaseidl/ilanaseidl.github.io", "ecc239d84aca76b8d57a695e1e79e713aa39a0d0", "campaigns.csv", "utf-8", ",", None, [], []),
    "mailchimp/phillybike_campaigns.csv": ("PhillyBikeAction/newsletter-archive", "8eccd0c1685ccfe86b18c6663915a328a199670e", "campaigns.csv", "utf-8", ",", None, [], []),
}

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def mask_char(c):
    if c.isdigit():
        return "0"
    cat = unicodedata.category(c)
    if cat.startswith("L"):
        return "X" if c.isupper() else "x"
    if cat.startswith("M"):  # combining marks of Bengali, Devanagari, ... go with their letter
        return ""
    if cat.startswith("N"):
        return "0"
    return c


def mask_email(m):
    local = m.group(0).split("@", 1)[0]
    return "".join("x" if ch.isalnum() else ch for ch in local) + "@example.com"


def mask_text(s):
    s = EMAIL.sub(mask_email, s)
    out = []
    i = 0
    while i < len(s):
        # keep the placeholders of already masked e-mails
        if s.startswith("@example.com", i):
            out.append("@example.com")
            i += len("@example.com")
            continue
        out.append(mask_char(s[i]))
        i += 1
    return "".join(out)


def mask_digits(s):
    return "".join("0" if c.isdigit() else c for c in s)


def records(text, delim):
    """Yield records as lists of (start, end) spans of the raw fields (quotes included)."""
    i, n = 0, len(text)
    while i < n:
        rec = []
        while True:
            start = i
            if i < n and text[i] == '"':
                j = i + 1
                while True:
                    k = text.find('"', j)
                    if k == -1:
                        i = n
                        break
                    if k + 1 < n and text[k + 1] == '"':
                        j = k + 2
                        continue
                    i = k + 1
                    break
                while i < n and text[i] not in (delim, "\r", "\n"):
                    i += 1
            else:
                while i < n and text[i] not in (delim, "\r", "\n"):
                    i += 1
            rec.append((start, i))
            if i < n and text[i] == delim:
                i += 1
                continue
            break
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        yield rec


def field_value(raw):
    if raw.startswith('"'):
        body = raw[1:]
        if body.endswith('"'):
            body = body[:-1]
        return body.replace('""', '"')
    return raw


def strip_text(text, delim, header_idx, mask_cols, line_masks):
    # line masks first (comment lines above the header)
    if line_masks:
        lines = text.splitlines(keepends=True)
        for li, line in enumerate(lines):
            body = line.rstrip("\r\n")
            end = line[len(body):]
            for pat, kind in line_masks:
                m = re.search(pat, body)
                if m:
                    a, b = m.span(1)
                    rep = mask_text(body[a:b]) if kind == "text" else mask_digits(body[a:b])
                    body = body[:a] + rep + body[b:]
            lines[li] = body + end
        text = "".join(lines)
    if mask_cols:
        chars = list(text)
        recs = list(records(text, delim))
        header = [field_value(text[a:b]).lstrip("\ufeff") for a, b in recs[header_idx]]
        idx = [header.index(c) for c in mask_cols if c in header]
        edits = []
        for rec in recs[header_idx + 1:]:
            for ci in idx:
                if ci >= len(rec):
                    continue
                a, b = rec[ci]
                raw = text[a:b]
                if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
                    edits.append((a + 1, b - 1))
                else:
                    edits.append((a, b))
        for a, b in sorted(edits, reverse=True):
            chars[a:b] = list(mask_text("".join(chars[a:b])))
        text = "".join(chars)
    # e-mail addresses anywhere else
    text = EMAIL.sub(lambda m: m.group(0) if m.group(0).endswith("@example.com") else mask_email(m), text)
    return text


def decode(raw, enc):
    if enc == "utf-16":
        assert raw[:2] == b"\xff\xfe", "expected a UTF-16 LE BOM"
        return raw[2:].decode("utf-16-le")
    return raw.decode("utf-8", errors="surrogateescape")


def encode(text, enc):
    if enc == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode("utf-8", errors="surrogateescape")


def check(before, after, delim, header_idx, mask_cols):
    def rows(t):
        return list(csv.reader(io.StringIO(t, newline=""), delimiter=delim))
    rb, ra = rows(before), rows(after)
    assert len(rb) == len(ra), "record count changed"
    masked = set()
    if header_idx is not None and mask_cols:
        h = [c.lstrip("\ufeff") for c in rb[header_idx]]
        masked = {h.index(c) for c in mask_cols if c in h}
    changed = 0
    for r1, r2 in zip(rb, ra):
        assert len(r1) == len(r2), "field count changed"
        for k, (x, y) in enumerate(zip(r1, r2)):
            if x != y:
                changed += 1
                if k not in masked:
                    assert EMAIL.search(x) or x.startswith("#") or re.match(r"^\d{6,}\.\d{6,}$", x), (k, x, y)
    return changed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--only")
    args = ap.parse_args()
    for name, (repo, commit, path, enc, delim, header_idx, mask_cols, line_masks) in SOURCES.items():
        if args.only and args.only != name:
            continue
        gitdir = os.path.join(args.mirror, repo.replace("/", "+"), "repo")
        if os.path.isdir(os.path.join(gitdir, ".git")):
            gitdir = os.path.join(gitdir, ".git")
        raw = subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{path}"],
                             check=True, capture_output=True).stdout
        text = decode(raw, enc)
        out = strip_text(text, delim, header_idx if header_idx is not None else 0, mask_cols, line_masks)
        changed = check(text, out, delim, header_idx, mask_cols)
        data = encode(out, enc)
        if not mask_cols and not line_masks and out == text:
            assert data == raw
        dest = os.path.join(OUT, name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(data)
        print(f"{name}: {len(raw)} -> {len(data)} bytes, {changed} cells masked")


if __name__ == "__main__":
    sys.exit(main())
