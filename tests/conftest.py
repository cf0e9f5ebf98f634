"""Shared pytest set-up: the repository root on sys.path and an isolated STUDIO_HOME per test."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture()
def studio_home(tmp_path, monkeypatch):
    """A fresh, empty store for one test (SQLite under a temp STUDIO_HOME)."""
    home = tmp_path / "studio-home"
    home.mkdir()
    monkeypatch.setenv("STUDIO_HOME", str(home))
    monkeypatch.delenv("STUDIO_DB_URL", raising=False)
    return home
