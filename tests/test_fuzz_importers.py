"""Hostile input: every importer answers malformed input with a one-line ValueError, never another
exception, a hang or a memory blow-up (issue 11, "Hostile input").

Property-based (hypothesis) over each importer's text format: random text, and valid-looking
documents with random damage (truncation, inserted junk, swapped delimiters). Explicit hostile
cases: alias bombs ("billion laughs") in YAML, entity bombs in GraphML, a header of 10^6 columns,
and a zip bomb disguised as an XLSX workbook.
"""
from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.eventlog import read_event_log
from journeys.formats import from_csv, from_graphml, from_mermaid, to_csv, to_graphml, to_mermaid
from journeys.model import load_journey
from segmentation.codebook import load_codebook
from segmentation.importer import read_survey
from workshop.sessions import parse_cases
from workshop.votes import read_votes

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)

JOURNEY = {
    "name": "Buying a home",
    "stages": ["Orientation", "Contract"],
    "lanes": ["customer", "builder"],
    "nodes": [
        {"id": "visit", "label": "Visits the show home", "kind": "start", "stage": "Orientation", "lane": "customer"},
        {"id": "offer", "label": "Makes an offer", "kind": "decision", "stage": "Contract", "lane": "customer"},
        {"id": "sign", "label": "Signs", "kind": "end", "stage": "Contract", "lane": "builder"},
    ],
    "edges": [{"source": "visit", "target": "offer"}, {"source": "offer", "target": "sign", "label": "yes"}],
}
CODEBOOK = """\
scales:
  trust:
    items: [q1, q2, q3]
    reversed: [q3]
    min: 1
    max: 5
"""
CASES = """\
- id: late_change
  text: A buyer asks to move a wall after the deadline.
  answers: [accept, refuse]
- id: grace
  text: How many weeks of grace?
  scale: {min: 0, max: 26}
"""
VOTES = "case,rater,value,basis,reason\nc1,r1,accept,policy,fine\nc1,r2,refuse,fairness,\nc2,r1,3,,\n"
EVENTS = "case_id,activity,timestamp\n1,visit,2024-01-01 10:00\n1,offer,2024-01-02\n2,visit,2024-01-03\n"

RECORDED: dict[str, int] = {}


def _check(call, *args, **kwargs):
    """Run one importer on one input: it either succeeds or raises a one-line ValueError."""
    try:
        call(*args, **kwargs)
    except ValueError as error:
        message = str(error)
        assert message.strip(), f"{call.__name__}: empty error message"
        assert "\n" not in message, f"{call.__name__}: multi-line error message {message!r}"
        assert "Traceback" not in message
        return error
    return None


def _damaged(valid: str):
    """A valid document with random damage: truncated, junk inserted, or characters replaced."""
    junk = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)

    @st.composite
    def build(draw):
        text = valid
        for _ in range(draw(st.integers(1, 3))):
            how = draw(st.sampled_from(["cut", "insert", "replace", "dup"]))
            at = draw(st.integers(0, len(text)))
            if how == "cut":
                text = text[:at]
            elif how == "insert":
                text = text[:at] + draw(junk) + text[at:]
            elif how == "replace":
                text = text[:at] + draw(junk) + text[at + draw(st.integers(0, 20)):]
            else:
                text = text + text[at:]
        return text

    return st.one_of(build(), junk.map(lambda s: s * 3), st.text(max_size=200))


def _count(name: str) -> None:
    RECORDED[name] = RECORDED.get(name, 0) + 1


# -- property-based ------------------------------------------------------------------------------

@FUZZ
@given(_damaged(CODEBOOK) | _damaged(json.dumps({"scales": {"t": {"items": ["a", "b"]}}})))
def test_codebook_yaml_json_fuzz(text):
    _count("codebook")
    _check(load_codebook, text=text, source="codebook.yaml")


@FUZZ
@given(_damaged(json.dumps(JOURNEY)))
def test_journey_json_fuzz(text):
    _count("journey json")
    _check(load_journey, text.encode("utf-8", "surrogatepass") if text.startswith("{") else text.encode(),
           filename="j.json")


@FUZZ
@given(_damaged(to_graphml(load_journey(JOURNEY))))
def test_journey_graphml_fuzz(text):
    _count("graphml")
    _check(from_graphml, text)


@FUZZ
@given(_damaged(to_mermaid(load_journey(JOURNEY))))
def test_journey_mermaid_fuzz(text):
    _count("mermaid")
    _check(from_mermaid, text)


NODES_CSV, EDGES_CSV = to_csv(load_journey(JOURNEY))


@FUZZ
@given(_damaged(NODES_CSV), _damaged(EDGES_CSV))
def test_journey_csv_fuzz(nodes, edges):
    _count("journey csv")
    _check(from_csv, nodes, edges, name="j")


@FUZZ
@given(_damaged(VOTES) | _damaged(VOTES.replace(",", ";")), st.booleans())
def test_votes_csv_fuzz(text, latin1):
    _count("votes csv")
    raw = text.encode("latin-1", "replace") if latin1 else text.encode("utf-8", "replace")
    _check(read_votes, raw, filename="votes.csv")


@FUZZ
@given(_damaged(EVENTS) | _damaged(EVENTS.replace(",", "\t")))
def test_event_log_fuzz(text):
    _count("event log")
    _check(read_event_log, text.encode("utf-8", "replace"), filename="log.csv")


@FUZZ
@given(_damaged(CASES) | _damaged(json.dumps(json.loads(json.dumps([{"id": "a", "text": "t",
                                                                        "answers": ["x", "y"]}])))),
       st.sampled_from(["cases.yaml", "cases.json", None]))
def test_workshop_cases_fuzz(text, filename):
    _count("cases")
    _check(parse_cases, text.encode("utf-8", "replace"), filename)


@FUZZ
@given(st.binary(max_size=300) | _damaged("id,q1,q2\n1,3,4\n2,5,1\n").map(lambda s: s.encode("utf-8", "replace")))
def test_survey_csv_fuzz(raw):
    _count("survey")
    _check(read_survey, raw, filename="survey.csv")


def test_fuzz_figures():
    """Not a check of its own: prints how many inputs each importer saw in this run (-s to see)."""
    print("fuzzed inputs per importer:", RECORDED)


# -- explicit hostile inputs ---------------------------------------------------------------------

BILLION_LAUGHS_YAML = "\n".join(
    ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]" for i in range(12)]
    + ["scales: {t: {items: *m}}"])  # 10^12 strings once expanded, from 120 aliases


def test_billion_laughs_yaml_refused_in_codebook():
    started = time.monotonic()
    error = _check(load_codebook, text=BILLION_LAUGHS_YAML, source="bomb.yaml")
    assert error is not None and "alias" in str(error)
    assert time.monotonic() - started < 5


def test_billion_laughs_yaml_refused_in_workshop_cases():
    cases = "\n".join(BILLION_LAUGHS_YAML.splitlines()[:-1]) + "\ncases: *m\n"
    started = time.monotonic()
    error = _check(parse_cases, cases, "cases.yaml")
    assert error is not None
    assert time.monotonic() - started < 5


def test_billion_laughs_graphml_refused():
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                                           for i in range(1, 10)]
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE graphml [' + "".join(entities) + "]>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            '<node id="&lol9;"/></graph></graphml>')
    started = time.monotonic()
    error = _check(from_graphml, bomb)
    assert error is not None and "DOCTYPE" in str(error)
    error = _check(from_graphml, bomb.encode("utf-16"))
    assert error is not None
    assert time.monotonic() - started < 5


def test_million_column_header_handled_in_bounded_time():
    """A 10^6-column header (about 7 MB, under the upload limit) is refused or read quickly."""
    header = ",".join(f"c{i}" for i in range(1_000_000))
    raw = (header + "\n" + ",".join("1" for _ in range(1_000_000)) + "\n").encode()
    started = time.monotonic()
    error = _check(read_survey, raw, filename="wide.csv")
    assert error is not None and "1000000 columns" in str(error)
    assert time.monotonic() - started < 30  # before the limit: > 2 min and 2.8 GB resident


def _zip_bomb_xlsx(inflated: int) -> bytes:
    """A minimal workbook whose sheet XML inflates to `inflated` bytes of whitespace."""
    content_types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                     'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/'
                                            'spreadsheetml/2006/main"><sheets/></workbook>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet><sheetData>")
            chunk = b" " * (1 << 20)
            for _ in range(inflated // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_zip_bomb_xlsx_refused():
    """The unpacked size is checked against 20x the upload limit before any XML is parsed; with a
    1 MB upload limit a 64 MB sheet (a 64 KB file) is refused the way a 50 MB one expanding to
    terabytes would be at the default limit."""
    bomb = _zip_bomb_xlsx(64 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    error = _check(read_survey, bomb, filename="bomb.xlsx", max_bytes=1024 * 1024)
    assert error is not None and "unpack" in str(error)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("raw", [b"PK\x03\x04" + b"\x00" * 100, b"$FL2" + b"\xff" * 200,
                                 b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100])
def test_damaged_binary_surveys_refused(raw):
    assert _check(read_survey, raw, filename="x.bin") is not None


# -- Parquet (the Data page's large-file path and the CLI) ------------------------------------------

def _parquet_bytes(table, **options) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **options)
    return sink.getvalue().to_pybytes()


def _small_parquet() -> bytes:
    import pyarrow as pa

    return _parquet_bytes(pa.table({"id": ["R1", "R2", "R3"], "q1": [3, 4, None], "q2": [1.5, 2.0, 5.0]}))


@FUZZ
@given(st.data())
def test_survey_parquet_fuzz(data):
    """Damaged Parquet (bytes flipped, cut, inserted anywhere, footer included): a one-line error or a
    survey, never a crash, through the normal importer and the streaming import."""
    from studio.bulk import sample_survey

    raw = bytearray(_small_parquet())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        how = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if how == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif how == "cut":
            raw = raw[:at] + raw[at + data.draw(st.integers(1, 40)):]
        else:
            raw = raw[:at] + bytearray(data.draw(st.binary(min_size=1, max_size=20))) + raw[at:]
    _count("parquet")
    _check(read_survey, bytes(raw), filename="survey.parquet")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "survey.parquet"
        path.write_bytes(bytes(raw))
        _check(sample_survey, path)


def test_parquet_compression_bomb_refused_from_its_footer():
    """20 million zeros (80 MB unpacked) in a file of a few KB: refused from the footer's declared
    sizes before a page is decompressed, by both readers."""
    import tempfile
    from pathlib import Path

    import numpy as np
    import pyarrow as pa

    from studio.bulk import sample_survey

    bomb = _parquet_bytes(pa.table({"q1": np.zeros(20_000_000, dtype=np.int32)}), use_dictionary=False,
                          compression="zstd", compression_level=19)
    assert len(bomb) < 200_000
    started = time.monotonic()
    error = _check(read_survey, bomb, filename="bomb.parquet")
    assert error is not None and "unpacks to" in str(error)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bomb.parquet"
        path.write_bytes(bomb)
        error = _check(sample_survey, path)
        assert error is not None and "unpacks to" in str(error)
    assert time.monotonic() - started < 5


def test_parquet_wider_than_the_column_limit_refused():
    import pyarrow as pa

    wide = _parquet_bytes(pa.table({f"v{i}": [1] for i in range(1_700)}))
    error = _check(read_survey, wide, filename="wide.parquet")
    assert error is not None and "1700 columns" in str(error).replace(",", "")
