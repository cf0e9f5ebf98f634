"""Streaming import of large surveys (1,000,000+ respondents) into the project store.

Why a second importer: `segmentation.importer.read_survey` holds the whole file and every cell as a
Python object, which is right for a 5,000-row upload and impossible for a 1,000,000-row export. This
one reads CSV or Parquet in chunks with pyarrow (no Python object per cell), so memory depends on
the chunk size, not on the number of rows. It keeps the normal importer's rules, so a file gives
the same table whichever path reads it: the same sniffing (encoding, delimiter, "sep=" line), the
same column typing (a column is numeric only when every filled cell is a number; "06..." and "+31..."
stay text; decimal comma with ; or tab), the same one-line errors naming file, row and column.

Two passes over the file: the first checks every chunk (codebook ranges, ids unique across chunks)
and settles the column types; the second converts and writes. A bad value in the last row is
therefore reported before anything is written.

Crash safety: the table is registered in `survey_tables` only after its last row is written, and
the project points at it only after that. On PostgreSQL the table, its rows and its registration
are one transaction, so a killed import leaves nothing. On SQLite the rows are committed chunk by
chunk (so other users' saves and votes are not blocked for the whole import) while the importer
holds a lock file; a table that is not registered and whose lock is free is a killed import's
leftover and is dropped by `drop_stray_surveys` (run at the start of every import).
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmentation.codebook import Codebook
from segmentation.importer import (
    MAX_COLUMNS, SurveyImportError, _check_header_rows, check_parquet_unpacked, _clip, _COMMA_NUMBER_RE, _decode,
    _detect_delimiter, _DELIMITERS, _header_name, _KEEP_TEXT_RE, _NA_TOKENS, _NUMBER_RE,
    _one_column_error, validate_survey)
from segmentation.personal_data import detect_personal_data
from segmentation.scoring import likert_bounds

from .schema import PersonalDataDecision, SurveyRef, new_id, utcnow
from .store import ROW_COLUMN, StaleProjectError, Store, survey_tables

Progress = Callable[[int, "int | None", str], None]
DEFAULT_CHUNK_ROWS = 25_000  # ~200 MB above the imports' own ~130 MB, whatever the file size
_SAMPLE_BYTES = 256 * 1024
_WRITE_ROWS = 10_000  # rows per executemany on SQLite: bounds the Python tuples alive at once
_NA = pa.array(sorted(_NA_TOKENS), pa.string())
_NUMBER_FULL = f"^(?:{_NUMBER_RE})$"
_COMMA_FULL = f"^(?:{_COMMA_NUMBER_RE})$"
_KEEP_TEXT = f"^(?:{_KEEP_TEXT_RE})"


@dataclass
class BulkImport:
    """What `import_large_survey` did; `summary()` is the CLI's output."""

    project: str
    table: str
    n_rows: int
    columns: list[str]
    personal_data: list[dict]
    seconds: float
    source: str
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"project": self.project, "table": self.table, "n_rows": self.n_rows,
                "columns": self.columns, "personal_data": self.personal_data,
                "seconds": round(self.seconds, 3), "format": self.format, "encoding": self.encoding,
                "delimiter": self.delimiter, "decimal": self.decimal, "warnings": self.warnings}


# --------------------------------------------------------------------------- column typing

@dataclass
class _ColumnStats:
    """What pass 1 learned about one column; `kind()` decides its type as the normal importer does
    (`importer._infer_text_column` / `_numbers`) but over chunks."""

    text: bool = True  # arrives as strings (CSV, Parquet text) rather than typed numbers
    filled: bool = False
    missing: bool = False
    dot_ok: bool = True
    dot_int: bool = True
    comma_match: bool = True
    comma_ok: bool = True
    comma_int: bool = True
    any_comma: bool = False
    keep_text: bool = False
    other: str | None = None  # Parquet: "bool" or "string" (dates and the like, kept as text)

    def kind(self, allow_comma: bool) -> str:
        """"empty", "int", "float", "int_comma", "float_comma", "text", "bool" or "string"."""
        if self.other:
            return self.other
        if not self.filled:
            return "empty"
        if not self.text:
            return "int" if self.dot_int and not self.missing else "float"
        if self.keep_text:
            return "text"
        if self.dot_ok:
            return "int" if self.dot_int and not self.missing else "float"
        if allow_comma and self.any_comma and self.comma_match and self.comma_ok:
            return "int_comma" if self.comma_int and not self.missing else "float_comma"
        return "text"


def _integral(values: np.ndarray) -> bool:
    return bool(np.all(np.mod(values, 1) == 0) and np.all(np.abs(values) < 2**53))


def _try_float(values: pa.Array) -> np.ndarray | None:
    """Arrow's strict string-to-float cast (as `importer._cast_float`): None when a value fails."""
    try:
        out = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    return out if np.all(np.isfinite(out)) else None


def _update_text_stats(stats: _ColumnStats, values: pa.Array, allow_comma: bool) -> None:
    """`values`: stripped strings, null = missing."""
    filled = values.drop_null()
    stats.missing |= len(filled) < len(values)
    if not len(filled):
        return
    stats.filled = True
    if stats.keep_text:
        return
    if pc.any(pc.match_substring_regex(filled, _KEEP_TEXT)).as_py():
        stats.keep_text = True
        return
    if stats.dot_ok:
        numbers = _try_float(filled)
        if numbers is None:
            stats.dot_ok = False
        else:
            stats.dot_int &= _integral(numbers)
    if allow_comma and not stats.dot_ok:
        stats.any_comma |= bool(pc.any(pc.match_substring(filled, ",")).as_py())
        if stats.comma_match and not pc.all(pc.match_substring_regex(filled, _COMMA_FULL)).as_py():
            stats.comma_match = False
        if stats.comma_match and stats.comma_ok:
            numbers = _try_float(pc.replace_substring(filled, ",", "."))
            if numbers is None:
                stats.comma_ok = False
            else:
                stats.comma_int &= _integral(numbers)


def _update_typed_stats(stats: _ColumnStats, values: pa.Array) -> None:
    """Parquet numbers: int64 when no value is missing and all are whole (as `importer._numbers`)."""
    stats.text = False
    numbers = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False)
    present = ~np.isnan(numbers)
    stats.missing |= not present.all()
    if present.any():
        stats.filled = True
        finite = numbers[present]
        stats.dot_int &= bool(np.all(np.isfinite(finite))) and _integral(finite)


def _convert(values: pa.Array, kind: str) -> pa.Array:
    """One column of one chunk in its final type (arrow; nulls stay nulls)."""
    if kind in ("text", "string"):
        return values if pa.types.is_string(values.type) else pc.cast(values, pa.string())
    if kind == "bool":
        return values
    if kind == "empty":
        return pa.nulls(len(values), pa.float64())
    if kind.endswith("_comma"):
        values = pc.replace_substring(values, ",", ".")
    numbers = pc.cast(values, pa.float64())
    return pc.cast(numbers, pa.int64()) if kind.startswith("int") else numbers


# --------------------------------------------------------------------------- reading chunks

@dataclass
class _Source:
    path: Path
    name: str
    format: str  # csv | parquet
    width: int
    header: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    skip_bytes: int = 0
    total_rows: int | None = None
    arrow_types: list[pa.DataType] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _open_source(path: Path, name: str) -> _Source:
    try:
        with path.open("rb") as fh:
            head = fh.read(_SAMPLE_BYTES)
            size = path.stat().st_size
    except OSError as exc:
        raise SurveyImportError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise SurveyImportError(f"{name}: the file is empty")
    if head.startswith(b"PAR1"):
        return _open_parquet(path, name)
    if head.startswith((b"PK\x03\x04", b"$FL2", b"$FL3", b"\xd0\xcf\x11\xe0")):
        raise SurveyImportError(f"{name}: the large-file import reads CSV and Parquet; "
                                "open XLSX and SPSS files with the normal import")
    if len(head) < size:  # do not judge the encoding on a character cut in half
        cut = head.rfind(b"\n")
        head = head[: cut + 1] if cut > 0 else head
    text, encoding = _decode(head, name)
    skip = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    if encoding == "utf-16":
        raise SurveyImportError(f"{name}: is UTF-16; save it as UTF-8 CSV for the large-file import")
    first, newline, rest = text.partition("\n")
    delimiter = None
    sep_line = re.fullmatch(r'\s*"?sep=(.)"?\s*', first, flags=re.IGNORECASE)
    if sep_line:
        delimiter = sep_line.group(1)
        if delimiter not in _DELIMITERS:
            raise SurveyImportError(f"{name}: the first line says sep={delimiter}, which is not supported: "
                                    "save the file with comma, semicolon or tab as delimiter")
        skip += len((first + newline).encode(encoding if encoding != "utf-8-sig" else "utf-8"))
        text = rest
    if delimiter is None:
        delimiter = _detect_delimiter(text)
    lines = text.splitlines()
    nonblank = [ln for ln in lines if ln.strip()]
    if delimiter is None:
        error = _one_column_error(name, nonblank[0] if nonblank else "", nonblank)
        if error is not None:
            raise error
        delimiter = ","
    records = [r for r in csv.reader(io.StringIO(text if len(lines) < 50 else "\n".join(lines[:50])),
                                     delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
               if r and not (len(r) == 1 and not r[0].strip())]
    if not records:
        raise SurveyImportError(f"{name}: the file is empty")
    width = len(records[0])
    if width > MAX_COLUMNS:
        raise SurveyImportError(f"{name}: the header has {width} columns; the limit is {MAX_COLUMNS}")
    if width == 1:
        error = _one_column_error(name, nonblank[0], nonblank)
        if error is not None:
            raise error
    if lines and not lines[0].strip():
        raise SurveyImportError(f"{name}: the first line is empty; the large-file import needs the header "
                                "on the first line")
    _check_header_rows([list(r) for r in records[:3]], name, [1, 2, 3])
    return _Source(path=path, name=name, format="csv", width=width, header=list(records[0]),
                   encoding="utf-8" if encoding in ("utf-8", "utf-8-sig") else encoding,
                   delimiter=delimiter, skip_bytes=skip)


def _open_parquet(path: Path, name: str) -> _Source:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path)
        schema = meta.schema_arrow
        rows = meta.metadata.num_rows
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise SurveyImportError(f"{name}: not a readable Parquet file ({str(exc).splitlines()[0][:120]})") from None
    if len(schema) > MAX_COLUMNS:
        raise SurveyImportError(f"{name}: the file has {len(schema)} columns; the limit is {MAX_COLUMNS}")
    check_parquet_unpacked(meta.metadata, name, path.stat().st_size)
    return _Source(path=path, name=name, format="parquet", width=len(schema), header=list(schema.names),
                   total_rows=rows, arrow_types=[f.type for f in schema])


def _csv_batches(src: _Source, chunk_rows: int) -> Iterator[tuple[int, list[pa.Array]]]:
    """(file row of the chunk's first record, raw string columns); every record, blank ones too,
    so row numbers are exact. Short rows are padded; extra empty fields are dropped (a warning);
    an extra field with a value is an error naming its row, as in the normal importer."""
    import pyarrow.csv as pacsv

    width = src.width
    names = [f"f{j}" for j in range(width)]
    odd: list[tuple[int, list[str]]] = []
    trailing: list[int] = []
    failure: list[SurveyImportError] = []

    def invalid(row: Any) -> str:
        fields = next(csv.reader([row.text], delimiter=src.delimiter, quotechar='"', strict=False), [])
        if len(fields) > width:
            extra = fields[width:]
            filled = next((i for i, c in enumerate(extra) if c.strip()), None)
            if filled is not None:  # raised after the parser stops (it swallows exceptions here)
                failure.append(SurveyImportError(
                    f"{src.name}: row {row.number}: expected at most {width} fields (as in the header), "
                    f"got {len(fields)}; the value '{_clip(extra[filled])}' has no column"))
                return "error"
            trailing.append(row.number)
        odd.append((row.number, (fields + [""] * width)[:width]))
        return "skip"

    stream = pa.input_stream(str(src.path))
    stream.read(src.skip_bytes)
    try:
        reader = pacsv.open_csv(
            stream,
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False, encoding=src.encoding or "utf8",
                                           block_size=_block_size(src, chunk_rows)),
            parse_options=pacsv.ParseOptions(delimiter=src.delimiter, quote_char='"', double_quote=True,
                                             newlines_in_values=True, ignore_empty_lines=False,
                                             invalid_row_handler=invalid),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
        number = 1  # record number of the next record (header = 1)
        pending: list[pa.RecordBatch] = []
        pending_rows = 0
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            batch = _splice(batch, odd, number, src.name)
            odd.clear()
            pending.append(batch)
            pending_rows += batch.num_rows
            while pending_rows >= chunk_rows:  # exactly chunk_rows records per chunk
                columns = _columns(pending, width)
                yield number, [c.slice(0, chunk_rows) for c in columns]
                number += chunk_rows
                pending_rows -= chunk_rows
                rest = pa.RecordBatch.from_arrays([c.slice(chunk_rows) for c in columns], names=names)
                pending = [rest] if pending_rows else []
        if pending:
            yield number, _columns(pending, width)
    except pa.ArrowInvalid as exc:
        if failure:
            raise failure[0] from None
        message = str(exc).splitlines()[0]
        if "UTF8" in message or "utf8" in message.lower():
            raise SurveyImportError(f"{src.name}: not valid {src.encoding or 'UTF-8'} text further on in the file "
                                    "(the start looked like it); save it as UTF-8") from None
        raise SurveyImportError(f"{src.name}: cannot read the file as CSV ({_clip(message, 120)})") from None
    except UnicodeDecodeError as exc:
        raise SurveyImportError(f"{src.name}: not valid {src.encoding} text further on in the file "
                                f"({exc.reason}); save it as UTF-8") from None
    finally:
        stream.close()
    if trailing:
        n = len(trailing)
        src.warnings.append(f"{n} row{'s' if n != 1 else ''} had trailing empty cells beyond the "
                            f"header (first: row {trailing[0]}); they were ignored")


def _columns(batches: list[pa.RecordBatch], width: int) -> list[pa.Array]:
    return [pa.concat_arrays([b.column(j) for b in batches]) for j in range(width)]


def _block_size(src: _Source, chunk_rows: int) -> int:
    """About `chunk_rows` rows per parser block, judged from the first 256 KB; 16 KB to 64 MB."""
    with src.path.open("rb") as fh:
        fh.seek(src.skip_bytes)
        head = fh.read(_SAMPLE_BYTES)
    per_row = len(head) / max(1, head.count(b"\n"))
    return int(min(64 * 2**20, max(16 * 1024, per_row * min(chunk_rows, 50_000))))


def _splice(batch: pa.RecordBatch, odd: list[tuple[int, list[str]]], first: int, name: str) -> pa.RecordBatch:
    """Put rows the parser handed to `invalid` (short or with trailing empties) back in place."""
    if not odd:
        return batch
    total = batch.num_rows + len(odd)
    where = np.array([n - first for n, _ in odd], dtype=np.int64)
    if where.min() < 0 or where.max() >= total:
        raise SurveyImportError(f"{name}: row {odd[0][0]}: cannot read the row (unexpected field count)")
    order = np.empty(total, dtype=np.int64)
    is_odd = np.zeros(total, dtype=bool)
    is_odd[where] = True
    order[~is_odd] = np.arange(batch.num_rows)
    order[where] = batch.num_rows + np.arange(len(odd))
    columns = []
    for j in range(batch.num_columns):
        extra = pa.array([fields[j] for _, fields in odd], pa.string())
        columns.append(pa.concat_arrays([batch.column(j), extra]).take(pa.array(order)))
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def _parquet_batches(src: _Source, chunk_rows: int) -> Iterator[tuple[int, list[pa.Array]]]:
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(src.path, buffer_size=1 << 20, pre_buffer=False)
        row = 1
        for batch in reader.iter_batches(batch_size=chunk_rows, use_threads=False):
            yield row, [batch.column(j) for j in range(batch.num_columns)]
            row += batch.num_rows
    except (pa.ArrowException, OSError) as exc:
        raise SurveyImportError(f"{src.name}: cannot read the Parquet file "
                                f"({_clip(str(exc).splitlines()[0], 120)})") from None


def _batches(src: _Source, chunk_rows: int) -> Iterator[tuple[np.ndarray, list[pa.Array]]]:
    """(file row of each kept record, columns prepared for typing) per chunk: CSV cells stripped with
    the NA tokens as null, the header record and rows without any value dropped."""
    source = _csv_batches(src, chunk_rows) if src.format == "csv" else _parquet_batches(src, chunk_rows)
    for first, columns in source:
        if src.format == "csv":
            columns = [_strip(c) for c in columns]
        else:
            columns = [_prepare_parquet(c) for c in columns]
        n = len(columns[0]) if columns else 0
        rows = np.arange(first, first + n, dtype=np.int64)
        keep = np.zeros(n, dtype=bool)
        for c in columns:
            keep |= c.is_valid().to_numpy(zero_copy_only=False)
        if src.format == "csv" and first == 1 and n:
            keep[0] = False  # the header record
        if not keep.all():
            mask = pa.array(keep)
            columns = [c.filter(mask) for c in columns]
            rows = rows[keep]
        yield rows, columns


def _strip(values: pa.Array) -> pa.Array:
    text = pc.utf8_trim_whitespace(values)
    return pc.if_else(pc.is_in(text, value_set=_NA), pa.scalar(None, pa.string()), text)


def _prepare_parquet(values: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return _strip(pc.cast(values, pa.string()))
    if pa.types.is_floating(values.type):  # NaN is a missing answer, as in the normal importer
        return pc.if_else(pc.is_nan(values), pa.scalar(None, values.type), values)
    return values


def _is_typed_number(t: pa.DataType) -> bool:
    return pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)


# --------------------------------------------------------------------------- the import

@dataclass
class _Plan:
    keep: list[int]  # source column positions kept
    names: list[str]
    kinds: list[str]
    n_rows: int
    decimal: str | None


def _column_start(src: _Source) -> tuple[list[str], bool, list[_ColumnStats]]:
    """Column names, whether a comma may be a decimal mark, and the type tally seeded from the
    file's own types (Parquet's, or Arrow's CSV guess): booleans stay booleans, dates etc. text."""
    names = [_header_name(v) for v in src.header]
    allow_comma = src.format == "parquet" or src.delimiter != ","
    stats = [_ColumnStats() for _ in range(src.width)]
    for j, t in enumerate(src.arrow_types):
        if pa.types.is_boolean(t):
            stats[j].other = "bool"
        elif not (_is_typed_number(t) or pa.types.is_string(t) or pa.types.is_large_string(t)
                  or pa.types.is_dictionary(t) or pa.types.is_null(t)):
            stats[j].other = "string"
    return names, allow_comma, stats


def _tally(stats: list[_ColumnStats], columns: list[pa.Array], allow_comma: bool) -> None:
    """Count one chunk into the per-column type tally."""
    for j, values in enumerate(columns):
        if stats[j].other:
            stats[j].filled |= bool(values.null_count < len(values))
        elif pa.types.is_string(values.type):
            _update_text_stats(stats[j], values, allow_comma)
        else:
            _update_typed_stats(stats[j], values)


def _pass_one(src: _Source, chunk_rows: int, codebook: Codebook | None, progress: Progress | None) -> _Plan:
    """Check every chunk and settle the column types; nothing is written."""
    from .service import check_codebook_columns

    names, allow_comma, stats = _column_start(src)
    seen = {}
    for j, label in enumerate(names):
        if label and label in seen:
            raise SurveyImportError(f"{src.name}: duplicate column name '{_clip(label)}' (columns {seen[label] + 1} "
                                    f"and {j + 1}); give every column its own name")
        seen.setdefault(label, j)
    checked: list[str] = []
    likert: dict[str, tuple[float, float]] = {}
    if codebook is not None:
        check_codebook_columns(codebook, [n for n in names if n], src.name)
        likert = likert_bounds(codebook)
        checked = sorted(set(likert) | ({codebook.id} if codebook.id else set()), key=names.index)
    ids = _IdIndex(src.name, codebook.id) if codebook is not None and codebook.id else None
    n_rows = 0
    for rows, columns in _batches(src, chunk_rows):
        _tally(stats, columns, allow_comma)
        if checked and len(rows):
            frame = pd.DataFrame({c: _for_checks(columns[names.index(c)]) for c in checked})
            validate_survey(frame, id_column=codebook.id, likert=likert, missing=list(codebook.missing),
                            source=src.name, rows=rows.tolist())
            if ids is not None:
                ids.add(columns[names.index(codebook.id)], rows)
        n_rows += len(rows)
        if progress:
            progress(n_rows, src.total_rows, f"checked {n_rows:,} rows")
    keep, kept_names, unnamed, dropped = [], [], [], []
    for j, label in enumerate(names):
        if not label:
            if not stats[j].filled:
                dropped.append(j)
                continue
            label = f"Unnamed: {j}"
            unnamed.append(f"column {j + 1} as '{label}'")
        keep.append(j)
        kept_names.append(label)
    if dropped:
        s = "s" if len(dropped) != 1 else ""
        src.warnings.append(f"dropped {len(dropped)} empty column{s} without a header (column{s} "
                            f"{', '.join(str(j + 1) for j in dropped[:5])}{', …' if len(dropped) > 5 else ''})")
    if unnamed:
        src.warnings.append(f"{len(unnamed)} column{'s' if len(unnamed) != 1 else ''} with values but no header "
                            f"kept: {', '.join(unnamed[:5])}")
    if n_rows == 0:
        src.warnings.append("the file has a header but no respondents")
    kinds = [stats[j].kind(allow_comma) for j in keep]
    decimal = None
    if src.format == "csv":
        decimal = "," if any(k.endswith("_comma") for k in kinds) else "."
    return _Plan(keep=keep, names=kept_names, kinds=kinds, n_rows=n_rows, decimal=decimal)


def _for_checks(values: pa.Array) -> pd.Series:
    """A column for `validate_survey`: as floats when every filled cell is a plain number (its fast
    numeric path gives the same verdict), else as text, so a bad cell is reported as it was written."""
    if pa.types.is_string(values.type):
        try:
            numbers = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return _as_pandas(values)
        if not np.isinf(numbers).any():
            return pd.Series(numbers)
    return _as_pandas(values)


def _as_pandas(values: pa.Array) -> pd.Series:
    if pa.types.is_string(values.type):
        return pd.Series(pd.arrays.ArrowStringArray(values))
    return pd.Series(values.to_numpy(zero_copy_only=False))


class _IdIndex:
    """Ids seen so far as 64-bit hashes (8 bytes per respondent, not a Python string each), so a
    duplicate id in two different chunks is found; within a chunk `validate_survey` finds it."""

    def __init__(self, source: str, column: str):
        self.source, self.column = source, column
        self.hashes = np.empty(0, dtype=np.uint64)
        self.rows = np.empty(0, dtype=np.int64)

    def add(self, values: pa.Array, rows: np.ndarray) -> None:
        keys = _id_keys(values)
        hashed = pd.util.hash_pandas_object(pd.Series(pd.arrays.ArrowStringArray(keys)), index=False).to_numpy()
        if len(self.hashes):
            at = np.searchsorted(self.hashes, hashed).clip(max=len(self.hashes) - 1)
            hit = self.hashes[at] == hashed
            if hit.any():
                p = int(np.flatnonzero(hit)[0])
                raise SurveyImportError(f"{self.source}: column '{self.column}': duplicate id "
                                        f"'{_clip(keys[p].as_py())}' in rows {int(self.rows[at[p]])} and {int(rows[p])}")
        merged = np.concatenate([self.hashes, hashed])
        order = np.argsort(merged, kind="stable")
        self.hashes, self.rows = merged[order], np.concatenate([self.rows, rows])[order]


def _id_keys(values: pa.Array) -> pa.Array:
    """Ids compared as the normal importer does: numbers by value ("7" = "7.0"), text stripped."""
    if not pa.types.is_string(values.type):
        return pc.cast(pc.cast(values, pa.float64()), pa.string())
    looks = pc.fill_null(pc.match_substring_regex(values, _NUMBER_FULL), False)
    if not pc.any(looks).as_py():
        return values
    as_number = pc.cast(pc.cast(pc.if_else(looks, values, pa.scalar("0")), pa.float64()), pa.string())
    return pc.if_else(looks, as_number, values)


def _arrow_sa_type(kind: str):
    import sqlalchemy as sa

    return {"int": sa.BigInteger(), "int_comma": sa.BigInteger(), "bool": sa.Boolean()}.get(
        kind, sa.Float(precision=53) if kind in ("float", "float_comma", "empty") else sa.Text())


def _pass_two(store: Store, src: _Source, plan: _Plan, project_id: str, chunk_rows: int,
              keep_personal: bool | Iterable[str], progress: Progress | None) -> tuple[str, list[str], list[dict]]:
    """Convert and write; returns (table, stored column names, personal-data decisions)."""
    import sqlalchemy as sa

    table_name = f"survey_{project_id}_{new_id(3)}"
    chunks = _batches(src, chunk_rows)
    first = next(chunks, None)
    converted = [_convert(first[1][j], k) for j, k in zip(plan.keep, plan.kinds)] if first else []
    sample = pd.DataFrame({name: _as_pandas(c) for name, c in zip(plan.names, converted)}) if first else \
        pd.DataFrame(columns=plan.names)
    flags = detect_personal_data(sample) if len(sample) else []
    kept_flags = set(plan.names if keep_personal is True else () if keep_personal is False else keep_personal)
    decisions = [{"column": f.column, "kind": f.kind, "reason": f.reason,
                  "decision": "keep" if f.column in kept_flags else "drop"} for f in flags]
    drop = {d["column"] for d in decisions if d["decision"] == "drop"}
    out = [i for i, name in enumerate(plan.names) if name not in drop]
    columns = [plan.names[i] for i in out]
    table = sa.Table(table_name, sa.MetaData(),
                     *[sa.Column(f"c{p}", _arrow_sa_type(plan.kinds[i])) for p, i in enumerate(out)],
                     sa.Column(ROW_COLUMN, sa.BigInteger()))  # the file's order, for ORDER BY on read
    postgres = store.engine.dialect.name == "postgresql"

    def all_chunks() -> Iterator[list[pa.Array]]:
        if first is not None:
            yield [converted[i] for i in out]
        for _rows, raw in chunks:
            yield [_convert(raw[plan.keep[i]], plan.kinds[i]) for i in out]

    written = 0
    with store.import_lock(table_name) as chunked:
        with _transaction(store, chunked) as begin:
            with begin() as conn:
                table.create(conn)
            for part in all_chunks():
                if part:
                    part = part + [pa.array(np.arange(written, written + len(part[0]), dtype=np.int64))]
                with begin() as conn:
                    if postgres:
                        _copy_postgres(conn, table_name, len(columns), part)  # + the row column
                    else:
                        _insert_sqlite(conn, table_name, part)
                written += len(part[0]) if part else 0
                if progress:
                    progress(written, plan.n_rows, f"wrote {written:,} of {plan.n_rows:,} rows")
            with begin() as conn:
                conn.execute(survey_tables.insert().values(
                    name=table_name, project_id=project_id, n_rows=written,
                    columns=json.dumps(columns, ensure_ascii=False), created_at=utcnow()))
    return table_name, columns, decisions


@contextmanager
def _transaction(store: Store, chunked: bool):
    """`begin()` gives a connection per step: its own short transaction when `chunked` (SQLite
    file), else steps of one transaction that commits at the end (PostgreSQL, SQLite in memory)."""
    if chunked:
        yield store.engine.begin
        return
    with store.engine.begin() as conn:
        @contextmanager
        def step():
            yield conn
        yield step


def _insert_sqlite(conn, table: str, part: list[pa.Array]) -> None:
    if not part:
        return
    sql = f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(part))})'
    cursor = conn.connection.driver_connection.cursor()
    try:
        n = len(part[0])
        for start in range(0, n, _WRITE_ROWS):
            cols = [_py_list(c.slice(start, _WRITE_ROWS)) for c in part]
            cursor.executemany(sql, list(zip(*cols)))
    finally:
        cursor.close()


def _py_list(values: pa.Array) -> list:
    if pa.types.is_floating(values.type):  # NaN binds as NULL in SQLite
        return values.to_numpy(zero_copy_only=False).tolist()
    if pa.types.is_integer(values.type) and not values.null_count:
        return values.to_numpy().tolist()
    return values.to_pylist()


def _copy_postgres(conn, table: str, width: int, part: list[pa.Array]) -> None:
    """COPY FROM STDIN in CSV: arrow writes the text in C, psycopg streams it; no Python row objects."""
    import pyarrow.csv as pacsv

    if not part or not len(part[0]):
        return
    names = [f"c{i}" for i in range(width)] + [ROW_COLUMN]
    buffer = pa.BufferOutputStream()
    batch = pa.RecordBatch.from_arrays([_pg_ready(c) for c in part], names=names)
    pacsv.write_csv(batch, buffer, write_options=pacsv.WriteOptions(include_header=False, quoting_style="needed"))
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(f'COPY "{table}" ({", ".join(names)}) FROM STDIN (FORMAT csv)') as copy:
            copy.write(buffer.getvalue().to_pybytes())
    finally:
        cursor.close()


def _pg_ready(values: pa.Array) -> pa.Array:
    if pa.types.is_floating(values.type):
        return pc.if_else(pc.is_nan(values), pa.scalar(None, values.type), values)
    return values


def import_large_survey(store: Store, project_id: str, path: str | Path, *, codebook: Codebook | None = None,
                        keep_personal: bool | Iterable[str] = False, progress: Progress | None = None,
                        chunk_rows: int = DEFAULT_CHUNK_ROWS, filename: str | None = None,
                        reliability: bool = False) -> BulkImport:
    """Import a CSV or Parquet survey of any size into project `project_id`, chunk by chunk.

    `codebook` (or else the project's own codebook when all its columns are in the file) checks the
    scale items and ids of every row before anything is written. Columns flagged as personal data
    (on the first chunk) are dropped unless `keep_personal` is True or names them. `progress(done,
    total_or_None, message)` is called per chunk: first while checking, then while writing. When it
    returns, the table is complete, registered, and the project points at it (its old survey table
    kept for the version history; the project's reliability is cleared, or with a codebook and `reliability=True`
    recomputed from the scale items read as float32, one scale at a time: that part is NOT bounded
    by the chunk size, ~770 MB peak for a 12-item scale over 1,000,000 rows). Raises `SurveyImportError` (a `ValueError`) with a one-line message for bad input.
    """
    from .service import project_codebook

    started = time.perf_counter()
    path = Path(path)
    name = filename or path.name
    if chunk_rows < 1:
        raise ValueError(f"chunk_rows: expected a positive number of rows, got {chunk_rows}")
    if not path.is_file():
        raise SurveyImportError(f"{name}: no such file")
    stored = store.load(project_id)  # ProjectNotFound before any work
    if codebook is None:
        own = project_codebook(stored.project)
        src_probe = _open_source(path, name)
        header = {_header_name(v) for v in src_probe.header}
        codebook = own if own is not None and own.scales and not own.missing_in(sorted(header)) else None
    store.drop_stray_surveys()
    src = _open_source(path, name)
    plan = _pass_one(src, chunk_rows, codebook, progress)
    table, columns, decisions = _pass_two(store, src, plan, project_id, chunk_rows, keep_personal, progress)
    ref = dict(table=table, source=name, format=src.format, n_rows=plan.n_rows, columns=columns,
               encoding=src.encoding, delimiter=src.delimiter, decimal=plan.decimal,
               personal_data=[PersonalDataDecision(**d) for d in decisions], warnings=list(src.warnings))
    _point_project(store, project_id, ref, codebook, reliability)
    return BulkImport(project=project_id, table=table, n_rows=plan.n_rows, columns=columns,
                      personal_data=decisions, seconds=time.perf_counter() - started, source=name,
                      format=src.format, encoding=src.encoding, delimiter=src.delimiter, decimal=plan.decimal,
                      warnings=list(src.warnings))


def _point_project(store: Store, project_id: str, ref: dict, codebook: Codebook | None, reliability: bool,
                   attempts: int = 5) -> None:
    """Point the project at the new table (retrying when a colleague saved meanwhile); drop the old."""
    for attempt in range(attempts):
        stored = store.load(project_id)
        project = stored.project
        old = project.survey.table if project.survey else None
        project.survey = SurveyRef(**ref)
        if codebook is not None:
            project.codebook = codebook.to_dict()
            project.reliability = _reliability(store, ref["table"], codebook) if reliability else {}
        try:
            store.save(project, stored.version, note=f"imported {ref['source']} ({ref['n_rows']:,} rows)")
        except StaleProjectError:
            if attempt == attempts - 1:
                raise
            continue
        return  # the old table stays: earlier versions point at it (drop_stray_surveys collects it)


def _reliability(store: Store, table: str, codebook: Codebook) -> dict:
    """Reliability on the scale items only, read as float32 (the rest of the table stays on disk)."""
    from .service import reliability_report

    report = {}
    try:
        for name, scale in codebook.scales.items():  # one scale's items in memory at a time
            items = store.read_survey_columns(table, list(scale.items))
            report.update(reliability_report(items, codebook.model_copy(update={"scales": {name: scale}})))
            del items
    except ValueError:
        return {}
    return report


def sample_survey(path: str | Path, *, rows: int = DEFAULT_CHUNK_ROWS, filename: str | None = None) -> pd.DataFrame:
    """The file's first `rows` respondents, typed as the import types them when the file ends there.

    Why: the app shows a preview and asks about personal data BEFORE a large import starts; reading
    one chunk takes a moment where the whole file takes a minute. Column types may still change
    further on (a column numeric in the sample, text later): the import decides on every row."""
    path = Path(path)
    src = _open_source(path, filename or path.name)
    names, allow_comma, stats = _column_start(src)
    chunks = _batches(src, max(1, rows))
    try:
        first = next(chunks, None)
    finally:
        chunks.close()  # closes the file
    columns = first[1] if first else [pa.array([], pa.string()) for _ in names]
    _tally(stats, columns, allow_comma)
    out = {}
    for j, label in enumerate(names):
        if not label and not stats[j].filled:
            continue
        out[label or f"Unnamed: {j}"] = _as_pandas(_convert(columns[j], stats[j].kind(allow_comma)))
    return pd.DataFrame(out)


def flag_personal_data(path: str | Path, *, filename: str | None = None) -> list:
    """Personal-data flags (`segmentation.personal_data.PersonalDataFlag`) on the first chunk of a
    large file: the same chunk `import_large_survey` judges, so the user can decide per column
    before the import (a flagged column is dropped unless `keep_personal` names it)."""
    sample = sample_survey(path, rows=DEFAULT_CHUNK_ROWS, filename=filename)
    return detect_personal_data(sample) if len(sample) else []


__all__ = ["BulkImport", "DEFAULT_CHUNK_ROWS", "flag_personal_data", "import_large_survey",
           "sample_survey"]
