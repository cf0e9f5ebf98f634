"""Per-respondent lists kept out of the project document: stored once, by content, shared by versions.

A segmentation run carries a label and an id for every respondent (1,000,000 respondents: ~14 MB
of JSON per run). Inline, that would be written again with every later edit (each edit is a new
version; up to 500 are kept) and parsed on every page rerun. So on save, long `labels`/`ids`
lists of the runs are replaced by a reference ``{"$blob": sha256, "n": length}`` and the list
itself goes, zlib-compressed, into the `blobs` table under the hash of its JSON: a list that does
not change is stored once however many versions point at it. On load they are put back, so code
above the store never sees a reference. Project files (*.studio.json) keep the lists inline.
"""
from __future__ import annotations

import hashlib
import json
import threading
import zlib
from collections import OrderedDict
from typing import Any

import sqlalchemy as sa

from .schema import utcnow

MIN_ITEMS = 2_000  # shorter lists stay inline (a few KB)
FIELDS = ("labels", "ids")
_CACHE_BYTES = 256 * 2**20

blobs = sa.Table(
    "blobs", sa.MetaData(),
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("n_items", sa.Integer, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)


class _Cache:
    """Decoded lists by key (content-addressed, so never stale), bounded by their JSON size."""

    def __init__(self, max_bytes: int):
        self.max_bytes, self.size, self.items = max_bytes, 0, OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> list | None:
        with self.lock:
            hit = self.items.get(key)
            if hit is None:
                return None
            self.items.move_to_end(key)
            return list(hit[0])  # a copy: callers may change their project, never the cache

    def put(self, key: str, values: list, size: int) -> None:
        with self.lock:
            if key in self.items or size > self.max_bytes:
                return
            self.items[key] = (list(values), size)
            self.size += size
            while self.size > self.max_bytes:
                _, (_, dropped) = self.items.popitem(last=False)
                self.size -= dropped


_cache = _Cache(_CACHE_BYTES)


def externalise(doc: dict[str, Any], conn: sa.Connection) -> dict[str, Any]:
    """Replace the long run lists in `doc` (a project's JSON dict, changed in place) by references,
    storing each list that is not stored yet."""
    for run in doc.get("segmentations") or []:
        for field in FIELDS:
            values = run.get(field)
            if not isinstance(values, list) or len(values) < MIN_ITEMS:
                continue
            text = json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            key = hashlib.sha256(text).hexdigest()
            if conn.execute(sa.select(blobs.c.key).where(blobs.c.key == key)).first() is None:
                try:
                    with conn.begin_nested():  # another process may store the same list at once
                        conn.execute(blobs.insert().values(key=key, data=zlib.compress(text, 6),
                                                           n_items=len(values), created_at=utcnow()))
                except sa.exc.IntegrityError:
                    pass
            _cache.put(key, values, len(text))
            run[field] = {"$blob": key, "n": len(values)}
    return doc


def inflate(doc: dict[str, Any], conn: sa.Connection, where: str) -> dict[str, Any]:
    """Put the referenced lists back into `doc` (changed in place)."""
    for run in doc.get("segmentations") or []:
        for field in FIELDS:
            ref = run.get(field)
            if not (isinstance(ref, dict) and "$blob" in ref):
                continue
            key = str(ref["$blob"])
            values = _cache.get(key)
            if values is None:
                data = conn.execute(sa.select(blobs.c.data).where(blobs.c.key == key)).scalar()
                if data is None:
                    raise ValueError(f"{where}: segmentation {field} {key[:12]} is missing from the store")
                text = zlib.decompress(data)
                values = json.loads(text)
                _cache.put(key, values, len(text))
            run[field] = values
    return doc
