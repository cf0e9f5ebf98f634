"""Journey JSON <-> GraphML, Mermaid flowchart text and CSV node/edge lists.

Why several formats: teams draw journeys elsewhere (yEd/Gephi speak GraphML, docs and GitHub
render Mermaid, spreadsheets hold CSV). Each conversion keeps everything its format can hold:

- GraphML keeps everything (lists and dicts as JSON text; rules, stages, lanes, personas and
  justifications as graph attributes; the edge order in ``studio_index``).
- Mermaid keeps the journey name (front matter ``title``), node ids, labels, kinds (shape, and a
  ``k_<kind>`` class), stages (subgraphs), lanes (``lane_<name>`` classes), discretion (class
  ``discretion``), edges in order with their label, and default edges (thick ``==>`` arrows). It
  drops personas, emotions, channels, notes, conditions and rules: it is a picture format.
- CSV keeps every node field (emotions as ``emotion:<persona>`` columns, extra keys as columns)
  and every edge field; the journey name, rules and justifications need the JSON.

Reading GraphML goes through networkx and xml.etree, which expand entities: a DOCTYPE or ENTITY
declaration is refused before parsing (billion laughs).
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import networkx as nx
import yaml
from pydantic import ValidationError

from journeys.model import Edge, Journey, NODE_KINDS, Node, validation_message

FORMAT_TAG = "persona-studio-journey/1"
_NODE_FIELDS = ("label", "kind", "stage", "lane", "channel", "discretion", "who_decides", "notes")
_EDGE_FIELDS = ("default", "condition", "label")


def _journey(data: dict[str, Any], where: str) -> Journey:
    try:
        return Journey.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"{where}: {validation_message(exc)}") from None


def _infer_kinds(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
                 fixed: set[str]) -> None:
    """Foreign drawings have no kinds: a node nothing leads to starts, a step leading nowhere
    ends (only for nodes whose kind was not given)."""
    has_in = {e["target"] for e in edges}
    has_out = {e["source"] for e in edges}
    have_start = any(n["kind"] == "start" for n in nodes)
    for n in nodes:
        if n["id"] in fixed:
            continue
        if n["kind"] == "terminal":
            n["kind"] = "start" if n["id"] not in has_in else "end"
        elif n["kind"] == "step" and not have_start and n["id"] not in has_in:
            n["kind"] = "start"
        elif n["kind"] == "step" and n["id"] not in has_out:
            n["kind"] = "end"


# --------------------------------------------------------------------------------------------
# GraphML

def to_graphml(journey: Journey) -> str:
    """GraphML text (networkx writer) holding the whole journey."""
    node_json: list[str] = ["emotion"]
    g = nx.DiGraph()
    g.graph.update({
        "studio_format": FORMAT_TAG, "name": journey.name,
        "stages": json.dumps(journey.stages, ensure_ascii=False),
        "lanes": json.dumps(journey.lanes, ensure_ascii=False),
        "personas": json.dumps(journey.personas, ensure_ascii=False),
        "rules": json.dumps({k: v.model_dump(exclude_defaults=True)
                             for k, v in journey.rules.items()}, ensure_ascii=False),
        "justified": json.dumps([j.model_dump(exclude_none=True) for j in journey.justified],
                                ensure_ascii=False),
        "studio_extra": json.dumps(journey.model_extra or {}, ensure_ascii=False),
    })
    for n in journey.nodes:
        attrs: dict[str, Any] = {k: getattr(n, k) for k in _NODE_FIELDS
                                 if getattr(n, k) is not None}
        attrs["emotion"] = json.dumps(n.emotion, ensure_ascii=False)
        for key, value in n.extras().items():
            attrs[key] = json.dumps(value, ensure_ascii=False)
            if key not in node_json:
                node_json.append(key)
        g.add_node(n.id, **attrs)
    for i, e in enumerate(journey.edges):
        attrs = {k: getattr(e, k) for k in _EDGE_FIELDS if getattr(e, k) is not None}
        attrs["personas"] = json.dumps(e.personas, ensure_ascii=False)
        attrs["studio_index"] = i
        g.add_edge(e.source, e.target, **attrs)
    g.graph["studio_node_json"] = json.dumps(node_json)
    return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True))


_DECL = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def from_graphml(text: str | bytes) -> Journey:
    """A journey from GraphML: ours exactly, or a foreign graph (labels default to ids, kinds
    are inferred: nothing leads in -> start, nothing leads out -> end)."""
    if isinstance(text, bytes):
        raw = text.decode("utf-16") if text[:2] in (b"\xff\xfe", b"\xfe\xff") else \
            text.decode("utf-8-sig", errors="replace")
    else:
        raw = text
    if _DECL.search(raw):
        raise ValueError("GraphML: DOCTYPE/ENTITY declarations are not allowed")
    raw = re.sub(r"^\s*<\?xml[^>]*\?>", "", raw)  # etree refuses str with an encoding decl
    try:
        g = nx.parse_graphml(raw, node_type=str)
    except Exception as exc:  # noqa: BLE001 - etree/networkx raise many types on bad XML
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValueError(f"GraphML: cannot read ({first})") from None
    if not g.is_directed():
        raise ValueError("GraphML: the graph is undirected; a journey needs directed edges "
                         "(edgedefault=\"directed\")")
    ours = g.graph.get("studio_format") == FORMAT_TAG

    def load(key: str, default: Any) -> Any:
        value = g.graph.get(key)
        if value is None:
            return default
        try:
            return json.loads(value)
        except (TypeError, json.JSONDecodeError):
            raise ValueError(f"GraphML: graph attribute {key!r} is not valid JSON") from None

    node_json = set(load("studio_node_json", []))
    nodes: list[dict[str, Any]] = []
    fixed: set[str] = set()
    for node_id, attrs in g.nodes(data=True):
        item: dict[str, Any] = {"id": node_id}
        for key, value in attrs.items():
            if key == "emotion" or key in node_json:
                try:
                    item[key] = json.loads(value) if isinstance(value, str) else value
                except json.JSONDecodeError:
                    raise ValueError(f"GraphML: node {node_id!r}: attribute {key!r} is not "
                                     "valid JSON") from None
            else:
                item[key] = value
        item.setdefault("label", str(node_id))
        if "kind" in item:
            fixed.add(node_id)
        item.setdefault("kind", "step")
        nodes.append(item)
    edges: list[dict[str, Any]] = []
    multi = g.is_multigraph()
    for u, v, *rest in (g.edges(keys=True, data=True) if multi else g.edges(data=True)):
        attrs = dict(rest[-1])
        item = {"source": u, "target": v}
        for key in _EDGE_FIELDS:
            if key in attrs:
                item[key] = attrs[key]
        if "personas" in attrs:
            try:
                item["personas"] = json.loads(attrs["personas"])
            except (TypeError, json.JSONDecodeError):
                raise ValueError(f"GraphML: edge {u} -> {v}: personas is not valid JSON") \
                    from None
        item["_order"] = attrs.get("studio_index", len(edges))
        edges.append(item)
    edges.sort(key=lambda e: e.pop("_order") if isinstance(e.get("_order"), int) else 0)
    if not ours:
        _infer_kinds(nodes, edges, fixed)
    data: dict[str, Any] = dict(load("studio_extra", {}))
    data.update({"name": g.graph.get("name") or "Journey", "stages": load("stages", []),
                 "lanes": load("lanes", []), "personas": load("personas", []),
                 "rules": load("rules", {}), "justified": load("justified", []),
                 "nodes": nodes, "edges": edges})
    return _journey(data, "GraphML")


# --------------------------------------------------------------------------------------------
# Mermaid

_SHAPE_OF = {"start": ("([", "])"), "end": ("((", "))"), "decision": ("{", "}"),
             "escalation": ("{{", "}}"), "aftercare": ("[[", "]]"), "touchpoint": ("(", ")"),
             "step": ("[", "]")}
# readable shapes, longest opening first; value: kind they suggest ("terminal": start or end)
_SHAPES = [("(((", ")))", "terminal"), ("([", "])", "terminal"), ("((", "))", "terminal"),
           ("[[", "]]", "aftercare"), ("[(", ")]", "step"), ("{{", "}}", "escalation"),
           ("[/", "/]", "step"), ("[/", "\\]", "step"), ("[\\", "\\]", "step"),
           ("[\\", "/]", "step"), ("(", ")", "touchpoint"), ("[", "]", "step"),
           ("{", "}", "decision"), (">", "]", "step")]
_KIND_STYLE = {"start": "fill:#e8f5e9,stroke:#2e7d32", "end": "fill:#eceff1,stroke:#455a64",
               "decision": "fill:#fff8e1,stroke:#f9a825",
               "escalation": "fill:#ffebee,stroke:#c62828",
               "aftercare": "fill:#e3f2fd,stroke:#1565c0",
               "touchpoint": "fill:#f3e5f5,stroke:#6a1b9a", "step": "fill:#ffffff,stroke:#616161"}
_LANE_COLOURS = ("#1565c0", "#2e7d32", "#6a1b9a", "#c62828", "#ef6c00", "#00838f", "#4e342e")
_RESERVED = {"end", "subgraph", "graph", "flowchart", "style", "class", "classdef", "click",
             "linkstyle", "direction", "call", "href", "default"}
_SAFE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _encode_name(text: str) -> str:
    """A reversible Mermaid-safe identifier: safe ids pass, others become q__ + escapes."""
    if _SAFE_ID.match(text) and text.lower() not in _RESERVED and not text.startswith("q__"):
        return text
    return "q__" + "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}_" for c in text)


def _decode_name(text: str) -> str:
    if not text.startswith("q__"):
        return text
    return re.sub(r"_([0-9a-f]+)_", lambda m: chr(int(m.group(1), 16)), text[3:])


def _escape(text: str) -> str:
    out = []
    for c in text:
        if c == "\n":
            out.append("<br>")
        elif c in '"#<>`|;' or ord(c) < 32:
            out.append(f"#{ord(c)};")
        else:
            out.append(c)
    return "".join(out)


_ENTITY = re.compile(r"<br\s*/?>|#(\d+|quot|amp|lt|gt|nbsp);", re.IGNORECASE)
_NAMED = {"quot": '"', "amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0"}


def _unescape(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(0).lower().startswith("<br"):
            return "\n"
        code = m.group(1).lower()
        return _NAMED[code] if code in _NAMED else chr(int(code))
    return _ENTITY.sub(sub, text)


def to_mermaid(journey: Journey) -> str:
    """Mermaid flowchart (left to right): one subgraph per stage, shapes by kind, default edges
    thick; lanes, kinds and discretion as classes (styled, and read back by ``from_mermaid``)."""
    lines = ["---", f"title: {json.dumps(journey.name, ensure_ascii=False)}", "---",
             "flowchart LR"]
    ids = {n.id: _encode_name(n.id) for n in journey.nodes}
    for n in journey.nodes:
        a, b = _SHAPE_OF[n.kind]
        lines.append(f'    {ids[n.id]}{a}"{_escape(n.label)}"{b}')
    stages = list(journey.stages) + [s for s in dict.fromkeys(n.stage for n in journey.nodes)
                                     if s is not None and s not in journey.stages]
    for k, stage in enumerate(stages):
        lines.append(f'    subgraph stage_{k} ["{_escape(stage)}"]')
        members = [ids[n.id] for n in journey.nodes if n.stage == stage]
        if members:
            lines.append("        " + " & ".join(members))
        lines.append("    end")
    for e in journey.edges:
        arrow = "==>" if e.default else "-->"
        text = f'|"{_escape(e.label)}"|' if e.label is not None else ""
        lines.append(f"    {ids[e.source]} {arrow}{text} {ids[e.target]}")
    for kind in NODE_KINDS:
        members = [ids[n.id] for n in journey.nodes if n.kind == kind]
        lines.append(f"    classDef k_{kind} {_KIND_STYLE[kind]}")
        if members:
            lines.append(f"    class {','.join(members)} k_{kind}")
    lanes = list(journey.lanes) + [ln for ln in dict.fromkeys(n.lane for n in journey.nodes)
                                   if ln is not None and ln not in journey.lanes]
    for k, lane in enumerate(lanes):
        cls = "lane_" + _encode_name(lane)
        lines.append(f"    classDef {cls} color:{_LANE_COLOURS[k % len(_LANE_COLOURS)]}")
        members = [ids[n.id] for n in journey.nodes if n.lane == lane]
        if members:
            lines.append(f"    class {','.join(members)} {cls}")
    lines.append("    classDef discretion stroke-dasharray:5 5,stroke-width:3px")
    members = [ids[n.id] for n in journey.nodes if n.discretion]
    if members:
        lines.append(f"    class {','.join(members)} discretion")
    return "\n".join(lines) + "\n"


_ID = re.compile(r"\w+")
_LINK = re.compile(r"\s*(<)?(?P<arrow>-{2,}>|-{3,}|={2,}>|={3,}|-\.+->|-\.+-|--[ox]|==[ox])"
                   r"(?:\s*\|(?P<label>\"[^\"]*\"|[^|]*)\|)?\s*")
_TEXT_LINK = re.compile(r"\s*(?P<open>--|==|-\.)\s*(?P<label>\"[^\"]*\"|.+?)\s*"
                        r"(?P<arrow>-{2,}>|-{3,}|={2,}>|={3,}|\.-+>|\.-+)\s*")


class _MermaidError(ValueError):
    pass


class _Reader:
    """A small reader for the flowchart subset journeys use (and what people hand-write)."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.shape_kind: dict[str, str] = {}
        self.edges: list[dict[str, Any]] = []
        self.classes: dict[str, list[str]] = {}
        self.class_defs: list[str] = []
        self.stack: list[str] = []
        self.stages: list[str] = []

    def node(self, raw_id: str) -> str:
        node_id = _decode_name(raw_id)
        if node_id not in self.nodes:
            self.nodes[node_id] = {"id": node_id, "label": node_id, "kind": "step"}
        if self.stack:
            self.nodes[node_id]["stage"] = self.stack[-1]
        return node_id

    def parse_node(self, s: str, pos: int) -> tuple[str, int]:
        m = _ID.match(s, pos)
        if not m:
            raise _MermaidError(f"expected a node id at {s[pos:pos + 20]!r}")
        node_id = self.node(m.group(0))
        pos = m.end()
        for opening, closing, kind in _SHAPES:
            if s.startswith(opening, pos):
                start = pos + len(opening)
                if s.startswith('"', start):
                    end_q = s.find('"', start + 1)
                    if end_q < 0:
                        raise _MermaidError("unclosed quote in a node label")
                    text = s[start + 1:end_q]
                    if not s.startswith(closing, end_q + 1):
                        continue
                    pos = end_q + 1 + len(closing)
                else:
                    end = s.find(closing, start)
                    if end < 0:
                        continue
                    text = s[start:end].strip()
                    pos = end + len(closing)
                self.nodes[node_id]["label"] = _unescape(text)
                self.shape_kind[node_id] = kind
                break
        if s.startswith(":::", pos):
            m2 = re.compile(r":::([\w-]+)").match(s, pos)
            if m2:
                self.classes.setdefault(m2.group(1), []).append(node_id)
                pos = m2.end()
        return node_id, pos

    def parse_group(self, s: str, pos: int) -> tuple[list[str], int]:
        ids = []
        while True:
            node_id, pos = self.parse_node(s, pos)
            ids.append(node_id)
            m = re.compile(r"\s*&\s*").match(s, pos)
            if not m:
                return ids, pos
            pos = m.end()

    def statement(self, s: str) -> None:
        words = s.split(None, 1)
        head = words[0] if words else ""
        if head == "subgraph":
            rest = words[1].strip() if len(words) > 1 else ""
            m = re.match(r'([\w]+)\s*\[\s*"?(.*?)"?\s*\]$', rest)
            title = _unescape(m.group(2)) if m else _unescape(rest.strip('"')) or "stage"
            self.stack.append(title)
            if title not in self.stages:
                self.stages.append(title)
            return
        if s == "end":
            if not self.stack:
                raise _MermaidError("'end' without 'subgraph'")
            self.stack.pop()
            return
        if head == "classDef":
            for name in (words[1].split()[0] if len(words) > 1 else "").split(","):
                if name and name not in self.class_defs:
                    self.class_defs.append(name)
            return
        if head == "class":
            parts = words[1].split() if len(words) > 1 else []
            if len(parts) >= 2:
                for cls in parts[-1].split(","):
                    for raw in "".join(parts[:-1]).split(","):
                        if raw:
                            self.classes.setdefault(cls, []).append(_decode_name(raw))
            return
        if head in ("style", "linkStyle", "click", "direction", "accTitle", "accDescr") or \
                head.startswith(("accTitle:", "accDescr:")):
            return
        pos = 0
        sources, pos = self.parse_group(s, pos)
        while pos < len(s):
            m = _LINK.match(s, pos)
            if not m:
                m = _TEXT_LINK.match(s, pos)
            if not m:
                raise _MermaidError(f"cannot read {s[pos:pos + 30]!r}")
            label = m.group("label")
            if label is not None:
                label = _unescape(label.strip().strip('"')) if label.strip() else None
            default = m.group("arrow").startswith("=")
            pos = m.end()
            targets, pos = self.parse_group(s, pos)
            for a in sources:
                for b in targets:
                    self.add_edge(a, b, default, label)
            sources = targets

    def add_edge(self, a: str, b: str, default: bool, label: str | None) -> None:
        for e in self.edges:
            if e["source"] == a and e["target"] == b:
                e["default"] = e["default"] or default
                return
        edge: dict[str, Any] = {"source": a, "target": b, "default": default}
        if label:
            edge["label"] = label
        self.edges.append(edge)


def _statements(line: str) -> list[str]:
    """Split a line on ';' outside quotes."""
    out, cur, quoted = [], [], False
    for c in line:
        if c == '"':
            quoted = not quoted
        if c == ";" and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return [s.strip() for s in out if s.strip()]


def from_mermaid(text: str) -> Journey:
    """A journey from Mermaid flowchart text: what ``to_mermaid`` writes, and ordinary
    hand-written flowcharts (``A[Label] --> B{Question}``, ``-->|text|``, ``-- text -->``,
    ``A & B --> C``, chains, subgraphs as stages). Kinds come from ``k_<kind>`` classes, else
    from shapes ({} decision, {{}} escalation, [[]] aftercare, () touchpoint, stadium/circle
    start or end), else from the graph (nothing leads in: start; nothing leads out: end)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = None
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].strip() == "---":
        end = next((k for k in range(i + 1, len(lines)) if lines[k].strip() == "---"), None)
        if end is None:
            raise ValueError("Mermaid: front matter opened with '---' is not closed")
        try:
            meta = yaml.safe_load("\n".join(lines[i + 1:end])) or {}
        except yaml.YAMLError:
            raise ValueError("Mermaid: front matter is not valid YAML") from None
        if isinstance(meta, dict) and meta.get("title") is not None:
            title = str(meta["title"])
        i = end + 1
    reader = _Reader()
    header_seen = False
    for k in range(i, len(lines)):
        line = lines[k].strip()
        if not line or line.startswith("%%"):
            continue
        if not header_seen:
            if not re.match(r"(flowchart|graph)\b", line):
                raise ValueError(f"Mermaid line {k + 1}: expected 'flowchart' or 'graph', got "
                                 f"{line[:30]!r}")
            header_seen = True
            rest = re.sub(r"^(flowchart|graph)\s*(TB|TD|BT|RL|LR)?\s*;?", "", line)
            if not rest.strip():
                continue
            line = rest
        for stmt in _statements(line):
            try:
                reader.statement(stmt)
            except _MermaidError as exc:
                raise ValueError(f"Mermaid line {k + 1}: {exc}") from None
    if not header_seen:
        raise ValueError("Mermaid: no 'flowchart' or 'graph' line found")
    return _mermaid_journey(reader, title)


def _mermaid_journey(reader: _Reader, title: str | None) -> Journey:
    nodes = list(reader.nodes.values())
    fixed: set[str] = set()
    lanes: list[str] = []
    lane_classes = [c for c in reader.class_defs + list(reader.classes)
                    if c.startswith("lane_")]
    for cls in dict.fromkeys(lane_classes):
        lane = _decode_name(cls[len("lane_"):])
        lanes.append(lane)
        for node_id in reader.classes.get(cls, []):
            if node_id in reader.nodes:
                reader.nodes[node_id]["lane"] = lane
    for n in nodes:
        n["kind"] = reader.shape_kind.get(n["id"], "step")
    for kind in NODE_KINDS:
        for node_id in reader.classes.get(f"k_{kind}", []):
            if node_id in reader.nodes:
                reader.nodes[node_id]["kind"] = kind
                fixed.add(node_id)
    for node_id in reader.classes.get("discretion", []):
        if node_id in reader.nodes:
            reader.nodes[node_id]["discretion"] = True
    _infer_kinds(nodes, reader.edges, fixed)
    data = {"name": title or "Journey", "stages": reader.stages, "lanes": lanes,
            "nodes": nodes, "edges": reader.edges}
    return _journey(data, "Mermaid")


# --------------------------------------------------------------------------------------------
# CSV

def _cell(value: Any) -> str:
    """A CSV cell: plain text as is; anything that would read back differently as JSON."""
    if isinstance(value, str):
        try:
            json.loads(value)
        except (json.JSONDecodeError, ValueError):
            return value if value.strip() == value else json.dumps(value, ensure_ascii=False)
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _uncell(text: str) -> Any:
    if text == "":
        return None
    try:
        return json.loads(text)
    except (json.JSONDecodeError, ValueError):
        return text


def _write(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def to_csv(journey: Journey) -> tuple[str, str]:
    """(nodes_csv, edges_csv). Nodes: id, label, kind, stage, lane, channel, discretion,
    who_decides, notes, one ``emotion:<persona>`` column per persona, one column per extra key.
    Edges: source, target, default, condition, label, personas (``;``-separated; JSON list if a
    name contains ``;``)."""
    personas = list(dict.fromkeys(p for n in journey.nodes for p in n.emotion))
    extras = list(dict.fromkeys(k for n in journey.nodes for k in n.extras()))
    head = ["id", *_NODE_FIELDS] + [f"emotion:{p}" for p in personas] + extras
    rows = [head]
    for n in journey.nodes:
        row = [n.id, n.label, n.kind, n.stage or "", n.lane or "", n.channel or "",
               "true" if n.discretion else "false", n.who_decides or "", n.notes or ""]
        row += [_num(n.emotion[p]) if p in n.emotion else "" for p in personas]
        ex = n.extras()
        row += [_cell(ex[k]) if k in ex else "" for k in extras]
        rows.append(row)
    erows = [["source", "target", "default", "condition", "label", "personas"]]
    for e in journey.edges:
        plain = all(p and ";" not in p and p.strip() == p and not p.startswith("[")
                    for p in e.personas)
        personas_cell = ";".join(e.personas) if plain else json.dumps(e.personas,
                                                                     ensure_ascii=False)
        erows.append([e.source, e.target, "true" if e.default else "false", e.condition or "",
                      e.label or "", personas_cell])
    return _write(rows), _write(erows)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(x)


_TRUE = {"true", "1", "yes", "y", "ja", "j", "waar", "x"}
_FALSE = {"false", "0", "no", "n", "nee", "onwaar", ""}


def _read(text: str, what: str) -> list[dict[str, str]]:
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else \
        ("\t" if first.count("\t") > first.count(",") else ",")
    reader = csv.DictReader(io.StringIO(text), delimiter=delim)
    if not reader.fieldnames:
        raise ValueError(f"{what}: empty file (expected a header row)")
    rows = []
    for k, row in enumerate(reader):
        if None in row:
            raise ValueError(f"{what} row {k + 2}: more cells than header columns")
        rows.append({key.strip(): (v if v is not None else "") for key, v in row.items()})
    return rows


def _bool(text: str, where: str) -> bool:
    t = text.strip().lower()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise ValueError(f"{where}: expected true or false, got {text!r}")


def from_csv(nodes_csv: str, edges_csv: str, name: str | None = None) -> Journey:
    """A journey from CSV node and edge lists (comma, semicolon or tab separated). The name,
    stage and lane order come from ``name`` and the order of first appearance."""
    nodes: list[dict[str, Any]] = []
    for k, row in enumerate(_read(nodes_csv, "nodes.csv")):
        where = f"nodes.csv row {k + 2}"
        for col in ("id", "kind"):
            if col not in row:
                raise ValueError(f"nodes.csv: missing column {col!r}")
        item: dict[str, Any] = {"id": row["id"], "label": row.get("label") or row["id"],
                                "kind": row["kind"].strip()}
        for col in ("stage", "lane", "channel", "who_decides", "notes"):
            if row.get(col):
                item[col] = row[col]
        item["discretion"] = _bool(row.get("discretion", ""), f"{where}, column discretion")
        emotion = {}
        for col, value in row.items():
            if col.startswith("emotion:") and value.strip():
                try:
                    emotion[col[len("emotion:"):]] = float(value.replace(",", "."))
                except ValueError:
                    raise ValueError(f"{where}, column {col}: expected a number, got "
                                     f"{value!r}") from None
            elif col not in item and col not in ("discretion", *_NODE_FIELDS, "id") \
                    and not col.startswith("emotion:") and value != "":
                item[col] = _uncell(value)
        item["emotion"] = emotion
        try:
            Node.model_validate(item)
        except ValidationError as exc:
            raise ValueError(f"{where}: {validation_message(exc)}") from None
        nodes.append(item)
    edges: list[dict[str, Any]] = []
    for k, row in enumerate(_read(edges_csv, "edges.csv")):
        where = f"edges.csv row {k + 2}"
        for col in ("source", "target"):
            if col not in row:
                raise ValueError(f"edges.csv: missing column {col!r}")
        cell = row.get("personas", "").strip()
        if cell.startswith("["):
            try:
                personas = json.loads(cell)
            except json.JSONDecodeError:
                raise ValueError(f"{where}, column personas: invalid JSON list") from None
        else:
            personas = [p for p in cell.split(";") if p] if cell else []
        item = {"source": row["source"], "target": row["target"], "personas": personas,
                "default": _bool(row.get("default", ""), f"{where}, column default"),
                "condition": row.get("condition") or None, "label": row.get("label") or None}
        try:
            Edge.model_validate(item)
        except ValidationError as exc:
            raise ValueError(f"{where}: {validation_message(exc)}") from None
        edges.append(item)
    stages = list(dict.fromkeys(n["stage"] for n in nodes if n.get("stage")))
    lanes = list(dict.fromkeys(n["lane"] for n in nodes if n.get("lane")))
    personas = list(dict.fromkeys([p for n in nodes for p in n["emotion"]] +
                                  [p for e in edges for p in e["personas"]]))
    data = {"name": name or "Journey", "stages": stages, "lanes": lanes, "personas": personas,
            "nodes": nodes, "edges": edges}
    return _journey(data, "CSV")
