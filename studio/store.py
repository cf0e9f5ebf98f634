"""The project store: SQLAlchemy 2 over embedded SQLite (default) or a shared PostgreSQL.

Every save is a numbered version (optimistic concurrency: a save names the version it started
from, and a save against a stale version is refused instead of silently overwriting a colleague).
Respondent-level survey data lives in a table per survey, never only in a browser session.
Schema changes are Alembic migrations, applied when a store is opened.
"""
from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event

from .blobs import externalise, inflate
from .schema import Project, new_id, parse_project, utcnow

MAX_VERSIONS_KEPT = 500
SURVEY_CACHE_MIN_ROWS = 20_000  # smaller surveys read from the database in well under a second
ROW_COLUMN = "_row"  # each survey table's row number in the file: rows are read back in that order


class StaleProjectError(RuntimeError):
    """The project was saved by someone else since this copy was loaded."""

    def __init__(self, project_id: str, expected: int, current: int):
        self.project_id, self.expected, self.current = project_id, expected, current
        super().__init__(
            f"project {project_id} was changed elsewhere (you edited version {expected}, "
            f"the store has version {current}): reload to see the other changes, then redo yours"
        )


class ProjectNotFound(KeyError):
    def __init__(self, project_id: str):
        self.project_id = project_id
        super().__init__(project_id)

    def __str__(self) -> str:
        return f"no project with id {self.project_id!r} in this store"


def studio_home() -> Path:
    return Path(os.environ.get("STUDIO_HOME") or Path.home() / ".persona-studio").expanduser()


def default_url() -> str:
    url = os.environ.get("STUDIO_DB_URL")
    if url:
        return url
    home = studio_home()
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / 'studio.db'}"


metadata = sa.MetaData()
projects = sa.Table(
    "projects", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Column("owner", sa.String(200), nullable=True),
)
project_versions = sa.Table(
    "project_versions", metadata,
    sa.Column("project_id", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("saved_at", sa.String(40), nullable=False),
    sa.Column("note", sa.String(500), nullable=False),
)
survey_tables = sa.Table(
    "survey_tables", metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("project_id", sa.String(64), nullable=False),
    sa.Column("n_rows", sa.Integer, nullable=False),
    sa.Column("columns", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)

project_members = sa.Table(
    "project_members", metadata,
    sa.Column("project_id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(200), primary_key=True),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("added_by", sa.String(200), nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
)

_engines: dict[str, sa.Engine] = {}
_engines_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged save survives a crash
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _migrate(engine: sa.Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def get_engine(url: str | None = None) -> sa.Engine:
    """One engine per database URL per process, migrated to the newest schema on first use."""
    url = url or default_url()
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            if url.startswith("sqlite"):
                engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = sa.create_engine(url, pool_pre_ping=True)
            _migrate(engine)
            _engines[url] = engine
    return engine


@dataclass
class StoredProject:
    project: Project
    version: int
    updated_at: str


class Store:
    """Plain functions over one database; cheap to construct (the engine is shared)."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.engine = get_engine(self.url)

    # -- projects ---------------------------------------------------------------------------
    def create(self, project: Project, note: str = "created", owner: str | None = None) -> StoredProject:
        """Store a new project; `owner` (a user id) may share it, None leaves it open to every user."""
        now = utcnow()
        with self.engine.begin() as conn:
            data = self._document(project, conn)
            conn.execute(projects.insert().values(
                id=project.id, name=project.name[:300], version=1, data=data, created_at=now, updated_at=now,
                owner=owner))
            conn.execute(project_versions.insert().values(
                project_id=project.id, version=1, data=data, saved_at=now, note=note[:500]))
        return StoredProject(project, 1, now)

    def load(self, project_id: str) -> StoredProject:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(projects.c.data, projects.c.version, projects.c.updated_at)
                               .where(projects.c.id == project_id)).first()
            if row is None:
                raise ProjectNotFound(project_id)
            doc = inflate(json.loads(row.data), conn, f"project {project_id}")
        return StoredProject(parse_project(doc, f"project {project_id}"), row.version, row.updated_at)

    @staticmethod
    def _document(project: Project, conn: sa.Connection) -> str:
        """The project's JSON as stored: long per-respondent run lists by reference (studio/blobs.py)."""
        return json.dumps(externalise(project.model_dump(mode="json"), conn), ensure_ascii=False)

    def exists(self, project_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(projects.c.id).where(projects.c.id == project_id)).first() is not None

    def save(self, project: Project, expected_version: int, note: str = "edit") -> int:
        """Store a new version; refuse (StaleProjectError) when the stored version moved on."""
        now = utcnow()
        new_version = expected_version + 1
        with self.engine.begin() as conn:
            data = self._document(project, conn)
            result = conn.execute(
                projects.update()
                .where(projects.c.id == project.id, projects.c.version == expected_version)
                .values(version=new_version, data=data, name=project.name[:300], updated_at=now))
            if result.rowcount != 1:
                current = conn.execute(sa.select(projects.c.version).where(projects.c.id == project.id)).scalar()
                if current is None:
                    raise ProjectNotFound(project.id)
                raise StaleProjectError(project.id, expected_version, current)
            conn.execute(project_versions.insert().values(
                project_id=project.id, version=new_version, data=data, saved_at=now, note=note[:500]))
            conn.execute(project_versions.delete().where(
                project_versions.c.project_id == project.id,
                project_versions.c.version <= new_version - MAX_VERSIONS_KEPT))
        return new_version

    def list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(projects.c.id, projects.c.name, projects.c.version, projects.c.updated_at,
                                          projects.c.owner)
                                .order_by(projects.c.updated_at.desc())).all()
        return [dict(row._mapping) for row in rows]

    def history(self, project_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(project_versions.c.version, project_versions.c.saved_at,
                                          project_versions.c.note)
                                .where(project_versions.c.project_id == project_id)
                                .order_by(project_versions.c.version.desc())).all()
        return [dict(row._mapping) for row in rows]

    def load_version(self, project_id: str, version: int) -> Project:
        where = f"project {project_id} version {version}"
        with self.engine.connect() as conn:
            data = conn.execute(sa.select(project_versions.c.data).where(
                project_versions.c.project_id == project_id, project_versions.c.version == version)).scalar()
            if data is None:
                raise ProjectNotFound(f"{project_id} version {version}")
            doc = inflate(json.loads(data), conn, where)
        return parse_project(doc, where)

    def restore(self, project_id: str, version: int, expected_version: int) -> int:
        """Make an old version the newest one (history is kept: restoring is itself a version)."""
        old = self.load_version(project_id, version)
        return self.save(old, expected_version, note=f"restored version {version}")

    def delete(self, project_id: str) -> None:
        with self.engine.begin() as conn:
            tables = conn.execute(sa.select(survey_tables.c.name)
                                  .where(survey_tables.c.project_id == project_id)).scalars().all()
            for name in tables:
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
                cached = self._survey_cache_path(name)
                if cached is not None:
                    cached.unlink(missing_ok=True)
            conn.execute(survey_tables.delete().where(survey_tables.c.project_id == project_id))
            conn.execute(project_versions.delete().where(project_versions.c.project_id == project_id))
            conn.execute(project_members.delete().where(project_members.c.project_id == project_id))
            conn.execute(projects.delete().where(projects.c.id == project_id))

    # -- survey data ------------------------------------------------------------------------
    def write_survey(self, project_id: str, data: pd.DataFrame, chunksize: int = 20_000) -> str:
        """Store respondent-level data in a new table; returns its name.

        Columns are stored under positional names (c0, c1, ...) with the original names kept
        beside them: user column names can be longer than PostgreSQL's 63 characters, or differ
        only in case, which SQLite would treat as the same column.
        """
        name = f"survey_{project_id}_{new_id(3)}"
        frame = data.copy()
        original = [str(c) for c in frame.columns]
        frame.columns = [f"c{i}" for i in range(len(original))]
        for col in frame.columns:
            if not (pd.api.types.is_numeric_dtype(frame[col]) or pd.api.types.is_bool_dtype(frame[col])):
                frame[col] = frame[col].astype("string")
        frame[ROW_COLUMN] = range(len(frame))  # SQL keeps no order; segment labels are by position
        with self.engine.begin() as conn:
            frame.to_sql(name, conn, index=False, chunksize=chunksize)
            conn.execute(survey_tables.insert().values(
                name=name, project_id=project_id, n_rows=len(frame),
                columns=json.dumps(original, ensure_ascii=False), created_at=utcnow()))
        return name

    def read_survey(self, table: str, batch_rows: int = 50_000) -> pd.DataFrame:
        """The whole survey table, rows in file order (see `_read_survey_rows`), from this machine's
        Parquet copy when there is one.

        Why a copy: Python's database drivers hand over a row at a time, so a 1,000,000-row survey
        takes ~20 s to read from SQLite; its Parquet copy reads in well under a second. Survey tables
        never change once written (a new import writes a new table), so a copy keyed by the table's
        name cannot go stale; it lives under STUDIO_HOME/cache (per database URL), is written
        atomically, and any failure to read or write it just falls back to the database."""
        with self.engine.connect() as conn:
            columns = conn.execute(sa.select(survey_tables.c.columns).where(survey_tables.c.name == table)).scalar()
        if columns is None:
            raise ProjectNotFound(f"survey table {table}")
        path = self._survey_cache_path(table)
        if path is not None and path.exists():
            try:
                frame = pd.read_parquet(path)
                if list(frame.columns) == json.loads(columns):
                    return frame
            except Exception:  # a damaged copy (disk full, killed writer): the database has the data
                pass
        frame = self._read_survey_rows(table, json.loads(columns), batch_rows)
        if path is not None and len(frame) >= SURVEY_CACHE_MIN_ROWS:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                frame.to_parquet(partial, index=False)
                partial.replace(path)
            except Exception:  # a read-only or full disk: no copy, nothing else changes
                pass
        return frame

    def _survey_cache_path(self, table: str) -> Path | None:
        if not re.fullmatch(r"[A-Za-z0-9_]+", table):
            return None
        import hashlib

        where = hashlib.sha256(self.url.encode()).hexdigest()[:12]
        return studio_home() / "cache" / "surveys" / where / f"{table}.parquet"

    def _read_survey_rows(self, table: str, columns: list[str], batch_rows: int = 50_000) -> pd.DataFrame:
        """The whole survey table from the database, rows in file order, typed as `pd.read_sql_query` types it (whole
        numbers int64, numbers with gaps float64, text pandas' `str`, an all-empty column None objects).

        Why not read_sql_query: it holds every cell of the table as a Python object at once (1,000,000
        x 30 peaked at 2.2 GB). Here the driver's cursor is read in batches and each batch is turned
        into Arrow columns at once, so only one batch of Python values is alive at a time (a
        server-side cursor on PostgreSQL). Rows are put in file order in numpy afterwards: an ORDER BY
        makes SQLite copy the whole table into a sorter first."""
        import numpy as np

        with self.engine.connect() as conn:  # `columns`: the original names, read by read_survey
            stored = [c["name"] for c in sa.inspect(conn).get_columns(table)]
            names = [c for c in stored if c != ROW_COLUMN] + [c for c in stored if c == ROW_COLUMN]
            raw = conn.connection.driver_connection
            postgres = self.engine.dialect.name == "postgresql"
            cursor = raw.cursor(name=f"survey_{table}"[:60]) if postgres else raw.cursor()  # server-side on PG
            parts: list[list] = [[] for _ in names]
            try:
                cursor.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in names)} FROM "{table}"')
                while batch := cursor.fetchmany(batch_rows):
                    block = np.empty((len(batch), len(names)), dtype=object)
                    block[:] = batch
                    del batch
                    for j, chunks in enumerate(parts):
                        chunks.append(_arrow_chunk(block[:, j]))
                    del block
            finally:
                cursor.close()
        order = None
        if names and names[-1] == ROW_COLUMN:  # tables from before it are in insert order
            rows = _joined(parts.pop(), 0)
            if len(rows) and not np.all(np.diff(rows) > 0):
                order = np.argsort(rows, kind="stable")
        n = sum(len(c) for c in parts[0]) if parts else 0
        data = {}
        for j in range(len(parts)):
            values = _joined(parts[j], n)
            parts[j] = []  # the Arrow chunks of this column can go now
            data[j] = values if order is None else values.take(order)
        frame = pd.DataFrame(data, index=pd.RangeIndex(n), copy=False)
        frame.columns = columns
        return frame

    def drop_survey(self, table: str) -> None:
        path = self._survey_cache_path(table)
        if path is not None:
            path.unlink(missing_ok=True)
        with self.engine.begin() as conn:
            conn.execute(survey_tables.delete().where(survey_tables.c.name == table))
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{table}"'))

    def read_survey_columns(self, table: str, columns: list[str] | None = None, dtype: Any = "float32",
                            batch_rows: int = 50_000) -> pd.DataFrame:
        """Numeric survey columns straight into one numpy block (float32 by default), streamed in
        batches (a server-side cursor on PostgreSQL): 1,000,000 x 12 items end as 48 MB, with only
        one batch of Python values alive at a time. For scales and segmentation on large surveys.
        A column holding text raises a ValueError naming it. `columns` are the original names (default: all)."""
        import numpy as np

        with self.engine.connect() as conn:
            row = conn.execute(sa.select(survey_tables.c.columns, survey_tables.c.n_rows)
                               .where(survey_tables.c.name == table)).first()
            if row is None:
                raise ProjectNotFound(f"survey table {table}")
            names = json.loads(row.columns)
            wanted = list(names) if columns is None else [str(c) for c in columns]
            for name in wanted:
                if name not in names:
                    raise ValueError(f"column {name!r} is not in survey table {table}")
            positions = [names.index(name) for name in wanted]
            out = np.full((int(row.n_rows), len(wanted)), np.nan, dtype=dtype)
            if not wanted:
                return pd.DataFrame(out, columns=wanted)
            select = f'SELECT {", ".join(f"c{p}" for p in positions)} FROM "{table}"'
            if ROW_COLUMN in {c["name"] for c in sa.inspect(conn).get_columns(table)}:
                select += f" ORDER BY {ROW_COLUMN}"
            raw = conn.connection.driver_connection
            postgres = self.engine.dialect.name == "postgresql"
            cursor = raw.cursor(name=f"read_{table}"[:60]) if postgres else raw.cursor()  # server-side on PG
            done = 0
            try:
                cursor.execute(select)
                while batch := cursor.fetchmany(batch_rows):
                    try:
                        block = np.array(batch, dtype=np.float64)  # None -> NaN
                    except (TypeError, ValueError):
                        bad = next(name for j, name in enumerate(wanted) if not _numeric([r[j] for r in batch]))
                        raise ValueError(f"survey table {table}: column {bad!r} holds text, expected numbers") from None
                    if done + len(block) > len(out):
                        out = np.vstack([out, np.full((done + len(block) - len(out), len(wanted)), np.nan, dtype=dtype)])
                    out[done:done + len(block)] = block
                    done += len(block)
            finally:
                cursor.close()
        return pd.DataFrame(out[:done], columns=wanted, copy=False)

    @contextmanager
    def import_lock(self, table: str) -> Iterator[bool]:
        """Held while a bulk import writes `table`; yields True when the import may commit chunk by
        chunk (a SQLite file: the lock file tells a later `drop_stray_surveys` the writer is alive),
        False when it must write in one transaction (PostgreSQL, where a killed writer's transaction
        simply vanishes; SQLite in memory)."""
        path = self._lock_path(table)
        if path is None:
            yield False
            return
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield True
            finally:
                path.unlink(missing_ok=True)
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_path(self, table: str) -> Path | None:
        if self.engine.dialect.name != "sqlite":
            return None
        database = self.engine.url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        db = Path(database)
        return db.parent / f".{db.name}.imports" / f"{table}.lock"

    def drop_stray_surveys(self, orphan_age_hours: float = 1.0) -> list[str]:
        """Drop what killed imports left: survey tables never registered (their writer's lock is
        free), and registered tables no project points at, older than `orphan_age_hours` (killed
        between registering the table and saving the project). Returns the dropped names."""
        import datetime as dt

        dropped = []
        with self.engine.connect() as conn:
            tables = [t for t in sa.inspect(conn).get_table_names() if t.startswith("survey_") and t != "survey_tables"]
            registered = dict(conn.execute(sa.select(survey_tables.c.name, survey_tables.c.created_at)).all())
            pointed = set()
            for data in conn.execute(sa.select(projects.c.data)).scalars():
                try:
                    pointed.add(((json.loads(data) or {}).get("survey") or {}).get("table"))
                except (ValueError, AttributeError):
                    continue
        for table in tables:
            if table not in registered and self._writer_gone(table):
                with self.engine.begin() as conn:
                    if conn.execute(sa.select(survey_tables.c.name).where(survey_tables.c.name == table)).first():
                        continue  # registered meanwhile: its import finished
                    conn.execute(sa.text(f'DROP TABLE IF EXISTS "{table}"'))
                dropped.append(table)
        cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=orphan_age_hours)).isoformat(timespec="seconds")
        for table, created in registered.items():
            if table not in pointed and str(created) < cutoff and not self._in_history(table):
                self.drop_survey(table)
                dropped.append(table)
        return dropped

    def _in_history(self, table: str) -> bool:
        """Does any kept version of any project point at `table`? (A restore would need it.)"""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(project_versions.c.version)
                                .where(project_versions.c.data.contains(f'"{table}"')).limit(1)).first() is not None

    def _writer_gone(self, table: str) -> bool:
        path = self._lock_path(table)
        if path is None or not path.exists():
            return True
        import fcntl

        with path.open("a+b") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False
            path.unlink(missing_ok=True)
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return True


def _numeric(values: list) -> bool:
    import numpy as np

    try:
        np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return True


def _arrow_chunk(values):
    """One column of one batch as Arrow (types inferred: int64, double, string, null, bool); the
    object values themselves when Arrow cannot hold them as one type (SQLite lets a column mix)."""
    import pyarrow as pa

    try:
        return pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return values.copy()


def _joined(chunks: list, n: int):
    """A column's batches joined, typed as read_sql_query types a whole column of Python values:
    int64 when every value is a whole number, float64 when numbers have gaps (NaN), pandas' `str`
    for text, None objects for an all-empty column; anything else as pandas infers it."""
    import numpy as np
    import pyarrow as pa

    arrow = [c for c in chunks if isinstance(c, pa.Array)]
    types = {c.type for c in arrow if c.type != pa.null()}
    if len(arrow) == len(chunks):
        if not types:
            return np.full(n, None, dtype=object)
        if types <= {pa.int64(), pa.float64()}:
            whole = types == {pa.int64()} and not any(c.null_count for c in arrow)
            kind = pa.int64() if whole else pa.float64()
            return pa.chunked_array([c.cast(kind) for c in arrow], type=kind).to_numpy()
        if types <= {pa.string(), pa.large_string()}:
            text = pa.chunked_array([c.cast(pa.large_string()) for c in arrow], type=pa.large_string())
            return pd.arrays.ArrowStringArray(text, dtype=pd.StringDtype("pyarrow", na_value=np.nan))
    objects: list = []
    for c in chunks:
        objects += c.to_pylist() if isinstance(c, pa.Array) else c.tolist()
    return pd.Series(objects).array  # mixed values (booleans, or a SQLite column holding anything)
