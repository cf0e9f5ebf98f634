"""Benchmark: the persona text lint on 1,000 personas, against a plain regex scan.

Budget (issue 6): linting the text of 1,000 personas takes under 1 s. Two peers run in the same
process on the same texts, both without any context rule:
  1. one precompiled ``re`` alternation of every lexicon form with word boundaries (the obvious
     way to write a word-list scan);
  2. a word-set lookup: split into words with one regex, look each word up in a Python set.
The ratios say what the lint's rules (job titles, products, people context, BCG labels, age
expressions, compounds) cost against scans that cannot tell "senior projectleider" from
"senioren".

Run: .venv/bin/python bench/bench_lint.py [--n 1000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from personas.lint import lexicon as L  # noqa: E402
from personas.lint import lint_personas  # noqa: E402
from personas.lint.core import persona_texts  # noqa: E402
from personas.lint.text import compiled  # noqa: E402
from personas.model import Persona  # noqa: E402

FILLER = [
    "Plans every viewing with a checklist and asks for the drawings in advance.",
    "Wil zelf de regie houden over de indeling en de afwerking van de woning.",
    "Prefers a fixed contact person and a short line with the site manager.",
    "Vergelijkt offertes tot op de euro en wacht met tekenen tot alles duidelijk is.",
    "Reads the newsletter cover to cover and comes to every information evening.",
]


def make_personas(n: int, seed: int = 7) -> list[Persona]:
    corpus = [i["text"] for i in yaml.safe_load(
        (ROOT / "tests/data/lint_corpus.yaml").read_text(encoding="utf-8"))]
    rng = random.Random(seed)
    pool = corpus + FILLER * 20
    out = []
    for i in range(n):
        out.append(Persona(
            id=f"p{i}", segment=i % 6, name=rng.choice(["De Regisseur", "Budget Bert", "Anna"]),
            tagline=rng.choice(["Wil alles zelf bepalen", "The rising star", "Plans ahead"]),
            description=" ".join(rng.choice(pool) for _ in range(5)),
            needs=[rng.choice(pool) for _ in range(3)],
            behaviours=[rng.choice(pool) for _ in range(3)],
            quotes=[rng.choice(pool) for _ in range(2)]))
    return out


def peer_regex() -> re.Pattern:
    forms = {f for fs in (*L.ALWAYS.values(), *L.PEOPLE_CONTEXT.values(),
                          *L.JUDGEMENT_CONTEXT.values()) for f in fs} | set(L.BCG)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"\b(?:" + alternation + r")\b", re.IGNORECASE)


def peer_words() -> set[str]:
    return {f for fs in (*L.ALWAYS.values(), *L.PEOPLE_CONTEXT.values(),
                         *L.JUDGEMENT_CONTEXT.values()) for f in fs if f.isalpha()} | set(L.BCG)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    personas = make_personas(args.n)
    texts = [t for p in personas for _, t in persona_texts(p)]
    chars = sum(len(t) for t in texts)

    t0 = time.perf_counter()
    compiled()
    compile_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    peer = peer_regex()
    compile_peer = time.perf_counter() - t0

    words = peer_words()
    word_re = re.compile(r"[^\W_]+")
    ours, theirs, sets, n_findings, n_peer, n_set = [], [], [], 0, 0, 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_findings = len(lint_personas(personas))
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_peer = sum(len(peer.findall(t)) for t in texts)
        theirs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_set = sum(1 for t in texts for w in word_re.findall(t.lower()) if w in words)
        sets.append(time.perf_counter() - t0)

    ours_s, peer_s, set_s = (statistics.median(ours), statistics.median(theirs),
                             statistics.median(sets))
    print(f"personas: {args.n}, text fields: {len(texts)}, characters: {chars:,}")
    print(f"compile once: lint lexicon {compile_ours * 1000:.1f} ms, "
          f"peer alternation {compile_peer * 1000:.1f} ms")
    print(f"lint_personas (text + imagery checks): {ours_s:.3f} s median of {args.repeat} "
          f"({n_findings} findings)")
    print(f"peer: plain re alternation scan, no context rules: {peer_s:.3f} s "
          f"({n_peer} raw hits)")
    print(f"peer 2: word-set lookup, no phrases, no context rules: {set_s:.3f} s "
          f"({n_set} raw hits)")
    print(f"ratio lint / peer 1 (re alternation): {ours_s / peer_s:.2f}x")
    print(f"ratio lint / peer 2 (word set): {ours_s / set_s:.2f}x")
    ok = ours_s < 1.0
    print(f"budget < 1 s for {args.n} personas: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
