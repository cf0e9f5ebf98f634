"""Survey import: CSV, XLSX and SPSS .sav into one respondent-level DataFrame.

Why this module is strict: a survey that is read slightly wrong (a semicolon file read as one
column, a decimal comma read as text, a Latin-1 "Zeeën" turned into mojibake, a shifted row) gives
segments and personas that look plausible and are wrong. So every problem becomes either a clean
one-line `SurveyImportError` that names the file, the row as the user sees it (header = row 1,
first respondent = row 2; for .sav the case number) and the column, or a warning in
`SurveyImport.warnings`. Nothing here imports streamlit; the app and the CLI call `read_survey`
and `validate_survey`.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""Largest survey file accepted (50 MB); the app's upload widget uses the same limit."""

MAX_COLUMNS = 1600
"""Widest survey accepted: PostgreSQL's limit for one table (SQLite's default is 2000). A header of
10^6 columns is refused after one streaming pass instead of building a million pandas columns."""

_MB = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a password-protected .xlsx
_SAV_MAGICS = (b"$FL2", b"$FL3")
_PARQUET_MAGIC = b"PAR1"
_XLSX_EXT = {".xlsx", ".xlsm"}
_SAV_EXT = {".sav", ".zsav"}
_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", ":": "colon"}
_NA_TOKENS = {"", "NA", "N/A", "#N/A", "NULL", "NaN", "nan", "#NULL!"}
_NUMBER_RE = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_COMMA_NUMBER_RE = r"[+-]?\d+(?:,\d+)?"
_KEEP_TEXT_RE = r"[+]|0\d"  # "+31 6..." or "0612..." / "0012": phone numbers and ids keep their 0
_SAMPLE_CHARS = 64 * 1024


class SurveyImportError(ValueError):
    """A survey file that cannot be used as it is; the message is one line for the user."""


@dataclass
class SurveyImport:
    """A survey read from a file, with what was detected about it.

    `rows[i]` is the row of `data.iloc[i]` as the user sees it in the file (header = row 1 in CSV
    and XLSX, the case number in .sav), so later checks can point at the right row even when
    blank rows were skipped.
    """

    data: pd.DataFrame
    value_labels: dict[str, dict]
    column_labels: dict[str, str]
    source: str
    format: str
    encoding: str | None
    delimiter: str | None
    decimal: str | None
    warnings: list[str]
    rows: list[int] = field(default_factory=list)
    sheet: str | None = None

    def validate(self, *, id_column: str | None = None,
                 likert: dict[str, tuple[float, float]] | None = None,
                 missing: Sequence[Any] = ()) -> pd.DataFrame:
        """`validate_survey` on this import, with its file name and row numbers."""
        return validate_survey(self.data, id_column=id_column, likert=likert or {},
                               missing=list(missing), source=self.source, rows=self.rows)


# --------------------------------------------------------------------------- reading bytes

def _size_text(n: float) -> str:
    if n >= _MB:
        return f"{n / _MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{int(n)} bytes"


def _limit_text(n: int) -> str:
    if n >= _MB:
        return f"{n / _MB:g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n} bytes"


def _too_large(name: str, size: int, max_bytes: int) -> SurveyImportError:
    return SurveyImportError(f"{name}: is {_size_text(size)}; the limit is {_limit_text(max_bytes)}")


def _load_bytes(source: str | Path | bytes | BinaryIO, filename: str | None,
                max_bytes: int) -> tuple[bytes, str]:
    """Return (content, display name); refuse an oversized file before reading it."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
        name = filename or "upload"
        if len(raw) > max_bytes:
            raise _too_large(name, len(raw), max_bytes)
        return raw, name
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = filename or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise SurveyImportError(f"{name}: cannot open the file ({exc.strerror or exc})") from None
        if path.is_dir():
            raise SurveyImportError(f"{name}: is a folder, not a file")
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        try:
            with path.open("rb") as fh:
                raw = fh.read(max_bytes + 1)
        except OSError as exc:
            raise SurveyImportError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
        if len(raw) > max_bytes:  # the file grew while we looked
            raise _too_large(name, len(raw), max_bytes)
        return raw, name
    # a binary file-like object (e.g. Streamlit's UploadedFile)
    name = filename or os.path.basename(str(getattr(source, "name", "") or "")) or "upload"
    size = getattr(source, "size", None)
    if not isinstance(size, int):
        try:
            pos = source.tell()
            source.seek(0, io.SEEK_END)
            size = source.tell() - pos
            source.seek(pos)
        except (AttributeError, OSError, ValueError):
            size = None
    if size is not None and size > max_bytes:
        raise _too_large(name, size, max_bytes)
    raw = source.read(max_bytes + 1)
    if isinstance(raw, str):
        raise SurveyImportError(f"{name}: was opened as text; open it in binary mode ('rb')")
    if len(raw) > max_bytes:
        raise _too_large(name, len(raw), max_bytes)
    return bytes(raw), name


def _sniff_format(raw: bytes, name: str) -> str:
    """Decide csv/xlsx/sav from the content first (it cannot lie), then from the extension."""
    ext = Path(name).suffix.lower()
    if raw.startswith(_SAV_MAGICS):
        return "sav"
    if raw.startswith(_ZIP_MAGIC):
        return "xlsx"
    if raw.startswith(_PARQUET_MAGIC):
        return "parquet"
    if raw.startswith(_OLE_MAGIC):
        raise SurveyImportError(
            f"{name}: looks like an old Excel .xls or a password-protected workbook; "
            "save it as .xlsx (without password) or CSV")
    if ext in _XLSX_EXT:
        raise SurveyImportError(f"{name}: is not a valid XLSX file (no Excel workbook inside)")
    if ext in _SAV_EXT:
        raise SurveyImportError(f"{name}: is not a valid SPSS .sav file (no SPSS header)")
    return "csv"


# --------------------------------------------------------------------------- CSV

def _decode(raw: bytes, name: str) -> tuple[str, str]:
    """Decode by evidence: a BOM, then strict UTF-8, then cp1252 (Latin-1 as last resort)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise SurveyImportError(f"{name}: starts with a UTF-8 marker but is not valid UTF-8") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise SurveyImportError(f"{name}: not a CSV, XLSX or SAV file") from None
    if b"\x00" in raw[:_SAMPLE_CHARS]:
        raise SurveyImportError(f"{name}: not a CSV, XLSX or SAV file")
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v")
                   or 0x7F <= ord(ch) <= 0x9F)
    if controls > max(2, len(sample) // 200):
        raise SurveyImportError(f"{name}: not a CSV, XLSX or SAV file")
    return text, encoding


def _reader(lines: Any, delimiter: str) -> Any:
    return csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)


def _delimiter_score(lines: list[str], delimiter: str) -> tuple[float, int]:
    try:
        records = [r for r in _reader(lines, delimiter) if r and any(c.strip() for c in r)]
    except csv.Error:
        return 0.0, 0
    if not records or len(records[0]) < 2:
        return 0.0, 0
    width = len(records[0])
    body = records[1:] or records
    same = sum(1 for r in body if len(r) == width
               or (len(r) > width and not any(c.strip() for c in r[width:])))
    return same / len(body), width


def _detect_delimiter(text: str) -> str | None:
    """csv.Sniffer first, checked against a field count per line; the count decides on doubt."""
    sample = text[:_SAMPLE_CHARS]
    lines = sample.splitlines()
    if len(sample) == _SAMPLE_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    lines = lines[:200]
    scores = {d: _delimiter_score(lines, d) for d in _DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines[:50]), delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in scores and scores[sniffed][1] >= 2 and scores[sniffed][0] >= 0.9:
        return sniffed
    best = max(_DELIMITERS, key=lambda d: scores[d])
    return best if scores[best][1] >= 2 else None


def _one_column_error(name: str, header: str, lines: list[str]) -> SurveyImportError | None:
    """A file that parses as one column but clearly has separators inside: say which."""
    body = [ln for ln in lines[1:20] if ln.strip()]
    for ch in (",", ";", "\t", "|", ":"):
        n = header.count(ch)
        if n == 0 or (body and sum(ln.count(ch) >= n for ln in body) < 0.8 * len(body)):
            continue
        what = _DELIMITER_NAMES[ch]
        if ch in _DELIMITERS:
            return SurveyImportError(
                f"{name}: only one column found although the lines contain the {what} ('{ch}'); "
                "each line seems to be wrapped in double quotes as a whole: save it again as plain CSV")
        return SurveyImportError(
            f"{name}: only one column found; the values look separated by the {what} ('{ch}'), "
            "which is not supported: save the file with comma, semicolon or tab as delimiter")
    return None


def _scan_records(text: str, delimiter: str, name: str) -> tuple[list[int], int, int, list[int]]:
    """One streaming pass with the csv module: file rows of non-blank records, header width,
    widest record, and rows with trailing empty cells; a row with extra values is an error."""
    rows: list[int] = []
    width = 0
    widest = 0
    trailing: list[int] = []
    try:
        for index, record in enumerate(_reader(io.StringIO(text, newline=""), delimiter)):
            row = index + 1
            if not record or (len(record) == 1 and not record[0].strip()):
                continue
            if not rows:
                width = len(record)
            elif len(record) > width:
                extra = record[width:]
                filled = next((i for i, c in enumerate(extra) if c.strip()), None)
                if filled is not None:
                    raise SurveyImportError(
                        f"{name}: row {row}: expected at most {width} fields (as in the header), "
                        f"got {len(record)}; the value '{_clip(extra[filled])}' has no column")
                trailing.append(row)
            rows.append(row)
            widest = max(widest, len(record))
    except csv.Error as exc:
        raise SurveyImportError(f"{name}: row {len(rows) + 1}: cannot read the row ({exc})") from None
    return rows, width, widest, trailing


def _too_wide(name: str, width: int) -> SurveyImportError:
    return SurveyImportError(f"{name}: the header has {width} columns; the limit is {MAX_COLUMNS}")


def _read_csv(raw: bytes, name: str) -> SurveyImport:
    text, encoding = _decode(raw, name)
    if not text.strip():
        raise SurveyImportError(f"{name}: the file is empty")
    warnings: list[str] = []
    delimiter: str | None = None
    first, _, rest = text.partition("\n")
    sep_line = re.fullmatch(r'\s*"?sep=(.)"?\s*', first, flags=re.IGNORECASE)
    if sep_line:  # Excel's "sep=;" hint; Excel hides this line, so the header stays row 1
        delimiter = sep_line.group(1)
        text = rest
        if delimiter not in _DELIMITERS:
            raise SurveyImportError(
                f"{name}: the first line says sep={delimiter}, which is not supported: "
                "save the file with comma, semicolon or tab as delimiter")
        if not text.strip():
            raise SurveyImportError(f"{name}: the file has no header row after its 'sep=' line")
    if delimiter is None:
        delimiter = _detect_delimiter(text)
    lines = text[:_SAMPLE_CHARS].splitlines()
    header_line = next((ln for ln in lines if ln.strip()), "")
    if delimiter is None:
        error = _one_column_error(name, header_line, [ln for ln in lines if ln.strip()])
        if error is not None:
            raise error
        delimiter = ","
    rows, width, widest, trailing = _scan_records(text, delimiter, name)
    if width > MAX_COLUMNS:
        raise _too_wide(name, width)
    if width == 1:
        error = _one_column_error(name, header_line, [ln for ln in lines if ln.strip()])
        if error is not None:
            raise error
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=range(widest),
                            dtype=str, keep_default_na=False, na_filter=False, quotechar='"',
                            skip_blank_lines=True, engine="c", index_col=False)
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        raise SurveyImportError(f"{name}: cannot read the file as CSV ({_first_line(exc)})") from None
    if table.empty:
        raise SurveyImportError(f"{name}: the file is empty")
    if len(table) != len(rows):  # blank-line rules differ: fall back to plain positions
        rows = list(range(1, len(table) + 1))
    table = table.iloc[:, :width]
    if trailing:
        n = len(trailing)
        warnings.append(f"{n} row{'s' if n != 1 else ''} had trailing empty cells beyond the "
                        f"header (first: row {trailing[0]}); they were ignored")
    header = [str(v) for v in table.iloc[0].tolist()]
    grid = [[str(v) for v in table.iloc[i].tolist()] for i in range(min(len(table), 3))]
    _check_header_rows(grid, name, rows[:3])
    body = table.iloc[1:].reset_index(drop=True)
    body.columns = range(body.shape[1])
    allow_comma = delimiter != ","
    columns: dict[int, pd.Series] = {}
    used_comma = False
    for j in range(body.shape[1]):
        col, comma = _infer_text_column(body[j], allow_comma=allow_comma)
        columns[j] = col
        used_comma |= comma
    data = pd.DataFrame(columns) if columns else pd.DataFrame(index=range(len(body)))
    data = _name_columns(data, header, name, warnings)
    body_rows = rows[1:]
    data = _drop_empty_rows(data, body_rows, warnings)
    kept = [body_rows[i] for i in data.index]
    if data.empty:
        warnings.append("the file has a header but no respondents")
    return SurveyImport(data=data.reset_index(drop=True), value_labels={}, column_labels={},
                        source=name, format="csv", encoding=encoding, delimiter=delimiter,
                        decimal="," if used_comma else ".", warnings=warnings, rows=kept)


# --------------------------------------------------------------------------- shared cleaning

def _clip(value: Any, n: int = 40) -> str:
    text = str(value).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return _clip(text[0] if text else type(exc).__name__, 120)


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() in _NA_TOKENS


def _looks_numeric(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, np.integer, np.floating)):
        return True
    text = str(value).strip()
    return bool(re.fullmatch(_NUMBER_RE, text) or re.fullmatch(_COMMA_NUMBER_RE, text))


def _check_header_rows(grid: list[list[Any]], name: str, rows: list[int]) -> None:
    """Refuse a header spread over two rows (merged group titles above item names)."""
    if len(grid) < 2:
        return
    width = max((max((j + 1 for j, v in enumerate(r) if not _is_empty(v)), default=0) for r in grid),
                default=0)
    if width < 3:
        return
    first = [not _is_empty(v) for v in (list(grid[0]) + [None] * width)[:width]]
    second = (list(grid[1]) + [None] * width)[:width]
    empties = first.count(False)
    texts = [j for j, v in enumerate(second) if not _is_empty(v)]
    if empties < max(1, math.ceil(0.2 * width)) or len(texts) < 2:
        return
    if any(_looks_numeric(second[j]) or not isinstance(second[j], str) for j in texts):
        return
    if not any(not first[j] for j in texts):
        return
    if len(grid) >= 3 and not any(_looks_numeric(v) for v in grid[2] if not _is_empty(v)):
        return
    r1 = rows[0] if rows else 1
    r2 = rows[1] if len(rows) > 1 else r1 + 1
    example = str(second[next(j for j in texts if not first[j])]).strip()
    raise SurveyImportError(
        f"{name}: the header seems to span rows {r1}-{r2} (row {r1} has {empties} empty cells, "
        f"row {r2} holds names like '{_clip(example)}'); put one header row")


def _header_name(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return str(value).replace("\ufeff", "").replace("\xa0", " ").strip()


def _name_columns(data: pd.DataFrame, header: list[Any], name: str,
                  warnings: list[str]) -> pd.DataFrame:
    """Stripped header names; drop empty unnamed columns; refuse duplicates."""
    names = [_header_name(v) for v in header]
    keep: list[int] = []
    dropped: list[int] = []
    unnamed_with_data: list[str] = []
    for j, label in enumerate(names):
        if label:
            keep.append(j)
            continue
        if data.iloc[:, j].isna().all():
            dropped.append(j)
        else:
            names[j] = f"Unnamed: {j}"
            unnamed_with_data.append(f"column {j + 1} as '{names[j]}'")
            keep.append(j)
    seen: dict[str, int] = {}
    for j in keep:
        if names[j] in seen:
            raise SurveyImportError(
                f"{name}: duplicate column name '{_clip(names[j])}' (columns {seen[names[j]] + 1} "
                f"and {j + 1}); give every column its own name")
        seen[names[j]] = j
    if dropped:
        warnings.append(f"dropped {len(dropped)} empty column{'s' if len(dropped) != 1 else ''} "
                        f"without a header (column{'s' if len(dropped) != 1 else ''} "
                        f"{', '.join(str(j + 1) for j in dropped[:5])}"
                        f"{', …' if len(dropped) > 5 else ''})")
    if unnamed_with_data:
        warnings.append(f"{len(unnamed_with_data)} column{'s' if len(unnamed_with_data) != 1 else ''} "
                        f"with values but no header kept: {', '.join(unnamed_with_data[:5])}")
    out = data.iloc[:, keep].copy()
    out.columns = [names[j] for j in keep]
    return out


def _drop_empty_rows(data: pd.DataFrame, rows: list[int], warnings: list[str]) -> pd.DataFrame:
    """Drop rows without any value (",,,," lines); warn about those between respondents."""
    empty = data.isna().all(axis=1) if data.shape[1] else pd.Series(False, index=data.index)
    if not empty.any():
        return data
    positions = np.flatnonzero(empty.to_numpy())
    last_filled = np.flatnonzero(~empty.to_numpy())
    interior = positions[positions < last_filled[-1]] if len(last_filled) else []
    if len(interior):
        warnings.append(f"skipped {len(interior)} empty row{'s' if len(interior) != 1 else ''} "
                        f"(first: row {rows[interior[0]]})")
    return data.drop(index=data.index[positions])


def _cast_float(filled: pd.Series) -> pd.Series | None:
    """Arrow's string-to-float cast: fast, and strict (no "1_000", no "0x10")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        values = pc.cast(pa.array(filled.astype(str)), pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    if not np.all(np.isfinite(values)):
        return None  # "inf" is not an answer
    return pd.Series(values, index=filled.index)


def _infer_text_column(col: pd.Series, *, allow_comma: bool) -> tuple[pd.Series, bool]:
    """Strings to numbers where every filled cell is a number; keep '06…'/'+31…' as text."""
    text = col.astype(str).str.strip()
    missing = text.isin(_NA_TOKENS)
    filled = text[~missing]
    if filled.empty:
        return pd.Series(np.nan, index=col.index, dtype=float), False
    comma = False
    numbers = _cast_float(filled)
    if numbers is None and allow_comma and filled.str.contains(",", regex=False).any():
        if filled.str.fullmatch(_COMMA_NUMBER_RE).all():
            numbers = _cast_float(filled.str.replace(",", ".", regex=False))
            comma = numbers is not None
    if numbers is not None and not filled.str.match(_KEEP_TEXT_RE).any():
        return _numbers(numbers.reindex(col.index)), comma
    return text.where(~missing), False


def _numbers(values: pd.Series) -> pd.Series:
    values = values.astype(float)
    finite = values.dropna()
    if len(finite) == len(values) and np.all(np.mod(finite, 1) == 0) and np.all(np.abs(finite) < 2**53):
        return values.astype("int64")
    return values


def _infer_cell_column(values: list[Any], *, index: pd.RangeIndex) -> pd.Series:
    """Excel cells: numbers stay numbers, numbers-stored-as-text become numbers, mixed stays raw."""
    cleaned = [None if _is_empty(v) else (v.strip() if isinstance(v, str) else v) for v in values]
    filled = [v for v in cleaned if v is not None]
    if not filled:
        return pd.Series(np.nan, index=index, dtype=float)
    if all(isinstance(v, str) for v in filled):
        col, _ = _infer_text_column(pd.Series(cleaned, index=index, dtype=object).fillna(""),
                                    allow_comma=True)
        return col
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in filled):
        return _numbers(pd.Series([np.nan if v is None else v for v in cleaned], index=index, dtype=float))
    series = pd.Series(cleaned, index=index, dtype=object)
    if all(hasattr(v, "year") for v in filled):
        try:
            return pd.to_datetime(series)
        except (ValueError, TypeError, OverflowError):
            return series
    if all(_looks_numeric(v) for v in filled):
        as_text = series.map(lambda v: "" if v is None else str(v))
        col, _ = _infer_text_column(as_text, allow_comma=True)
        return col
    return series


# --------------------------------------------------------------------------- XLSX

def _read_xlsx(raw: bytes, name: str, max_bytes: int, sheet: str | int | None) -> SurveyImport:
    import openpyxl  # local: only needed for workbooks

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            unpacked = sum(m.file_size for m in members)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise SurveyImportError(f"{name}: not a CSV, XLSX or SAV file (a damaged zip archive)") from None
    if "xl/workbook.xml" not in names:
        raise SurveyImportError(f"{name}: not a CSV, XLSX or SAV file (a zip archive without an Excel workbook)")
    if unpacked > 20 * max(max_bytes, _MB):
        raise SurveyImportError(f"{name}: unpacks to {_size_text(unpacked)}; the limit is "
                                f"{_limit_text(20 * max(max_bytes, _MB))} unpacked")
    warnings: list[str] = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise SurveyImportError(f"{name}: cannot open the workbook ({_first_line(exc)})") from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise SurveyImportError(f"{name}: the workbook has no worksheet")
        if sheet is None:
            ws = sheets[0]
            if len(sheets) > 1:
                warnings.append(f"the workbook has {len(sheets)} sheets; read the first, '{ws.title}'")
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(sheets):
                raise SurveyImportError(f"{name}: sheet {sheet} not found; the workbook has {len(sheets)} sheets")
            ws = sheets[sheet]
        else:
            match = [s for s in sheets if s.title == sheet]
            if not match:
                raise SurveyImportError(f"{name}: sheet '{sheet}' not found; sheets are "
                                        f"{', '.join(repr(s.title) for s in sheets)}")
            ws = match[0]
        ws.reset_dimensions()
        grid: list[tuple[int, list[Any]]] = []
        for r, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            if values and any(not _is_empty(v) for v in values):
                grid.append((r, list(values)))
    except SurveyImportError:
        raise
    except Exception as exc:
        raise SurveyImportError(f"{name}: cannot read the workbook ({_first_line(exc)})") from None
    finally:
        book.close()
    if not grid:
        raise SurveyImportError(f"{name}: the sheet '{ws.title}' is empty")
    width = max(max((j + 1 for j, v in enumerate(vals) if not _is_empty(v)), default=0) for _, vals in grid)
    if width > MAX_COLUMNS:
        raise _too_wide(name, width)
    rows = [r for r, _ in grid]
    cells = [(vals + [None] * width)[:width] for _, vals in grid]
    _check_title_row(cells, rows, name)
    _check_header_rows(cells[:3], name, rows[:3])
    body = cells[1:]
    index = pd.RangeIndex(len(body))
    data = pd.DataFrame({j: _infer_cell_column([r[j] for r in body], index=index) for j in range(width)},
                        index=index)
    data = _name_columns(data, cells[0], name, warnings)
    if data.empty:
        warnings.append("the sheet has a header but no respondents")
    gaps = sum(1 for a, b in zip(rows[1:], rows[2:]) if b > a + 1)
    if gaps:
        warnings.append(f"skipped empty rows between the data ({gaps} gap{'s' if gaps != 1 else ''})")
    return SurveyImport(data=data, value_labels={}, column_labels={}, source=name, format="xlsx",
                        encoding=None, delimiter=None, decimal=None, warnings=warnings,
                        rows=rows[1:], sheet=ws.title)


def _check_title_row(cells: list[list[Any]], rows: list[int], name: str) -> None:
    """A title above the header ("Survey 2024" in A1) would become the only column name."""
    if len(cells) < 3:
        return
    width = len(cells[0])
    filled = [j for j, v in enumerate(cells[0]) if not _is_empty(v)]
    if width < 3 or len(filled) != 1:
        return
    for k in range(1, min(len(cells), 6)):
        row = cells[k]
        texts = [v for v in row if not _is_empty(v)]
        if len(texts) >= max(3, width // 2) and all(isinstance(v, str) and not _looks_numeric(v) for v in texts):
            raise SurveyImportError(
                f"{name}: row {rows[0]} holds only '{_clip(cells[0][filled[0]])}'; the header seems to "
                f"be row {rows[k]}: delete the rows above the header")
        if texts:
            return


# --------------------------------------------------------------------------- SAV

_SAV_CHILD = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("_survey_importer", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
module._sav_worker(sys.argv[2], sys.argv[3])
"""
_SAV_TIMEOUT_SECONDS = 300
_SAV_HEADER_BYTES = 176  # the fixed file header record of a .sav file


def _sav_worker(in_path: str, out_dir: str) -> None:
    """Runs in a child process: ReadStat (C) can crash on a damaged file, which must not take the
    app (and every workshop vote it serves) down with it. Results go back as Parquet + JSON,
    never pickle."""
    import json

    import pyreadstat

    out = Path(out_dir)
    try:
        _, header = pyreadstat.read_sav(in_path, metadataonly=True)  # the width, before any row is read
        if header.number_columns and header.number_columns > MAX_COLUMNS:
            (out / "meta.json").write_text(json.dumps({"too_wide": header.number_columns}), encoding="utf-8")
            return
        data, meta = pyreadstat.read_sav(in_path, user_missing=True, apply_value_formats=False)
        data.to_parquet(out / "data.parquet", index=False)
    except Exception as exc:  # ReadstatError, PyreadstatError, ... for damaged files
        (out / "meta.json").write_text(json.dumps({"error": _first_line(exc)}), encoding="utf-8")
        return

    def plain(v: Any) -> Any:
        return v.item() if hasattr(v, "item") else v

    meta_json = {
        "value_labels": {str(c): [[plain(k), str(v)] for k, v in labels.items()]
                         for c, labels in (meta.variable_value_labels or {}).items()},
        "column_labels": {str(c): str(v) for c, v in (meta.column_names_to_labels or {}).items()
                          if v not in (None, "")},
        "missing_ranges": {str(c): [[plain(r.get("lo")), plain(r.get("hi"))] for r in ranges]
                           for c, ranges in (getattr(meta, "missing_ranges", None) or {}).items()},
        "encoding": getattr(meta, "file_encoding", None),
    }
    (out / "meta.json").write_text(json.dumps(meta_json), encoding="utf-8")


def _run_sav_child(raw: bytes, name: str) -> tuple[pd.DataFrame, dict]:
    import json
    import subprocess
    import sys
    import tempfile

    if len(raw) < _SAV_HEADER_BYTES:
        raise SurveyImportError(f"{name}: cannot read the SPSS file (too short for an SPSS file)")
    with tempfile.TemporaryDirectory(prefix="survey-sav-") as tmp:
        in_path = Path(tmp) / "survey.sav"
        in_path.write_bytes(raw)
        try:
            proc = subprocess.run([sys.executable, "-c", _SAV_CHILD, str(Path(__file__).resolve()),
                                   str(in_path), tmp], capture_output=True,
                                  timeout=_SAV_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise SurveyImportError(f"{name}: cannot read the SPSS file (gave up after "
                                    f"{_SAV_TIMEOUT_SECONDS} s; the file seems damaged)") from None
        meta_path = Path(tmp) / "meta.json"
        if proc.returncode != 0 or not meta_path.exists():
            raise SurveyImportError(f"{name}: cannot read the SPSS file (the reader stopped on it; "
                                    "the file seems damaged)")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if "error" in meta:
            raise SurveyImportError(f"{name}: cannot read the SPSS file ({meta['error']})")
        if "too_wide" in meta:
            raise SurveyImportError(f"{name}: the file has {meta['too_wide']} variables; the limit is {MAX_COLUMNS}")
        data = pd.read_parquet(Path(tmp) / "data.parquet")
    return data, meta


def _read_sav(raw: bytes, name: str) -> SurveyImport:
    data, meta = _run_sav_child(raw, name)
    warnings: list[str] = []
    blanked = 0
    for column, ranges in meta["missing_ranges"].items():
        if column not in data.columns:
            continue
        values = data[column]
        mask = pd.Series(False, index=data.index)
        for low, high in ranges:
            if pd.api.types.is_numeric_dtype(values) and _code_number(low) is not None:
                mask |= values.between(float(low), float(high if high is not None else low))
            else:
                mask |= values.astype(object) == low
        blanked += int(mask.sum())
        data[column] = values.mask(mask)
    if blanked:
        warnings.append(f"{blanked} SPSS user-missing value{'s' if blanked != 1 else ''} "
                        "(defined as missing in the .sav file) set to missing")
    for column in data.columns:
        values = data[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        stripped = values.astype(object).map(lambda v: v.strip() if isinstance(v, str) else v)
        data[column] = stripped.mask(stripped.map(_is_empty))
        if all(isinstance(v, str) for v in data[column].dropna()):
            data[column] = data[column].astype(str).where(data[column].notna())
    data.columns = [str(c).strip() for c in data.columns]
    value_labels = {col: {_label_key(k): label for k, label in pairs}
                    for col, pairs in meta["value_labels"].items()}
    return SurveyImport(data=data.reset_index(drop=True), value_labels=value_labels,
                        column_labels=dict(meta["column_labels"]), source=name, format="sav",
                        encoding=meta.get("encoding"), delimiter=None, decimal=None,
                        warnings=warnings, rows=list(range(1, len(data) + 1)))


def _label_key(key: Any) -> Any:
    if isinstance(key, float) and key.is_integer():
        return int(key)
    return key


# --------------------------------------------------------------------------- public API

def read_survey(source: str | Path | bytes | BinaryIO, filename: str | None = None, *,
                max_bytes: int = MAX_UPLOAD_BYTES, sheet: str | int | None = None) -> SurveyImport:
    """Read a survey file (CSV, XLSX, SPSS .sav or Parquet) into one row per respondent.

    `source` is a path, the file's bytes or a binary file object (an upload); `filename` names it
    in messages and gives the extension when `source` has none. The size is checked before the
    content is read. The format comes from the content (zip = XLSX, "$FL2"/"$FL3" = SAV) and
    otherwise the file is read as delimited text. Raises `SurveyImportError` (a `ValueError`)
    with a one-line message for anything that cannot be used.
    """
    raw, name = _load_bytes(source, filename, max_bytes)
    if not raw or not raw.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise SurveyImportError(f"{name}: the file is empty")
    kind = _sniff_format(raw, name)
    if kind == "xlsx":
        return _read_xlsx(raw, name, max_bytes, sheet)
    if kind == "sav":
        return _read_sav(raw, name)
    if kind == "parquet":
        return _read_parquet(raw, name)
    return _read_csv(raw, name)


PARQUET_UNPACK_RATIO = 20  # like XLSX: a file may unpack to 20x its size (at least 64 MB)


def check_parquet_unpacked(meta: Any, name: str, size: int) -> None:
    """Refuse a Parquet file whose row groups declare more unpacked data than 20x the file's size
    (a compression bomb), from the footer, before a page is decompressed."""
    groups = [meta.row_group(i) for i in range(meta.num_row_groups)]
    unpacked = max(sum(g.total_byte_size for g in groups),  # two declarations of the same; take the larger
                   sum(g.column(j).total_uncompressed_size for g in groups for j in range(g.num_columns)))
    limit = PARQUET_UNPACK_RATIO * max(size, 64 * _MB // PARQUET_UNPACK_RATIO)
    if unpacked > limit:
        raise SurveyImportError(f"{name}: unpacks to {_size_text(unpacked)}; the limit is "
                                f"{_limit_text(limit)} unpacked (20x the file)")


def _read_parquet(raw: bytes, name: str) -> SurveyImport:
    """Parquet (pyarrow): text columns typed as in CSV (numbers stored as text become numbers),
    number columns as `_numbers` does, dates and other types kept as ISO text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(pa.BufferReader(raw)).metadata  # the footer only: checked before any data
        if meta.num_columns > MAX_COLUMNS:
            raise _too_wide(name, meta.num_columns)
        check_parquet_unpacked(meta, name, len(raw))
        table = pq.read_table(pa.BufferReader(raw))
    except (pa.ArrowException, OSError, ValueError) as exc:
        if isinstance(exc, SurveyImportError):
            raise
        raise SurveyImportError(f"{name}: not a readable Parquet file ({_first_line(exc)})") from None
    columns: dict[int, pd.Series] = {}
    for j, column in enumerate(table.columns):
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        kind = column.type
        if pa.types.is_boolean(kind):
            columns[j] = column.to_pandas()
        elif pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
            columns[j] = _numbers(pd.Series(column.cast(pa.float64()).to_numpy(), dtype=float))
        elif pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind):
            text = pd.Series(column.cast(pa.string()).to_pylist(), dtype=object).fillna("")
            columns[j] = _infer_text_column(text, allow_comma=True)[0]
        else:
            columns[j] = pd.Series(column.cast(pa.string()).to_pylist(), dtype="string")
    warnings: list[str] = []
    data = pd.DataFrame(columns) if columns else pd.DataFrame(index=range(table.num_rows))
    data = _name_columns(data, table.column_names, name, warnings)
    rows = list(range(1, len(data) + 1))
    data = _drop_empty_rows(data, rows, warnings)
    kept = [rows[i] for i in data.index]
    return SurveyImport(data=data.reset_index(drop=True), value_labels={}, column_labels={}, source=name,
                        format="parquet", encoding=None, delimiter=None, decimal=None, warnings=warnings,
                        rows=kept)


def _code_number(code: Any) -> float | None:
    if isinstance(code, bool):
        return None
    if isinstance(code, (int, float, np.integer, np.floating)):
        return float(code)
    if isinstance(code, str) and re.fullmatch(_NUMBER_RE, code.strip()):
        return float(code.strip())
    return None


def _format_value(value: Any) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, (float, np.floating)) else str(value)
    return f"'{_clip(value)}'"


def _is_text_dtype(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.StringDtype)


def _as_float(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(numbers, bad mask): numbers as float; bad marks filled cells that are not a number."""
    if pd.api.types.is_bool_dtype(series):
        return pd.Series(np.nan, index=series.index), series.notna()
    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float), pd.Series(False, index=series.index)
    if _is_text_dtype(series):  # vectorised: a 200 000-row column takes milliseconds
        import pyarrow as pa
        import pyarrow.compute as pc

        text = series.str.strip()
        filled = (series.notna() & (text != "")).fillna(False).astype(bool)
        looks = (text.str.fullmatch(_NUMBER_RE) | text.str.fullmatch(_COMMA_NUMBER_RE)).fillna(False).astype(bool)
        numbers = pd.Series(np.nan, index=series.index, dtype=float)
        if looks.any():
            subset = text[looks].str.replace(",", ".", regex=False).astype(str)
            numbers[looks] = pc.cast(pa.array(subset), pa.float64()).to_numpy(zero_copy_only=False)
        return numbers, filled & ~looks
    obj = series.astype(object)
    is_bool = obj.map(lambda v: isinstance(v, (bool, np.bool_)))
    filled = obj.notna() & ~obj.map(lambda v: isinstance(v, str) and not v.strip())
    text = obj.map(lambda v: v.strip().replace(",", ".") if isinstance(v, str) else v)
    numbers = pd.to_numeric(text.where(~is_bool), errors="coerce").astype(float)
    return numbers, filled & numbers.isna()


def _id_key(value: Any) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def validate_survey(data: pd.DataFrame, *, id_column: str | None = None,
                    likert: dict[str, tuple[float, float]] | None = None,
                    missing: Sequence[Any] = (), source: str = "",
                    rows: Sequence[int] | None = None) -> pd.DataFrame:
    """Apply the codebook's missing codes and check the id and the Likert items.

    Missing codes match numbers numerically (-9 matches -9, -9.0 and the text "-9") and text
    case-insensitively ("Weet niet" matches "weet niet"). Each Likert column must then hold
    numbers within [min, max]; the FIRST bad cell in file order is reported. `rows` gives the file
    row of each data row (from `SurveyImport.rows`); without it row = position + 2 (header row 1).
    Returns a cleaned copy: missing codes → NaN, Likert columns float.
    """
    prefix = f"{source}: " if source else ""
    likert = dict(likert or {})
    row_of = (lambda i: int(rows[i])) if rows is not None and len(rows) == len(data) else (lambda i: i + 2)
    out = data.copy()
    out.columns = [str(c) for c in out.columns]
    known = list(out.columns)

    def not_found(column: str, what: str) -> SurveyImportError:
        shown = ", ".join(f"'{c}'" for c in known[:12]) + (", …" if len(known) > 12 else "")
        return SurveyImportError(f"{prefix}column '{column}' ({what}) not found; columns are {shown}")

    if id_column is not None and id_column not in out.columns:
        raise not_found(id_column, "the id")
    for column, bounds in likert.items():
        if column not in out.columns:
            raise not_found(column, "a scale item")
        try:
            low, high = (float(bounds[0]), float(bounds[1]))
        except (TypeError, ValueError, IndexError):
            raise SurveyImportError(f"{prefix}column '{column}': expected a (min, max) pair, got {bounds!r}") from None
        if not low <= high:
            raise SurveyImportError(f"{prefix}column '{column}': min {low:g} is above max {high:g}")

    numeric_codes = {n for n in (_code_number(c) for c in missing) if n is not None}
    text_codes = {str(c).strip().casefold() for c in missing if isinstance(c, str)}
    for column in out.columns:
        if column == id_column or not (numeric_codes or text_codes):
            continue
        series = out[column]
        if pd.api.types.is_bool_dtype(series):
            continue
        if pd.api.types.is_numeric_dtype(series):
            mask = series.isin(list(numeric_codes))
        elif _is_text_dtype(series):
            mask = series.str.strip().str.casefold().isin(text_codes).fillna(False).astype(bool)
            if numeric_codes:
                mask |= _as_float(series)[0].isin(list(numeric_codes))
        else:
            obj = series.astype(object)
            folded = obj.map(lambda v: v.strip().casefold() if isinstance(v, str) else None)
            mask = folded.isin(text_codes)
            if numeric_codes:
                mask |= _as_float(obj)[0].isin(list(numeric_codes))
        if mask.any():
            out[column] = series.mask(mask)

    first_bad: tuple[int, int, str, Any, float, float] | None = None
    converted: dict[str, pd.Series] = {}
    for column, (low, high) in likert.items():
        numbers, bad = _as_float(out[column])
        bad = bad | (numbers.notna() & ((numbers < float(low)) | (numbers > float(high))))
        converted[column] = numbers
        positions = np.flatnonzero(bad.to_numpy())
        if len(positions):
            key = (int(positions[0]), known.index(column))
            if first_bad is None or key < first_bad[:2]:
                first_bad = (*key, column, out[column].iloc[positions[0]], float(low), float(high))
    if first_bad is not None:
        pos, _, column, value, low, high = first_bad
        raise SurveyImportError(
            f"{prefix}row {row_of(pos)}, column '{column}': expected a number from {low:g} to {high:g}, "
            f"got {_format_value(value)}")
    for column, numbers in converted.items():
        out[column] = numbers

    if id_column is not None:
        ids = out[id_column]
        if pd.api.types.is_numeric_dtype(ids) and not pd.api.types.is_bool_dtype(ids):
            keys = ids.astype(float)
        elif _is_text_dtype(ids):
            keys = ids.str.strip()
        else:
            keys = ids.astype(object).map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                                          else _id_key(v))
        empty = (keys.isna() | (keys.astype(object) == "")).astype(bool)
        if empty.any():
            pos = int(np.flatnonzero(empty.to_numpy())[0])
            raise SurveyImportError(f"{prefix}row {row_of(pos)}, column '{id_column}': expected an id, "
                                    "got an empty cell")
        duplicated = keys.duplicated(keep=False).to_numpy()
        if duplicated.any():
            first = int(np.flatnonzero(duplicated)[0])
            second = int(np.flatnonzero((keys == keys.iloc[first]).to_numpy())[1])
            raise SurveyImportError(f"{prefix}column '{id_column}': duplicate id '{_clip(_id_key(keys.iloc[first]))}' "
                                    f"in rows {row_of(first)} and {row_of(second)}")
    return out
