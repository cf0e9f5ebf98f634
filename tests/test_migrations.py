"""Schema migrations (Alembic): a store written by every earlier schema revision opens in the
newest studio with nothing lost, on SQLite and (when scripts/test.sh started it) PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

import studio.store as store_module
from studio.schema import Project
from studio.store import Store

PG_URL = os.environ.get("STUDIO_TEST_PG_URL")
MIGRATIONS = Path(store_module.__file__).parent / "migrations"


def _config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(_config(None))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _url(backend: str, tmp_path: Path, revision: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'old-{revision}.db'}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


@pytest.mark.parametrize("backend", ["sqlite"] + (["postgres"] if PG_URL else []))
@pytest.mark.parametrize("revision", _revisions()[:-1] or ["none"])
def test_a_store_from_an_older_revision_upgrades_without_loss(tmp_path, backend, revision):
    if revision == "none":
        pytest.skip("only one schema revision so far")
    url = _url(backend, tmp_path, revision)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        command.upgrade(_config(conn), revision)
        project = Project(name="Written by an older studio")
        conn.execute(sa.text("INSERT INTO projects (id, name, version, data, created_at, updated_at) "
                             "VALUES (:id, :name, 3, :data, 'then', 'then')"),
                     {"id": project.id, "name": project.name, "data": project.model_dump_json()})
    engine.dispose()
    store_module._engines.pop(url, None)
    store = Store(url)  # opening migrates to the newest revision
    stored = store.load(project.id)
    assert stored.version == 3 and stored.project.name == "Written by an older studio"
    with store.engine.connect() as conn:
        head = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    assert head == _revisions()[-1]
    store.engine.dispose()
    store_module._engines.pop(url, None)


def test_migrations_form_one_line_of_revisions():
    script = ScriptDirectory.from_config(_config(None))
    assert len(script.get_heads()) == 1
