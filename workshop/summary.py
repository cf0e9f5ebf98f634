"""A noise-audit session as one self-contained HTML page, ready to print to PDF or PNG.

WHY hand-drawn SVG: the summary must print offline in headless chromium and open in any browser
years later, so it carries no script and no external reference; a few bars are simpler to draw
than to ship a chart library inside the file. Every text a user typed (title, cases, answers,
reasons) is HTML-escaped: a case text is data, never markup.
"""
from __future__ import annotations

import datetime as _dt
from html import escape
from typing import Any

import pandas as pd

from workshop.sessions import BASES

__all__ = ["BENCHMARK", "LABELS", "summary_html"]

# Over 80 % policy, 10 % own sense of fairness (DOMAIN.md section 4: the 400-person organisation).
BENCHMARK = {"policy": 0.80, "fairness": 0.10}
LABELS: dict[str, str] = {
    "heading": "Noise audit", "date": "Date", "votes": "Votes", "participants": "Participants",
    "kappa": "Fleiss' kappa", "alpha": "Krippendorff's alpha ({level})", "pct": "Pairs that agree",
    "noise": "Noise index", "by_case": "Per case, most disagreement first",
    "case_line": "{n} answers · most given: {mode} ({share})", "bases": "What decided it",
    "room": "this room", "benchmark": "organisation of 400 (over 80 % policy, 10 % own sense of fairness)",
    "no_votes": "No votes yet.",
    "basis.policy": "policy or the prescribed process", "basis.fairness": "my own sense of fairness",
    "basis.situation": "this customer's situation", "basis.colleague": "what a colleague would do",
    "basis.other": "other",
}
BLUE, RED = "#4C78A8", "#E45756"
CSS = """@page {size: A4; margin: 14mm}
body {font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0; font-size: 11pt}
h1 {font-size: 20pt; margin: 0 0 4pt} h2 {font-size: 14pt; margin: 16pt 0 6pt}
.meta {color: #555; margin-bottom: 10pt} .figs {display: flex; gap: 10pt; flex-wrap: wrap}
.fig {border: 1px solid #ccc; border-radius: 4pt; padding: 6pt 10pt; min-width: 90pt}
.fig b {display: block; font-size: 16pt} .case {border: 1px solid #ddd; border-radius: 4pt; padding: 6pt 10pt;
margin: 6pt 0; break-inside: avoid} .case p {margin: 2pt 0} .small {color: #555; font-size: 9pt}
@media screen {body {margin: 16px}}"""


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None or (isinstance(x, float) and pd.isna(x)):
        return "–"
    return f"{x:.0%}".replace("%", " %") if pct else f"{x:.2f}"


def _bars(items: list[tuple[str, float]], *, width: int = 460, share: bool = False,
          marks: dict[str, float] | None = None) -> str:
    """Horizontal bars (label, value) as inline SVG; ``marks`` draws a red tick per label."""
    row_h, label_w = 20, 170
    top = max([v for _, v in items] + [1e-9]) if not share else 1.0
    height = row_h * len(items) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, (label, value) in enumerate(items):
        y = 3 + i * row_h
        w = (width - label_w - 50) * (value / top if top else 0.0)
        text = _fmt(value, True) if share else str(int(value))
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="10" text-anchor="end">'
                     f'{escape(label[:32])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" fill="{BLUE}"/>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" font-size="10">{escape(text)}</text>')
        if marks and label in marks:
            x = label_w + (width - label_w - 50) * marks[label]
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + row_h - 2}" stroke="{RED}" '
                         'stroke-width="3"/>')
    parts.append("</svg>")
    return "".join(parts)


def _distribution(case: dict[str, Any], values: pd.Series, bins: int = 8) -> list[tuple[str, float]]:
    """Counts per offered answer (zeros kept), or per equal-width bin of the case's scale."""
    if "answers" in case:
        counts = values.astype(str).value_counts()
        return [(str(a), float(counts.get(str(a), 0))) for a in case["answers"]]
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    lo, hi = float(case["scale"]["min"]), float(case["scale"]["max"])
    step = (hi - lo) / bins
    out = []
    for b in range(bins):
        a, z = lo + b * step, lo + (b + 1) * step
        inside = (numbers >= a) & ((numbers < z) if b < bins - 1 else (numbers <= z))
        out.append((f"{a:g}–{z:g}", float(inside.sum())))
    return out


def summary_html(session: dict[str, Any], votes: pd.DataFrame, report: dict[str, Any], *,
                 date: str | _dt.date | None = None, labels: dict[str, str] | None = None,
                 lang: str = "en") -> str:
    """The summary page: title, date, number of votes, agreement figures, per case the answer
    distribution (most disagreement first, as ``report["cases"]``), bases vs the benchmark.

    ``session``: {code, title, cases}; ``votes``: the long table (case, rater, value, basis);
    ``report``: workshops.session_report / agreement_report of those votes; ``labels`` overrides
    the English texts of LABELS (the app passes the user's language).
    """
    text = {**LABELS, **(labels or {})}
    cases = list(session.get("cases") or [])
    title = str(session.get("title") or session.get("code") or text["heading"])
    when = str(date or _dt.date.today())
    kappa = report.get("fleiss_kappa") or {}
    level = report.get("level") or "nominal"
    noise = report.get("noise_index")
    if noise is None:
        noise = report.get("scale_noise_index")
    figs = [(text["votes"], str(int(report.get("n_votes") or len(votes)))),
            (text["participants"], str(int(report.get("n_raters") or 0))),
            (text["kappa"], f"{_fmt(kappa.get('value'))} [{_fmt(kappa.get('ci_low'))}, {_fmt(kappa.get('ci_high'))}]"),
            (text["alpha"].format(level=level), _fmt((report.get("krippendorff_alpha") or {}).get(level))),
            (text["pct"], _fmt(report.get("percent_agreement"), True)),
            (text["noise"], _fmt(noise, True))]
    html = [f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">',
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            f'<div class="meta">{escape(text["heading"])} · {escape(str(session.get("code") or ""))} · '
            f'{escape(text["date"])} {escape(when)}</div>', '<div class="figs">']
    html += [f'<div class="fig">{escape(k)}<b>{escape(v)}</b></div>' for k, v in figs]
    html.append(f'</div><h2>{escape(text["by_case"])}</h2>')
    if votes.empty:
        html.append(f"<p>{escape(text['no_votes'])}</p>")
    by_id = {str(c["id"]): c for c in cases}
    rows = {r["case"]: r for r in report.get("cases") or []}
    order = [r["case"] for r in report.get("cases") or []] + [c for c in by_id if c not in rows]
    for case_id in order:
        case = by_id.get(case_id)
        if case is None:
            continue
        values = votes.loc[votes["case"].astype(str) == case_id, "value"] if len(votes) else pd.Series([], dtype=str)
        html.append(f'<div class="case"><p><b>{escape(case_id)}</b> · {escape(str(case.get("text", "")))}</p>')
        row = rows.get(case_id)
        if row:
            line = text["case_line"].format(n=row["n"], mode=row["mode"], share=_fmt(row["share_mode"], True))
            html.append(f'<p class="small">{escape(line)}</p>')
        html.append(_bars(_distribution(case, values)) + "</div>")
    bases = report.get("bases") or {}
    html.append(f'<h2>{escape(text["bases"])}</h2>')
    items = [(text.get(f"basis.{k}", k), float(bases.get(k, 0.0))) for k in BASES]
    marks = {text.get(f"basis.{k}", k): v for k, v in BENCHMARK.items()}
    html.append(_bars(items, share=True, marks=marks, width=560))
    html.append(f'<p class="small"><span style="color:{BLUE}">■</span> {escape(text["room"])} · '
                f'<span style="color:{RED}">|</span> {escape(text["benchmark"])}</p>')
    html.append("</body></html>")
    return "".join(html)
