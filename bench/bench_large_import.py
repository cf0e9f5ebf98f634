"""Bench: streaming import of a 1,000,000-respondent survey vs bare pandas (issue #11, "Large data").

Data: N respondents x 30 columns (an id "R0000001", 24 Likert items 1-5 of the reference model's two
axes with 3 % missing answers, 3 counts, 2 text columns), written once as CSV and as Parquet
(row groups of 100,000) in a temp dir.
Ours: `studio.bulk.import_large_survey` into a fresh SQLite store (two passes: check + type, then
convert + write; with the codebook, so every Likert answer is range-checked and ids checked unique).
Peer: `pandas.read_csv(path)` + `DataFrame.to_sql(..., chunksize=20_000)` into a SQLite file: no
validation, no typing rules, whole file in memory.
Each contender runs in its own child process, which reports its time and its peak RSS
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`), so one does not inherit the other's memory.
Then, from the stored table: `Store.read_survey_columns` of the 24 items as float32, scale scoring
and k-means (k = 4, n_init = 3) and a GMM (k = 4) on 1,000,000 rows, with time and peak RSS.

    .venv/bin/python bench/bench_large_import.py [N]      # N defaults to 1,000,000; ~3-5 min
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
ITEMS = [f"c{i}" for i in range(1, 13)] + [f"r{i}" for i in range(1, 13)]
CODEBOOK = {"id": "respondent", "missing": [-9],
            "scales": {"control": {"items": ITEMS[:12], "reverse": ["c3", "c6", "c9"], "min": 1, "max": 5},
                       "orientation": {"items": ITEMS[12:], "reverse": ["r2", "r8"], "min": 1, "max": 5}}}


def make_files(folder: Path) -> tuple[Path, Path, Path]:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    rng = np.random.default_rng(11)
    csv_path, pq_path, cb_path = folder / "survey.csv", folder / "survey.parquet", folder / "codebook.json"
    writer = None
    with open(csv_path, "wb") as out:
        for start in range(0, N, 100_000):
            n = min(100_000, N - start)
            seg = rng.integers(0, 4, n)
            centre = np.array([[4.0, 4.0], [4.0, 2.0], [2.0, 4.0], [2.0, 2.0]])[seg]
            latent = np.repeat(centre, 12, axis=1) + rng.normal(0, 1.0, (n, 24))
            answers = np.clip(np.round(latent), 1, 5)
            cols = {"respondent": pa.array([f"R{i:07d}" for i in range(start + 1, start + n + 1)])}
            for j, item in enumerate(ITEMS):
                values = answers[:, j]
                cols[item] = pa.array(values.astype(np.int64), mask=rng.random(n) < 0.03)
            cols["change_requests"] = pa.array(rng.poisson(2 + seg, n))
            cols["site_visits"] = pa.array(rng.poisson(3, n))
            cols["upgrade_spend"] = pa.array(np.round(rng.gamma(2, 4000, n), 2))
            cols["channel"] = pa.array(np.array(["email", "phone", "app", "site"])[rng.integers(0, 4, n)])
            cols["stage"] = pa.array(np.array(["orientation", "purchase", "build", "handover"])[seg])
            table = pa.table(cols)
            pacsv.write_csv(table, out, write_options=pacsv.WriteOptions(include_header=start == 0,
                                                                         quoting_style="none"))
            if writer is None:
                writer = pq.ParquetWriter(pq_path, table.schema)
            writer.write_table(table, row_group_size=100_000)
    writer.close()
    cb_path.write_text(json.dumps(CODEBOOK))
    return csv_path, pq_path, cb_path


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
what, path, home = sys.argv[2], sys.argv[3], sys.argv[4]
t = time.perf_counter()
out = {}
if what == "pandas":
    import sqlite3
    import pandas as pd
    frame = pd.read_csv(path)
    with sqlite3.connect(f"{home}/peer.db") as conn:
        frame.to_sql("survey", conn, index=False, chunksize=20_000)
    out["rows"] = len(frame)
elif what == "bulk":
    import os
    os.environ["STUDIO_HOME"] = home
    from segmentation.codebook import load_codebook
    from studio.bulk import import_large_survey
    from studio.schema import Project
    from studio.store import Store
    store = Store(f"sqlite:///{home}/studio.db")
    project = Project(name="bench")
    store.create(project)
    result = import_large_survey(store, project.id, path, codebook=load_codebook(sys.argv[5]))
    out["rows"] = result.n_rows
    out["table"] = result.table
elif what == "analyse":
    import numpy as np
    import pandas as pd
    from segmentation.cluster import GMMSegmenter, KMeansSegmenter
    from segmentation.codebook import load_codebook
    from segmentation.scoring import score_scales
    from studio.store import Store
    codebook = load_codebook(sys.argv[5])
    store = Store(f"sqlite:///{home}/studio.db")
    items = store.read_survey_columns(path, codebook.scale_items)
    out["read_s"] = time.perf_counter() - t
    out["items_mb"] = items.memory_usage(index=False).sum() / 2**20
    t1 = time.perf_counter()
    scores = score_scales(items, codebook)
    out["score_s"] = time.perf_counter() - t1
    t1 = time.perf_counter()
    km = KMeansSegmenter(k=4, n_init=3, random_state=0).fit(scores)
    out["kmeans_s"] = time.perf_counter() - t1
    t1 = time.perf_counter()
    gmm = GMMSegmenter(k=4, n_init=1, random_state=0).fit(scores)
    out["gmm_s"] = time.perf_counter() - t1
    out["rows"] = int(len(items))
    out["kmeans_shares"] = [round(float(s), 3) for s in np.bincount(km.labels_[km.labels_ >= 0]) / (km.labels_ >= 0).sum()]
out["seconds"] = time.perf_counter() - t
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run(what: str, path: Path | str, home: Path, codebook: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), what, str(path), str(home), str(codebook)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        csv_path, pq_path, cb_path = make_files(folder)
        print(f"generated {N:,} x 30: CSV {csv_path.stat().st_size / 2**20:.0f} MB, Parquet "
              f"{pq_path.stat().st_size / 2**20:.0f} MB in {time.perf_counter() - t:.1f} s")
        results = {}
        for label, what, path in (("pandas read_csv + to_sql", "pandas", csv_path),
                                  ("bulk CSV", "bulk", csv_path), ("bulk Parquet", "bulk", pq_path)):
            home = folder / what / path.suffix.strip(".")
            home.mkdir(parents=True)
            results[label] = r = run(what, path, home, cb_path)
            assert r["rows"] == N, r
            print(f"{label:26s} {r['seconds']:7.1f} s  {N / r['seconds']:10,.0f} rows/s  "
                  f"peak RSS {r['peak_rss_mb']:6.0f} MB")
        peer = results["pandas read_csv + to_sql"]
        for label in ("bulk CSV", "bulk Parquet"):
            r = results[label]
            print(f"{label}: time ratio ours/pandas {r['seconds'] / peer['seconds']:.2f}, "
                  f"peak RSS ratio ours/pandas {r['peak_rss_mb'] / peer['peak_rss_mb']:.2f}")
        a = run("analyse", results["bulk CSV"]["table"], folder / "bulk" / "csv", cb_path)
        print(f"analysis of {a['rows']:,} rows: read 24 items as float32 {a['read_s']:.1f} s "
              f"({a['items_mb']:.0f} MB), scoring {a['score_s']:.1f} s, k-means {a['kmeans_s']:.1f} s, "
              f"GMM {a['gmm_s']:.1f} s, peak RSS {a['peak_rss_mb']:.0f} MB; k-means shares {a['kmeans_shares']}")


if __name__ == "__main__":
    main()
