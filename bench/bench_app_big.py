"""Bench: the Data and Segments pages on a 1,000,000-respondent survey vs the 1,200-row demo (issue #11).

Data: bench_large_import's generator (N x 30: an id, 24 Likert items of the reference model with 3 %
missing, 3 counts, 2 text columns) written as Parquet (~25 MB for 1,000,000 rows).
Ours (one child process = one app process, driven by streamlit.testing AppTest):
  1. upload-to-ready: the Parquet file uploaded on the Data page, "Import" clicked, until the page
     shows the new survey (streaming import, codebook drafted, survey loaded into the shared cache);
  2. a k-means run (k=4, 20 bootstrap refits for stability) clicked on the Segments page;
  3. reruns: each page run once (warm-up), then 3 reruns; the median is reported.
Peer: the same steps on the 1,200-row demo project in its own child process.
Reported: page rerun time on N rows as a ratio against the same page on the demo, upload-to-ready
time, k-means run time, and peak RSS (`ru_maxrss`) of each app process.

    .venv/bin/python bench/bench_app_big.py [N]      # N defaults to 1,000,000; ~4-6 min
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000

CHILD = r"""
import json, os, resource, statistics, sys, time
root, home, parquet = sys.argv[1], sys.argv[2], sys.argv[3]
os.environ["STUDIO_HOME"] = home
sys.path.insert(0, root)
from streamlit.testing.v1 import AppTest

out = {}
at = AppTest.from_file(f"{root}/app.py", default_timeout=1800)
at.run()
if parquet != "-":  # a fresh project, then the upload
    from studio.schema import Project
    from studio.store import Store
    project = Project(name="big")
    Store().create(project)
    at.query_params["project"] = project.id
    at.run()
    uploader = next(w for w in at.get("file_uploader") if "survey_upload" in str(w.proto.id))
    content = open(parquet, "rb").read()
    t = time.perf_counter()
    uploader.set_value(("survey.parquet", content, "application/octet-stream"))
    at.run()
    at.button(key="do_import_bulk").click()
    at.run()
    out["upload_to_ready_s"] = time.perf_counter() - t
    del content
    assert not at.exception, [e.value for e in at.exception]
    assert "survey.parquet" in "".join(str(m.value) for m in at.markdown), "import did not finish"
at.switch_page("app_pages/segments.py")
at.run()
at.segmented_control(key="seg_method").set_value("kmeans").run()
t = time.perf_counter()
at.button(key="seg_run").click().run()
out["kmeans_run_s"] = time.perf_counter() - t
assert not at.exception, [e.value for e in at.exception]
for page in ("data", "segments"):
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    times = []
    for _ in range(3):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    assert not at.exception, [e.value for e in at.exception]
    out[f"{page}_rerun_s"] = statistics.median(times)
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run(home: Path, parquet: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(home), parquet],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    import bench_large_import as gen

    gen.N = N
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _csv, parquet, _cb = gen.make_files(folder)
        print(f"generated {N:,} x 30 respondents: Parquet {parquet.stat().st_size / 2**20:.0f} MB")
        (folder / "demo").mkdir()
        (folder / "big").mkdir()
        demo = run(folder / "demo", "-")
        big = run(folder / "big", str(parquet))
    print(f"upload-to-ready ({N:,} rows, Parquet, in the app): {big['upload_to_ready_s']:.1f} s")
    print(f"k-means run (k=4, 20 bootstrap refits): {N:,} rows {big['kmeans_run_s']:.1f} s, "
          f"demo {demo['kmeans_run_s']:.1f} s")
    for page in ("data", "segments"):
        b, d = big[f"{page}_rerun_s"], demo[f"{page}_rerun_s"]
        print(f"{page:8s} page rerun: {N:,} rows {b:.2f} s, demo 1,200 rows {d:.2f} s, ratio {b / d:.1f}")
    print(f"peak RSS of the app process: {N:,} rows {big['peak_rss_mb']:.0f} MB, demo {demo['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
