"""Dutch and English interface strings, and the user's language choice.

The choice lives in the URL (`?lang=nl`) so a reload, a bookmark or a new tab keeps it, and in the
session; the first visit follows the browser's locale.
"""
from __future__ import annotations

import re

import streamlit as st

LANGS = {"en": "English", "nl": "Nederlands"}

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "Persona Studio", "nl": "Persona Studio"},
    "app.tagline": {"en": "Differentiate, never discriminate", "nl": "Onderscheiden, nooit discrimineren"},
    "lang.label": {"en": "Language", "nl": "Taal"},
    "nav.project": {"en": "Project", "nl": "Project"},
    "nav.data": {"en": "Data", "nl": "Data"},
    "nav.segments": {"en": "Segments", "nl": "Segmenten"},
    "nav.personas": {"en": "Personas", "nl": "Persona's"},
    "nav.journeys": {"en": "Journeys", "nl": "Klantreizen"},
    "nav.rules": {"en": "Rules of play", "nl": "Spelregels"},
    "nav.workshop": {"en": "Workshop", "nl": "Workshop"},
    "nav.present": {"en": "Present", "nl": "Presenteren"},
    "project.current": {"en": "Project", "nl": "Project"},
    "project.saved": {"en": "Saved · version {version}", "nl": "Opgeslagen · versie {version}"},
    "project.not_found": {"en": "Project {id} was not found in this store; opened the project list instead.",
                          "nl": "Project {id} staat niet in deze opslag; de projectlijst is geopend."},
    "project.list": {"en": "Projects in this studio", "nl": "Projecten in deze studio"},
    "project.open": {"en": "Open", "nl": "Openen"},
    "project.new": {"en": "New project", "nl": "Nieuw project"},
    "project.new_name": {"en": "Name of the new project", "nl": "Naam van het nieuwe project"},
    "project.create": {"en": "Create project", "nl": "Project aanmaken"},
    "project.name": {"en": "Project name", "nl": "Projectnaam"},
    "project.description": {"en": "Description", "nl": "Omschrijving"},
    "project.history": {"en": "Version history", "nl": "Versiegeschiedenis"},
    "project.history_help": {"en": "Every edit is saved as a numbered version. Restoring an old version "
                                   "saves it as the newest one; nothing is thrown away.",
                             "nl": "Elke wijziging wordt als genummerde versie opgeslagen. Een oude versie "
                                   "terugzetten slaat haar op als nieuwste; er gaat niets verloren."},
    "project.restore": {"en": "Restore version {version}", "nl": "Versie {version} terugzetten"},
    "project.restored": {"en": "Version {old} restored as version {new}.",
                         "nl": "Versie {old} teruggezet als versie {new}."},
    "project.download": {"en": "Download project file (.studio.json)",
                         "nl": "Projectbestand downloaden (.studio.json)"},
    "project.upload": {"en": "Open a project file (.studio.json)", "nl": "Projectbestand openen (.studio.json)"},
    "project.demo": {"en": "Open the demo project", "nl": "Demoproject openen"},
    "project.reset_demo": {"en": "Create a fresh demo project", "nl": "Nieuw demoproject maken"},
    "conflict.title": {"en": "Your change was not saved: {what}", "nl": "Je wijziging is niet opgeslagen: {what}"},
    "conflict.body": {"en": "Someone else saved version {current} of this project after you loaded version "
                            "{expected} (another tab or a colleague). Nothing is lost: choose what to do.",
                      "nl": "Iemand anders heeft versie {current} van dit project opgeslagen nadat jij versie "
                            "{expected} opende (een ander tabblad of een collega). Er gaat niets verloren: kies "
                            "wat je wilt doen."},
    "conflict.reapply": {"en": "Apply my change to the newest version",
                         "nl": "Mijn wijziging toepassen op de nieuwste versie"},
    "conflict.reload": {"en": "Discard my change and reload", "nl": "Mijn wijziging weggooien en herladen"},
    "data.title": {"en": "Data: survey, codebook and scale reliability",
                   "nl": "Data: enquête, codeboek en betrouwbaarheid van schalen"},
    "data.import": {"en": "1. Import a survey", "nl": "1. Enquête importeren"},
    "data.upload": {"en": "Survey file (CSV, XLSX or SPSS .sav, one row per respondent; at most {mb} MB)",
                    "nl": "Enquêtebestand (CSV, XLSX of SPSS .sav, één rij per respondent; maximaal {mb} MB)"},
    "data.current": {"en": "Current survey: **{source}** · {rows} respondents · {cols} columns",
                     "nl": "Huidige enquête: **{source}** · {rows} respondenten · {cols} kolommen"},
    "data.no_survey": {"en": "No survey yet. Upload one, or open the demo project.",
                       "nl": "Nog geen enquête. Upload er een, of open het demoproject."},
    "data.read_ok": {"en": "Read **{source}**: {rows} rows, {cols} columns ({fmt}).",
                     "nl": "**{source}** gelezen: {rows} rijen, {cols} kolommen ({fmt})."},
    "data.personal": {"en": "Personal data found. Choose per column whether to drop it (recommended) or keep it.",
                      "nl": "Persoonsgegevens gevonden. Kies per kolom of je die weglaat (aanbevolen) of houdt."},
    "data.keep": {"en": "Keep column {col}", "nl": "Kolom {col} houden"},
    "data.do_import": {"en": "Import into the project", "nl": "In het project importeren"},
    "data.imported": {"en": "Imported {rows} respondents.", "nl": "{rows} respondenten geïmporteerd."},
    "data.mismatch": {"en": "This file does not fit the codebook yet: {error}. You can import it and fix the "
                            "codebook or the file afterwards.",
                      "nl": "Dit bestand past nog niet bij het codeboek: {error}. Je kunt het importeren en daarna "
                            "het codeboek of het bestand aanpassen."},
    "data.preview": {"en": "Preview (first rows)", "nl": "Voorbeeld (eerste rijen)"},
    "data.codebook": {"en": "2. Codebook: scales, items, demographics",
                      "nl": "2. Codeboek: schalen, items, demografie"},
    "data.codebook_upload": {"en": "Load a codebook (YAML or JSON)", "nl": "Codeboek laden (YAML of JSON)"},
    "data.codebook_loaded": {"en": "Codebook loaded from {source}.", "nl": "Codeboek geladen uit {source}."},
    "data.codebook_download": {"en": "Download codebook (YAML)", "nl": "Codeboek downloaden (YAML)"},
    "data.id_column": {"en": "Respondent id column", "nl": "Kolom met respondentnummer"},
    "data.row_number": {"en": "(row number)", "nl": "(rijnummer)"},
    "data.scales": {"en": "Scales", "nl": "Schalen"},
    "data.scale_items": {"en": "Items of {scale}", "nl": "Items van {scale}"},
    "data.scale_reverse": {"en": "Reversed items (scored min + max − x)",
                           "nl": "Omgekeerde items (gescoord als min + max − x)"},
    "data.scale_min": {"en": "Lowest answer", "nl": "Laagste antwoord"},
    "data.scale_max": {"en": "Highest answer", "nl": "Hoogste antwoord"},
    "data.scale_label_en": {"en": "Label (English)", "nl": "Label (Engels)"},
    "data.scale_label_nl": {"en": "Label (Dutch)", "nl": "Label (Nederlands)"},
    "data.scale_remove": {"en": "Remove scale {scale}", "nl": "Schaal {scale} verwijderen"},
    "data.scale_add": {"en": "Add a scale", "nl": "Schaal toevoegen"},
    "data.scale_new_name": {"en": "Name of the new scale", "nl": "Naam van de nieuwe schaal"},
    "data.suggested": {"en": "Suggested from item names: {scales}", "nl": "Voorgesteld op basis van itemnamen: {scales}"},
    "data.add_suggested": {"en": "Add suggested scale {scale} ({items})",
                           "nl": "Voorgestelde schaal {scale} toevoegen ({items})"},
    "data.reverse_hint": {"en": "{item} correlates negatively with the rest of {scale} (r = {r}): it looks reversed.",
                          "nl": "{item} hangt negatief samen met de rest van {scale} (r = {r}): het lijkt omgekeerd."},
    "data.mark_reversed": {"en": "Mark {item} as reversed", "nl": "{item} als omgekeerd markeren"},
    "data.categorical": {"en": "Behaviour and context items (used as they are)",
                         "nl": "Gedrags- en contextitems (zoals ze zijn gebruikt)"},
    "data.demographics": {"en": "Demographics (described and checked, never used to form segments)",
                          "nl": "Demografie (beschreven en gecontroleerd, nooit gebruikt om segmenten te vormen)"},
    "data.missing": {"en": "Missing-value codes (comma separated)", "nl": "Codes voor ontbrekend (kommagescheiden)"},
    "data.reliability": {"en": "3. Scale reliability", "nl": "3. Betrouwbaarheid van de schalen"},
    "data.reliability_none": {"en": "Define at least one scale with two or more items to see its reliability.",
                              "nl": "Definieer minstens één schaal met twee of meer items om de betrouwbaarheid te zien."},
    "data.alpha_dropped": {"en": "Alpha if an item is dropped", "nl": "Alpha als een item wegvalt"},
    "data.suspect": {"en": "{item} correlates negatively with the rest of the scale: is it reversed correctly?",
                     "nl": "{item} hangt negatief samen met de rest van de schaal: is het goed omgekeerd?"},
    "data.warnings": {"en": "Worth a look", "nl": "Het bekijken waard"},
    "data.invalid": {"en": "The survey does not match the codebook yet: {error}",
                     "nl": "De enquête past nog niet bij het codeboek: {error}"},
    "col.scale": {"en": "Scale", "nl": "Schaal"},
    "col.item": {"en": "Item", "nl": "Item"},
    "col.verdict": {"en": "Verdict", "nl": "Oordeel"},
    "col.items": {"en": "Items", "nl": "Items"},
    "col.item_rest": {"en": "Item-rest r", "nl": "Item-rest r"},
    "col.raw": {"en": "alpha (raw)", "nl": "alpha (ruw)"},
    "col.std": {"en": "alpha (std.)", "nl": "alpha (gestand.)"},
    "verdict.excellent": {"en": "excellent", "nl": "uitstekend"},
    "verdict.good": {"en": "good", "nl": "goed"},
    "verdict.acceptable": {"en": "acceptable", "nl": "acceptabel"},
    "verdict.questionable": {"en": "questionable", "nl": "twijfelachtig"},
    "verdict.poor": {"en": "poor", "nl": "zwak"},
    "verdict.unacceptable": {"en": "unacceptable", "nl": "onacceptabel"},
    "verdict.None": {"en": "too few items", "nl": "te weinig items"},
    "common.error": {"en": "Error", "nl": "Fout"},
}


def add_strings(strings: dict[str, dict[str, str]]) -> None:
    """Register a page's own strings (each page keeps its strings beside it, in ui/strings_*.py)."""
    for key, entry in strings.items():
        if "en" not in entry:
            raise ValueError(f"string {key!r} has no English text")
        STRINGS[key] = entry


def current_lang() -> str:
    lang = st.session_state.get("lang")
    if lang in LANGS:
        return lang
    lang = st.query_params.get("lang")
    if lang not in LANGS:
        lang = _cookie_lang()
    if lang not in LANGS:
        locale = (getattr(st.context, "locale", None) or "en").lower()
        lang = "nl" if locale.startswith("nl") else "en"
    st.session_state["lang"] = lang
    return lang


def t(key: str, **values) -> str:
    """The string for `key` in the user's language (English if the Dutch is missing)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    lang = current_lang()
    text = entry.get(lang) or entry["en"]
    if not values:
        return text
    text = text.format(**values)
    # Dutch groups thousands with a dot: Dutch strings format numbers as {n:_} and get 25.000
    return _DIGIT_GROUP.sub(".", text) if lang == "nl" else text


_DIGIT_GROUP = re.compile(r"(?<=\d)_(?=\d{3}(?!\d))")


def _on_lang_change() -> None:
    choice = st.session_state.get("_lang_choice")
    if choice in LANGS:  # clicking the selected option again deselects it: keep the language
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice


COOKIE = "studio_lang"


def read_cookie(name: str) -> str | None:
    try:
        return st.context.cookies.get(name)
    except Exception:  # no browser context (AppTest, bare mode)
        return None


def write_cookie(name: str, value: str, max_age: int, same_site: str = "Lax") -> None:
    """A first-party cookie set by the browser (Streamlit gives a script no response headers).
    `name` and `value` are ours, never user text: a language code, a signed token."""
    st.html(f'<script>document.cookie="{name}={value}; path=/; max-age={max_age}; SameSite={same_site}";</script>',
            unsafe_allow_javascript=True, width=1)


def _cookie_lang() -> str | None:
    return read_cookie(COOKIE)


def _remember(lang: str) -> None:
    """A first-party cookie, so a new visit without ?lang= opens in the chosen language."""
    if lang in LANGS and _cookie_lang() != lang:
        write_cookie(COOKIE, lang, 31536000)


def language_switch() -> None:
    """A sidebar control; the choice goes into the URL and a cookie, so reloads, new tabs and
    later visits keep it."""
    lang = current_lang()
    st.query_params["lang"] = lang
    with st.sidebar:
        _remember(lang)
    st.sidebar.segmented_control(
        t("lang.label"), options=list(LANGS), format_func=LANGS.get, default=lang,
        key="_lang_choice", on_change=_on_lang_change)
