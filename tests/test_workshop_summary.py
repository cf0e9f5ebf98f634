"""The session summary: one self-contained HTML page (user text escaped, bars drawn as SVG, most
disagreement first) that prints to a PDF holding the cases, and to a PNG."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from studio.workshops import session_report
from workshop.summary import summary_html

HAS_CHROMIUM = Path("/usr/bin/chromium").exists()
SESSION = {
    "code": "ABC-DEF", "title": "Audit <script>alert('t')</script>",
    "cases": [
        {"id": "calm", "text": "Everyone agrees here.", "answers": ["yes", "no"]},
        {"id": "split", "text": "A case with <script>alert(1)</script> & more", "answers": ["evict", "mediate"]},
    ],
}


def _votes() -> pd.DataFrame:
    rows = []
    for r in range(6):
        rows.append({"case": "calm", "rater": f"r{r}", "value": "yes", "basis": "policy",
                     "reason": "<b>ok</b>"})
        rows.append({"case": "split", "rater": f"r{r}", "value": "evict" if r % 2 else "mediate",
                     "basis": "fairness" if r < 2 else "policy", "reason": None})
    return pd.DataFrame(rows)


def _html() -> str:
    votes = _votes()
    return summary_html(SESSION, votes, session_report(votes, SESSION["cases"], n_boot=50), date="2026-11-23")


def test_summary_escapes_user_text_and_has_no_script_or_external_reference():
    html = _html()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "Audit &lt;script&gt;" in html
    assert not re.search(r"(src|href)=\"?https?:", html)  # prints offline


def test_summary_orders_cases_by_disagreement_and_draws_bars():
    html = _html()
    assert html.index("<b>split</b>") < html.index("<b>calm</b>")  # most disagreement first
    assert html.count("<svg") == 3  # two cases and the bases of decision
    assert "12" in html and "2026-11-23" in html  # n votes, date
    assert "organisation of 400" in html


def test_summary_without_votes_is_still_a_page():
    empty = pd.DataFrame(columns=["case", "rater", "value", "basis", "reason"])
    html = summary_html(SESSION, empty, session_report(empty, SESSION["cases"], n_boot=10))
    assert "No votes yet." in html and html.count("<svg") == 3


@pytest.mark.skipif(not HAS_CHROMIUM or shutil.which("pdftotext") is None,
                    reason="needs Debian's chromium and poppler-utils")
def test_summary_prints_to_pdf_and_png(tmp_path):
    from studio.export.pdf import html_to_pdf, html_to_png

    html = _html()
    pdf = html_to_pdf(html, tmp_path / "summary.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "split" in text and "calm" in text and "ABC-DEF" in text
    png = html_to_png(html, tmp_path / "summary.png", 900, 1200)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
