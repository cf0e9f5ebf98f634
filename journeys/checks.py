"""Graph checks on a journey (DESIGN.md section 5, "Journey check codes").

Why these checks: a journey where staff meet customers must not strand anyone (unreachable steps,
dead ends), must not send the customer back and forth (bounce loops), must say what happens by
default at a branch, must give frontline staff a way to a manager and the manager a way to
aftercare for the employee (DOMAIN.md section 5), and discretion needs rules of play
(section 4). The rules themselves are checked by ``journeys.rules.check_rules``.

Severities (documented choice):

| code | severity | why |
| --- | --- | --- |
| unreachable, dead_end | error | the map is broken: a customer can get stuck or a step never happens |
| rule_gap, protected_basis | error | a case with no answer, or a rule on who the customer is |
| no_default, bounce_loop, no_escalation, no_aftercare, discretion_without_rules | warning | a risk to customer or staff that a team may knowingly accept |
| rule_overlap, proxy_basis, unexplained_rule, differentiation_test (a "no") | warning | |
| differentiation_test (unanswered), rule_check_sampled | info | |

Every check is linear in nodes + edges (multi-source searches over the successor and predecessor
lists) except the bounce loops, which use ``nx.simple_cycles(G, length_bound=3)``.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Iterable

import networkx as nx

from journeys.model import Journey
from journeys.rules import check_rules, english_only, finding, node_name

CUSTOMER_LANES = {"customer"}
FRONTLINE_LANES = {"frontline"}
KINDS_NL = {"start": "start", "step": "stap", "touchpoint": "contactmoment",
            "decision": "beslismoment", "escalation": "escalatie", "aftercare": "nazorg",
            "end": "einde"}


def _label_nl(node: Any) -> str:
    """The node's Dutch label (extra key ``label_nl``) when it has one, else its label."""
    extra = node.extras().get("label_nl")
    return str(extra) if isinstance(extra, str) and extra.strip() else node.label


def _search(sources: Iterable[str], adjacency: dict[str, list[str]]) -> set[str]:
    """All nodes reachable from the sources (sources included)."""
    seen = set(sources)
    queue = deque(seen)
    while queue:
        for nxt in adjacency[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _lane(value: str | None) -> str:
    return (value or "").strip().lower()


def check_journey(journey: Journey, dutch: bool = False) -> list[dict[str, Any]]:
    """All findings for a journey, graph checks first, then each decision table's rules.

    With ``dutch`` every finding also carries ``message_nl`` and ``suggestion_nl``, the same
    text in plain Dutch (nodes named by their ``label_nl`` when they have one) for the pages;
    without it the findings have exactly the DESIGN.md keys (the CLI's output).

    Findings matching a justification (same code and node) are returned with ``justified``
    true and the reason in ``justification``: they stay visible but no longer fail a check."""
    nodes = journey.nodes
    label = {n.id: n.label for n in nodes}
    label_nl = {n.id: _label_nl(n) for n in nodes}
    kind = {n.id: n.kind for n in nodes}
    succ: dict[str, list[str]] = {n.id: [] for n in nodes}
    pred: dict[str, list[str]] = {n.id: [] for n in nodes}
    defaults: dict[str, bool] = {n.id: False for n in nodes}
    for e in journey.edges:
        succ[e.source].append(e.target)
        pred[e.target].append(e.source)
        defaults[e.source] |= e.default
    out: list[dict[str, Any]] = []

    def name(node_id: str, lang: str = "en") -> str:
        return node_name(node_id, label[node_id] if lang == "en" else label_nl[node_id])

    starts = [n.id for n in nodes if n.kind == "start"]
    reached = _search(starts, succ)
    for n in nodes:
        if n.id not in reached:
            why = "there is no start node" if not starts else "no path leads to it from a start"
            why_nl = "er is geen startstap" if not starts else "geen pad vanaf een start leidt erheen"
            out.append(finding(
                "unreachable", n.id, f"{name(n.id)} cannot be reached: {why}.",
                "Add an edge into it from an earlier step, mark the first step as kind "
                "'start', or remove it.", "edges",
                message_nl=f"{name(n.id, 'nl')} is onbereikbaar: {why_nl}.",
                suggestion_nl="Voeg een verbinding toe vanuit een eerdere stap, geef de eerste "
                "stap de soort 'start', of haal de stap weg."))
    for n in nodes:
        if n.kind != "end" and not succ[n.id]:
            out.append(finding(
                "dead_end", n.id, f"{name(n.id)} ({n.kind}) has no way onward: the journey "
                "stops there without an end.",
                "Add an edge to the next step, or make it kind 'end' if the journey really "
                "finishes here.", "edges",
                message_nl=f"{name(n.id, 'nl')} ({KINDS_NL.get(n.kind, n.kind)}) heeft geen "
                "vervolg: de reis houdt daar op zonder einde.",
                suggestion_nl="Voeg een verbinding naar de volgende stap toe, of geef de stap "
                "de soort 'end' als de reis hier echt eindigt."))
    for n in nodes:
        if n.kind == "decision" and len(succ[n.id]) >= 2 and not defaults[n.id]:
            out.append(finding(
                "no_default", n.id, f"Decision {name(n.id)} has {len(succ[n.id])} ways onward "
                "and none is marked as the default.", "Mark the usual way onward with "
                "\"default\": true, so staff know what happens when no special case applies.",
                "edges",
                message_nl=f"Beslismoment {name(n.id, 'nl')} heeft {len(succ[n.id])} "
                "vervolgen en geen daarvan is als standaard aangemerkt.",
                suggestion_nl="Markeer het gebruikelijke vervolg met \"default\": true, zodat "
                "medewerkers weten wat er gebeurt als er geen bijzonder geval speelt."))
    out.extend(_bounce_loops(journey, succ, name))
    out.extend(_escalation(journey, succ, pred, name))
    can_aftercare = _search([n.id for n in nodes if n.kind == "aftercare"], pred)
    for n in nodes:
        if n.kind == "escalation" and n.id not in can_aftercare:
            out.append(finding(
                "no_aftercare", n.id, f"Escalation {name(n.id)} leads to no aftercare: the "
                "employee involved is left alone after the incident.", "Add an aftercare step "
                "after it (a debrief with the manager or a colleague, a confidential adviser).",
                "edges",
                message_nl=f"Escalatie {name(n.id, 'nl')} leidt niet naar nazorg: de "
                "betrokken medewerker staat er na het incident alleen voor.",
                suggestion_nl="Voeg er een nazorgstap na toe (een nagesprek met de "
                "leidinggevende of een collega, een vertrouwenspersoon)."))
    for n in nodes:
        if n.kind == "decision" and n.discretion and n.id not in journey.rules:
            out.append(finding(
                "discretion_without_rules", n.id, f"Decision {name(n.id)} is left to staff "
                "discretion but has no rules of play: each employee will decide differently.",
                "Write rules of play for it: which needs, behaviour or context may change the "
                "answer, and why.", "rules",
                message_nl=f"Beslismoment {name(n.id, 'nl')} is overgelaten aan het oordeel "
                "van medewerkers, maar heeft geen spelregels: elke medewerker beslist anders.",
                suggestion_nl="Schrijf er spelregels voor: welke behoeften, welk gedrag of "
                "welke context het antwoord mogen veranderen, en waarom."))
    for node_id, table in journey.rules.items():
        out.extend(check_rules(node_id, table, label[node_id], label_nl[node_id], dutch=True))
    return _justify(journey, out if dutch else english_only(out))


def _bounce_loops(journey: Journey, succ: dict[str, list[str]], name) -> list[dict[str, Any]]:
    # Every node on a cycle of 2 or 3 passes this cheap set test; nx.simple_cycles then runs on
    # those few nodes only (exact: a short cycle lies wholly inside the candidates).
    out_sets = {u: set(vs) - {u} for u, vs in succ.items()}
    candidates = set()
    for u, vs in out_sets.items():
        for v in vs:
            if u in out_sets[v] or any(u in out_sets[w] for w in out_sets[v]):
                candidates.add(u)
                break
    g = nx.DiGraph()
    g.add_nodes_from(candidates)
    g.add_edges_from((u, v) for u in candidates for v in out_sets[u] if v in candidates)
    loops: dict[str, list[list[str]]] = {}
    for cycle in nx.simple_cycles(g, length_bound=3):
        if len(cycle) >= 2:
            for node in cycle:
                loops.setdefault(node, []).append(cycle)
    out = []
    for n in journey.nodes:
        if n.id in loops:
            shown = loops[n.id][:3]
            paths = "; ".join(" -> ".join(c[c.index(n.id):] + c[:c.index(n.id)] + [n.id])
                              for c in shown)
            more = len(loops[n.id]) - len(shown)
            out.append(finding(
                "bounce_loop", n.id, f"{name(n.id)} is on a short loop that sends the customer "
                f"back and forth: {paths}" + (f" (and {more} more)" if more else "") + ".",
                "Give the loop an exit: after the first round, hand the case to one owner or "
                "escalate instead of sending it back again.", "edges",
                message_nl=f"{name(n.id, 'nl')} ligt op een korte lus die de klant heen en "
                f"weer stuurt: {paths}" + (f" (en nog {more})" if more else "") + ".",
                suggestion_nl="Geef de lus een uitweg: maak na de eerste ronde één eigenaar "
                "verantwoordelijk voor de zaak of escaleer, in plaats van hem weer terug te "
                "sturen."))
    return out


def _escalation(journey: Journey, succ: dict[str, list[str]], pred: dict[str, list[str]],
                name) -> list[dict[str, Any]]:
    lane = {n.id: _lane(n.lane) for n in journey.nodes}
    can_escalate = _search([n.id for n in journey.nodes if n.kind == "escalation"], pred)
    out = []
    for n in journey.nodes:
        if lane[n.id] not in FRONTLINE_LANES or n.id in can_escalate:
            continue
        if any(lane[m] in CUSTOMER_LANES for m in succ[n.id] + pred[n.id]):
            out.append(finding(
                "no_escalation", n.id, f"Frontline step {name(n.id)} meets the customer but "
                "has no path to an escalation: if the customer crosses a line, the employee "
                "cannot call in a manager.", "Add an edge from it (or a later step) to an "
                "escalation node in the manager lane.", "edges",
                message_nl=f"Frontlijnstap {name(n.id, 'nl')} heeft klantcontact maar geen pad "
                "naar een escalatie: gaat de klant over een grens, dan kan de medewerker geen "
                "leidinggevende inschakelen.",
                suggestion_nl="Voeg een verbinding toe vanuit deze stap (of een latere stap) "
                "naar een escalatiestap in de baan van de leidinggevende."))
    return out


def _justify(journey: Journey, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    reasons: dict[tuple[str, str], str] = {}
    for j in journey.justified:
        text = j.reason + (f" ({j.by}" + (f", {j.at}" if j.at else "") + ")" if j.by else "")
        reasons.setdefault((j.code, j.node), text)
    for f in findings:
        reason = reasons.get((f["code"], f["node"]))
        if reason is not None:
            f["justified"] = True
            f["justification"] = reason
    return findings


def failing(findings: list[dict[str, Any]], fail_on: str = "error") -> list[dict[str, Any]]:
    """Unjustified findings at or above a severity (for ``--fail-on error|warning``)."""
    rank = {"info": 0, "warning": 1, "error": 2}
    return [f for f in findings if not f["justified"] and rank[f["severity"]] >= rank[fail_on]]
