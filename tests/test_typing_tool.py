"""Typing tool: golden questions, honest cross-validation, and SQL that types exactly like Python."""
from __future__ import annotations

import json
import sqlite3

import duckdb
import numpy as np
import pandas as pd
import pytest

from segmentation.typing_tool import TypingTool

ODD = 'q "odd" name'  # a column name that needs identifier quoting


def _survey(n=900, k=4, p=12, seed=1, noise=1.2, missing=0.1):
    """Likert 1-5 answers whose means differ by segment, with missing answers."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, n)
    centres = rng.normal(3, 1, (k, p))
    ans = np.clip(np.round(centres[labels] + rng.normal(0, noise, (n, p))), 1, 5)
    items = pd.DataFrame(ans, columns=[f"q{i}" for i in range(p - 1)] + [ODD])
    items = items.mask(rng.random(items.shape) < missing)
    return items, labels


def _run_duckdb(sql: str, survey: pd.DataFrame) -> pd.DataFrame:
    con = duckdb.connect()
    con.register("survey_df", survey)
    con.execute("CREATE TABLE survey AS SELECT * FROM survey_df")
    return con.execute(sql).fetchdf().sort_values("respondent").reset_index(drop=True)


def _run_sqlite(sql: str, survey: pd.DataFrame) -> pd.DataFrame:
    con = sqlite3.connect(":memory:")
    cols = ", ".join('"' + c.replace('"', '""') + '"' for c in survey.columns)
    con.execute(f"CREATE TABLE survey ({cols})")
    rows = [tuple(None if pd.isna(v) else (int(v) if float(v).is_integer() else float(v)) for v in r)
            for r in survey.itertuples(index=False)]
    con.executemany(f"INSERT INTO survey VALUES ({', '.join('?' * survey.shape[1])})", rows)
    out = pd.DataFrame(con.execute(sql).fetchall(), columns=["respondent", "segment"])
    return out.sort_values("respondent").reset_index(drop=True)


@pytest.mark.parametrize("method", ["greedy", "tree"])
def test_sql_types_every_row_like_predict(method):
    """One SELECT, run in DuckDB and in SQLite over a survey with 10 % missing answers (integer
    columns, as a survey table holds them), assigns every respondent the segment predict gives."""
    items, labels = _survey()
    tool = TypingTool(max_questions=6, method=method, random_state=0).fit(items, labels)
    assert 1 <= len(tool.questions_) <= 6
    survey = items.astype("Int64").assign(respondent=np.arange(len(items)) + 1000)
    expected = tool.predict(items)
    for run, dialect in ((_run_duckdb, "duckdb"), (_run_sqlite, "sqlite")):
        sql = tool.to_sql(dialect, table="survey", id_column="respondent")
        got = run(sql, survey)
        assert len(got) == len(items)
        assert got["segment"].tolist() == expected.tolist(), dialect
    # answers left blank: the training mean stands in, in SQL as in predict
    blank = survey.copy()
    blank.loc[:, [c for c in items.columns]] = pd.NA
    assert _run_duckdb(tool.to_sql("duckdb"), blank)["segment"].nunique() == 1


def test_text_segments_and_ties_follow_numpy_argmax():
    """Segment labels are written as SQL strings (quotes escaped); on an exact tie the first
    segment wins in SQL as numpy.argmax does."""
    items, labels = _survey(n=400, k=3, seed=4)
    names = np.array(["De Regisseur", "O'Brien-type", "Volger"])[labels]
    tool = TypingTool(max_questions=3).fit(items, names)
    assert tool.classes_ == ["De Regisseur", "O'Brien-type", "Volger"]
    w, b = tool.model_["w"], tool.model_["b"]
    w[1], b[1] = w[0], b[0]  # segments 0 and 1 now tie on every row
    w[2], b[2] = w[0], b[0] - 1024.0  # and segment 2 never wins
    survey = items.assign(respondent=np.arange(len(items)))
    expected = tool.predict(items)
    assert set(expected) == {"De Regisseur"}
    assert _run_duckdb(tool.to_sql("duckdb"), survey)["segment"].tolist() == expected.tolist()
    assert _run_sqlite(tool.to_sql("sqlite"), survey)["segment"].tolist() == expected.tolist()
    b[0] = b[1] - 1024.0  # now segments 1 and 2 tie above segment 0: the middle one wins
    w[2], b[2] = w[1], b[1]
    expected = tool.predict(items)
    assert set(expected) == {"O'Brien-type"}
    assert _run_duckdb(tool.to_sql("duckdb"), survey)["segment"].tolist() == expected.tolist()
    assert _run_sqlite(tool.to_sql("sqlite"), survey)["segment"].tolist() == expected.tolist()


def test_postgres_text():
    """PostgreSQL: double-quoted identifiers (embedded quotes doubled), DOUBLE PRECISION casts,
    one statement."""
    items, labels = _survey(n=300, seed=2)
    tool = TypingTool(max_questions=12).fit(items, labels)
    assert ODD in tool.questions_
    sql = tool.to_sql("postgres", table="public.survey", id_column="Respondent ID")
    assert sql.startswith('SELECT "Respondent ID"')
    assert '"q ""odd"" name"' in sql
    assert 'FROM "public"."survey"' in sql
    assert "AS DOUBLE PRECISION" in sql and "AS REAL" not in sql
    assert ";" not in sql and sql.count("SELECT") == 2  # the scores sit in one derived table
    with pytest.raises(ValueError, match="dialect"):
        tool.to_sql("oracle")


def test_rule_json_reproduces_predict():
    """The JSON rule is complete: applying it by hand gives predict's segments."""
    items, labels = _survey(n=500, seed=3)
    tool = TypingTool(max_questions=4).fit(items, labels)
    rule = json.loads(json.dumps(tool.to_rule(), allow_nan=False))
    filled = items[rule["questions"]].fillna(rule["impute_missing_with"])
    scores = np.column_stack([s["intercept"] + sum(filled[q] * w for q, w in s["weights"].items())
                              for s in rule["scores"]])
    assert (np.array(rule["segments"])[scores.argmax(axis=1)] == tool.predict(items)).all()
    tree = TypingTool(method="tree", max_questions=3).fit(items, labels)
    node = tree.to_rule()["tree"]
    row = items.iloc[0].fillna(pd.Series(tree.impute_))
    while "segment" not in node:
        node = node["then"] if row[node["question"]] <= node["le"] else node["else"]
    assert node["segment"] == tree.predict(items.iloc[:1])[0]


def test_cross_validation_is_honest():
    """Selection happens inside each fold: on labels unrelated to the answers the held-out
    accuracy stays near chance (1/4), even though picking 6 of 40 noise items would fit the
    training rows better than chance."""
    rng = np.random.default_rng(0)
    items = pd.DataFrame(rng.integers(1, 6, (400, 40)).astype(float),
                         columns=[f"n{i}" for i in range(40)])
    labels = rng.integers(0, 4, 400)
    tool = TypingTool(max_questions=6, random_state=0).fit(items, labels)
    assert tool.accuracy_ < 0.35
    signal, lab2 = _survey(n=800, noise=0.8)
    good = TypingTool(max_questions=6).fit(signal, lab2)
    assert good.accuracy_ > 0.8
    assert np.sum(good.confusion_) == 800
    assert np.trace(good.confusion_) / 800 == pytest.approx(good.accuracy_)
    assert good.accuracy_by_n_[-1] == pytest.approx(good.accuracy_)
    assert good.accuracy_by_n_[0] < good.accuracy_by_n_[-1]


def test_bad_input():
    items, labels = _survey(n=100)
    with pytest.raises(ValueError, match=r"row 3, column 'q0': expected a numeric answer"):
        TypingTool().fit(items.astype(object).assign(q0=[1, 2, 3, "often"] * 25), labels)
    with pytest.raises(ValueError, match="at least 2 segments"):
        TypingTool().fit(items, np.zeros(100))
    with pytest.raises(ValueError, match="labels: expected 100"):
        TypingTool().fit(items, labels[:5])
    tool = TypingTool(max_questions=2).fit(items, labels)
    with pytest.raises(ValueError, match="missing, the typing tool asks"):
        tool.predict(items.drop(columns=tool.questions_[0]))
