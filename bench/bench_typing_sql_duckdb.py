"""Bench: the typing tool's SQL in DuckDB over 10,000,000 respondents vs numpy predict (issue #11).

A TypingTool (greedy, 6 golden questions) is fitted on 20,000 respondents of the reference model
(two axes, 12 Likert items 1-5, 3 % missing, four segments). Then N respondents are generated
inside DuckDB with the same model (hash-based noise, so the data never passes through Python) and
typed two ways:
- ours: `TypingTool.to_sql("duckdb", table="survey")`, run as
  `CREATE TABLE typed AS <that SELECT>` in DuckDB (all threads DuckDB wants on this machine);
- peer: the same respondents' answers to the golden questions fetched as numpy arrays
  (`fetchnumpy`, not timed) and typed with `TypingTool.predict` (numpy LDA scores + argmax).
Prints rows/s of each, the ratio numpy time / DuckDB time, and checks that both give the same
segment for every respondent (the SQL uses the same grid-rounded weights as predict).

    .venv/bin/python bench/bench_typing_sql_duckdb.py [N]     # N defaults to 10,000,000; ~1-2 min
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from segmentation.typing_tool import TypingTool  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
ITEMS = [f"c{i}" for i in range(1, 7)] + [f"r{i}" for i in range(1, 7)]
CENTRES = [(4.0, 4.0), (4.0, 2.0), (2.0, 4.0), (2.0, 2.0)]


def training_sample(n: int = 20_000, seed: int = 3) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    seg = rng.integers(0, 4, n)
    centre = np.array(CENTRES)[seg]
    latent = np.repeat(centre, 6, axis=1) + rng.normal(0, 1.0, (n, 12))
    answers = np.clip(np.round(latent), 1, 5)
    answers[rng.random(answers.shape) < 0.03] = np.nan
    return pd.DataFrame(answers, columns=ITEMS), seg


def generate_in_duckdb(con, n: int) -> None:
    """Same model in SQL: centre by segment, noise from hash() (uniform sum ~ normal), 3 % missing."""
    def item(j: int, axis: str) -> str:
        noise = " + ".join(f"(hash(i * 131 + {j * 7 + k}) % 1000000) / 1000000.0" for k in range(4))
        value = f"least(5, greatest(1, round({axis} + (({noise}) - 2.0) * 1.7)))"
        return f"CASE WHEN hash(i * 977 + {j}) % 100 < 3 THEN NULL ELSE CAST({value} AS INTEGER) END AS {ITEMS[j]}"

    seg = "hash(i) % 4"
    control = f"CASE WHEN {seg} IN (0, 1) THEN 4.0 ELSE 2.0 END"
    orientation = f"CASE WHEN {seg} IN (0, 2) THEN 4.0 ELSE 2.0 END"
    columns = [item(j, control) for j in range(6)] + [item(j, orientation) for j in range(6, 12)]
    con.execute(f"CREATE TABLE survey AS SELECT i AS respondent, {', '.join(columns)} FROM range({n}) t(i)")


def main() -> None:
    import duckdb

    X, y = training_sample()
    tool = TypingTool(max_questions=6, random_state=0).fit(X, y)
    print(f"typing tool: questions {tool.questions_}, cross-validated accuracy {tool.accuracy_:.3f}")
    sql = tool.to_sql("duckdb", table="survey", id_column="respondent")
    con = duckdb.connect()
    t = time.perf_counter()
    generate_in_duckdb(con, N)
    print(f"generated {N:,} respondents in DuckDB in {time.perf_counter() - t:.1f} s")

    best_sql = float("inf")
    for _ in range(2):  # best of two: the machine is shared
        con.execute("DROP TABLE IF EXISTS typed")
        t = time.perf_counter()
        con.execute(f"CREATE TABLE typed AS {sql}")
        best_sql = min(best_sql, time.perf_counter() - t)

    columns = con.execute(f"SELECT {', '.join(tool.questions_)} FROM survey ORDER BY respondent").fetchnumpy()
    # fetchnumpy gives masked arrays for columns with NULLs: a missing answer must stay NaN
    frame = pd.DataFrame({q: np.ma.filled(np.ma.asarray(columns[q]).astype(float), np.nan) for q in tool.questions_})
    best_np = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        labels = tool.predict(frame)
        best_np = min(best_np, time.perf_counter() - t)
    typed = con.execute("SELECT segment FROM typed ORDER BY respondent").fetchnumpy()["segment"]
    same = float(np.mean(np.asarray(typed).astype(str) == np.asarray(labels).astype(str)))
    print(f"DuckDB SQL   {best_sql:6.2f} s  {N / best_sql:13,.0f} rows/s")
    print(f"numpy predict {best_np:6.2f} s  {N / best_np:13,.0f} rows/s (data already in memory)")
    print(f"ratio numpy time / DuckDB time: {best_np / best_sql:.2f}; same segment for {same:.4%} of respondents")


if __name__ == "__main__":
    main()
