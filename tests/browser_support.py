"""Start the studio on 127.0.0.1 and drive it with Playwright in Debian's headless Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(script: Path, log_dir: Path, *, env: dict | None = None, args: tuple[str, ...] = (),
                    cwd: Path = ROOT, health: str = "/_stcore/health") -> tuple[subprocess.Popen, str]:
    """`streamlit run <script>` on 127.0.0.1 and a free port; returns the process and the base URL
    once `health` answers 200. `env` is the whole environment of the child."""
    port = free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                                 "--server.address", "127.0.0.1", "--server.port", str(port),
                                 "--browser.gatherUsageStats", "false", *args],
                                cwd=cwd, env=env if env is not None else dict(os.environ),
                                stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}{health}", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    stop_streamlit(proc)
    raise RuntimeError(f"streamlit did not start: {log_path.read_text()[-2000:]}")


def stop_streamlit(proc: subprocess.Popen, *, kill: bool = False) -> None:
    if proc.poll() is None:
        proc.kill() if kill else proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@contextmanager
def running_studio(home: Path, extra_env: dict | None = None, args: tuple[str, ...] = ()):
    """The app as users start it (`streamlit run app.py`), on a free port, stopped afterwards."""
    env = dict(os.environ, STUDIO_HOME=str(home), **(extra_env or {}))
    env.pop("STUDIO_DB_URL", None)
    proc, url = start_streamlit(ROOT / "app.py", home, env=env, args=args, health="/api/health")
    try:
        yield url
    finally:
        stop_streamlit(proc)


@contextmanager
def browser_page(width: int = 1400, height: int = 1000):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Streamlit has finished the script run: no running indicator, app view present."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
