"""Export of the presentation deck, posters and fans (issue 10, export part of issue 5).

One demo project (4 personas from a GMM on the planted home-buyer survey, 3 example journeys)
is built once; the deck goes through one kaleido server for HTML and PPTX, as in the app.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from data.demo import generate_demo
from segmentation.codebook import parse_codebook
from studio.cli import main
from studio.export import build_deck, export_project
from studio.export.html import deck_html
from studio.export.images import FigureRenderer
from studio.export.pdf import html_to_pdf
from studio.export.pptx import deck_pptx
from studio.personas_service import build_personas
from studio.schema import Project
from studio.segmenting import run_segmentation
from studio.service import _example_journeys

HAS_CHROMIUM = Path("/usr/bin/chromium").exists()
HAS_POPPLER = shutil.which("pdftoppm") is not None and shutil.which("pdftotext") is not None
EVIL = "<script>alert(1)</script>"
AUDIT = {"title": "Werkplaats: zelfde geval", "n_votes": 12, "fleiss_kappa": {"value": 0.18},
         "noise_index": 0.41, "cases": [{"case": "late_change", "n": 6, "mode": "accept", "share_mode": 0.5}]}


@pytest.fixture(scope="module")
def project() -> Project:
    demo = generate_demo(n=400, seed=7)
    book = parse_codebook(demo.codebook, "codebook")
    p = Project(name="Thuiskopers: één deck", description="Kopers van nieuwbouw, gezien door de ogen van de aannemer.",
                codebook=book.to_dict(), quotes=list(demo.quotes), journeys=_example_journeys()[:3])
    p.segmentations = [run_segmentation(demo.survey, book, "gmm", k=4, n_boot=0)]
    build_personas(p, demo.survey)
    p.personas[0]["name"] = f"Zoë {EVIL}"
    p.personas[1]["name"] = "De Regisseur: naïef noch passief, één café"
    return p


@pytest.fixture(scope="module")
def rendered(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    slides = build_deck(project, audit=AUDIT)
    with FigureRenderer() as renderer:
        html = deck_html(slides, renderer, title=project.name)
        deck_pptx(slides, out / "deck.pptx", renderer)
    (out / "deck.html").write_text(html, encoding="utf-8")
    return {"slides": slides, "html": html, "dir": out}


def test_deck_has_every_part_in_order(project, rendered):
    kinds = [s.kind for s in rendered["slides"]]
    # title, axes, 4 persona cards, 3 journeys each followed by its rules of play, the audit
    assert kinds[:6] == ["title", "axes", "persona", "persona", "persona", "persona"]
    assert kinds.count("journey") == 3 and kinds[-1] == "audit"
    assert all(s.notes for s in rendered["slides"]), "every slide carries facilitator notes"
    names = [s.title for s in rendered["slides"] if s.kind == "journey"]
    assert names == [j["name"] for j in project.journeys]


def test_pptx_opens_with_editable_texts(project, rendered):
    from pptx import Presentation

    prs = Presentation(str(rendered["dir"] / "deck.pptx"))
    assert len(prs.slides) == len(rendered["slides"])
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(c.text for r in shape.table.rows for c in r.cells)
    joined = "\n".join(texts)
    for p in project.personas:
        assert p["name"] in joined
    for j in project.journeys:
        assert j["name"] in joined
    assert "Fleiss' kappa: 0.18" in joined
    assert prs.slides[2].notes_slide.notes_text_frame.text  # presenter notes travel with the deck
    pictures = sum(1 for s in prs.slides for sh in s.shapes if sh.shape_type == 13)
    assert pictures >= 1 + 4 + 3  # axes chart, 4 avatars, 3 journey maps


def test_html_is_one_offline_file_with_escaped_text(project, rendered):
    html = rendered["html"]
    assert not re.search(r"https?://", html), "no http(s) reference at all: the file opens offline"
    assert not re.search(r"<(link|iframe)\b", html) and "src=\"/" not in html
    assert EVIL not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # only the inline keyboard handler
    assert html.count('<section class="slide') == len(rendered["slides"])
    assert "ArrowRight" in html and "' '" in html  # keyboard next/previous


def _page_pngs(pdf: Path, tmp: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp / "page")], check=True, timeout=60)
    return sorted(tmp.glob("page-*.png"))


def _not_blank(png: Path) -> bool:
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(png).convert("L"), dtype=float)
    return pixels.std() > 5.0


@pytest.mark.skipif(not (HAS_CHROMIUM and HAS_POPPLER), reason="needs /usr/bin/chromium and poppler-utils")
def test_deck_pdf_has_a_filled_16_9_page_per_slide(rendered, tmp_path):
    pdf = html_to_pdf(rendered["html"], tmp_path / "deck.pdf")
    pages = _page_pngs(pdf, tmp_path)
    assert len(pages) == len(rendered["slides"])
    assert all(_not_blank(p) for p in pages)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(w / h - 16 / 9) < 0.01
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "Zoë" in text and "naïef" in text and "één café" in text


@pytest.mark.skipif(not (HAS_CHROMIUM and HAS_POPPLER), reason="needs /usr/bin/chromium and poppler-utils")
@pytest.mark.parametrize("size, points", [("A4", (595, 842)), ("A3", (842, 1191))])
def test_posters_one_page_per_persona(project, tmp_path, size, points):
    result = export_project(project, "pdf", tmp_path / "posters.pdf", what="posters", size=size)
    pages = _page_pngs(tmp_path / "posters.pdf", tmp_path)
    assert result["pages"] == len(pages) == len(project.personas) == 4
    assert all(_not_blank(p) for p in pages)
    info = subprocess.run(["pdfinfo", str(tmp_path / "posters.pdf")], capture_output=True, text=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(w - points[0]) < 2 and abs(h - points[1]) < 2
    text = subprocess.run(["pdftotext", str(tmp_path / "posters.pdf"), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())  # names may wrap on a poster
    for word in ("Zoë", "naïef", "één café"):
        assert word in text


@pytest.mark.skipif(not (HAS_CHROMIUM and HAS_POPPLER), reason="needs /usr/bin/chromium and poppler-utils")
def test_fans_via_cli_four_cards_per_landscape_page(project, tmp_path, studio_home):
    source = tmp_path / "p.studio.json"
    source.write_text(json.dumps(json.loads(project.model_dump_json()), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "fans.pdf"
    assert main(["export", str(source), "--format", "pdf", "--out", str(out), "--what", "fans", "--json"]) == 0
    pages = _page_pngs(out, tmp_path)
    assert len(pages) == 1 and _not_blank(pages[0])
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split())
    assert all(p["name"].split(":")[0].split()[0] in text for p in project.personas)
    assert text.count("of customers") == 4  # all four cards fit on the one page


def test_cli_export_bad_input_exits_2(tmp_path, studio_home, capsys):
    assert main(["export", str(tmp_path / "missing.studio.json"), "--format", "pdf", "--out", "x.pdf"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "missing.studio.json" in err and len(err.strip().splitlines()) == 1
    empty = tmp_path / "empty.studio.json"
    empty.write_text(json.dumps({"name": "leeg"}), encoding="utf-8")
    assert main(["export", str(empty), "--format", "pdf", "--out", str(tmp_path / "x.pdf"), "--what", "posters"]) == 2
    assert "no personas" in capsys.readouterr().err


@pytest.mark.skipif(not HAS_CHROMIUM, reason="needs /usr/bin/chromium")
def test_png_cards_in_batches_one_file_per_persona(project, tmp_path):
    """13 cards: two chromium batches (12 + 1); every card its own 800 x 1100 image, in order."""
    import numpy as np
    from PIL import Image

    from personas.model import Persona
    from studio.export.png import BATCH, persona_pngs

    four = [Persona.model_validate(p) for p in project.personas]
    cards = [p.model_copy(update={"name": f"Kaart {i + 1}: {p.name[:20]}"}) for i, p in enumerate((four * 4)[:BATCH + 1])]
    seen = []
    paths = persona_pngs(cards, tmp_path, progress=lambda f, name: seen.append(name))
    assert all(p.name.startswith(f"{i + 1:02d}-kaart-{i + 1}-") for i, p in enumerate(paths))
    assert len(paths) == 13 and seen == [c.name for c in cards]
    images = [np.asarray(Image.open(p).convert("L"), dtype=float) for p in paths]
    assert all(im.shape == (1100, 800) and im.std() > 5 for im in images)  # the 13th card too
    assert not np.array_equal(images[0], images[4])  # names differ, so the pixels do
    assert np.abs(images[1][:250] - images[5][:250]).mean() < 0.5  # same persona, same avatar (anti-aliasing aside)


# -- the chosen photo on cards and fans (issue 5 follow-up) ------------------------------------------

RED = (220, 30, 40)


def _image_uri(fmt: str = "PNG", mime: str | None = None, size=(300, 400), colour=RED, tail: bytes = b"",
               exif: bool = False) -> str:
    import base64
    import io

    from PIL import Image

    image = Image.new("RGB", size, colour)
    buf = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x0112] = 6  # orientation: rotate 90 degrees on display
        data[0x8825] = {2: (52.0, 22.0, 1.0)}  # a GPS latitude: where the photo was taken
        kwargs["exif"] = data.tobytes()
    image.save(buf, fmt, **kwargs)
    mime = mime or f"image/{fmt.lower()}"
    return f"data:{mime};base64," + base64.b64encode(buf.getvalue() + tail).decode("ascii")


def _with_photo(project, uri: str, k: int = 1):
    from personas.model import Persona, Picture

    ps = [Persona.model_validate(p) for p in project.personas]
    ps[k] = ps[k].model_copy(update={"picture": Picture(kind="photo", uri=uri)})
    return ps


def _embedded(html: str) -> list[tuple[str, bytes]]:
    """Every data: URI in a document as (mime, decoded bytes)."""
    import base64

    return [(m, base64.b64decode(b)) for m, b in re.findall(r'data:([a-z/+.-]+);base64,([A-Za-z0-9+/=]+)', html)]


@pytest.mark.parametrize("fmt, mime", [("PNG", None), ("JPEG", None), ("WEBP", None), ("JPEG", "image/png")])
def test_cards_and_fans_embed_the_chosen_photo(project, fmt, mime):
    """PNG, JPEG and WebP photos (checked by their bytes, whatever the URI claims) show on the card
    and the fan of their persona; the other personas keep their avatar."""
    import io

    from PIL import Image

    from studio.export.html import card_html, fans_html

    ps = _with_photo(project, _image_uri(fmt, mime))
    for html, avatars in ((card_html(ps[1]), 0), (fans_html(ps), 3)):
        photos = re.findall(r'<img class="photo" alt="" src="(data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=]+)"', html)
        assert len(photos) == 1
        assert [m for m, _ in _embedded(html)].count("image/svg+xml") == avatars
        (_, raw), = [(m, b) for m, b in _embedded(html) if m != "image/svg+xml"]
        with Image.open(io.BytesIO(raw)) as image:
            assert image.size == (300, 400)
            r, g, b = image.convert("RGB").getpixel((150, 200))
            assert abs(r - RED[0]) < 12 and abs(g - RED[1]) < 12 and abs(b - RED[2]) < 12
    assert 'class="photo"' not in card_html(ps[0])


def test_photo_is_reencoded_upright_without_metadata(project):
    """A phone JPEG rotated by EXIF shows upright, and its EXIF (here a GPS position) is not embedded."""
    import io

    from PIL import Image

    from studio.export.html import card_html

    html = card_html(_with_photo(project, _image_uri("JPEG", size=(400, 300), exif=True))[1])
    (_, raw), = [(m, b) for m, b in _embedded(html) if m != "image/svg+xml"]
    with Image.open(io.BytesIO(raw)) as image:
        assert image.size == (300, 400)  # turned as the camera asked
        assert not image.getexif() and b"Exif" not in raw


def _bomb() -> str:
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buf, "PNG")  # 48 megapixels in a few kB
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


@pytest.mark.parametrize("uri", [
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+",  # SVG that runs a script
    "data:image/png;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+",  # the same SVG claiming to be a PNG
    "data:image/jpeg;base64,PGh0bWw+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0PjwvaHRtbD4=",  # HTML claiming JPEG
    "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==",  # GIF: not accepted
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",  # a PNG cut short
    "data:image/png;base64,not base64 at all!",
    'data:image/png;base64,iVBORw0K" onerror="alert(1)',  # breaking out of the attribute
    "https://example.org/face.png",  # no fetches from elsewhere
    "__BOMB__",
])
def test_a_photo_that_is_not_a_clean_image_is_never_embedded(project, uri):
    from studio.export.html import card_html, fans_html

    uri = _bomb() if uri == "__BOMB__" else uri
    ps = _with_photo(project, uri)
    for html in (card_html(ps[1]), fans_html(ps)):
        assert 'class="photo"' not in html and "onerror" not in html and "example.org" not in html
        assert {m for m, _ in _embedded(html)} == {"image/svg+xml"}  # the avatar stands in


def test_a_payload_after_the_image_bytes_is_not_carried_along(project):
    from studio.export.html import card_html

    html = card_html(_with_photo(project, _image_uri("PNG", tail=b"<script>alert('x')</script>"))[1])
    assert 'class="photo"' in html
    assert all(b"<script>" not in raw for _, raw in _embedded(html))


@pytest.mark.skipif(not HAS_CHROMIUM, reason="needs /usr/bin/chromium")
def test_png_card_shows_the_photo_and_long_dutch_text_stays_inside(project, tmp_path):
    """Pixels: the photo's red fills the picture box of its card (the avatar card has none), and a
    persona with long Dutch texts and long words shrinks to fit: nothing reaches the 40 px margin."""
    import numpy as np
    from PIL import Image

    from studio.export.png import persona_pngs

    ps = _with_photo(project, _image_uri("JPEG", size=(400, 400)))
    paths = persona_pngs([ps[0], ps[1], _long_dutch(ps[1])], tmp_path)
    cards = [np.asarray(Image.open(p).convert("RGB"), dtype=int) for p in paths]

    def red_share(card):
        box = card[45:255, 295:505]  # the 220 x 220 picture box at the top, centred
        return ((box[..., 0] > 180) & (box[..., 1] < 80) & (box[..., 2] < 90)).mean()

    assert red_share(cards[1]) > 0.95 and red_share(cards[0]) < 0.01
    for k, card in enumerate(cards):
        grey = card.mean(axis=2)
        assert (grey[-30:] > 245).all(), f"card {k + 1}: text runs into the bottom margin"
        assert (grey[:, -30:] > 245).all() and (grey[:, :30] > 245).all(), f"card {k + 1}: text at the side"
    ink = np.flatnonzero((cards[2].mean(axis=2) < 200).any(axis=1))
    assert ink[-1] > 1100 * 0.7, "the long card still uses the card's height"


def _long_dutch(p):
    return p.model_copy(update={
        "id": "lang", "picture": None,
        "name": "Zoë, de coördinator: naïef noch passief, één café",
        "tagline": "Wil bij élke keuze meebeslissen; geïnteresseerd in ideeën, reünies en overleg ter plaatse.",
        "needs": ["Een vaste contactpersoon die dóórvraagt en de ideeën serieus neemt, ook na de oplevering"] * 5,
        "behaviours": ["Belt vaker dan anderen over aansprakelijkheidsverzekeringsvoorwaarden en meerwerk"] * 5,
        "contexts": ["Koopt samen met partner en ouders; woont nu in een huurwoning ver van de bouwplaats"] * 3,
        "quotes": ["We willen overal over meedenken, van de tegels in de badkamer tot de plek van elk "
                   "stopcontact in de garage, en dat alles vastgelegd in een logboek met data."] * 3})


@pytest.mark.skipif(not (HAS_CHROMIUM and HAS_POPPLER), reason="needs /usr/bin/chromium and poppler-utils")
def test_fans_pdf_shows_the_photo_and_long_text_stays_inside_the_fan(project, tmp_path):
    """Pixels at 100 dpi: red only in the second fan's picture box; under each fan's text, the
    strip above its bottom border is blank (the text shrank instead of being cut at the edge)."""
    import numpy as np
    from PIL import Image

    ps = _with_photo(project, _image_uri("PNG", size=(400, 400)))
    sheet = [ps[0], ps[1], _long_dutch(ps[1]), ps[3]]
    pdf = html_to_pdf(__import__("studio.export.html", fromlist=["fans_html"]).fans_html(sheet), tmp_path / "f.pdf")
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "f")], check=True, timeout=60)
    page = np.asarray(Image.open(sorted(tmp_path.glob("f-*.png"))[0]).convert("RGB"), dtype=int)
    mm = page.shape[1] / 297.0
    red = (page[..., 0] > 180) & (page[..., 1] < 80) & (page[..., 2] < 90)
    for k in range(4):
        left = int((9 + k * 69) * mm)
        fan = red[:, left:int(left + 66 * mm)]
        assert (fan.mean() > 0.01) == (k == 1), f"fan {k + 1}: photo where it should {'' if k == 1 else 'not '}be"
        strip = page[int(200.6 * mm):int(204.2 * mm), left + int(3 * mm):left + int(63 * mm)].mean(axis=2)
        assert (strip > 245).all(), f"fan {k + 1}: text runs into the bottom edge"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "Zoë, de coördinator" in text and text.count("of customers") == 4
