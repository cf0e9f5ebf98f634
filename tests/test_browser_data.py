"""Real browser: the studio opens on the demo project, a CSV is imported, the reliability table shows.

Playwright drives Debian's /usr/bin/chromium against `streamlit run app.py` on 127.0.0.1.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, browser_page, running_studio, wait_for_app

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (scripts/test.sh)")]

SHOTS = Path(os.environ.get("STUDIO_SCREENSHOTS", "/tmp/studio-screenshots"))


def test_demo_project_then_csv_import_shows_reliability(tmp_path):
    from data.demo import write_demo

    demo = tmp_path / "demo"
    write_demo(demo, n=300, seed=11)
    csv = tmp_path / "my-survey.csv"  # the user's own export: semicolons and decimal commas
    text = (demo / "survey.csv").read_text(encoding="utf-8").replace(",", ";")
    csv.write_text(text, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_studio(home) as url, browser_page() as page:
        page.goto(url)
        wait_for_app(page)
        page.get_by_text("Scale reliability").first.wait_for(timeout=60_000)
        assert "project=" in page.url
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
        page.screenshot(path=str(SHOTS / "data-demo.png"), full_page=True)

        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(csv))
        page.get_by_text("Read my-survey.csv").first.wait_for(timeout=60_000)
        page.get_by_role("button", name="Import into the project").click()
        page.get_by_text("Current survey: my-survey.csv").first.wait_for(timeout=60_000)
        wait_for_app(page)
        page.get_by_text("Scale reliability").first.wait_for(timeout=60_000)
        page.screenshot(path=str(SHOTS / "data-imported.png"), full_page=True)
        body = page.inner_text("body")
        assert "300 respondents" in body

        bad = tmp_path / "likert-text.csv"  # a Likert answer typed as text: one clear line, app keeps running
        lines = (demo / "survey.csv").read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        cells = lines[5].split(",")
        cells[header.index("c1")] = "vaak"
        lines[5] = ",".join(cells)
        bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(bad))
        page.get_by_text("does not fit the codebook yet").first.wait_for(timeout=60_000)
        page.get_by_text("row 6, column 'c1'").first.wait_for(timeout=60_000)
        page.screenshot(path=str(SHOTS / "data-bad-likert.png"), full_page=True)
        assert "Traceback" not in page.inner_text("body")


def test_language_choice_is_remembered_on_a_new_visit(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with running_studio(home) as url, browser_page() as page:
        page.goto(url)
        wait_for_app(page)
        page.get_by_text("Scale reliability").first.wait_for(timeout=60_000)
        page.locator("[data-testid=stSidebar]").get_by_text("Nederlands", exact=True).click()
        page.get_by_text("Betrouwbaarheid van de schalen").first.wait_for(timeout=60_000)
        page.goto(url)  # a new visit: no ?lang= in the address
        wait_for_app(page)
        page.get_by_text("Betrouwbaarheid van de schalen").first.wait_for(timeout=60_000)
        page.screenshot(path=str(SHOTS / "data-remembered-nl.png"))
