"""Real browser: the Segments page runs a quadrant segmentation and draws the axis map (EN and NL).

Playwright drives Debian's /usr/bin/chromium against `streamlit run app.py` on 127.0.0.1.
Screenshots go to $STUDIO_SCREENSHOTS (default /tmp/studio-screenshots) for a human to look at.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, browser_page, running_studio, wait_for_app

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (scripts/test.sh)")]

SHOTS = Path(os.environ.get("STUDIO_SCREENSHOTS", "/tmp/studio-screenshots"))


def test_quadrant_run_draws_the_axis_map_in_english_and_dutch(studio_home):
    from studio.service import ensure_demo_project
    from studio.store import Store

    pid = ensure_demo_project(Store()).project.id
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_studio(studio_home) as url, browser_page(width=1400, height=1900) as page:
        page.goto(f"{url}/segments?project={pid}&lang=en")
        wait_for_app(page)
        run_button = page.get_by_role("button", name="Run segmentation")
        if not run_button.is_visible():  # the demo ships with a run, so the form starts folded
            page.get_by_text("New segmentation").first.click()
        run_button.click()
        page.get_by_text("Segmentation saved").first.wait_for(timeout=60_000)
        wait_for_app(page)
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.wait_for(timeout=30_000)
        page.locator(".js-plotly-plot .scatterlayer .trace").first.wait_for(timeout=30_000)
        assert page.locator(".js-plotly-plot .shapelayer path").count() >= 2  # the two cut lines
        body = page.inner_text("body")
        assert "Axis map" in body and "near a cut" in body
        page.screenshot(path=str(SHOTS / "segments-axis-map-en.png"), full_page=True)
        page.get_by_role("tab", name="Profiles").click()
        page.get_by_text("description only").first.wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "segments-profiles-en.png"), full_page=True)

        page.goto(f"{url}/segments?project={pid}&lang=nl")
        wait_for_app(page)
        page.get_by_text("Assenkaart").first.wait_for(timeout=60_000)
        page.locator(".js-plotly-plot .scatterlayer .trace").first.wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "segments-axis-map-nl.png"), full_page=True)
        page.get_by_role("tab", name="Stabiliteit").click()
        page.get_by_text("Adjusted Rand-index").first.wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "segments-stability-nl.png"), full_page=True)
        page.get_by_role("tab", name="Typeringstool").click()
        page.get_by_text("Getypeerd als").first.wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "segments-typing-nl.png"), full_page=True)
