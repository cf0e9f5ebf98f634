"""The Present page: slides from the project's deck, ?slide= in the URL, keyboard next/previous,
a presenter view with the notes, and on a projector (1280x720, 1920x1080) nothing overflows."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def test_present_page_moves_and_shows_notes_only_in_presenter_view(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/present.py")
    at.run()
    assert not at.exception, at.exception
    html = "".join(str(h.proto.body) for h in at.get("html"))
    assert "Demo: home buyers" in html and 'data-testid="pr-slide"' in html
    assert not at.text  # no notes on the projector
    at.button(key="pr_next").click().run()
    assert at.query_params["slide"] == ["2"] or at.query_params["slide"] == "2"
    at.button(key="pr_prev").click().run()
    at.toggle(key="pr_presenter").set_value(True).run()
    assert not at.exception, at.exception
    assert any("Persona Studio" in t.value for t in at.text)  # the title slide's facilitator note


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists() or shutil.which("pdftoppm") is None,
                    reason="needs Debian's chromium")
def test_slides_fit_the_projector_and_keys_move(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_support import browser_page, running_studio, wait_for_app

    home = tmp_path / "home"
    home.mkdir()
    with running_studio(home) as url:
        for width, height in [(1280, 720), (1920, 1080)]:
            with browser_page(width, height) as page:
                page.goto(f"{url}/present?embed=true&slide=2", timeout=120_000)
                wait_for_app(page, 120_000)
                page.wait_for_selector('[data-testid="pr-slide"] img', timeout=90_000)  # the axes chart
                for step in range(4):
                    wait_for_app(page, 120_000)
                    time.sleep(0.5)
                    page.screenshot(path=str(tmp_path / f"present-{width}-{step}.png"))
                    box = page.locator('[data-testid="pr-slide"]').bounding_box()
                    assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, (width, step, box)
                    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
                    # nothing inside the slide runs past its edge
                    spill = page.evaluate("""() => { const w = document.querySelector('[data-testid="pr-slide"]');
                        const r = w.getBoundingClientRect(); let bad = [];
                        w.querySelectorAll('h1,p,li,td,img,.big').forEach(e => { const b = e.getBoundingClientRect();
                          if (b.bottom > r.bottom + 1 || b.right > r.right + 1) bad.push(e.tagName + ':' + e.textContent.slice(0, 30)); });
                        return bad; }""")
                    assert spill == [], (width, step, spill)
                    assert page.evaluate("document.documentElement.scrollHeight") <= height + 1
                    before = page.url
                    page.keyboard.press("ArrowRight" if step % 2 == 0 else "Space")
                    page.wait_for_function(f"() => location.href !== {before!r}", timeout=30_000)
                assert "slide=6" in page.url
