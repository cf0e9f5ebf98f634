"""Survey import: formats, encodings, delimiters and the one-line errors users see."""
from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segmentation import importer
from segmentation.importer import (MAX_UPLOAD_BYTES, SurveyImportError, read_survey,
                                   validate_survey)

PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                          "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def error_of(*args, **kwargs) -> str:
    with pytest.raises(SurveyImportError) as info:
        read_survey(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def workbook_bytes(rows, *, merge=(), sheets=()) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Antwoorden"
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    for title in sheets:
        book.create_sheet(title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ CSV variants

def test_comma_csv_keeps_numbers_numeric_and_counts_rows_as_in_the_file(tmp_path):
    path = write(tmp_path, "survey.csv", "respondent,c1,c2,channel\nR1,1,5,site\nR2,4,2,phone\n")
    result = read_survey(path)
    assert (result.format, result.delimiter, result.encoding) == ("csv", ",", "utf-8")
    assert result.source == "survey.csv"
    assert list(result.data.columns) == ["respondent", "c1", "c2", "channel"]
    assert result.data["c1"].tolist() == [1, 4]
    assert pd.api.types.is_integer_dtype(result.data["c2"])
    assert result.data["channel"].tolist() == ["site", "phone"]
    assert result.rows == [2, 3]
    assert result.warnings == []


def test_semicolon_csv_with_decimal_comma_becomes_floats(tmp_path):
    text = "id;score;c1;opmerking\nR1;3,5;1;goed, snel\nR2;4,25;2;\nR3;;3;traag\n"
    result = read_survey(write(tmp_path, "nl.csv", text))
    assert result.delimiter == ";"
    assert result.decimal == ","
    assert result.data["score"].dtype == float
    assert result.data["score"].tolist()[:2] == [3.5, 4.25]
    assert np.isnan(result.data["score"].iloc[2])
    assert result.data["opmerking"].iloc[0] == "goed, snel"


def test_comma_in_a_quoted_cell_of_a_comma_file_is_not_a_decimal(tmp_path):
    result = read_survey(write(tmp_path, "en.csv", 'id,amount\nR1,"1,234"\nR2,"2,500"\n'))
    assert result.decimal == "."
    assert result.data["amount"].tolist() == ["1,234", "2,500"]


def test_tab_separated_file(tmp_path):
    result = read_survey(write(tmp_path, "export.txt", "id\tc1\tc2\nR1\t1\t2\n"))
    assert result.delimiter == "\t"
    assert list(result.data.columns) == ["id", "c1", "c2"]


def test_utf8_bom_is_not_part_of_the_first_column_name(tmp_path):
    path = write(tmp_path, "bom.csv", "\ufeffrespondent;woonplaats\nR1;Zeeën\n".encode("utf-8"))
    result = read_survey(path)
    assert result.encoding == "utf-8-sig"
    assert list(result.data.columns) == ["respondent", "woonplaats"]
    assert result.data["woonplaats"].iloc[0] == "Zeeën"


def test_latin1_file_is_detected_not_turned_into_mojibake(tmp_path):
    raw = "respondent;Zeeën;plaats\nR1;3;Zeeën\nR2;4;Emmen\n".encode("cp1252")
    result = read_survey(write(tmp_path, "latin.csv", raw))
    assert result.encoding == "cp1252"
    assert list(result.data.columns) == ["respondent", "Zeeën", "plaats"]
    assert result.data["plaats"].iloc[0] == "Zeeën"
    # the same text in UTF-8 is read as UTF-8 (detected, not guessed)
    assert read_survey(raw.decode("cp1252").encode("utf-8"), "utf8.csv").encoding == "utf-8"


def test_excel_sep_line_sets_the_delimiter_and_is_not_a_row(tmp_path):
    text = "sep=;\nid;opmerking;c1\nR1;ja, graag;3\nR2;nee, dank je;4\n"
    result = read_survey(write(tmp_path, "excel.csv", text))
    assert result.delimiter == ";"
    assert list(result.data.columns) == ["id", "opmerking", "c1"]
    assert result.data["opmerking"].tolist() == ["ja, graag", "nee, dank je"]
    assert result.rows == [2, 3]


def test_header_whitespace_stripped_and_trailing_empty_columns_dropped(tmp_path):
    text = " id , c1 ,c2,,\nR1,1,2,,\nR2,3,4,,\n"
    result = read_survey(write(tmp_path, "s.csv", text))
    assert list(result.data.columns) == ["id", "c1", "c2"]
    assert any("dropped 2 empty columns" in w for w in result.warnings)


def test_trailing_empty_cells_beyond_the_header_are_a_warning(tmp_path):
    text = "id,c1,c2\nR1,1,2,,\nR2,3,4\nR3,5,1,\nR4,2,2,,,\n"
    result = read_survey(write(tmp_path, "s.csv", text))
    assert len(result.data) == 4
    assert "3 rows had trailing empty cells beyond the header (first: row 2)" in result.warnings[0]


def test_blank_lines_do_not_shift_the_row_numbers(tmp_path):
    text = "id,c1\nR1,1\n\nR2,2\n,\nR3,3\n"
    result = read_survey(write(tmp_path, "s.csv", text))
    assert result.data["id"].tolist() == ["R1", "R2", "R3"]
    assert result.rows == [2, 4, 6]


def test_phone_numbers_and_ids_keep_their_leading_zero(tmp_path):
    text = "id,telefoon,c1\n0012,0612345678,1\n0013,+31612345678,2\n"
    data = read_survey(write(tmp_path, "s.csv", text)).data
    assert data["id"].tolist() == ["0012", "0013"]
    assert data["telefoon"].tolist() == ["0612345678", "+31612345678"]


def test_file_like_upload_and_bytes_are_accepted():
    content = b"id,c1\nR1,1\n"
    upload = io.BytesIO(content)
    upload.name = "/some/dir/upload.csv"
    assert read_survey(upload).source == "upload.csv"
    assert read_survey(content, "bytes.csv").data["c1"].tolist() == [1]


# ------------------------------------------------------------------ XLSX and SAV

def test_xlsx_first_sheet_numbers_stored_as_text_and_header_spaces(tmp_path):
    rows = [["respondent", " c1 ", "c2", "kanaal"], ["R1", 1, "4", "site"], ["R2", 5, "2", "telefoon"],
            [None, None, None, None], ["R3", 3, 3, "site"]]
    path = write(tmp_path, "survey.xlsx", workbook_bytes(rows, sheets=["Toelichting"]))
    result = read_survey(path)
    assert (result.format, result.sheet) == ("xlsx", "Antwoorden")
    assert list(result.data.columns) == ["respondent", "c1", "c2", "kanaal"]
    assert result.data["c2"].tolist() == [4, 2, 3]
    assert pd.api.types.is_numeric_dtype(result.data["c2"])
    assert result.rows == [2, 3, 5]
    assert any("2 sheets" in w for w in result.warnings)


def test_xlsx_sheet_by_name_and_unknown_sheet(tmp_path):
    path = write(tmp_path, "survey.xlsx", workbook_bytes([["id", "c1"], ["R1", 1]], sheets=["Leeg"]))
    assert "sheet 'Data' not found" in error_of(path, sheet="Data")
    assert "the sheet 'Leeg' is empty" in error_of(path, sheet="Leeg")


def test_xlsx_mixed_column_keeps_the_text_for_validation(tmp_path):
    rows = [["id", "c1", "c2", "c3"]] + [[f"R{i}", 1, 2, 3] for i in range(1, 13)] + [["R13", 2, 2, "vaak"]]
    result = read_survey(write(tmp_path, "survey.xlsx", workbook_bytes(rows)))
    with pytest.raises(SurveyImportError) as info:
        result.validate(likert={c: (1, 5) for c in ("c1", "c2", "c3")})
    assert str(info.value) == "survey.xlsx: row 14, column 'c3': expected a number from 1 to 5, got 'vaak'"


def test_xlsx_header_over_two_rows_is_refused(tmp_path):
    rows = [["respondent", "Regie", None, None, "Relatie", None, None],
            [None, "c1", "c2", "c3", "r1", "r2", "r3"],
            ["R1", 1, 2, 3, 4, 5, 1]]
    path = write(tmp_path, "twee.xlsx", workbook_bytes(rows, merge=["B1:D1", "E1:G1"]))
    message = error_of(path)
    assert message.startswith("twee.xlsx: the header seems to span rows 1-2")
    assert message.endswith("put one header row")


def test_xlsx_title_above_the_header_is_named(tmp_path):
    rows = [["Klantonderzoek 2024"], [], ["id", "c1", "c2", "c3"], ["R1", 1, 2, 3]]
    message = error_of(write(tmp_path, "titel.xlsx", workbook_bytes(rows)))
    assert message == ("titel.xlsx: row 1 holds only 'Klantonderzoek 2024'; the header seems to be "
                       "row 3: delete the rows above the header")


def test_sav_value_labels_and_question_texts(tmp_path):
    frame = pd.DataFrame({"respondent": ["R1", "R2", "R3"], "c1": [1.0, 5.0, -9.0], "kanaal": [1.0, 2.0, 1.0]})
    path = tmp_path / "survey.sav"
    pyreadstat.write_sav(frame, str(path),
                         column_labels=["Respondentnummer", "Ik wil zelf kiezen", "Kanaal"],
                         variable_value_labels={"c1": {1: "helemaal oneens", 5: "helemaal eens"},
                                                "kanaal": {1: "website", 2: "telefoon"}},
                         missing_ranges={"c1": [-9]})
    result = read_survey(path)
    assert result.format == "sav"
    assert result.value_labels["kanaal"] == {1: "website", 2: "telefoon"}
    assert result.value_labels["c1"][5] == "helemaal eens"
    assert result.column_labels["c1"] == "Ik wil zelf kiezen"
    assert result.data["kanaal"].tolist() == [1.0, 2.0, 1.0]  # codes stay numeric
    assert np.isnan(result.data["c1"].iloc[2])  # SPSS user-missing -9
    assert any("user-missing" in w for w in result.warnings)
    assert result.rows == [1, 2, 3]
    # content decides, not the extension
    assert read_survey(path.read_bytes(), "survey.dat").format == "sav"


def test_a_crashing_sav_reader_does_not_take_the_app_down(tmp_path, monkeypatch):
    """ReadStat (C) segfaults on some damaged .sav files; it runs in a child process."""
    frame = pd.DataFrame({"id": ["a", "b", ""], "c1": [1.0, 2.0, -9.0]})
    path = tmp_path / "damaged.sav"
    pyreadstat.write_sav(frame, str(path), column_labels=["Respondent", "Vraag 1"],
                         variable_value_labels={"c1": {1: "nooit", 2: "soms", -9: "weet niet"}},
                         missing_ranges={"c1": [-9]})
    raw = bytearray(path.read_bytes())
    raw[349], raw[422] = 108, 157  # two flipped bytes that crashed pyreadstat 1.3.7 in-process
    assert error_of(bytes(raw[:594]), "damaged.sav").startswith("damaged.sav: cannot read the SPSS file")
    monkeypatch.setattr(importer, "_SAV_CHILD", "import os; os.abort()")
    assert error_of(path) == ("damaged.sav: cannot read the SPSS file (the reader stopped on it; "
                              "the file seems damaged)")


def test_a_sav_wider_than_the_column_limit_is_refused_before_its_rows_are_read(tmp_path):
    """The same 1,600-column limit as CSV and XLSX: read from the .sav dictionary, not the data."""
    width = importer.MAX_COLUMNS + 1
    frame = pd.DataFrame(np.ones((2, width)), columns=[f"v{i}" for i in range(width)])
    path = tmp_path / "wide.sav"
    pyreadstat.write_sav(frame, str(path))
    assert error_of(path) == f"wide.sav: the file has {width} variables; the limit is {importer.MAX_COLUMNS}"


# ------------------------------------------------------------------ errors

def test_empty_file(tmp_path):
    assert error_of(write(tmp_path, "survey.csv", b"")) == "survey.csv: the file is empty"
    assert error_of(write(tmp_path, "blank.csv", b" \r\n\n")) == "blank.csv: the file is empty"


def test_binary_garbage_is_not_a_survey(tmp_path):
    assert error_of(write(tmp_path, "photo.csv", PNG_BYTES)) == "photo.csv: not a CSV, XLSX or SAV file"
    assert "not a CSV, XLSX or SAV file" in error_of(b"PK\x03\x04not really a zip", "fake.xlsx")
    assert "not a valid SPSS .sav file" in error_of(b"id,c1\n1,2\n", "text.sav")
    assert "old Excel .xls" in error_of(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100, "old.xls")


def test_oversized_file_is_refused_with_sizes(tmp_path, monkeypatch):
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:  # a sparse 60 MB file: takes no disk space
        fh.truncate(60 * 1024 * 1024)
    monkeypatch.setattr(pd, "read_csv", lambda *a, **k: pytest.fail("parsed an oversized file"))
    assert error_of(big) == "big.csv: is 60.0 MB; the limit is 50 MB"
    assert MAX_UPLOAD_BYTES == 50 * 1024 * 1024
    monkeypatch.undo()

    small = write(tmp_path, "small.csv", "id,c1\n" + "R1,1\n" * 300)  # 1506 bytes
    assert error_of(small, max_bytes=1024) == "small.csv: is 1.5 KB; the limit is 1 KB"
    assert read_survey(small, max_bytes=2048).data.shape == (300, 2)


def test_size_is_checked_before_the_content_is_read():
    class HugeUpload(io.RawIOBase):
        """Reports 200 MB; reading it would fail the test."""
        name = "huge.csv"
        position = 0

        def tell(self):
            return self.position

        def seek(self, offset, whence=io.SEEK_SET):
            self.position = 200 * 1024 * 1024 if whence == io.SEEK_END else offset
            return self.position

        def read(self, size=-1):
            pytest.fail("read the content of an oversized upload")

    assert error_of(HugeUpload()) == "huge.csv: is 200.0 MB; the limit is 50 MB"


def test_wrong_delimiter_is_named(tmp_path):
    message = error_of(write(tmp_path, "pipe.csv", "id|c1|c2\nR1|1|2\nR2|3|4\n"))
    assert message.startswith("pipe.csv: only one column found")
    assert "pipe ('|')" in message
    quoted = error_of(write(tmp_path, "quoted.csv", '"id,c1,c2"\n"R1,1,2"\n"R2,3,4"\n'))
    assert "comma (',')" in quoted and "wrapped in double quotes" in quoted


def test_ragged_row_names_the_row(tmp_path):
    text = "id,c1,c2\nR1,1,2\nR2,3,4\nR3,5,1,9\nR4,1,1\n"
    assert error_of(write(tmp_path, "survey.csv", text)) == (
        "survey.csv: row 4: expected at most 3 fields (as in the header), got 4; "
        "the value '9' has no column")


def test_duplicate_column_names_after_stripping(tmp_path):
    message = error_of(write(tmp_path, "survey.csv", "id,c1,c2,c1 \nR1,1,2,3\n"))
    assert message == "survey.csv: duplicate column name 'c1' (columns 2 and 4); give every column its own name"


# ------------------------------------------------------------------ validate_survey

def likert_csv(bad_row: int, bad_value: str) -> str:
    lines = ["respondent,c1,c2,c3"]
    for row in range(2, 21):
        c3 = bad_value if row == bad_row else str(row % 5 + 1)
        lines.append(f"R{row:04d},{row % 5 + 1},weet niet,{c3}")
    return "\n".join(lines) + "\n"


def test_likert_item_with_text_names_row_and_column(tmp_path):
    result = read_survey(write(tmp_path, "survey.csv", likert_csv(14, "vaak")))
    with pytest.raises(SurveyImportError) as info:
        result.validate(id_column="respondent", likert={c: (1, 5) for c in ("c1", "c2", "c3")},
                        missing=[-9, "Weet niet"])
    assert str(info.value) == "survey.csv: row 14, column 'c3': expected a number from 1 to 5, got 'vaak'"


def test_likert_out_of_range_and_first_bad_cell_in_file_order(tmp_path):
    data = pd.DataFrame({"c1": [1, 2, 3, 9], "c2": [1, 7, 2, 3]})
    with pytest.raises(SurveyImportError) as info:
        validate_survey(data, id_column=None, likert={"c1": (1, 5), "c2": (1, 5)}, missing=[],
                        source="survey.csv")
    assert str(info.value) == "survey.csv: row 3, column 'c2': expected a number from 1 to 5, got 7"


def test_missing_codes_numbers_text_and_case(tmp_path):
    text = "respondent;c1;c2;kanaal\nR1;-9;2;Weet niet\nR2;3;-9;site\nR3;4;DON'T KNOW;-9\n"
    result = read_survey(write(tmp_path, "survey.csv", text))
    clean = result.validate(id_column="respondent", likert={"c1": (1, 5), "c2": (1, 5)},
                            missing=[-9, "weet niet", "don't know"])
    assert clean["c1"].dtype == float and clean["c2"].dtype == float
    assert clean["c1"].isna().tolist() == [True, False, False]
    assert clean["c2"].isna().tolist() == [False, True, True]
    assert clean["kanaal"].isna().tolist() == [True, False, True]
    assert clean["respondent"].tolist() == ["R1", "R2", "R3"]
    assert result.data["c1"].iloc[0] == -9  # the import itself is untouched


def test_duplicate_ids_name_both_rows(tmp_path):
    ids = [f"R{i:04d}" for i in range(101, 120)]  # rows 2..20
    ids[3] = ids[17] = "R0012"  # rows 5 and 19
    ids[10] = ids[15] = "R0200"  # rows 12 and 17: a later pair, not reported first
    lines = ["respondent,c1"] + [f"{i},3" for i in ids]
    result = read_survey(write(tmp_path, "survey.csv", "\n".join(lines) + "\n"))
    with pytest.raises(SurveyImportError) as info:
        result.validate(id_column="respondent", likert={"c1": (1, 5)})
    assert str(info.value) == "survey.csv: column 'respondent': duplicate id 'R0012' in rows 5 and 19"


def test_id_column_checks():
    data = pd.DataFrame({"respondent": ["R1", None, "R3"], "c1": [1, 2, 3]})
    with pytest.raises(SurveyImportError, match=r"^s\.csv: row 3, column 'respondent': expected an id, got an empty cell$"):
        validate_survey(data, id_column="respondent", likert={}, missing=[], source="s.csv")
    with pytest.raises(SurveyImportError, match=r"^s\.csv: column 'resp' \(the id\) not found; columns are 'respondent', 'c1'$"):
        validate_survey(data, id_column="resp", likert={}, missing=[], source="s.csv")
    numeric_ids = pd.DataFrame({"id": [12, 13.0, 12.0]})
    with pytest.raises(SurveyImportError, match="duplicate id '12' in rows 2 and 4"):
        validate_survey(numeric_ids, id_column="id", likert={}, missing=[], source="s.csv")


def test_validate_is_a_value_error_for_callers():
    assert issubclass(SurveyImportError, ValueError)
    with pytest.raises(ValueError, match="column 'c9' \\(a scale item\\) not found"):
        validate_survey(pd.DataFrame({"c1": [1]}), id_column=None, likert={"c9": (1, 5)}, missing=[], source="s")


# ------------------------------------------------------------------ robustness

@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from([b"", b"PK\x03\x04", b"$FL2", b"\xef\xbb\xbf", b"id;c1\n", b"sep=,\n"]),
       body=st.binary(max_size=400), name=st.sampled_from(["x.csv", "x.xlsx", "x.sav", "x.bin"]))
def test_random_bytes_only_ever_raise_survey_import_error(prefix, body, name):
    try:
        result = read_survey(prefix + body, name)
    except SurveyImportError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result.data, pd.DataFrame)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", "1", "3,5", "x", '"a;b"', " ", "-9", "é"]),
                         min_size=1, max_size=5), min_size=1, max_size=6),
       st.sampled_from([",", ";", "\t"]))
def test_random_delimited_text_only_ever_raises_survey_import_error(cells, delimiter):
    text = "\n".join(delimiter.join(row) for row in cells)
    try:
        read_survey(text.encode("utf-8"), "x.csv")
    except SurveyImportError as exc:
        assert "\n" not in str(exc)
