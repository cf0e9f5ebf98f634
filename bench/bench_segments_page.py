"""Bench: rerun time of the Segments page vs. the Data page on the demo project (issue 4: ratio < 2).

Both pages run in one process through streamlit.testing.v1.AppTest on a fresh STUDIO_HOME with the
demo project (1,200 respondents) and one k-means (k 2-6) and one quadrant segmentation stored; the
page shows the k-means run, so it draws everything it can: axis map, k choice, profiles, stability,
typing tool.

A widget change is a rerun of the whole page script; the Data page's widgets all save an edit, so
the comparable figure is the rerun itself. Measured per page after two warm-up runs (caches
filled), median of REPEAT reruns:
  * data: a rerun of the Data page;
  * segments: a rerun of the Segments page;
  * segments (widget): a real widget change on the Segments page (the typing tool's SQL dialect,
    alternating postgres/duckdb, both cached after the warm-up).
Prints the medians and the ratios segments/data.

    .venv/bin/python bench/bench_segments_page.py
"""
from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["STUDIO_HOME"] = tempfile.mkdtemp(prefix="bench-segments-")
os.environ.pop("STUDIO_DB_URL", None)
logging.getLogger("streamlit").setLevel(logging.ERROR)

from streamlit.testing.v1 import AppTest  # noqa: E402

REPEAT = 15


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _prepare_project() -> tuple[str, str]:
    from segmentation.codebook import parse_codebook
    from studio.segmenting import run_segmentation
    from studio.service import clean_survey, ensure_demo_project
    from studio.store import Store

    store = Store()
    stored = ensure_demo_project(store)
    project = stored.project
    data = store.read_survey(project.survey.table)
    codebook = parse_codebook(project.codebook)
    cleaned = clean_survey(data, codebook, "demo")
    project.segmentations.append(run_segmentation(cleaned, codebook, "kmeans", k_range=(2, 6), n_boot=10))
    project.segmentations.append(run_segmentation(cleaned, codebook, "quadrant", n_boot=10))
    store.save(project, stored.version, note="bench segmentations")
    return project.id, project.segmentations[0]["id"]


def main() -> None:
    pid, kmeans_run = _prepare_project()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.query_params["project"] = pid
    at.run()
    for _ in range(2):
        at.run()
    data_times = [_timed(at.run) for _ in range(REPEAT)]
    assert not at.exception, at.exception

    at.switch_page("app_pages/segments.py")
    at.run()
    at.selectbox(key="seg_view").set_value(kmeans_run).run()  # the k-means run: every tab has a figure
    dialect = at.selectbox(key="seg_tt_dialect")
    for value in ("duckdb", "postgres", "duckdb"):  # warm the typing-tool cache for both dialects
        dialect.set_value(value).run()
    assert not at.exception, at.exception
    charts = len(at.get("plotly_chart"))
    assert charts >= 5, f"the Segments page drew {charts} charts, expected map, k, means, stability, confusion"
    seg_times = [_timed(at.run) for _ in range(REPEAT)]
    widget_times = []
    for i in range(REPEAT):
        value = "postgres" if i % 2 == 0 else "duckdb"
        widget_times.append(_timed(lambda: at.selectbox(key="seg_tt_dialect").set_value(value).run()))
    assert not at.exception, at.exception

    data_s, seg_s, widget_s = (statistics.median(v) for v in (data_times, seg_times, widget_times))
    print(f"data page rerun          median {data_s * 1000:7.1f} ms")
    print(f"segments page rerun      median {seg_s * 1000:7.1f} ms")
    print(f"segments widget change   median {widget_s * 1000:7.1f} ms")
    print(f"ratio segments/data (rerun)          {seg_s / data_s:.2f}   (target < 2)")
    print(f"ratio segments/data (widget change)  {widget_s / data_s:.2f}   (target < 2)")


if __name__ == "__main__":
    main()
