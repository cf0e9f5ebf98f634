"""Benchmark: workshop agreement statistics against statsmodels, as ratios measured in one run.

A workshop of 60 raters x 30 cases (answers on a 1-7 scale), the size the live results screen must
refresh within a second. Three measurements:

1. Fleiss' kappa point estimate: ours vs ``statsmodels.stats.inter_rater.fleiss_kappa`` on the
   same count table (both should be microseconds; the ratio guards against a slow rewrite).
2. Bootstrap interval over cases (n_boot=1000): our vectorised ``fleiss_kappa_ci`` vs the
   straightforward peer approach, statsmodels' kappa on 1000 resampled tables in a loop.
3. The full ``agreement_report`` (kappa + CI, alpha at four levels, per-case detail) vs that same
   statsmodels bootstrap loop, i.e. everything we show vs the kappa interval alone done naively.

Run: ``.venv/bin/python bench/bench_agreement.py``. Ratios < 1 mean ours is faster.
"""
from __future__ import annotations

import sys
import timeit
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa  # noqa: E402

from workshop.agreement import agreement_report, count_matrix, fleiss_kappa, fleiss_kappa_ci  # noqa: E402
from workshop.votes import normalise_votes  # noqa: E402

N_RATERS, N_CASES, N_BOOT = 60, 30, 1000


def workshop_votes(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centre = rng.integers(2, 7, N_CASES)
    rows = [(f"case{c}", f"rater{r}", int(np.clip(centre[c] + rng.integers(-2, 3), 1, 7)))
            for c in range(N_CASES) for r in range(N_RATERS)]
    return normalise_votes(pd.DataFrame(rows, columns=["case", "rater", "value"]))


def statsmodels_bootstrap(table: np.ndarray, n_boot: int, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    n = len(table)
    kappas = [sm_fleiss_kappa(table[rng.integers(0, n, n)]) for _ in range(n_boot)]
    return tuple(np.nanquantile(kappas, [0.025, 0.975]))


def best(stmt, number: int, repeat: int = 5) -> float:
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number


def main() -> None:
    votes = workshop_votes()
    table = count_matrix(votes).to_numpy()
    assert abs(fleiss_kappa(table) - sm_fleiss_kappa(table)) < 1e-12

    ours_point = best(lambda: fleiss_kappa(table), number=2000)
    peer_point = best(lambda: sm_fleiss_kappa(table), number=2000)
    ours_ci = best(lambda: fleiss_kappa_ci(votes, n_boot=N_BOOT), number=5)
    peer_ci = best(lambda: statsmodels_bootstrap(table, N_BOOT), number=1, repeat=3)
    ours_report = best(lambda: agreement_report(votes, n_boot=N_BOOT), number=3)

    ci = fleiss_kappa_ci(votes, n_boot=N_BOOT)
    low, high = statsmodels_bootstrap(table, N_BOOT)
    print(f"workshop: {N_RATERS} raters x {N_CASES} cases, n_boot={N_BOOT}")
    print(f"kappa point estimate  ours {ours_point * 1e6:8.1f} us  statsmodels {peer_point * 1e6:8.1f} us"
          f"  ratio {ours_point / peer_point:.2f}")
    print(f"kappa bootstrap CI    ours {ours_ci * 1e3:8.1f} ms  statsmodels loop {peer_ci * 1e3:8.1f} ms"
          f"  ratio {ours_ci / peer_ci:.3f}")
    print(f"full agreement_report ours {ours_report * 1e3:8.1f} ms  vs statsmodels CI loop"
          f"  ratio {ours_report / peer_ci:.3f}")
    print(f"CI ours [{ci['ci_low']:.4f}, {ci['ci_high']:.4f}]  statsmodels loop [{low:.4f}, {high:.4f}]")


if __name__ == "__main__":
    main()
