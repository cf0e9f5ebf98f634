"""Print HTML to PDF (and screenshot it to PNG) with Debian's headless chromium.

WHY chromium: it is already on the machine for the browser tests and kaleido, renders the exact
HTML the user sees (Dutch characters, SVG avatars), and honours ``@page`` sizes (16:9 deck, A4/A3
posters, A4 landscape fans). Everything runs offline: the HTML has no external references and the
flags switch off chromium's own network chatter.
"""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000"]


class ExportError(ValueError):
    """The export could not be produced (chromium missing or failed); one line, what to do."""


def _chromium(args: list[str], workdir: Path, timeout: float = 120) -> None:
    if not Path(CHROMIUM).exists():
        raise ExportError(f"export: {CHROMIUM} is not installed; install Debian's chromium for PDF/PNG export")
    profile = workdir / "profile"
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=workdir)
    except subprocess.TimeoutExpired:
        raise ExportError(f"export: chromium did not finish within {timeout:.0f} s") from None
    if done.returncode != 0:
        tail = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ExportError(f"export: chromium failed ({tail[0][:200]})")


def html_to_pdf(html: str, out: str | Path) -> Path:
    """Write ``out`` (a PDF) from an HTML document; page size comes from the document's ``@page``."""
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="studio-pdf-") as tmp:
        work = Path(tmp)
        src = work / "doc.html"
        src.write_text(html, encoding="utf-8")
        target = work / "out.pdf"
        _chromium([f"--print-to-pdf={target}", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                   src.as_uri()], work)
        if not target.exists() or target.stat().st_size == 0:
            raise ExportError("export: chromium wrote no PDF")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(target.read_bytes())
    return out


def html_to_png(html: str, out: str | Path, width: int, height: int) -> Path:
    """Screenshot an HTML document at ``width`` x ``height`` CSS pixels into ``out`` (PNG)."""
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="studio-png-") as tmp:
        work = Path(tmp)
        src = work / "doc.html"
        src.write_text(html, encoding="utf-8")
        target = work / "out.png"
        _chromium([f"--screenshot={target}", f"--window-size={width},{height}", src.as_uri()], work)
        if not target.exists():
            raise ExportError("export: chromium wrote no PNG")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(target.read_bytes())
    return out
