"""Designed vs actual (journeys/eventlog.py): directly-follows counts on a hand-made log."""
from __future__ import annotations

import pytest

from journeys.eventlog import auto_mapping, compare, directly_follows, read_event_log
from journeys.model import load_journey

JOURNEY = load_journey({
    "name": "t", "nodes": [
        {"id": "s", "label": "Start", "kind": "start"}, {"id": "a", "label": "Apply", "kind": "step"},
        {"id": "b", "label": "Check", "kind": "step", "label_nl": "Controle"},
        {"id": "c", "label": "Call back", "kind": "step"}, {"id": "d", "label": "Visit", "kind": "step"},
        {"id": "e", "label": "Done", "kind": "end"}],
    "edges": [{"source": s, "target": t} for s, t in
              [("s", "a"), ("a", "b"), ("b", "c"), ("b", "d"), ("c", "e"), ("d", "e")]]})

# case 1 and 2 follow the design (case 2 written out of time order); case 3 skips b;
# case 4 has an activity that maps to no step.
LOG = """case_id,activity,timestamp,persona
1,start,2025-01-01T09:00:00,P
1,Apply,2025-01-01T10:00:00,P
1,controle,2025-01-02T10:00:00,P
1,Call back,2025-01-03T10:00:00,P
1,Done,2025-01-04T10:00:00,P
2,d,2025-02-03T10:00:00,Q
2,s,2025-02-01T10:00:00,Q
2,Done,2025-02-04T10:00:00,Q
2,a,2025-02-01T11:00:00,Q
2,b,2025-02-02T10:00:00,Q
3,s,2025-03-01T10:00:00,Q
3,a,2025-03-01T11:00:00,Q
3,c,2025-03-02T10:00:00,Q
3,e,2025-03-03T10:00:00,Q
4,s,2025-04-01T10:00:00,P
4,a,2025-04-01T11:00:00,P
4,Phone call,2025-04-01T12:00:00,P
4,b,2025-04-02T10:00:00,P
4,c,2025-04-03T10:00:00,P
4,e,2025-04-04T10:00:00,P
"""


@pytest.fixture()
def log():
    return read_event_log(LOG.encode(), "log.csv")


def test_auto_mapping_by_id_or_label_in_any_language(log):
    mapping = auto_mapping(list(log["activity"].unique()), JOURNEY)
    assert mapping["start"] == "s" and mapping["Apply"] == "a" and mapping["controle"] == "b"
    assert mapping["Call back"] == "c" and mapping["Done"] == "e"
    assert mapping["Phone call"] is None


def test_directly_follows_counts(log):
    mapping = auto_mapping(list(log["activity"].unique()), JOURNEY)
    dfg = directly_follows(log, mapping)
    counts = {(s, t): n for s, t, n in zip(dfg["source"], dfg["target"], dfg["count"])}
    assert counts == {("s", "a"): 4, ("a", "b"): 2, ("b", "c"): 2, ("c", "e"): 3, ("b", "d"): 1,
                      ("d", "e"): 1, ("a", "c"): 1, ("a", "?Phone call"): 1, ("?Phone call", "b"): 1}
    assert int(dfg["count"].sum()) == len(log) - 4  # one transition fewer than events per case


def test_compare_designed_and_actual(log):
    mapping = auto_mapping(list(log["activity"].unique()), JOURNEY)
    result = compare(JOURNEY, log, mapping)
    assert result.n_events == 20 and result.n_cases == 4
    assert result.share_following == pytest.approx(0.5)  # cases 1 and 2
    assert result.edge_counts[("s", "a")] == 4 and result.edge_counts[("b", "d")] == 1
    extra = {(s, t): n for s, t, n in zip(result.extra["source"], result.extra["target"],
                                          result.extra["count"])}
    assert extra == {("a", "c"): 1, ("a", "?Phone call"): 1, ("?Phone call", "b"): 1}
    assert result.unmapped == ["Phone call"]
    assert list(result.edges["count"]) == [4, 2, 2, 1, 3, 1]


def test_compare_one_persona_and_a_corrected_mapping(log):
    mapping = auto_mapping(list(log["activity"].unique()), JOURNEY)
    assert compare(JOURNEY, log, mapping, persona="Q").share_following == pytest.approx(0.5)
    mapping["Phone call"] = "a"  # the user maps the phone call onto "Apply": a -> a is not designed
    result = compare(JOURNEY, log, mapping, persona="P")
    assert result.n_cases == 2 and result.share_following == pytest.approx(0.5)
    assert result.unmapped == []


def test_ties_keep_file_order_and_semicolons_and_dutch_dates_read():
    text = "case_id;activity;timestamp\nx;s;01-03-2025 10:00\nx;a;01-03-2025 10:00\nx;b;02-03-2025\n"
    log = read_event_log(text.encode(), "nl.csv")
    assert log["timestamp"].iloc[2].day == 2 and log["timestamp"].iloc[2].month == 3
    dfg = directly_follows(log, {"s": "s", "a": "a", "b": "b"})
    assert set(zip(dfg["source"], dfg["target"])) == {("s", "a"), ("a", "b")}


@pytest.mark.parametrize("text, message", [
    ("case_id,activity\n1,a\n", "log.csv: missing column 'timestamp'"),
    ("case_id,activity,timestamp\n1,a,2025-01-01\n1,,2025-01-02\n", "log.csv: row 3, column activity: empty"),
    ("case_id,activity,timestamp\n1,a,2025-01-01\n1,b,yesterday\n", "log.csv: row 3, column timestamp"),
    ("", "log.csv: empty file"),
])
def test_bad_logs_get_one_line_errors(text, message):
    with pytest.raises(ValueError) as err:
        read_event_log(text.encode(), "log.csv")
    assert str(err.value).startswith(message) and "\n" not in str(err.value)
