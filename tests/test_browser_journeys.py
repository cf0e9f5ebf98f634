"""Real browser: open the Journeys page, choose the home-buying journey, select a persona, see its
path lit up on the swimlane map; screenshots in English, Dutch and on a phone-sized viewport.

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
TRACES = "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => (p.data || []).map(d => d.name))"


def _choose(page, nth: int, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').nth(nth).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def test_home_buying_journey_persona_path(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_studio(home) as url, browser_page(1400, 1000) as page:
        page.goto(f"{url}/journeys?lang=en")  # no project yet: the demo project opens
        wait_for_app(page)
        page.get_by_text("Journeys: swimlanes, personas and checks").wait_for(timeout=60_000)
        page.wait_for_function("() => location.search.includes('project=')", timeout=60_000)
        _choose(page, 0, "Buying a new-build home")
        page.get_by_text("Orientation").first.wait_for(timeout=60_000)
        _choose(page, 1, "De Regisseur")
        page.get_by_text("The path of De Regisseur").wait_for(timeout=60_000)
        page.wait_for_function("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                               ".some(p => (p.data || []).some(d => d.name === 'persona path'))", timeout=60_000)
        swimlane = next(names for names in page.evaluate(TRACES) if "persona path" in names)
        assert swimlane.count("edges") == 1  # every edge in one trace
        body = page.inner_text("body")
        assert "26 steps, 31 moves" in body
        assert "Lowest point: Change request after the deadline (-2)" in body
        page.screenshot(path=str(SHOTS / "journeys-en.png"))
        page.set_viewport_size({"width": 1400, "height": 2600})
        page.screenshot(path=str(SHOTS / "journeys-en-full.png"))

        page.get_by_role("tab", name="Canvas").click()
        page.locator('iframe[title="streamlit_flow.streamlit_flow"]').wait_for(timeout=30_000)
        frame = page.frame_locator('iframe[title="streamlit_flow.streamlit_flow"]')
        frame.get_by_text("Visits the show home").wait_for(timeout=30_000)
        page.locator('iframe[title="streamlit_flow.streamlit_flow"]').scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "journeys-canvas.png"))

        page.get_by_text("Nederlands", exact=True).click()  # the language switch in the sidebar
        page.get_by_text("Klantreizen: zwembanen, persona's en controles").wait_for(timeout=60_000)
        wait_for_app(page)
        assert "Het pad van De Regisseur" in page.inner_text("body")
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.screenshot(path=str(SHOTS / "journeys-nl.png"))

        page.set_viewport_size({"width": 390, "height": 844})
        wait_for_app(page)
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "journeys-phone.png"))
        assert "Controles" in page.inner_text("body")
