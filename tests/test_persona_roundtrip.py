"""Persona set round trip (issue 5): export JSON -> import into a fresh project -> the same personas,
field for field; merge by id keeps the newest edit, justified findings and picture choices; bad
files are refused in one line; posters print every name and tagline and fill A4 and A3 pages."""
from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from data.demo import generate_demo
from personas.generate import mark_edited
from personas.io import MAX_BYTES, PersonaFileError, merge_imported, personas_to_json, read_personas_json
from personas.model import Justification, Persona, Picture
from segmentation.codebook import parse_codebook
from studio.cli import main
from studio.personas_service import build_personas, import_personas, project_personas
from studio.schema import Project
from studio.segmenting import run_segmentation

HAS_TOOLS = Path("/usr/bin/chromium").exists() and shutil.which("pdftoppm") and shutil.which("pdftotext")
PNG_1PX = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def personas() -> list[Persona]:
    """Four generated personas, then what a team does to them: a Dutch edit, a justified finding,
    a photo, a quote without a source."""
    demo = generate_demo(n=300, seed=7)
    book = parse_codebook(demo.codebook, "codebook")
    project = Project(name="Thuiskopers", codebook=book.to_dict(), quotes=list(demo.quotes))
    project.segmentations = [run_segmentation(demo.survey, book, "gmm", k=4, n_boot=0)]
    build_personas(project, demo.survey)
    ps = project_personas(project)
    mark_edited(ps[0], "name", "De Regisseur: naïef noch passief, één café")
    ps[1].justified.append(Justification(code="demographic.family", field="tagline", span="gezin",
                                         reason="Uit het verhaal van de klant, gecheckt"))
    mark_edited(ps[2], "picture", Picture(kind="photo", uri=PNG_1PX).model_dump())
    ps[3].quotes.append("Wij willen meedenken over élke keuze")
    return ps


def test_export_then_import_into_a_fresh_project_gives_identical_personas(personas, tmp_path, studio_home):
    exported = json.loads(personas_to_json(personas))
    source = tmp_path / "personas.json"
    source.write_text(personas_to_json(personas), encoding="utf-8")
    fresh = tmp_path / "fresh.studio.json"
    assert main(["personas", str(fresh), "--from-json", str(source), "--json"]) == 0
    stored = json.loads(fresh.read_text(encoding="utf-8"))["personas"]
    assert stored == exported  # every field, extras (edited, edited_at, run, channels) included
    assert stored[1]["justified"][0]["reason"] == "Uit het verhaal van de klant, gecheckt"
    assert stored[2]["picture"]["kind"] == "photo" and stored[0]["name"].startswith("De Regisseur: naïef")
    # the project file itself reads back as a persona set too (object with a 'personas' list)
    assert [p.model_dump(mode="json") for p in read_personas_json(fresh.read_bytes())] == exported


def test_merge_keeps_the_newest_edit_justifications_and_pictures(personas):
    project_side = [p.model_copy(deep=True) for p in personas]
    file_side = [p.model_copy(deep=True) for p in personas]
    mark_edited(file_side[0], "tagline", "Older edit, made in the file")
    time.sleep(0.002)
    mark_edited(project_side[0], "tagline", "Newer edit, made in the app")
    mark_edited(file_side[1], "description", "Only the file changed this")
    file_side[1].justified = []  # the file never saw the team's justification
    file_side[2].picture = Picture(kind="avatar")  # exported before the team chose the photo
    file_side[2].__pydantic_extra__.update(edited=[], edited_at={})
    file_side[3].tagline = "Generated text from another run"  # nobody edited: the file's value
    extra = file_side[0].model_copy(deep=True)
    extra.id, extra.name = "seg-new", "Nieuwe persona"
    merged, report = merge_imported(project_side[:3] + project_side[3:], file_side + [extra])
    by_id = {p.id: p for p in merged}
    assert by_id[personas[0].id].tagline == "Newer edit, made in the app"
    assert by_id[personas[1].id].description == "Only the file changed this"
    assert by_id[personas[1].id].justified[0].reason == "Uit het verhaal van de klant, gecheckt"
    assert by_id[personas[2].id].picture.kind == "photo"
    assert by_id[personas[3].id].tagline == "Generated text from another run"
    assert [p.id for p in merged] == [p.id for p in personas] + ["seg-new"]
    changes = {r["persona"]: r for r in report}
    assert changes["seg-new"]["change"] == "added"
    assert changes[personas[0].id]["fields"]["tagline"] == "project"
    assert changes[personas[1].id]["fields"]["description"] == "file"


def test_service_replace_and_merge(personas):
    project = Project(name="p", personas=[p.model_dump(mode="json") for p in personas])
    only_two = personas_to_json(personas[:2]).encode("utf-8")
    result = import_personas(project, only_two, mode="merge")
    assert len(project.personas) == 4 and result["kept"] == 2 and result["unchanged"] == 2
    result = import_personas(project, only_two, mode="replace")
    assert [p["id"] for p in project.personas] == [p.id for p in personas[:2]] and result["removed"] == 2
    with pytest.raises(ValueError, match="mode: expected one of merge, replace"):
        import_personas(project, only_two, mode="append")


@pytest.mark.parametrize("content, message", [
    (b"name: De Regisseur\n", "not JSON (line 1, column 1"),
    (b'{"personas": 3}', "expected a JSON list of personas"),
    (b'"De Regisseur"', "expected a JSON list of personas (or an object with a 'personas' list), got text"),
    (b'[{"id": "a", "name": "A"}, {"id": "b", "tagline": "no name"}]', "personas[1].name: missing"),
    (b'[{"id": "a", "name": "A", "share": "veel"}]', "personas[0].share: expected a number, got 'veel'"),
    (b'[{"id": "a", "name": "A", "needs": "alles"}]', "personas[0].needs: expected a list"),
    (b'[{"id": "a", "name": "A", "picture": {"kind": "drawing"}}]', "personas[0].picture.kind: expected one of"),
    (b'[{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]', "personas[1].id: 'a' is also personas[0]"),
    (b'[{"id": "a", "name": "A", "share": NaN}]', "not JSON (NaN is not a JSON number)"),
    (b"\xff\xfe[]", "not UTF-8 text"),
    (b"[" * 100_000, "not JSON"),
])
def test_bad_files_give_one_line_errors(content, message):
    with pytest.raises(PersonaFileError) as error:
        read_personas_json(content)
    assert str(error.value).startswith(message) and "\n" not in str(error.value)


def test_huge_file_is_refused_before_parsing():
    with pytest.raises(PersonaFileError, match=r"^20.0 MB, larger than the 20 MB limit"):
        read_personas_json(b" " * (MAX_BYTES + 1))


def test_cli_bad_file_exits_2_naming_the_file(tmp_path, studio_home, capsys):
    bad = tmp_path / "set.json"
    bad.write_text('[{"id": "a"}]', encoding="utf-8")
    target = tmp_path / "p.studio.json"
    target.write_text(json.dumps({"name": "leeg"}), encoding="utf-8")
    assert main(["personas", str(target), "--from-json", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: {bad}: personas[0].name: missing (expected the persona's name as text)"
    assert json.loads(target.read_text(encoding="utf-8")).get("personas", []) == []  # untouched


# -- posters --------------------------------------------------------------------------------------

def _long_dutch(personas: list[Persona]) -> list[Persona]:
    long = personas[1].model_copy(deep=True)
    long.id, long.name = "lang", "Zoë, de coördinator: naïef noch passief, één café"
    long.tagline = "Wil bij élke keuze meebeslissen; geïnteresseerd in ideeën, reünies en overleg."
    long.description = "Zoë en haar partner zijn geïnteresseerd in elk detail van het meerwerk. " * 6
    long.needs = long.needs + ["Een vaste contactpersoon die dóórvraagt en de ideeën serieus neemt"] * 3
    return [*personas, long]


def _pages(pdf: Path, tmp: Path, dpi: int = 30) -> list[np.ndarray]:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(tmp / "pg")], check=True, timeout=60)
    return [np.asarray(Image.open(p).convert("L"), dtype=float) for p in sorted(tmp.glob("pg-*.png"))]


@pytest.mark.skipif(not HAS_TOOLS, reason="needs /usr/bin/chromium and poppler-utils")
@pytest.mark.parametrize("size", ["A4", "A3"])
def test_posters_fill_the_page_and_print_every_name_and_tagline(personas, tmp_path, size):
    from personas.posters import posters_html
    from studio.export.pdf import html_to_pdf

    sheet = _long_dutch(personas)
    pdf = html_to_pdf(posters_html(sheet, size=size, lang="nl", project_name="Thuiskopers"), tmp_path / "p.pdf")
    def bare(s: str) -> str:  # lines wrap on a poster, and pdftotext drops a hyphen at a line end
        return "".join(s.split()).replace("-", "")

    text = bare(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    for p in sheet:  # whole, never clipped
        assert bare(p.name) in text and bare(p.tagline) in text, p.name
    pages = _pages(pdf, tmp_path)
    assert len(pages) == len(sheet)
    for k, page in enumerate(pages):
        h, w = page.shape
        ink_rows = np.flatnonzero((page < 200).any(axis=1))
        assert (ink_rows[-1] - ink_rows[0]) / h >= 0.95, f"page {k + 1}: inked area too short"
        # no empty band: the longest run of blank rows is under 12 % of the page (the old
        # fixed-size layout left the bottom 40 % of an A4 empty)
        blank = (page > 245).all(axis=1)
        longest = max((len(run) for run in "".join("1" if b else "0" for b in blank).split("0")), default=0)
        assert longest / h < 0.12, f"page {k + 1}: {longest / h:.0%} of the page height is blank"
        # nothing runs into the side margins: the outer 4 % of the body stays white
        body = page[page[:, 0] > 250]  # rows outside the coloured header and footer bands
        edge = max(2, int(w * 0.04))
        assert len(body) > h * 0.4, f"page {k + 1}: the body takes {len(body) / h:.0%} of the page"
        assert (body[:, :edge] > 245).all() and (body[:, -edge:] > 245).all(), f"page {k + 1}: text at the edge"


# -- the persona set through the CLI, both ways (issue 5 follow-up) -------------------------------

def _project_file(path: Path, personas: list[Persona], name: str = "Thuiskopers") -> Path:
    path.write_text(json.dumps({"name": name, "personas": [p.model_dump(mode="json") for p in personas]},
                               ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_export_personas_json_is_the_page_download_and_reads_back(personas, tmp_path, studio_home, capsys):
    """export --what personas --format json writes exactly what the Personas page downloads
    (personas_to_json); personas --from-json into a fresh project gives the same set back."""
    source = _project_file(tmp_path / "source.studio.json", personas)
    out = tmp_path / "sets" / "personas.json"
    assert main(["export", str(source), "--what", "personas", "--format", "json", "--out", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["personas"] == 4 and result["ids"] == [p.id for p in personas]
    assert out.read_text(encoding="utf-8") == personas_to_json(personas)
    fresh = tmp_path / "fresh.studio.json"
    assert main(["personas", str(fresh), "--from-json", str(out), "--json"]) == 0
    capsys.readouterr()
    assert json.loads(fresh.read_text(encoding="utf-8"))["personas"] == json.loads(personas_to_json(personas))
    # and back out of the fresh project: byte for byte the same file
    again = tmp_path / "again.json"
    assert main(["export", str(fresh), "--what", "personas", "--format", "json", "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_cli_replace_swaps_the_set_merge_keeps_the_rest(personas, tmp_path, studio_home, capsys):
    """--replace: the project holds exactly the file's personas afterwards (one edited, two gone);
    without it the same file merges by id and the project's other personas stay."""
    edited = [p.model_copy(deep=True) for p in personas[:2]]
    edited[0].name = "De Regisseur (uit het bestand)"
    set_file = tmp_path / "two.json"
    set_file.write_text(personas_to_json(edited), encoding="utf-8")

    merged = _project_file(tmp_path / "merged.studio.json", personas)
    assert main(["personas", str(merged), "--from-json", str(set_file), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["imported"]
    stored = json.loads(merged.read_text(encoding="utf-8"))["personas"]
    assert [p["id"] for p in stored] == [p.id for p in personas] and result["mode"] == "merge"
    assert stored[0]["name"] == "De Regisseur (uit het bestand)" and result["kept"] == 2

    replaced = _project_file(tmp_path / "replaced.studio.json", personas)
    assert main(["personas", str(replaced), "--from-json", str(set_file), "--replace", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["imported"]
    stored = json.loads(replaced.read_text(encoding="utf-8"))["personas"]
    assert stored == json.loads(personas_to_json(edited))
    assert (result["mode"], result["updated"], result["unchanged"], result["added"], result["removed"]) == \
        ("replace", 1, 1, 0, 2)


def test_cli_replace_works_on_a_stored_project(personas, tmp_path, studio_home, capsys):
    source = _project_file(tmp_path / "p.studio.json", personas)
    assert main(["open", str(source), "--json"]) == 0
    pid = json.loads(capsys.readouterr().out)["project"]
    set_file = tmp_path / "one.json"
    set_file.write_text(personas_to_json(personas[3:]), encoding="utf-8")
    assert main(["personas", pid, "--from-json", str(set_file), "--replace", "--json"]) == 0
    capsys.readouterr()
    out = tmp_path / "back.json"
    assert main(["export", pid, "--what", "personas", "--format", "json", "--out", str(out)]) == 0
    assert [p.id for p in read_personas_json(out.read_bytes())] == [personas[3].id]


@pytest.mark.parametrize("argv, message", [
    (["personas", "{p}", "--replace"], "--replace: only with --from-json"),
    (["export", "{p}", "--what", "fans", "--format", "json", "--out", "{d}/x.json"], "--what personas --format json"),
    (["export", "{p}", "--what", "personas", "--format", "pdf", "--out", "{d}/x.pdf"], "--what personas --format json"),
    (["export", "{e}", "--what", "personas", "--format", "json", "--out", "{d}/x.json"], "no personas yet"),
    (["export", "{p}", "--what", "personas", "--format", "json", "--out", "{d}"], "is a folder"),
])
def test_cli_persona_set_bad_combinations_exit_2(personas, tmp_path, studio_home, capsys, argv, message):
    project = _project_file(tmp_path / "p.studio.json", personas)
    empty = _project_file(tmp_path / "e.studio.json", [])
    before = project.read_bytes()
    argv = [a.format(p=project, e=empty, d=tmp_path) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and message in err and "\n" not in err
    assert project.read_bytes() == before and not (tmp_path / "x.json").exists()


def test_an_uploaded_photo_is_kept_small_and_clean():
    """The Personas page stores what clean_photo returns: a phone photo re-encoded at most 1024 px
    without its camera metadata (each project version carries it), WebP accepted, other files not."""
    import base64
    import io

    from PIL import Image

    from personas.posters import clean_photo

    photo = Image.new("RGB", (3000, 2000), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: must not survive
    raw = io.BytesIO()
    photo.save(raw, "JPEG", quality=95, exif=exif)
    raw = raw.getvalue() + b"<script>alert(1)</script>"  # appended data must not survive either
    uri = clean_photo(raw)
    assert uri is not None and uri.startswith("data:image/jpeg;base64,")
    kept = base64.b64decode(uri.split(",", 1)[1])
    with Image.open(io.BytesIO(kept)) as image:
        assert max(image.size) == 1024 and not image.getexif()
    assert b"<script>" not in kept and len(kept) < len(raw)
    webp = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 90, 200)).save(webp, "WEBP")
    assert clean_photo(webp.getvalue()).startswith("data:image/jpeg;base64,")
    gif = io.BytesIO()
    Image.new("RGB", (40, 30)).save(gif, "GIF")
    assert clean_photo(gif.getvalue()) is None and clean_photo(b"<svg onload=alert(1)>") is None
