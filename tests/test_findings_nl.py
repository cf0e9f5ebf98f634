"""Dutch texts of the journey and rules-of-play findings (``message_nl``, ``suggestion_nl``).

A Dutch-speaking team reads the checks panel in Dutch; the English ``message``/``suggestion``
stay the contract of DESIGN.md section 5 (and the CLI output) unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest

from journeys.checks import check_journey
from journeys.model import load_journey

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "data" / "journeys").glob("*.json"))
# English template words that must not survive in a Dutch text (the corpus' own labels, values
# and input names contain none of them).
ENGLISH = (" is not ", "should", " has no ", " cannot ", " does not ", " the ", " and ",
           " when ", " at \"", " leads to ", "Add ", "Rule ", "Input ", "Decision ", "Make ")


def _corpus_findings() -> list[tuple[str, dict]]:
    return [(p.name, f) for p in CORPUS for f in check_journey(load_journey(p), dutch=True)]


def test_every_corpus_code_has_plain_dutch_texts() -> None:
    found = _corpus_findings()
    codes = {f["code"] for _, f in found}
    assert len(CORPUS) == 79
    # every journey check code and every rules code the corpus triggers
    assert codes >= {"unreachable", "dead_end", "no_default", "bounce_loop", "no_escalation",
                     "no_aftercare", "discretion_without_rules", "rule_gap", "rule_overlap",
                     "protected_basis", "proxy_basis", "unexplained_rule",
                     "differentiation_test"}
    for name, f in found:
        for key in ("message", "suggestion"):
            nl = f[f"{key}_nl"]
            assert isinstance(nl, str) and nl.strip(), (name, f["code"], key)
            assert nl != f[key], (name, f["code"], key)
            leftovers = [w for w in ENGLISH if w in nl]
            assert not leftovers, (name, f["code"], key, leftovers, nl)


def test_english_texts_and_contract_keys_unchanged() -> None:
    """The Dutch keys are opt-in: the default findings keep exactly the DESIGN.md keys and the
    English texts are the same with or without them."""
    for p in CORPUS:
        plain = check_journey(load_journey(p))
        dutch = check_journey(load_journey(p), dutch=True)
        assert len(plain) == len(dutch), p.name
        for a, b in zip(plain, dutch):
            assert "message_nl" not in a and "suggestion_nl" not in a
            assert {k: v for k, v in b.items() if not k.endswith("_nl")} == a, p.name


def _journey(extra: dict) -> dict:
    return {"name": "j", "nodes": [
        {"id": "s", "label": "Start", "kind": "start"},
        {"id": "d", "label": "Check the form", "kind": "decision", **extra},
        {"id": "e", "label": "Done", "kind": "end"},
        {"id": "x", "label": "Forgotten desk", "kind": "step", "label_nl": "Vergeten balie"}],
        "edges": [{"source": "s", "target": "d"}, {"source": "d", "target": "e"},
                  {"source": "d", "target": "s"}],
        "rules": {"d": {"hit_policy": "unique",
                        "inputs": [{"name": "behaviour", "basis": "behaviour",
                                    "values": ["calm", "rude"]}],
                        "rows": [{"when": {"behaviour": "calm"}, "then": "help"}]}}}


def test_dutch_texts_name_nodes_by_label_nl() -> None:
    findings = check_journey(load_journey(_journey({"label_nl": "Formulier controleren"})),
                             dutch=True)
    by_code = {f["code"]: f for f in findings}
    assert '"Vergeten balie" (x)' in by_code["unreachable"]["message_nl"]
    assert '"Forgotten desk" (x)' in by_code["unreachable"]["message"]
    assert '"Formulier controleren" (d)' in by_code["rule_gap"]["message_nl"]
    assert "behaviour = rude" in by_code["rule_gap"]["message_nl"]
    assert '"Check the form" (d)' in by_code["rule_gap"]["message"]
    # without label_nl the Dutch text falls back to the label
    findings = check_journey(load_journey(_journey({})), dutch=True)
    gap = next(f for f in findings if f["code"] == "rule_gap")
    assert '"Check the form" (d)' in gap["message_nl"]


@pytest.mark.parametrize("lang, expected", [("nl", "Dutch"), ("en", "English")])
def test_pages_show_dutch_when_the_ui_speaks_dutch(monkeypatch, lang, expected) -> None:
    from ui import journeys_state as js

    monkeypatch.setattr(js, "current_lang", lambda: lang)
    f = {"message": "English", "suggestion": "English", "message_nl": "Dutch",
         "suggestion_nl": "Dutch"}
    assert js.finding_text(f, "message") == expected
    assert js.finding_text(f, "suggestion") == expected
    # a finding without Dutch texts (or an empty one) falls back to English
    assert js.finding_text({"message": "English", "message_nl": ""}, "message") == "English"
    assert js.finding_text({"suggestion": "English"}, "suggestion") == "English"
