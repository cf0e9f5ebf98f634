"""Plotly figures to PNG/SVG bytes with ONE kaleido (headless chromium) process per export.

WHY a persistent server: starting chromium costs seconds; a deck has several charts. kaleido 1.x
keeps a browser alive behind ``kaleido.start_sync_server`` and ``calc_fig_sync`` reuses it.
Debian's chromium is used (``BROWSER_PATH``); kaleido is only imported when a chart is drawn.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import plotly.graph_objects as go

CHROMIUM = "/usr/bin/chromium"
_lock = threading.Lock()  # one kaleido server per process; exports from several sessions take turns


class FigureRenderer:
    """Context manager: ``with FigureRenderer() as r: r.png(fig, w, h)``; results are cached per
    figure so the HTML and PPTX of one export share the work."""

    def __init__(self, scale: float = 1.5):
        self.scale = scale
        self._cache: dict[tuple, bytes] = {}
        self._started = False

    def __enter__(self) -> "FigureRenderer":
        _lock.acquire()
        return self

    def _start(self) -> None:
        if self._started:
            return
        if Path(CHROMIUM).exists():
            os.environ.setdefault("BROWSER_PATH", CHROMIUM)
        import kaleido

        if kaleido._global_server.is_running():  # kept alive by the app (keep_alive): reuse, never stop it
            return
        kaleido.start_sync_server(n=1, timeout=90, silence_warnings=True)
        self._started = True

    def render(self, fig: go.Figure, width: int, height: int, fmt: str) -> bytes:
        key = (id(fig), width, height, fmt)
        if key not in self._cache:
            self._start()
            import kaleido

            opts = {"format": fmt, "width": width, "height": height}
            if fmt == "png":
                opts["scale"] = self.scale
            self._cache[key] = kaleido.calc_fig_sync(fig, opts=opts)
        return self._cache[key]

    def png(self, fig: go.Figure, width: int, height: int) -> bytes:
        return self.render(fig, width, height, "png")

    def svg(self, fig: go.Figure, width: int, height: int) -> bytes:
        return self.render(fig, width, height, "svg")

    def __exit__(self, *exc) -> None:
        try:
            if self._started:
                import kaleido

                kaleido.stop_sync_server(silence_warnings=True)
        finally:
            self._started = False
            _lock.release()


def keep_alive_svg(fig: go.Figure, width: int, height: int) -> bytes:
    """SVG for the Present page: the app process keeps one kaleido browser running between slides
    (started on the first chart, never per slide), and requests from several sessions take turns."""
    with _lock:
        if Path(CHROMIUM).exists():
            os.environ.setdefault("BROWSER_PATH", CHROMIUM)
        import kaleido

        if not kaleido._global_server.is_running():
            kaleido.start_sync_server(n=1, timeout=90, silence_warnings=True)
        return kaleido.calc_fig_sync(fig, opts={"format": "svg", "width": width, "height": height})
