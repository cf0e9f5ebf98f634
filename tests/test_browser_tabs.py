"""Two tabs and a reload in a real browser: no edit is lost (issue #11, "Nothing lost").

Tab A and tab B show the same project. A renames it; B, still showing the old version, changes the
description: the save is refused with the conflict banner, B chooses "apply my change to the newest
version", and the store then holds both changes. A reload of either tab shows them."""
from __future__ import annotations

import pytest

from studio.store import Store
from tests.browser_support import CHROMIUM, CHROMIUM_FLAGS, running_studio, wait_for_app

pytestmark = pytest.mark.browser


def _field(page, label: str):
    return page.get_by_label(label, exact=True)


def test_second_tab_and_reload_keep_every_edit(tmp_path):
    from playwright.sync_api import sync_playwright

    home = tmp_path / "home"
    home.mkdir()
    with running_studio(home) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            a = browser.new_page(viewport={"width": 1400, "height": 1000})
            a.goto(f"{url}/project?lang=en")
            wait_for_app(a, timeout=120_000)
            _field(a, "Project name").wait_for(timeout=120_000)
            pid = a.evaluate("new URLSearchParams(location.search).get('project')")
            b = browser.new_page(viewport={"width": 1400, "height": 1000})
            b.goto(f"{url}/project?lang=en&project={pid}")
            wait_for_app(b)
            _field(b, "Project name").wait_for()

            _field(a, "Project name").fill("Home buyers 2027")
            _field(a, "Project name").press("Enter")
            wait_for_app(a)
            a.get_by_text("Saved · version 2").wait_for(timeout=20_000)

            _field(b, "Description").fill("Two axes, four personas, one workshop in March.")
            _field(b, "Description").press("Control+Enter")
            wait_for_app(b)
            b.get_by_text("Your change was not saved", exact=False).wait_for(timeout=20_000)
            b.get_by_role("button", name="Apply my change to the newest version").click()
            wait_for_app(b)
            b.get_by_text("Saved · version 3").wait_for(timeout=20_000)

            stored = Store(f"sqlite:///{home / 'studio.db'}").load(pid)
            assert stored.version == 3
            assert stored.project.name == "Home buyers 2027"
            assert stored.project.description == "Two axes, four personas, one workshop in March."

            for page in (a, b):
                page.reload()
                wait_for_app(page)
                _field(page, "Project name").wait_for()
                assert _field(page, "Project name").input_value() == "Home buyers 2027"
                assert _field(page, "Description").input_value().startswith("Two axes, four personas")
        finally:
            browser.close()
