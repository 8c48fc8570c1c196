"""French typography in the French catalogues: a narrow no-break space
(U+202F) before : ; ! ? and inside « », and the apostrophe ’ between
letters. Idempotent; run after editing
locales/fr/*.ftl:  python3 crates/kpilot-text/typography.py"""
import pathlib, re
NNBSP = "\u202f"
for path in pathlib.Path(__file__).parent.glob("locales/fr/*.ftl"):
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") or "=" not in line and not line.startswith(" "):
            out.append(line)
            continue
        line = re.sub(r"[ \u00a0](?=[:;!?](\s|$))", NNBSP, line)
        line = re.sub(r"«[ \u00a0]", "«" + NNBSP, line)
        line = re.sub(r"[ \u00a0]»", NNBSP + "»", line)
        # The typographic apostrophe between letters: l’import, n’est.
        line = re.sub(r"(?<=[A-Za-zÀ-ÿ])'(?=[A-Za-zÀ-ÿ])", "’", line)
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
