"""Glue between the Journeys page and the journey engine: reading, editing and saving journeys.

Every edit builds the new journey dict, validates it with ``journeys.model.load_journey`` and saves
it through ``state.edit`` (a new project version). An edit the model refuses is not saved; the
table keeps the user's rows (the editor's own state, and a copy in session state) and the page
shows the one-line reason. Pure work (parsing, checks, figures, event-log counts) is cached with
st.cache_data on the journey's JSON text.
"""
from __future__ import annotations

import hashlib
import json
import math
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import streamlit as st

from journeys.charts import emotion_figure, node_label, swimlane_figure, swimlane_layout
from journeys.checks import check_journey
from journeys.eventlog import (SUMMARY_KEY, Comparison, auto_mapping, compare, design_fingerprint,  # noqa: F401
                              from_summary, read_event_log, summarise)
from journeys.formats import from_csv, from_graphml, from_mermaid, to_csv, to_graphml, to_mermaid
from journeys.model import Journey, load_journey
from journeys.paths import journey_personas, moments_of_truth, persona_path
from studio.schema import Project

from . import state
from . import strings_journeys  # noqa: F401  (registers the page's strings)
from .i18n import current_lang, t

MAX_MB = 5
MAX_BYTES = MAX_MB * 1024 * 1024
MAX_LOG_MB = 100
EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "journeys"
TEXT_FIELDS = ("stage", "lane", "channel", "who_decides")
PENDING = "_jr_pending"


# -- reading --------------------------------------------------------------------------------------

def to_text(journey: dict) -> str:
    """The cache key of a journey: its JSON, keys sorted."""
    return json.dumps(journey, sort_keys=True, ensure_ascii=False, default=str)


@st.cache_resource(show_spinner=False, max_entries=64)  # shared, read-only: no copy per rerun
def parse(text: str) -> tuple[Journey | None, str | None]:
    try:
        return load_journey(json.loads(text)), None
    except ValueError as error:
        return None, str(error).splitlines()[0]


@st.cache_resource(show_spinner=False, max_entries=64)
def findings(text: str) -> list[dict]:
    journey, error = parse(text)
    return check_journey(journey, dutch=True) if journey is not None else []


def finding_text(f: dict, key: str) -> str:
    """A finding's ``message`` or ``suggestion`` in the UI language (English when no Dutch)."""
    if current_lang() == "nl":
        text = f.get(f"{key}_nl")
        if isinstance(text, str) and text.strip():
            return text
    return f[key]


# Figures are cached as resources (shared, never copied): unpickling a 300-node figure on every
# rerun would cost more than drawing it. Nothing mutates them after they are built.
@st.cache_resource(show_spinner=False, max_entries=32)
def map_figure(text: str, persona: str | None, highlight: str | None, collapsed: tuple[str, ...],
               lang: str, counts: tuple[tuple[str, str, int], ...] | None = None):
    journey, _ = parse(text)
    edge_counts = None if counts is None else {(s, t_): c for s, t_, c in counts}
    return swimlane_figure(journey, persona=persona, highlight=highlight, collapsed_stages=collapsed,
                           findings=[] if counts is not None else findings(text),
                           edge_counts=edge_counts, lang=lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def persona_view(text: str, persona: str, lang: str) -> tuple[Any, list[dict], int, int]:
    journey, _ = parse(text)
    path = persona_path(journey, persona)
    return (emotion_figure(journey, persona, lang), moments_of_truth(journey, persona),
            len(path.nodes), len(path.edges))


def personas_of(journey: Journey) -> list[str]:
    return journey_personas(journey)


def label_of(journey: Journey, node_id: str | None) -> str:
    if node_id is None:
        return ""
    try:
        return node_label(journey.node(node_id), current_lang())
    except KeyError:
        return node_id


@st.cache_data(show_spinner=False)
def examples() -> dict[str, str]:
    """Example journeys shipped in data/journeys: name -> file name."""
    out = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        try:
            out[json.loads(path.read_text(encoding="utf-8"))["name"]] = path.name
        except (OSError, ValueError, KeyError):
            continue
    return out


def read_example(filename: str) -> dict:
    return json.loads((EXAMPLES / filename).read_text(encoding="utf-8"))


def read_upload(files: list[tuple[str, bytes]]) -> tuple[dict | None, str | None]:
    """A journey from uploaded files (JSON, GraphML, Mermaid, or nodes + edges CSV): (dict, None)
    or (None, one-line error naming the file)."""
    if not files:
        return None, None
    for name, content in files:
        if len(content) > MAX_BYTES:
            return None, f"{name}: larger than {MAX_MB} MB"
    csvs = [(n, c) for n, c in files if n.lower().endswith((".csv", ".tsv"))]
    try:
        if csvs:
            if len(csvs) != 2 or len(files) != 2:
                return None, ("CSV: upload the two files together, one with the nodes (id, label, kind, "
                              "...) and one with the edges (source, target, ...)")
            texts = [(n, _decode(n, c)) for n, c in csvs]
            edges = [x for x in texts if "source" in x[1].split("\n", 1)[0].lower()]
            nodes = [x for x in texts if x not in edges]
            if len(edges) != 1 or len(nodes) != 1:
                return None, "CSV: one file must have a 'source' column (the edges), the other not (the nodes)"
            name = Path(nodes[0][0]).stem.removesuffix("_nodes").removesuffix("-nodes").replace("_", " ")
            return _dump(from_csv(nodes[0][1], edges[0][1], name=name or None)), None
        if len(files) != 1:
            return None, "upload one JSON, GraphML or Mermaid file (or the two CSV files)"
        name, content = files[0]
        lower = name.lower()
        try:
            if lower.endswith(".json"):
                return _dump(load_journey(content, filename=name)), None
            if lower.endswith((".graphml", ".xml")):
                return _dump(from_graphml(content)), None
            if lower.endswith((".mmd", ".mermaid", ".md", ".txt")):
                return _dump(from_mermaid(_decode(name, content))), None
        except ValueError as error:
            message = str(error).splitlines()[0]
            return None, message if message.startswith(name) else f"{name}: {message}"
        return None, f"{name}: unknown file type (expected .json, .graphml, .mmd or two .csv files)"
    except ValueError as error:
        return None, str(error).splitlines()[0]


def _decode(name: str, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{name}: not a UTF-8 text file") from None


def _dump(journey: Journey) -> dict:
    return journey.model_dump(mode="json", exclude_none=True)


def exports(journey: Journey, data: dict) -> list[tuple[str, str, str, str]]:
    """(label key, content, file name, mime) for each export format."""
    stem = "".join(c if c.isalnum() else "_" for c in journey.name.lower()).strip("_")[:60] or "journey"
    nodes_csv, edges_csv = to_csv(journey)
    return [("jr.export_json", json.dumps(data, indent=2, ensure_ascii=False), f"{stem}.json", "application/json"),
            ("jr.export_graphml", to_graphml(journey), f"{stem}.graphml", "application/xml"),
            ("jr.export_mermaid", to_mermaid(journey), f"{stem}.mmd", "text/plain"),
            ("jr.export_nodes", nodes_csv, f"{stem}_nodes.csv", "text/csv"),
            ("jr.export_edges", edges_csv, f"{stem}_edges.csv", "text/csv")]


# -- saving ---------------------------------------------------------------------------------------

def unique_name(project: Project, name: str) -> str:
    names = {str(j.get("name")) for j in project.journeys}
    if name not in names:
        return name
    k = 2
    while f"{name} ({k})" in names:
        k += 1
    return f"{name} ({k})"


def add_journey(data: dict) -> str | None:
    """Append a journey (renamed when its name is taken); returns an error line or None."""
    try:
        load_journey(data)
    except ValueError as error:
        return str(error).splitlines()[0]
    project, _ = state.shown()
    data = dict(data, name=unique_name(project, str(data.get("name") or t("jr.new_default"))))

    def change(p: Project) -> None:
        p.journeys.append(data)

    if state.edit(f"journey added: {data['name']}", change):
        st.session_state["_jr_select_next"] = len(project.journeys)  # the page applies it before the widget
        st.session_state.pop(PENDING, None)
        st.session_state["_jr_toast"] = t("jr.added", name=data["name"])
    return None


def empty_journey(name: str) -> dict:
    return {"name": name or t("jr.new_default"), "stages": ["Stage 1"],
            "lanes": ["customer", "frontline", "backoffice", "manager"],
            "nodes": [{"id": "start", "label": "Start", "kind": "start", "stage": "Stage 1", "lane": "customer"},
                      {"id": "end", "label": "End", "kind": "end", "stage": "Stage 1", "lane": "customer"}],
            "edges": [{"source": "start", "target": "end"}]}


def delete_journey(index: int) -> None:
    project, _ = state.shown()
    if not 0 <= index < len(project.journeys):
        return
    name = project.journeys[index].get("name")
    if state.edit(f"journey deleted: {name}", lambda p: p.journeys.pop(index)):
        st.session_state["_jr_selected"] = max(0, index - 1)
        st.session_state.pop(PENDING, None)


def save_journey(index: int, data: dict, what: str) -> bool:
    """Validate and save one journey of the shown project; ValueError (one line) if invalid."""
    load_journey(data)

    def change(p: Project) -> None:
        if not 0 <= index < len(p.journeys):
            raise ValueError("the journey was deleted in the meantime")
        p.journeys[index] = data

    return state.edit(f"{data.get('name')}: {what}", change)


def _try_save(index: int, mutate: Callable[[dict], None], what: str) -> None:
    """For widget callbacks: apply ``mutate`` to a copy of the shown journey, save or show why not."""
    project, _ = state.shown()
    data = json.loads(json.dumps(project.journeys[index]))
    try:
        mutate(data)
        save_journey(index, data, what)
    except ValueError as error:
        st.session_state["_notice"] = t("jr.refused", error=str(error).splitlines()[0])


def _split(text: str) -> list[str]:
    return [part.strip() for part in str(text or "").split(",") if part.strip()]


def set_setting(index: int, key: str, widget: str) -> None:
    value = st.session_state.get(widget, "")

    def mutate(data: dict) -> None:
        if key == "name":
            if not str(value).strip():
                raise ValueError("name: expected a name")
            data["name"] = str(value).strip()
        else:
            data[key] = _split(value)

    _try_save(index, mutate, f"{key} changed")


def justify(index: int, code: str, node: str, widget: str) -> None:
    """Button callback (Journeys and Rules pages): accept the finding ``code`` at ``node`` with the
    reason typed in ``widget``. Stored in the journey's ``justified`` list (with who and when), so
    the finding stays visible as justified and no longer fails ``journey-check --fail-on``."""
    reason = str(st.session_state.get(widget, "")).strip()
    if not reason:
        st.session_state["_notice"] = t("jr.refused", error="justified.reason: expected a reason")
        return
    entry = {"code": code, "node": node, "reason": reason, "at": date.today().isoformat()}
    if state.user():
        entry["by"] = state.user()

    def mutate(data: dict) -> None:
        data["justified"] = [j for j in data.get("justified", []) if (j.get("code"), j.get("node")) != (code, node)]
        data["justified"].append(entry)

    _try_save(index, mutate, f"{code} at {node} justified")


def unjustify(index: int, code: str, node: str) -> None:
    def mutate(data: dict) -> None:
        data["justified"] = [j for j in data.get("justified", []) if (j.get("code"), j.get("node")) != (code, node)]

    _try_save(index, mutate, f"{code} at {node}: justification withdrawn")


def show_node(node: str | None) -> None:
    st.session_state["_jr_highlight"] = node


# -- tables ---------------------------------------------------------------------------------------

def emotion_column(persona: str) -> str:
    return f"emotion:{persona}"


@st.cache_data(show_spinner=False, max_entries=16)
def tables(text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The node and edge tables of a journey (cached copies: the editor may hold on to them)."""
    journey, _ = parse(text)
    return nodes_frame(journey, personas_of(journey)), edges_frame(journey)


def nodes_frame(journey: Journey, personas: list[str]) -> pd.DataFrame:
    rows = []
    for i, n in enumerate(journey.nodes):
        row: dict[str, Any] = {"_row": i, "id": n.id, "label": n.label, "kind": n.kind, "stage": n.stage,
                               "lane": n.lane, "channel": n.channel, "discretion": bool(n.discretion),
                               "who_decides": n.who_decides}
        for p in personas:
            row[emotion_column(p)] = n.emotion.get(p)
        rows.append(row)
    columns = ["_row", "id", "label", "kind", "stage", "lane", "channel", "discretion", "who_decides"] + \
        [emotion_column(p) for p in personas]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("id", "label", "kind", "stage", "lane", "channel", "who_decides"):
        frame[col] = frame[col].astype(object)
    for p in personas:
        frame[emotion_column(p)] = pd.to_numeric(frame[emotion_column(p)], errors="coerce").astype("float64")
    frame["_row"] = frame["_row"].astype("float64")
    return frame


def edges_frame(journey: Journey) -> pd.DataFrame:
    rows = [{"source": e.source, "target": e.target, "personas": list(e.personas), "default": bool(e.default),
             "condition": e.condition, "label": e.label} for e in journey.edges]
    frame = pd.DataFrame(rows, columns=["source", "target", "personas", "default", "condition", "label"])
    for col in ("source", "target", "condition", "label"):
        frame[col] = frame[col].astype(object)
    return frame


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _flag(value: Any) -> bool:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def _personas_cell(value: Any) -> list[str]:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    return [str(p).strip() for p in list(value) if str(p).strip()]


class Incomplete(ValueError):
    """A new row without an id yet: not an error, nothing to save."""


def nodes_from_frame(data: dict, frame: pd.DataFrame, personas: list[str]) -> tuple[dict, int]:
    """The journey with its nodes replaced by the table's rows: (new dict, edges dropped because
    their step was deleted). Extra keys of each node (label_nl, x, y, ...) are kept; a renamed id
    is renamed in edges, rules and justifications too."""
    original = data.get("nodes", [])
    nodes, renames, kept = [], {}, set()
    incomplete = False
    for row in frame.to_dict("records"):
        node_id = _text(row.get("id"))
        pos = row.get("_row")
        base = dict(original[int(pos)]) if _text(pos) is not None and 0 <= int(pos) < len(original) else {}
        if node_id is None:
            if base:
                raise ValueError(f"nodes[{len(nodes)}].id: expected an id")
            if any(_text(v) for k, v in row.items() if k != "_row" and k != "discretion"):
                incomplete = True
            continue
        if base:
            kept.add(base["id"])
            if base["id"] != node_id:
                renames[base["id"]] = node_id
        node = base
        node["id"] = node_id
        node["label"] = _text(row.get("label")) or node_id
        node["kind"] = _text(row.get("kind")) or "step"
        for key in TEXT_FIELDS:
            value = _text(row.get(key))
            if value is None:
                node.pop(key, None)
            else:
                node[key] = value
        node["discretion"] = _flag(row.get("discretion"))
        emotion = dict(node.get("emotion") or {})
        for p in personas:
            value = row.get(emotion_column(p))
            if _text(value) is None:
                emotion.pop(p, None)
            else:
                try:
                    emotion[p] = float(value)
                except (TypeError, ValueError):
                    raise ValueError(f"nodes[{len(nodes)}].emotion.{p}: expected a number from -2 to 2, "
                                     f"got {value!r}") from None
        node["emotion"] = emotion
        nodes.append(node)
    if incomplete and not nodes:
        raise Incomplete("incomplete row")
    deleted = {n["id"] for n in original} - kept
    new = json.loads(json.dumps(data))
    new["nodes"] = nodes
    rename = lambda x: renames.get(x, x)  # noqa: E731
    edges = [e for e in data.get("edges", []) if e["source"] not in deleted and e["target"] not in deleted]
    dropped = len(data.get("edges", [])) - len(edges)
    new["edges"] = [dict(e, source=rename(e["source"]), target=rename(e["target"])) for e in edges]
    new["rules"] = {rename(k): v for k, v in (data.get("rules") or {}).items() if k not in deleted}
    new["justified"] = [dict(j, node=rename(j["node"])) for j in data.get("justified", [])
                        if j.get("node") not in deleted]
    load_journey(new)
    if incomplete:
        raise Incomplete("incomplete row")
    return new, dropped


def edges_from_frame(data: dict, frame: pd.DataFrame) -> dict:
    edges = []
    for row in frame.to_dict("records"):
        source, target = _text(row.get("source")), _text(row.get("target"))
        if source is None and target is None:
            continue
        edge: dict[str, Any] = {"source": source or "", "target": target or "",
                                "personas": _personas_cell(row.get("personas")),
                                "default": _flag(row.get("default"))}
        for key in ("condition", "label"):
            value = _text(row.get(key))
            if value is not None:
                edge[key] = value
        edges.append(edge)
    new = json.loads(json.dumps(data))
    new["edges"] = edges
    load_journey(new)
    return new


def editor_changed(key: str) -> bool:
    delta = st.session_state.get(key)
    return isinstance(delta, dict) and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def pending(kind: str, index: int) -> dict | None:
    return (st.session_state.get(PENDING) or {}).get((kind, index))


def set_pending(kind: str, index: int, frame: pd.DataFrame | None, error: str | None, version: int) -> None:
    store = dict(st.session_state.get(PENDING) or {})
    if frame is None:
        store.pop((kind, index), None)
    else:
        store[(kind, index)] = {"frame": frame.copy(), "error": error, "version": version}
    st.session_state[PENDING] = store


def discard_pending(kind: str, index: int, key_prefix: str) -> None:
    set_pending(kind, index, None, None, 0)
    st.session_state["_jr_editor_reset"] = st.session_state.get("_jr_editor_reset", 0) + 1


def apply_table(kind: str, index: int, data: dict, frame: pd.DataFrame, personas: list[str],
                version: int) -> tuple[str, str | None]:
    """Validate and save an edited table: ("saved"|"same"|"incomplete"|"refused", message).

    A refused edit keeps the rows as pending (session state) and returns the one-line reason."""
    try:
        if kind == "nodes":
            new, dropped = nodes_from_frame(data, frame, personas)
            if dropped:
                st.session_state["_jr_toast"] = t("jr.dropped_edges", n=dropped)
        else:
            new = edges_from_frame(data, frame)
    except Incomplete:
        set_pending(kind, index, frame, None, version)
        return "incomplete", None
    except ValueError as error:
        message = str(error).splitlines()[0]
        set_pending(kind, index, frame, message, version)
        return "refused", message
    if to_text(new) == to_text(data):
        return "same", None
    if save_journey(index, new, f"{kind} edited"):
        set_pending(kind, index, None, None, version)
        st.rerun()
    return "saved", None


@st.cache_data(show_spinner=False, max_entries=8)
def exports_cached(text: str) -> list[tuple[str, str, str, str]]:
    journey, _ = parse(text)
    return exports(journey, json.loads(text))


# -- canvas (streamlit-flow) ----------------------------------------------------------------------

CANVAS_X, CANVAS_Y = 190.0, 120.0


def flow_available() -> bool:
    try:
        import streamlit_flow  # noqa: F401
    except ImportError:
        return False
    return True


def canvas_positions(journey: Journey) -> dict[str, tuple[float, float]]:
    """Stored positions (node keys ``x``, ``y``) or else the swimlane layout's."""
    layout = swimlane_layout(journey)
    out = {}
    for n in journey.nodes:
        extra = n.extras()
        if isinstance(extra.get("x"), (int, float)) and isinstance(extra.get("y"), (int, float)):
            out[n.id] = (float(extra["x"]), float(extra["y"]))
        else:
            x, y = layout.pos[layout.drawn[n.id]]
            out[n.id] = (round(x * CANVAS_X), round(y * CANVAS_Y))
    return out


_KIND_BG = {"start": "#e8f5e9", "step": "#eceff1", "touchpoint": "#e3f2fd", "decision": "#fff8e1",
            "escalation": "#ffebee", "aftercare": "#e0f2f1", "end": "#cfd8dc"}


@st.cache_resource(show_spinner=False, max_entries=8)
def _flow_nodes(text: str, lang: str) -> list[dict]:
    journey, _ = parse(text)
    pos = canvas_positions(journey)
    out = []
    for n in journey.nodes:
        border = "#8e24aa" if n.discretion else "#90a4ae"
        out.append({"id": n.id, "pos": pos[n.id],
                    "content": f"**{node_label(n, lang)}**  \n{n.kind}" + (f" · {n.lane}" if n.lane else ""),
                    "type": "input" if n.kind == "start" else ("output" if n.kind == "end" else "default"),
                    "style": {"background": _KIND_BG[n.kind], "border": f"2px solid {border}", "width": "170px",
                              "fontSize": "12px", "borderRadius": "6px" if n.kind != "decision" else "14px"}})
    return out


def flow_state(journey: Journey, text: str, editable: bool = True):
    """The canvas state for streamlit-flow (positions from node keys x, y or the swimlane map).

    Not `editable` (a viewer): steps cannot be dragged, connected or deleted, so the canvas never
    offers a change that could only be refused."""
    from streamlit_flow import StreamlitFlowEdge, StreamlitFlowNode
    from streamlit_flow.state import StreamlitFlowState

    nodes = [StreamlitFlowNode(n["id"], n["pos"], {"content": n["content"]}, node_type=n["type"],
                               source_position="right", target_position="left", connectable=editable,
                               draggable=editable, style=dict(n["style"]))
             for n in _flow_nodes(text, current_lang())]
    edges = [StreamlitFlowEdge(f"{e.source}->{e.target}", e.source, e.target, edge_type="default",
                               marker_end={"type": "arrowclosed"}, label=e.label or "", deletable=editable,
                               animated=False) for e in journey.edges]
    return StreamlitFlowState(nodes, edges)


def apply_flow(data: dict, result, sent) -> tuple[dict, str] | None:
    """The journey after a canvas change (moved steps, new or removed moves), or None if nothing
    changed (``result is sent``: the canvas has not answered yet). Raises ValueError (one line)
    when the change makes the journey invalid."""
    if result is sent:
        return None
    new = json.loads(json.dumps(data))
    by_id = {n["id"]: n for n in new["nodes"]}
    before = {n.id: tuple(n.position.values()) for n in sent.nodes}
    moved = 0
    for fn in result.nodes:
        if fn.id in by_id:
            x, y = round(float(fn.position["x"])), round(float(fn.position["y"]))
            if fn.id in before and (abs(x - before[fn.id][0]) > 1 or abs(y - before[fn.id][1]) > 1):
                by_id[fn.id]["x"], by_id[fn.id]["y"] = x, y
                moved += 1
    existing = {(e["source"], e["target"]) for e in new.get("edges", [])}
    drawn = {(fe.source, fe.target) for fe in result.edges}
    added = [p for p in dict.fromkeys((fe.source, fe.target) for fe in result.edges) if p not in existing]
    removed = existing - drawn
    if not moved and not added and not removed:
        return None
    new["edges"] = [e for e in new.get("edges", []) if (e["source"], e["target"]) not in removed]
    new["edges"] += [{"source": s, "target": tg} for s, tg in added]
    load_journey(new)
    what = ", ".join(part for part in (f"{moved} moved" if moved else "", f"{len(added)} connected" if added else "",
                                       f"{len(removed)} removed" if removed else "") if part)
    return new, f"canvas: {what}"


# -- designed vs actual ---------------------------------------------------------------------------

@st.cache_data(show_spinner="Reading the event log…", max_entries=2)
def read_log(content: bytes, filename: str) -> tuple[pd.DataFrame | None, str | None, str]:
    digest = hashlib.sha1(content).hexdigest()
    try:
        return read_event_log(content, filename), None, digest
    except ValueError as error:
        return None, str(error).splitlines()[0], digest


def activity_table(log: pd.DataFrame, journey: Journey, saved: dict[str, str | None] | None) -> pd.DataFrame:
    counts = log["activity"].value_counts(sort=True)
    guess = auto_mapping(list(counts.index), journey)
    if saved:
        guess.update({a: n for a, n in saved.items() if a in guess})
    return pd.DataFrame({"activity": list(counts.index), "events": counts.to_numpy(),
                         "node": [guess[a] for a in counts.index]})


@st.cache_data(show_spinner="Comparing…", max_entries=8)
def comparison(text: str, digest: str, _log: pd.DataFrame, mapping_items: tuple, persona: str | None) -> Comparison:
    journey, _ = parse(text)
    return compare(journey, _log, dict(mapping_items), persona)


# The summary kept in the journey (key ``event_log``), so the comparison survives a reload.
FORGOTTEN = "_jr_log_forgotten"


def saved_log(data: dict) -> dict | None:
    """The stored summary of the journey's event log (None when there is none)."""
    summary = data.get(SUMMARY_KEY)
    return summary if isinstance(summary, dict) else None


@st.cache_data(show_spinner=False, max_entries=8)
def saved_comparison(text: str) -> tuple[Comparison | None, str | None]:
    """The comparison rebuilt from the stored summary: (comparison, None) or (None, one line)."""
    journey, error = parse(text)
    if journey is None:
        return None, error
    try:
        return from_summary(journey, json.loads(text).get(SUMMARY_KEY)), None
    except ValueError as exc:
        return None, str(exc).splitlines()[0]


def saved_mapping(summary: dict | None, digest: str) -> dict[str, str | None] | None:
    """The mapping kept with the summary, when the uploaded log is the same file again."""
    if summary and summary.get("digest") == digest and isinstance(summary.get("mapping"), dict):
        return {str(a): (str(n) if n else None) for a, n in summary["mapping"].items()}
    return None


@st.cache_data(show_spinner=False, max_entries=8)
def _summary(design_text: str, digest: str, _log: pd.DataFrame, mapping_items: tuple, filename: str,
             _result: Comparison | None) -> dict:
    journey, _ = parse(design_text)
    return summarise(journey, _log, dict(mapping_items), filename, digest, _result)


def _without_log(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != SUMMARY_KEY}


def is_forgotten(index: int, digest: str) -> bool:
    return (index, digest) in st.session_state.get(FORGOTTEN, set())


def keep_log(index: int, data: dict, log: pd.DataFrame, mapping: dict[str, str | None], filename: str,
             digest: str, result: Comparison | None = None) -> bool:
    """Save the log's compact summary in the journey (a new version) unless it is already there or
    the user forgot this log in this session. Editors only: the page never calls it for a viewer.
    ``result``: the page's comparison of the whole log with this mapping, when it has one."""
    if is_forgotten(index, digest):
        return False
    summary = _summary(to_text(_without_log(data)), digest, log, tuple(sorted(mapping.items())), filename,
                       result)
    old = saved_log(data) or {}
    if {k: v for k, v in old.items() if k != "saved_at"} == summary:
        return False
    new = json.loads(json.dumps(data))
    new[SUMMARY_KEY] = {**summary, "saved_at": date.today().isoformat()}
    return save_journey(index, new, f"event log {filename}: summary kept")


def forget_log(index: int, digest: str | None) -> None:
    """Button callback: drop the stored summary; the log still uploaded is not kept again."""
    if digest:
        st.session_state[FORGOTTEN] = st.session_state.get(FORGOTTEN, set()) | {(index, digest)}
    _try_save(index, lambda data: data.pop(SUMMARY_KEY, None), "event log forgotten")


def keep_again(index: int, digest: str) -> None:
    """Button callback: keep the uploaded log's summary after all (saved on the next run)."""
    st.session_state[FORGOTTEN] = st.session_state.get(FORGOTTEN, set()) - {(index, digest)}


def log_facts(summary: dict) -> dict[str, str]:
    """File (markdown-escaped: it is user text), rows, period and save date of a kept summary."""
    from .safe import md

    rows = summary.get("rows")
    return {"file": md(str(summary.get("file") or "?")),
            "rows": f"{rows:,}".replace(",", " ") if isinstance(rows, int) else "?",
            "period": md(log_period(summary)), "saved": md(str(summary.get("saved_at") or "–"))}


def log_period(summary: dict) -> str:
    """'2025-01-01 – 2025-03-31' (dates of a timestamp log; plain numbers as they are)."""
    def one(value: Any) -> str:
        return str(value)[:10] if isinstance(value, str) else fmt_number(value)
    first, last = summary.get("first"), summary.get("last")
    if first is None:
        return "–"
    return one(first) if one(first) == one(last) else f"{one(first)} – {one(last)}"


def fmt_number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def map_svg(text: str, lang: str) -> bytes:
    """The swimlane map as SVG (rendered on click by the app's one kaleido browser)."""
    from studio.export.images import keep_alive_svg

    figure = map_figure(text, None, None, (), lang)
    width = int(figure.layout.width or 1400)
    height = int(figure.layout.height or 900)
    return keep_alive_svg(figure, width, height)


def slug(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:60] or "journey"


# -- finding cards (Journeys and Rules pages) ------------------------------------------------------
SEVERITY_ICONS = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]",
                  "info": ":blue[:material/info:]"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def ordered_findings(found: list[dict]) -> list[dict]:
    """Open findings first, worst first; justified ones after them."""
    return sorted(found, key=lambda f: (f["justified"], SEVERITY_RANK.get(f["severity"], 3)))


def finding_card_text(f: dict, prefix: str, where: str | None = None) -> None:
    """Code, where, message, and the justification or the suggestion; user text escaped.
    `prefix` names the page's strings ("jr" or "ru": each page words its own reasons)."""
    from .safe import md

    mark = ":green[:material/verified:]" if f["justified"] else SEVERITY_ICONS.get(f["severity"], "")
    st.markdown(f"{mark} **`{f['code']}`**" + (f" · {md(where)}" if where else ""))
    st.caption(md(finding_text(f, "message")))
    if f["justified"]:
        st.caption(t(f"{prefix}.justified", reason=md(f.get("justification") or "")))
    else:
        st.caption(f"→ {md(finding_text(f, 'suggestion'))}")


def justify_controls(f: dict, index: int, k: int, reason_key: str, prefix: str, editable: bool) -> None:
    """Justify (a reason in a popover) or withdraw; stored in the journey's `justified` list, the
    same way from either page. Viewers see the state, not the controls."""
    if f["justified"]:
        st.button(t(f"{prefix}.unjustify"), key=f"_{prefix}_unjust_{k}", on_click=unjustify,
                  args=(index, f["code"], f["node"]), width="stretch", disabled=not editable)
    elif editable:
        with st.popover(f":material/gavel: {t(prefix + '.justify')}", width="stretch"):
            help_key = f"{prefix}.justify_help"
            st.text_area(t(f"{prefix}.reason"), key=reason_key, max_chars=1000,
                         help=t(help_key) if t(help_key) != help_key else None)
            st.button(t(f"{prefix}.justify_save"), key=f"_{prefix}_just_{k}", type="primary", on_click=justify,
                      args=(index, f["code"], f["node"], reason_key))
