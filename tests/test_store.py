"""The project store: versions, stale saves refused, history and restore, survey tables.

Runs against SQLite always and against PostgreSQL when scripts/test.sh started one
(STUDIO_TEST_PG_URL); both are what users run on.
"""
from __future__ import annotations

import os
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from studio.schema import SCHEMA_VERSION, Project, parse_project
from studio.store import ProjectNotFound, StaleProjectError, Store, project_versions

PG_URL = os.environ.get("STUDIO_TEST_PG_URL")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL else [])


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "sqlite":
        yield Store(f"sqlite:///{tmp_path / 'studio.db'}")
        return
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:  # a clean schema per test
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    from studio import store as store_module

    store_module._engines.pop(PG_URL, None)
    yield Store(PG_URL)


def test_save_creates_numbered_versions_and_history(store):
    stored = store.create(Project(name="Home buyers"))
    project = stored.project
    project.name = "Home buyers 2026"
    assert store.save(project, 1, note="renamed") == 2
    again = store.load(project.id)
    assert again.version == 2 and again.project.name == "Home buyers 2026"
    history = store.history(project.id)
    assert [h["version"] for h in history] == [2, 1]
    assert history[0]["note"] == "renamed"
    assert store.load_version(project.id, 1).name == "Home buyers"


def test_stale_save_is_refused_and_changes_nothing(store):
    project = store.create(Project(name="A")).project
    tab1 = store.load(project.id)
    tab2 = store.load(project.id)
    tab1.project.name = "from tab 1"
    store.save(tab1.project, tab1.version)
    tab2.project.name = "from tab 2"
    with pytest.raises(StaleProjectError) as info:
        store.save(tab2.project, tab2.version)
    assert info.value.expected == 1 and info.value.current == 2
    assert "version 1" in str(info.value) and "version 2" in str(info.value)
    assert store.load(project.id).project.name == "from tab 1"


def test_concurrent_saves_from_one_version_let_exactly_one_win(store):
    project = store.create(Project(name="race")).project
    outcomes = []

    def save(i):
        copy = project.model_copy(deep=True)
        copy.name = f"writer {i}"
        try:
            store.save(copy, 1)
            outcomes.append("ok")
        except StaleProjectError:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1 and outcomes.count("stale") == 5
    assert store.load(project.id).version == 2


def test_restore_makes_an_old_version_the_newest(store):
    project = store.create(Project(name="v1")).project
    project.name = "v2"
    store.save(project, 1)
    new = store.restore(project.id, 1, expected_version=2)
    assert new == 3
    assert store.load(project.id).project.name == "v1"
    assert len(store.history(project.id)) == 3


def test_unknown_project_is_a_clear_error(store):
    with pytest.raises(ProjectNotFound, match="no project with id"):
        store.load("nope")


def test_survey_table_round_trip_keeps_names_types_and_missing(store):
    project = store.create(Project(name="s")).project
    long_name = "How much do you want to decide yourself about every detail of your new home?"
    frame = pd.DataFrame({"respondent": ["R1", "R2", "R3"], "Q1": [1.0, None, 5.0], "q1": [2, 3, 4],
                          long_name: ["ja", None, "nee"], "Zeeën": ["é", "ï", "ë"]})
    table = store.write_survey(project.id, frame)
    back = store.read_survey(table)
    assert list(back.columns) == list(frame.columns)
    assert back["Q1"].isna().tolist() == [False, True, False]
    assert back["q1"].tolist() == [2, 3, 4]
    assert back[long_name].tolist()[0] == "ja" and pd.isna(back[long_name].tolist()[1])
    assert back["Zeeën"].tolist() == ["é", "ï", "ë"]
    store.delete(project.id)
    with pytest.raises(ProjectNotFound):
        store.read_survey(table)


def test_survey_rows_come_back_in_file_order_after_the_database_moved_them(store):
    """Segment labels are stored by position: a survey read back in another order would give every
    respondent someone else's segment. SQL keeps no order, so tables carry the file's row number."""
    project = store.create(Project(name="order")).project
    frame = pd.DataFrame({"respondent": [f"R{i}" for i in range(50)], "c1": range(50)})
    table = store.write_survey(project.id, frame)
    with store.engine.begin() as conn:  # the first row deleted and written again: now last in storage
        row = conn.execute(sa.text(f'SELECT * FROM "{table}" WHERE c0 = :r'), {"r": "R0"}).mappings().one()
        conn.execute(sa.text(f'DELETE FROM "{table}" WHERE c0 = :r'), {"r": "R0"})
        conn.execute(sa.text(f'INSERT INTO "{table}" ({", ".join(row)}) VALUES ({", ".join(":" + k for k in row)})'),
                     dict(row))
        unordered = [r[0] for r in conn.execute(sa.text(f'SELECT c0 FROM "{table}"'))]
    assert unordered[0] != "R0"  # the database itself no longer returns file order
    assert store.read_survey(table)["respondent"].tolist() == frame["respondent"].tolist()
    assert store.read_survey_columns(table, ["c1"])["c1"].tolist() == list(range(50))


def test_a_new_import_keeps_the_old_table_for_the_version_history(store):
    from studio.service import attach_survey

    stored = store.create(Project(name="history"))
    project = stored.project
    attach_survey(store, project, pd.DataFrame({"respondent": ["R1"], "c1": [1]}), source="first.csv")
    version = store.save(project, stored.version, note="first import")
    first = project.survey.table
    attach_survey(store, project, pd.DataFrame({"respondent": ["R1", "R2"], "c1": [2, 3]}), source="second.csv")
    version = store.save(project, version, note="second import")
    store.restore(project.id, version - 1, version)
    restored = store.load(project.id).project
    assert restored.survey.table == first and store.read_survey(first)["c1"].tolist() == [1]
    assert store.drop_stray_surveys(orphan_age_hours=0) == []


def test_large_surveys_are_read_from_a_parquet_copy_that_never_serves_wrong_data(store, monkeypatch, tmp_path):
    """A 1,000,000-row survey takes ~20 s to read through a database driver; its Parquet copy well
    under a second. The copy must give exactly what the database gives, and never outlive its table."""
    from studio import store as store_module

    monkeypatch.setenv("STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(store_module, "SURVEY_CACHE_MIN_ROWS", 10)
    project = store.create(Project(name="cached")).project
    frame = pd.DataFrame({"respondent": [f"R{i}" for i in range(40)], "c1": [i % 5 + 1 for i in range(40)],
                          "c2": [None if i % 7 == 0 else 2.5 for i in range(40)], "empty": [None] * 40,
                          "kanaal": ["app", "telefoon", None, "balie"] * 10})
    table = store.write_survey(project.id, frame)
    from_db = store.read_survey(table)
    path = store._survey_cache_path(table)
    assert path.exists()
    from_copy = store.read_survey(table)
    pd.testing.assert_frame_equal(from_copy, from_db)
    with store.engine.begin() as conn:  # proof the copy is what was read: the rows are gone from the DB
        conn.execute(sa.text(f'DELETE FROM "{table}"'))
    assert len(store.read_survey(table)) == 40
    path.write_bytes(b"not parquet")  # a damaged copy falls back to the database
    assert len(store.read_survey(table)) == 0
    store.drop_survey(table)
    assert not path.exists()
    with pytest.raises(ProjectNotFound):
        store.read_survey(table)


def test_per_respondent_run_lists_are_stored_once_not_in_every_version(store):
    """A run's labels and ids (a million respondents: ~14 MB of JSON) are not copied into each of the
    next 500 versions: the versions point at one stored list, and loading gives the lists back."""
    from studio.blobs import blobs

    n = 5_000
    project = store.create(Project(name="big")).project
    run = {"id": "r1", "method": "kmeans", "labels": [i % 4 for i in range(n)], "ids": [f"R{i:06d}" for i in range(n)]}
    project.segmentations = [run]
    version = store.save(project, 1, note="segmented")
    for i in range(5):  # later edits that do not touch the run
        project.description = f"edit {i}"
        version = store.save(project, version, note=f"edit {i}")
    loaded = store.load(project.id).project
    assert loaded.segmentations[0]["labels"] == run["labels"] and loaded.segmentations[0]["ids"] == run["ids"]
    assert store.load_version(project.id, 2).segmentations[0]["ids"][-1] == f"R{n - 1:06d}"
    with store.engine.connect() as conn:
        sizes = [len(d) for d in conn.execute(sa.select(project_versions.c.data)
                                              .where(project_versions.c.project_id == project.id)).scalars()]
        stored_lists = conn.execute(sa.select(sa.func.count()).select_from(blobs)).scalar()
    assert max(sizes) < 5_000 and stored_lists == 2  # each version a few KB; labels + ids stored once
    loaded.segmentations[0]["labels"][0] = 99  # a caller changing its copy changes nothing stored
    assert store.load(project.id).project.segmentations[0]["labels"][0] == 0


def test_older_schema_versions_are_migrated_and_newer_refused():
    old = {"name": "draft", "personas": [{"id": "p1", "name": "De Regisseur"}], "something_new": 1}
    project = parse_project(old)
    assert project.schema_version == SCHEMA_VERSION
    assert project.personas[0]["name"] == "De Regisseur"
    assert project.model_dump()["something_new"] == 1  # unknown keys survive a round trip
    with pytest.raises(ValueError, match="newer studio"):
        parse_project({"schema_version": SCHEMA_VERSION + 1, "name": "x"})


def test_sqlite_store_runs_in_wal_mode(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'wal.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
