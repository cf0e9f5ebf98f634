"""Template decision points that can be dropped into any journey.

Why: every journey where staff meet customers needs a way to handle a customer who crosses a line
(abuse, discrimination, degrading remarks), an escalation to a manager and aftercare for the
employee (DOMAIN.md section 5). Drawing that by hand in every journey is where it gets forgotten,
so the studio ships it as a template: listen, name the behaviour, set the limit, call a colleague
or manager, report, aftercare. Its rules of play look at the customer's *behaviour* only; who the
customer is never changes their treatment.

Also here: ``starter_table``, a first decision table for a discretion point without rules, so a
team starts from a sensible shape (need, behaviour, context inputs, a safety row, a default row)
instead of an empty grid.
"""
from __future__ import annotations

import copy
from typing import Any

from journeys.model import load_journey

PREFIX = "aggression"

# (suffix, kind, lane, label en, label nl)
_NODES: list[tuple[str, str, str, str, str]] = [
    ("listen", "step", "frontline", "Stay calm, listen and name the problem",
     "Blijf rustig, luister en benoem het probleem"),
    ("name_behaviour", "touchpoint", "frontline",
     'Name the behaviour: "I do not accept this"', 'Benoem het gedrag: "Dit accepteer ik niet"'),
    ("after_warning", "decision", "frontline", "What does the customer do after the warning?",
     "Wat doet de klant na de waarschuwing?"),
    ("continue", "touchpoint", "frontline", "Continue helping the customer", "Help de klant verder"),
    ("set_limit", "touchpoint", "frontline",
     "Set the limit and take distance, a colleague stands by",
     "Stel de grens en neem afstand, een collega staat erbij"),
    ("call_manager", "escalation", "manager", "Colleague or manager takes over",
     "Collega of leidinggevende neemt het over"),
    ("report", "step", "manager", "Report the incident (to the police when needed)",
     "Meld het incident (zo nodig bij de politie)"),
    ("aftercare", "aftercare", "manager",
     "Talk it through: colleagues, manager, confidential adviser",
     "Bespreek het: collega's, leidinggevende, vertrouwenspersoon"),
    ("supported", "end", "frontline", "Employee supported and back at work",
     "Medewerker gesteund en weer aan het werk"),
]

# (source suffix, target suffix, label, default)
_EDGES: list[tuple[str, str, str | None, bool]] = [
    ("listen", "name_behaviour", None, False),
    ("name_behaviour", "after_warning", None, False),
    ("after_warning", "continue", "continue_service", False),
    ("after_warning", "set_limit", "set_limit", True),
    ("after_warning", "call_manager", "call_manager", False),
    ("continue", "call_manager", "behaviour returns", False),
    ("set_limit", "call_manager", "customer does not stop", False),
    ("set_limit", "report", None, False),
    ("call_manager", "report", None, False),
    ("report", "aftercare", None, False),
    ("aftercare", "supported", None, False),
]


def _rules() -> dict[str, Any]:
    """Behaviour only: what the customer does, never who the customer is."""
    return {
        "hit_policy": "unique",
        "inputs": [
            {"name": "behaviour_after_warning", "basis": "behaviour",
             "values": ["stops", "continues", "threatens"]},
            {"name": "physical_threat", "basis": "behaviour", "values": [True, False]},
        ],
        "rows": [
            {"when": {"behaviour_after_warning": "stops", "physical_threat": False},
             "then": "continue_service",
             "why": "The customer respects the limit: help them further like any other customer."},
            {"when": {"behaviour_after_warning": "continues", "physical_threat": False},
             "then": "set_limit",
             "why": "Nobody handles abuse alone: a colleague stands by while the employee sets "
                    "the limit and takes distance."},
            {"when": {"behaviour_after_warning": "threatens", "physical_threat": False},
             "then": "call_manager",
             "why": "Threats are for the manager: the employer never leaves its own people alone "
                    "in front of a customer."},
            {"when": {"physical_threat": True}, "then": "call_manager",
             "why": "Physical danger: safety first, the manager takes over and calls the police."},
        ],
    }


def _free_prefix(ids: set[str]) -> str:
    k = 1
    while True:
        prefix = PREFIX if k == 1 else f"{PREFIX}_{k}"
        if not any(f"{prefix}_{suffix}" in ids for suffix, *_ in _NODES):
            return prefix
        k += 1


def insert_aggression_protocol(journey: dict[str, Any], after_node_id: str) -> dict[str, Any]:
    """A copy of ``journey`` with the aggression protocol branching off ``after_node_id``.

    The step gets an extra move "customer crosses a line" into the protocol; when the customer
    stops, the protocol's "continue helping" step leads on to wherever the step led before (or to
    its own end). Node ids get a prefix not used yet, so the protocol can be inserted more than
    once. Missing lanes (frontline, manager) are added; the nodes take the step's stage.
    Raises ValueError (one line) if the step does not exist or the journey is invalid."""
    if not isinstance(journey, dict):
        raise ValueError(f"journey: expected an object, got {type(journey).__name__}")
    load_journey(journey)  # refuse an invalid journey before touching it
    out = copy.deepcopy(journey)
    nodes = out.setdefault("nodes", [])
    edges = out.setdefault("edges", [])
    by_id = {n["id"]: n for n in nodes}
    if after_node_id not in by_id:
        raise ValueError(f"after_node_id: no node {after_node_id!r}")
    anchor = by_id[after_node_id]
    prefix = _free_prefix(set(by_id))
    nid = {suffix: f"{prefix}_{suffix}" for suffix, *_ in _NODES}
    lanes = out.get("lanes") or []
    if lanes:
        out["lanes"] = lanes + [lane for lane in ("frontline", "manager") if lane not in lanes]
    stage = anchor.get("stage")
    for suffix, kind, lane, label, label_nl in _NODES:
        node: dict[str, Any] = {"id": nid[suffix], "label": label, "kind": kind, "lane": lane,
                                "label_nl": label_nl, "template": "aggression_protocol"}
        if stage:
            node["stage"] = stage
        if suffix == "after_warning":
            node["discretion"] = True
            node["who_decides"] = "The employee, using the rules of play"
        nodes.append(node)
    onward = [e["target"] for e in edges if e["source"] == after_node_id]
    outgoing = [e for e in edges if e["source"] == after_node_id]
    if anchor.get("kind") == "decision" and outgoing and not any(e.get("default") for e in outgoing):
        outgoing[0]["default"] = True  # the usual way stays the default; the protocol is the exception
    edges.append({"source": after_node_id, "target": nid["listen"],
                  "label": "customer crosses a line"})
    for source, target, label, default in _EDGES:
        edge: dict[str, Any] = {"source": nid[source], "target": nid[target]}
        if label:
            edge["label"] = label
        if default:
            edge["default"] = True
        edges.append(edge)
    for target in onward:
        if target != after_node_id:
            edges.append({"source": nid["continue"], "target": target})
    if not onward:  # the step was the last one: the customer is helped and leaves
        nodes.append({"id": f"{prefix}_helped", "label": "Customer helped", "kind": "end",
                      "lane": "frontline", "label_nl": "Klant geholpen",
                      "template": "aggression_protocol", **({"stage": stage} if stage else {})})
        edges.append({"source": nid["continue"], "target": f"{prefix}_helped"})
    out.setdefault("rules", {})[nid["after_warning"]] = _rules()
    load_journey(out)
    return out


def protocol_decision_id(before: dict[str, Any], after: dict[str, Any]) -> str | None:
    """The id of the decision point a call of ``insert_aggression_protocol`` added."""
    old = {n["id"] for n in before.get("nodes", [])}
    return next((n["id"] for n in after.get("nodes", []) if n["id"] not in old
                 and n.get("kind") == "decision"), None)


def starter_table(journey: dict[str, Any], node_id: str) -> dict[str, Any]:
    """A first decision table for a decision point, to be edited: a need, a behaviour and a
    context input; a safety row on behaviour (to the escalation the step leads to, if any) and a
    last row that says what happens otherwise (the default way onward). The outcomes are the
    labels of the step's outgoing moves (or the targets' ids)."""
    edges = [e for e in journey.get("edges", []) if e.get("source") == node_id]
    kinds = {n["id"]: n.get("kind") for n in journey.get("nodes", [])}
    if node_id not in kinds:
        raise ValueError(f"node_id: no node {node_id!r}")

    def outcome(e: dict[str, Any]) -> str:
        return str(e.get("label") or e["target"])

    default = next((e for e in edges if e.get("default")), edges[0] if edges else None)
    escalation = next((e for e in edges if kinds.get(e["target"]) == "escalation"), None)
    other = next((e for e in edges if e is not default and e is not escalation), None)
    rows = [{"when": {"customer_behaviour": "crosses_line"},
             "then": outcome(escalation) if escalation else "escalate",
             "why": "Staff safety first: a customer who crosses a line is handed to a manager."}]
    if other is not None:
        rows.append({"when": {"customer_need": "urgent"}, "then": outcome(other),
                     "why": "An urgent need is met first; the same exception is open to every "
                            "customer in the same situation.",
                     "test": {"in_favour": None, "relevant": None, "opt_out": None,
                              "open_to_all": None}})
    rows.append({"when": {}, "then": outcome(default) if default else "standard",
                 "why": "Otherwise the standard process applies, the same for every customer."})
    return {"hit_policy": "first",
            "inputs": [{"name": "customer_need", "basis": "need",
                        "values": ["standard", "urgent"]},
                       {"name": "customer_behaviour", "basis": "behaviour",
                        "values": ["constructive", "crosses_line"]},
                       {"name": "situation", "basis": "context",
                        "values": ["usual", "exceptional"]}],
            "rows": rows}


__all__ = ["insert_aggression_protocol", "protocol_decision_id", "starter_table"]
