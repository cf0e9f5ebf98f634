"""Reading the noise-audit votes CSV (workshop/votes.py): formats users produce and the one-line
errors that name the file, row and column (DESIGN.md sections 4 and 5)."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from workshop.agreement import agreement_report
from workshop.votes import normalise_votes, read_votes


def write(tmp_path, text: str, name: str = "votes.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_comma_csv_with_numbers(tmp_path):
    path = write(tmp_path, "case,rater,value\nc1,ann,9500\nc1,bob,16700\nc2,ann,3.5\n")
    votes = read_votes(path)
    assert list(votes.columns) == ["case", "rater", "value", "basis", "reason"]
    assert votes["value"].dtype == float
    assert votes["value"].tolist() == [9500.0, 16700.0, 3.5]
    assert votes["case"].tolist() == ["c1", "c1", "c2"]
    assert votes["basis"].isna().all()


def test_reads_semicolon_bom_decimal_comma_and_header_case(tmp_path):
    """A Dutch Excel export: semicolons, decimal commas, a BOM, capitalised headers, a blank line."""
    text = "\ufeffCase;Rater;Value;Basis;Reden\r\nc1;ann;7,5;policy;x\r\n\r\nc1;bob;6;own_fairness;\r\n"
    votes = read_votes(write(tmp_path, text))
    assert votes["value"].tolist() == [7.5, 6.0]
    assert votes["basis"].tolist() == ["policy", "own_fairness"]
    assert "reden" not in votes.columns


def test_labels_basis_and_reason(tmp_path):
    text = ('case,rater,value,basis,reason\n'
            'hoarder,ann,evict,policy,"Neighbours complain, again"\n'
            'hoarder,bob,mediate,,\n'
            'hoarder,cem,3,need,\n')
    votes = read_votes(write(tmp_path, text))
    # One label among numbers makes every answer a label (kept as written).
    assert votes["value"].tolist() == ["evict", "mediate", "3"]
    assert votes["basis"].tolist() == ["policy", None, "need"]
    assert votes["reason"].tolist() == ["Neighbours complain, again", None, None]
    assert agreement_report(votes, n_boot=10)["level"] == "nominal"


def test_empty_value_names_file_row_and_column(tmp_path):
    text = "case,rater,value\n" + "".join(f"c{i},r{i},1\n" for i in range(5)) + "c9,ann,\n"
    with pytest.raises(ValueError) as err:
        read_votes(write(tmp_path, text))
    assert str(err.value) == "votes.csv: row 7, column 'value': expected a number or an answer label, got ''"


def test_missing_column(tmp_path):
    with pytest.raises(ValueError) as err:
        read_votes(write(tmp_path, "case;value\nc1;3\n"))
    assert str(err.value) == "votes.csv: missing column 'rater' (expected case,rater,value)"


def test_duplicate_vote_is_refused_with_both_rows(tmp_path):
    text = ("case,rater,value\nc1,ann,1\nc1,bob,2\nc2,ann,3\nc2,bob,4\n"
            "c3,ann,5\nc3,bob,6\nc4,ann,7\nc2,ann,8\n")
    with pytest.raises(ValueError) as err:
        read_votes(write(tmp_path, text))
    assert str(err.value) == "votes.csv: row 9 repeats case 'c2' for rater 'ann' (first in row 4)"


def test_row_numbers_are_editor_lines_despite_blank_lines(tmp_path):
    text = "case,rater,value\n\nc1,ann,1\n\n,bob,2\n"
    with pytest.raises(ValueError, match=r"^votes.csv: row 5, column 'case': expected a case id, got ''$"):
        read_votes(write(tmp_path, text))


def test_unquoted_decimal_comma_in_comma_file(tmp_path):
    """c1,ann,9,5 has one field too many: say so rather than read 9 and drop 5."""
    with pytest.raises(ValueError, match=r"^votes.csv: row 2: 4 fields, expected 3 .*quoted"):
        read_votes(write(tmp_path, "case,rater,value\nc1,ann,9,5\n"))


def test_empty_file_and_header_only(tmp_path):
    with pytest.raises(ValueError, match=r"^votes.csv: no header row"):
        read_votes(write(tmp_path, "\n\n"))
    votes = read_votes(write(tmp_path, "case,rater,value\n"))
    assert len(votes) == 0
    assert agreement_report(votes)["n_votes"] == 0


def test_upload_buffer_and_filename(tmp_path):
    """An upload is bytes without a path: the caller passes the file name for messages."""
    data = b"case,rater,value\nc1,ann,\n"
    with pytest.raises(ValueError, match=r"^upload.csv: row 2, column 'value'"):
        read_votes(io.BytesIO(data), filename="upload.csv")
    with pytest.raises(ValueError, match=r"^votes: row 2"):
        read_votes(data)
    assert read_votes(io.StringIO("case,rater,value\nc1,ann,x\n"))["value"].tolist() == ["x"]


def test_latin1_file_is_read(tmp_path):
    path = write(tmp_path, "case;rater;value\nc1;José;ontruimen\n", encoding="latin-1")
    assert read_votes(path)["rater"].tolist() == ["José"]


def test_missing_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match=r"^nope.csv: cannot read the file"):
        read_votes(tmp_path / "nope.csv")


def test_not_a_number_words_are_labels(tmp_path):
    """'nan' and 'inf' are words a rater may type, not numbers."""
    votes = read_votes(write(tmp_path, "case,rater,value\nc1,ann,nan\nc1,bob,1\n"))
    assert votes["value"].tolist() == ["nan", "1"]


def test_normalise_store_rows():
    """Rows from the workshop store: numbers as ints, a missing value named by record number."""
    votes = normalise_votes(pd.DataFrame({"case": ["c1", "c1"], "rater": ["p1", "p2"], "value": [3, 4]}))
    assert votes["value"].tolist() == [3.0, 4.0]
    with pytest.raises(ValueError, match=r"^row 2, column 'value': expected a number or an answer label, got ''$"):
        normalise_votes(pd.DataFrame({"case": ["c1", "c1"], "rater": ["p1", "p2"], "value": [3, None]}))
    with pytest.raises(ValueError, match=r"^missing column 'case'"):
        normalise_votes(pd.DataFrame({"rater": ["p1"], "value": [3]}))
