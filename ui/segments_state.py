"""Glue between the Segments page and the segmentation engine: inputs, runs, cached views, typing tool.

Every edit (a new run, the chosen run) goes through `state.edit`, so it is saved as a version at
once. A run executes in a worker thread while the page's script thread polls its progress: the
progress bar moves, and a click on Cancel (or anything else) interrupts the script at its next poll,
which tells the worker to stop at its next step; nothing is saved then. Each browser session has its
own script thread, so a long run (LCA with many starts, the bootstrap) never holds up other users.

Figures and tables are pure functions of a run, so they are cached per (project, run, language):
a rerun of the page after a widget change costs little more than reading the project.
"""
from __future__ import annotations

import html
import json
import math
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from segmentation import charts
from segmentation.codebook import Codebook, parse_codebook
from segmentation.scoring import apply_missing_codes, score_scales
from studio.schema import Project
from studio.segmenting import demographic_inputs, run_segmentation
from studio.service import clean_survey

from . import state
from . import strings_segments  # registers the page's strings on import
from .i18n import add_strings, t

LCA_MAX_LEVELS = 12  # a behaviour column with more distinct answers is no categorical LCA input
NEAR_CUT = 0.25  # QuadrantSegmenter's default `near`: the page marks the same respondents
# The axis map draws at most this many respondents (a seeded random sample beyond it): 1,000,000
# points were a 20 MB figure sent to the browser on every rerun, and no more readable.
MAP_MAX_POINTS = 20_000
add_strings({"seg.map_sample": {
    "en": "The map shows a random sample of {shown:,} of the {n:,} respondents (counts on the map are of "
          "the sample); shares and profiles are over all respondents.",
    "nl": "De kaart toont een willekeurige steekproef van {shown:,} van de {n:,} respondenten (aantallen op "
          "de kaart gaan over de steekproef); aandelen en profielen gaan over alle respondenten."}})


# -- codebook and inputs --------------------------------------------------------------------------

def codebook_of(project: Project) -> tuple[Codebook | None, str | None]:
    """The project's codebook, or the one-line reason it cannot be used."""
    if not project.codebook:
        return None, t("seg.no_scales")
    try:
        codebook = parse_codebook(project.codebook, "codebook")
    except ValueError as error:
        return None, t("seg.no_codebook", error=str(error))
    if not codebook.scales:
        return None, t("seg.no_scales")
    return codebook, None


def scale_title(codebook: Codebook | None, name: str, lang: str) -> str:
    if codebook and name in codebook.scales:
        return codebook.scales[name].title(lang, name)
    return name


def item_text(codebook: Codebook | None, column: str, lang: str) -> str:
    """The item's wording from the codebook's optional `items` key, else the column name."""
    texts = (codebook.model_extra or {}).get("items") if codebook else None
    entry = texts.get(column) if isinstance(texts, dict) else None
    if isinstance(entry, dict):
        wording = entry.get(lang) or entry.get("en") or entry.get("nl")
        if wording:
            return f"{column}: {wording}"
    return column


def _numeric_column(data: pd.DataFrame, column: str, missing: list) -> bool:
    values = apply_missing_codes(data[[column]], missing)[column]
    converted = pd.to_numeric(values, errors="coerce")
    return bool(converted.notna().sum() == values.notna().sum())


def behaviour_options(codebook: Codebook, data: pd.DataFrame, method: str) -> list[str]:
    """Behaviour/context items the method can take: the codebook's categorical and numeric lists
    (k-means and GMM need numbers; the quadrant model is its two axes and nothing else)."""
    if method == "quadrant":
        return []
    listed = list(codebook.categorical) + list((codebook.model_extra or {}).get("numeric") or [])
    blocked = set(codebook.demographics) | set(codebook.scale_items)
    cols = [c for c in dict.fromkeys(listed) if c in data.columns and c not in blocked]
    if method in ("kmeans", "gmm"):
        cols = [c for c in cols if _numeric_column(data, c, list(codebook.missing))]
    elif method == "lca":  # every distinct answer is a category: counts and amounts do not fit
        cols = [c for c in cols if data[c].nunique(dropna=True) <= LCA_MAX_LEVELS]
    return cols


def step_text(step: str) -> str:
    """The progress step reported by the engine, in the user's language when known."""
    key = f"seg.step.{step}"
    return t(key) if key in strings_segments.STRINGS else step


def demographic_options(codebook: Codebook, data: pd.DataFrame, method: str) -> list[str]:
    """Demographic columns an override could add (numeric only for k-means and GMM)."""
    if method == "quadrant":
        return []
    cols = [c for c in codebook.demographics if c in data.columns]
    if method in ("kmeans", "gmm"):
        cols = [c for c in cols if _numeric_column(data, c, list(codebook.missing))]
    return cols


@dataclass
class RunRequest:
    """What the user asked for in the run form."""

    method: str = "quadrant"
    k: int | None = 4
    k_range: tuple[int, int] | None = None
    starts: int = 10
    seed: int = 0
    cut: str = "midpoint"
    n_boot: int = 20
    axes: tuple[str, str] | None = None
    behaviour: list[str] = field(default_factory=list)
    demographics: list[str] = field(default_factory=list)
    reason: str = ""

    def refused(self) -> str | None:
        """Why the request may not run (a demographic input without a reason), else None."""
        if self.demographics and not self.reason.strip():
            return t("seg.reason_needed")
        return None


def _with_scores(data: pd.DataFrame, codebook: Codebook, scales: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """The survey plus one column per scale score (named after the scale where that name is free)."""
    scores = score_scales(data, codebook).reset_index(drop=True)
    out = data.reset_index(drop=True).copy()
    names = []
    for scale in scales:
        name = scale if scale not in out.columns else f"{scale}_score"
        out[name] = scores[scale].to_numpy()
        names.append(name)
    return out, names


def inputs_for(data: pd.DataFrame, codebook: Codebook, req: RunRequest) -> tuple[pd.DataFrame, list[str] | None]:
    """(data, items) for `run_segmentation`: items None means the method's default inputs."""
    scales = list(codebook.scales)
    extra = list(dict.fromkeys(req.behaviour + req.demographics))
    if req.method == "quadrant":
        axes = list(req.axes or scales[:2])
        if axes == scales[:2]:
            return data, None
        return _with_scores(data, codebook, axes)
    if not extra:
        return data, None
    if req.method == "lca":
        return data, codebook.scale_items + [c for c in extra if c not in codebook.scale_items]
    frame, names = _with_scores(data, codebook, scales)
    return frame, names + extra


# -- running --------------------------------------------------------------------------------------

class Cancelled(Exception):
    """The user left or cancelled while the worker was running."""


def run_in_background(work: Callable[[Callable[[float, str], None]], Any],
                      on_progress: Callable[[float, str], None], poll: float = 0.15) -> Any:
    """Run `work(progress)` in a worker thread; poll its progress from the calling (script) thread.

    Streamlit interrupts a script at its next call into Streamlit when the user clicks anything, so
    `on_progress` (which updates a progress bar) is where a Cancel lands; the worker then stops at
    its next progress step and its result is dropped. The worker never touches Streamlit.
    """
    box: dict[str, Any] = {"fraction": 0.0, "text": "start", "result": None, "error": None}
    stop = threading.Event()

    def progress(fraction: float, text: str) -> None:
        if stop.is_set():
            raise Cancelled()
        box["fraction"], box["text"] = float(fraction), str(text)

    def target() -> None:
        try:
            box["result"] = work(progress)
        except Cancelled:
            pass
        except BaseException as error:  # noqa: BLE001 - handed to the script thread
            box["error"] = error

    worker = threading.Thread(target=target, name="segments-run", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            on_progress(box["fraction"], box["text"])
            worker.join(poll)
    finally:
        if worker.is_alive():
            stop.set()
    if box["error"] is not None:
        raise box["error"]
    on_progress(1.0, "done")
    return box["result"]


def execute(project: Project, data: pd.DataFrame, codebook: Codebook, req: RunRequest,
            on_progress: Callable[[float, str], None]) -> dict[str, Any]:
    """Clean the survey as the CLI does, then segment it (ValueError for what the user must fix)."""
    refused = req.refused()
    if refused:
        raise ValueError(refused)
    source = project.survey.source if project.survey else "survey"
    cleaned = clean_survey(data, codebook, source)
    frame, items = inputs_for(cleaned, codebook, req)

    def work(progress):
        return run_segmentation(frame, codebook, req.method, k=req.k, k_range=req.k_range, items=items,
                                starts=req.starts, seed=req.seed, cut=req.cut, n_boot=req.n_boot,
                                override_reason=req.reason.strip() or None, progress=progress)

    return run_in_background(work, on_progress)


def save_run(run: dict[str, Any]) -> bool:
    def change(project: Project) -> None:
        project.segmentations.append(run)

    return state.edit(t("seg.run_note", method=run["method"], k=run["k"]), change)


def choose_run(run_id: str) -> None:
    """Widget callback: mark one run as the chosen segmentation (and no other)."""
    def change(project: Project) -> None:
        for run in project.segmentations:
            if run.get("id") == run_id:
                run["chosen"] = True
            else:
                run.pop("chosen", None)

    state.edit(t("seg.chose_note", run=run_id), change)


def default_run_index(runs: list[dict[str, Any]]) -> int:
    """The chosen run, else the newest."""
    for i, run in enumerate(runs):
        if run.get("chosen"):
            return i
    return len(runs) - 1


def run_label(run: dict[str, Any], index: int) -> str:
    method = t(f"seg.method.{run.get('method')}")
    when = str(run.get("created_at", ""))[:16].replace("T", " ")
    chosen = f" · ★ {t('seg.chosen')}" if run.get("chosen") else ""
    return f"#{index + 1} · {method} · k={run.get('k')} · {when}{chosen}"


def demographics_used(run: dict[str, Any], codebook: Codebook | None) -> list[str]:
    return demographic_inputs(list((run.get("params") or {}).get("items") or []), codebook)


# -- names and views ------------------------------------------------------------------------------

def segment_names(run: dict[str, Any], codebook: Codebook | None, lang: str) -> list[str]:
    """Display names: the quadrant's poles with arrows (language-neutral), else "Segment n"."""
    k = int(run.get("k") or len(run.get("shares") or []))
    given = run.get("names")
    if isinstance(given, list) and len(given) == k and all(isinstance(n, str) and n for n in given):
        return list(given)
    if run.get("method") == "quadrant" and len(run.get("inputs") or []) >= 2:
        x, y = (scale_title(codebook, c, lang) for c in run["inputs"][:2])
        return [f"{x} ↑ · {y} ↑", f"{x} ↑ · {y} ↓", f"{x} ↓ · {y} ↑", f"{x} ↓ · {y} ↓"]
    return [t("seg.segment", n=i + 1) for i in range(k)]


def map_axes(run: dict[str, Any], codebook: Codebook) -> list[str]:
    """The two scales the axis map shows: the quadrant's own axes, else the first two scales."""
    scales = list(codebook.scales)
    inputs = [c for c in run.get("inputs") or [] if c in codebook.scales]
    if run.get("method") == "quadrant" and len(inputs) >= 2:
        return inputs[:2]
    return scales[:2]


def _codebook_key(codebook: Codebook) -> str:
    return json.dumps(codebook.model_dump(mode="json"), sort_keys=True, default=str)


@st.cache_data(show_spinner=False, max_entries=16)
def _scores(table: str, codebook_key: str, _data: pd.DataFrame, _codebook: Codebook) -> pd.DataFrame:
    return score_scales(_data, _codebook).reset_index(drop=True)


def scores(project: Project, data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Scale scores of the project's survey (cached per survey table and codebook)."""
    table = project.survey.table if project.survey else ""
    return _scores(table, _codebook_key(codebook), data, codebook)


@st.cache_resource(show_spinner=False, max_entries=8)  # one point per respondent: keep few
def _axis_map(key: tuple, _x: np.ndarray, _y: np.ndarray, _labels: np.ndarray, names: tuple, shares: tuple,
              cuts: tuple | None, texts: tuple, ranges: tuple) -> go.Figure:
    x_title, y_title, near_label, centre_label = texts
    return charts.axis_map(_x, _y, _labels, names=list(names), shares=list(shares), cuts=cuts,
                           near=NEAR_CUT if cuts else None, x_title=x_title, y_title=y_title,
                           x_range=ranges[0], y_range=ranges[1], near_label=near_label,
                           centre_label=centre_label)


def axis_map(project: Project, run: dict[str, Any], data: pd.DataFrame, codebook: Codebook,
             lang: str) -> tuple[go.Figure | None, int]:
    """The axis map of a run and the number of near-cut respondents (None when it cannot be drawn).

    Figures are cached as objects (st.cache_resource, never mutated): a cached Figure costs no
    copy on a rerun, where st.cache_data would unpickle and re-validate it every time.
    """
    axes = map_axes(run, codebook)
    if len(axes) < 2:
        return None, 0
    sc = scores(project, data, codebook)
    x, y = sc[axes[0]].to_numpy(dtype=float), sc[axes[1]].to_numpy(dtype=float)
    labels = np.asarray(run["labels"], dtype=int)
    if len(labels) > MAP_MAX_POINTS and len(labels) == len(x):
        pick = np.sort(np.random.default_rng(0).choice(len(labels), MAP_MAX_POINTS, replace=False))
        x, y, labels = x[pick], y[pick], labels[pick]
    cuts = None
    fit = run.get("fit") or {}
    if run.get("method") == "quadrant" and fit.get("cuts") and list(run.get("inputs") or [])[:2] == axes:
        cuts = (float(fit["cuts"][0]), float(fit["cuts"][1]))
    ranges = tuple((codebook.scales[a].min - 0.15, codebook.scales[a].max + 0.15) for a in axes)
    key = (project.id, run["id"], project.survey.table if project.survey else "", _codebook_key(codebook), lang)
    fig = _axis_map(key, x, y, labels, tuple(segment_names(run, codebook, lang)), tuple(run.get("shares") or []),
                    cuts, (scale_title(codebook, axes[0], lang), scale_title(codebook, axes[1], lang),
                           t("seg.near"), t("seg.centre")), ranges)
    n_near = int(fit.get("n_near_cut") or 0) if cuts else 0
    return fig, n_near


@st.cache_resource(show_spinner=False, max_entries=32)
def _k_figure(key: tuple, _selection: list, chosen_k: int, titles: tuple, chosen_label: str) -> go.Figure:
    return charts.k_selection(_selection, chosen_k, titles=dict(titles), chosen_label=chosen_label)


def k_figure(project: Project, run: dict[str, Any], lang: str) -> go.Figure | None:
    selection = run.get("selection") or []
    if len(selection) < 2:
        return None
    titles = tuple((key, t(f"seg.k_title.{key}")) for key in ("bic", "silhouette", "inertia"))
    return _k_figure((project.id, run["id"], lang), selection, int(run["k"]), titles, t("seg.k_chosen"))


@st.cache_resource(show_spinner=False, max_entries=32)
def _means_figure(key: tuple, _profiles: list, names: tuple, axes: tuple, titles: tuple,
                  value_range: tuple | None) -> go.Figure:
    return charts.axis_means(_profiles, names=list(names), axes=list(axes), axis_titles=dict(titles),
                             value_range=value_range)


def means_figure(project: Project, run: dict[str, Any], codebook: Codebook, lang: str) -> go.Figure | None:
    profiles = run.get("profiles") or []
    if not profiles:
        return None
    axes = [a for a in profiles[0].get("axes", {})]
    titles = tuple((a, scale_title(codebook, a, lang)) for a in axes)
    lows = [codebook.scales[a].min for a in axes if a in codebook.scales]
    highs = [codebook.scales[a].max for a in axes if a in codebook.scales]
    value_range = (min(lows) - 0.1, max(highs) + 0.1) if lows and highs else None
    key = (project.id, run["id"], lang, _codebook_key(codebook))
    return _means_figure(key, profiles, tuple(segment_names(run, codebook, lang)), tuple(axes), titles,
                         value_range)


@st.cache_resource(show_spinner=False, max_entries=32)
def _stability_figure(key: tuple, _stability: dict, names: tuple, labels: tuple, title: str,
                      y_title: str) -> go.Figure:
    return charts.stability_chart(_stability, names=list(names), threshold_labels=dict(labels), title=title,
                                  y_title=y_title)


def stability_figure(project: Project, run: dict[str, Any], codebook: Codebook | None,
                     lang: str) -> go.Figure | None:
    stab = run.get("stability")
    if not stab or not stab.get("segments"):
        return None
    labels = tuple((v, t(f"seg.verdict.{v}")) for v in ("weak", "moderately stable", "stable"))
    lo, hi = (stab.get("ari_ci") or [None, None])[:2]
    ari = stab.get("ari_mean")
    title = t("seg.stab_title", ari=ari, lo=lo, hi=hi, n=stab.get("n_boot")) \
        if None not in (ari, lo, hi) else ""
    return _stability_figure((project.id, run["id"], lang), stab, tuple(segment_names(run, codebook, lang)),
                             labels, title, t("seg.stab_y"))


def verdict(run: dict[str, Any]) -> tuple[str, str]:
    """(short verdict, plain-language explanation) in the user's language."""
    stab = run.get("stability") or {}
    v = stab.get("verdict") or "unknown"
    if v not in ("stable", "moderately stable", "weak", "unstable"):
        v = "unknown"
    return t(f"seg.verdict.{v}"), t(f"seg.plain.{v}")


def _fmt_effect(row: dict[str, Any]) -> str:
    e = row.get("effect")
    if e is None:
        return "–"
    letter = "d" if row.get("measure") == "cohen_d" else "h"
    return f"{letter} = {e:+.2f}"


@st.cache_data(show_spinner=False, max_entries=32)
def _distinguishing(key: tuple, _profiles: list, _codebook: Codebook | None, lang: str, top: int,
                    vs: str) -> list[str]:
    out = []
    for prof in _profiles:
        lines = []
        for r in prof.get("distinguishing", [])[:top]:
            if r.get("kind") == "categorical":
                label = f"{r['column']} = {r.get('level')}"
                a, b = r.get("share"), r.get("share_rest")
                compare = f"{a:.0%} {vs} {b:.0%}" if a is not None and b is not None else ""
            else:
                label = item_text(_codebook, r["column"], lang)
                a, b = r.get("mean"), r.get("mean_rest")
                compare = f"{a:.2f} {vs} {b:.2f}" if a is not None and b is not None else ""
            label = html.escape(label).replace("*", "\\*").replace("_", "\\_")  # codebook text is user input
            lines.append(f"- **{_fmt_effect(r)}** {label} <small>({compare})</small>")
        out.append("\n".join(lines))
    return out


def distinguishing_tables(project: Project, run: dict[str, Any], codebook: Codebook | None, lang: str,
                          top: int = 5) -> list[str]:
    """Per segment its top distinguishing items and behaviours with effect sizes (markdown lists)."""
    key = (project.id, run["id"], lang, _codebook_key(codebook) if codebook else "")
    return _distinguishing(key, run.get("profiles") or [], codebook, lang, top, t("seg.vs"))


@st.cache_data(show_spinner=False, max_entries=32)
def _demographics(key: tuple, _profiles: list, names: tuple, headers: tuple) -> pd.DataFrame:
    column, value = headers
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for prof, name in zip(_profiles, names):
        for col, desc in (prof.get("demographics_description_only") or {}).items():
            if "shares" in desc:
                for level, share in desc["shares"].items():
                    rows.setdefault((col, str(level)), {})[name] = f"{share:.0%}"
            elif desc.get("mean") is not None:
                rows.setdefault((col, "mean"), {})[name] = f"{desc['mean']:.2f}"
    records = [{column: col, value: level, **{n: cells.get(n, "0%") for n in names}}
               for (col, level), cells in sorted(rows.items(), key=lambda kv: kv[0])]
    return pd.DataFrame(records, columns=[column, value, *names])


def demographics_table(project: Project, run: dict[str, Any], codebook: Codebook | None, lang: str) -> pd.DataFrame:
    """Demographic make-up per segment, side by side (description only)."""
    names = tuple(segment_names(run, codebook, lang))
    return _demographics((project.id, run["id"], lang), run.get("profiles") or [], names,
                         (t("seg.col.column"), t("seg.col.value")))


# -- typing tool ----------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=32)
def _typing_tool(key: tuple, _project: Project, _data: pd.DataFrame, max_questions: int, sql: str,
                 table: str) -> dict[str, Any]:
    from studio.typing_tools import build_typing_tool

    try:
        return build_typing_tool(_project, _data, max_questions=max_questions, sql=sql, table=table)
    except ValueError as error:
        return {"error": str(error).splitlines()[0]}


def typing_tool(project: Project, run: dict[str, Any], data: pd.DataFrame, max_questions: int, sql: str,
                table: str) -> dict[str, Any]:
    """The typing tool fitted on `run` (not necessarily the newest); {"error": ...} when it cannot be."""
    only_this = project.model_copy(update={"segmentations": [run]})
    key = (project.id, run["id"], project.survey.table if project.survey else "",
           json.dumps(project.codebook, sort_keys=True, default=str))
    return _typing_tool(key, only_this, data, int(max_questions), sql, table or "survey")


@st.cache_resource(show_spinner=False, max_entries=32)
def _typing_figures(key: tuple, confusion: tuple, by_n: tuple, names: tuple,
                    texts: tuple) -> tuple[go.Figure, go.Figure | None]:
    typed_as, true, x_title, y_title = texts
    conf = charts.confusion_heatmap([list(r) for r in confusion], names=list(names), x_title=typed_as,
                                    y_title=true)
    acc = charts.accuracy_by_questions(list(by_n), x_title=x_title, y_title=y_title) if by_n else None
    return conf, acc


def typing_figures(project: Project, run: dict[str, Any], tool: dict[str, Any],
                   names: list[str], lang: str) -> tuple[go.Figure, go.Figure | None]:
    """Confusion heatmap and accuracy-by-number-of-questions of a typing tool (cached)."""
    labels = tuple(names[c] if isinstance(c, int) and 0 <= c < len(names) else str(c) for c in tool["classes"])
    texts = (t("seg.tt_typed_as"), t("seg.tt_true"), t("seg.tt_by_n_x"), t("seg.tt_by_n_y"))
    return _typing_figures((project.id, run["id"], lang), tuple(tuple(r) for r in tool["confusion"]),
                           tuple(tool.get("accuracy_by_n") or ()), labels, texts)


def score_rule(rule: dict[str, Any], answers: dict[str, float | None]) -> Any:
    """The segment the exported rule gives these answers, evaluated as the rule's formula says
    (and as its SQL does): a missing answer is imputed; scores summed term by term in question
    order; the first segment with the highest score wins."""
    impute = rule.get("impute_missing_with") or {}

    def answer(q: str) -> float:
        v = answers.get(q)
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return float(impute.get(q, 0.0))
        return float(v)

    if rule.get("method") == "decision_tree":
        node = rule["tree"]
        while "segment" not in node:
            node = node["then"] if answer(node["question"]) <= node["le"] else node["else"]
        return node["segment"]
    best, best_score = None, -math.inf
    for entry in rule["scores"]:
        s = float(entry["intercept"])
        for q in rule["questions"]:
            s = s + float(entry["weights"][q]) * answer(q)
        if s > best_score:
            best, best_score = entry["segment"], s
    return best


def question_bounds(codebook: Codebook, question: str) -> tuple[float, float]:
    for scale in codebook.scales.values():
        if question in scale.items:
            return float(scale.min), float(scale.max)
    return 0.0, 100.0
