"""Dutch and English strings of the Personas page (registered with ui.i18n.add_strings)."""
from __future__ import annotations

from .i18n import add_strings

STRINGS: dict[str, dict[str, str]] = {
    "per.title": {"en": "Personas: model customers with evidence", "nl": "Persona's: modelklanten met onderbouwing"},
    "per.intro": {"en": "One persona per segment, built from needs and behaviour. Every line links to the survey "
                        "answer it comes from.",
                  "nl": "Eén persona per segment, gebouwd op behoeften en gedrag. Elke regel verwijst naar het "
                        "enquêteantwoord waar hij vandaan komt."},
    "per.no_run": {"en": "No segmentation yet: find segments on the Segments page first.",
                   "nl": "Nog geen segmentatie: zoek eerst segmenten op de pagina Segmenten."},
    "per.go_segments": {"en": "Go to Segments", "nl": "Naar Segmenten"},
    "per.from_run": {"en": "Segmentation used: {label}", "nl": "Gebruikte segmentatie: {label}"},
    "per.generate": {"en": "Generate personas from this segmentation", "nl": "Persona's maken uit deze segmentatie"},
    "per.regenerate": {"en": "Regenerate (keeps your edits)", "nl": "Opnieuw maken (je wijzigingen blijven)"},
    "per.generated_note": {"en": "personas generated from run {run}", "nl": "persona's gemaakt uit run {run}"},
    "per.none": {"en": "No personas yet.", "nl": "Nog geen persona's."},
    "per.share": {"en": "of customers", "nl": "van de klanten"},
    "per.needs": {"en": "Needs", "nl": "Behoeften"},
    "per.behaviours": {"en": "Behaviour", "nl": "Gedrag"},
    "per.contexts": {"en": "Context", "nl": "Context"},
    "per.quotes": {"en": "In their words", "nl": "In hun woorden"},
    "per.why": {"en": "Why does the card say this?", "nl": "Waarom staat dit op de kaart?"},
    "per.ev.claim": {"en": "Claim", "nl": "Bewering"},
    "per.ev.item": {"en": "Item", "nl": "Item"},
    "per.ev.figure": {"en": "Figure", "nl": "Getal"},
    "per.ev.n": {"en": "n", "nl": "n"},
    "per.ev.kind": {"en": "Kind", "nl": "Soort"},
    "per.ev.help": {"en": "Figures: share of customers; axis mean; Cohen's d (numeric answers) or Cohen's h "
                          "(answer shares), this segment against all others (0.2 small, 0.5 medium, 0.8 large).",
                    "nl": "Getallen: aandeel klanten; gemiddelde op de as; Cohens d (getallen) of Cohens h "
                          "(aandelen antwoorden), dit segment tegen alle andere (0,2 klein, 0,5 middel, 0,8 groot)."},
    "per.edit": {"en": "Edit", "nl": "Bewerken"},
    "per.f.name": {"en": "Name", "nl": "Naam"},
    "per.f.tagline": {"en": "Tagline", "nl": "Slogan"},
    "per.f.description": {"en": "Description", "nl": "Omschrijving"},
    "per.f.quotes": {"en": "Quotes (one per line)", "nl": "Citaten (één per regel)"},
    "per.edit_note": {"en": "edited {field} of {name}", "nl": "{field} van {name} bewerkt"},
    "per.picture": {"en": "Picture", "nl": "Afbeelding"},
    "per.pic.avatar": {"en": "Abstract avatar (recommended)", "nl": "Abstracte avatar (aanbevolen)"},
    "per.pic.photo": {"en": "Uploaded photo", "nl": "Geüploade foto"},
    "per.photo_upload": {"en": "Photo (PNG or JPEG)", "nl": "Foto (PNG of JPEG)"},
    "per.photo_risk": {
        "en": "A photo shows a gender, an age and a skin colour. Readers automatically look for those and "
              "stop listening to what this group needs and does; a set of photos also invites 'diversity' "
              "debates that miss the point. The avatar shows what the group wants and does instead.",
        "nl": "Een foto toont een gender, een leeftijd en een huidskleur. Lezers zoeken daar automatisch naar "
              "en luisteren niet meer naar wat deze groep nodig heeft en doet; een reeks foto's lokt ook "
              "'diversiteit'-discussies uit die de kern missen. De avatar laat juist zien wat de groep wil en doet."},
    "per.photo_chosen": {"en": "This persona uses a photo (your choice; see the risk above).",
                         "nl": "Deze persona gebruikt een foto (jouw keuze; zie het risico hierboven)."},
    "per.avatar_caption": {"en": "Avatar: shape from the axes, ring from channel habits",
                           "nl": "Avatar: vorm uit de assen, ring uit kanaalvoorkeur"},
    "per.lint": {"en": "Lint: does any persona lean on the old boxes?",
                 "nl": "Controle: leunt een persona op de oude hokjes?"},
    "per.lint_clean": {"en": "No findings: the personas speak of needs and behaviour.",
                       "nl": "Geen bevindingen: de persona's gaan over behoeften en gedrag."},
    "per.lint_suggest": {"en": "Suggestion", "nl": "Suggestie"},
    "per.justify": {"en": "Justify", "nl": "Verantwoorden"},
    "per.justify_reason": {"en": "Reason (kept visible with the finding)", "nl": "Reden (blijft zichtbaar bij de bevinding)"},
    "per.justified": {"en": "Justified: {reason}", "nl": "Verantwoord: {reason}"},
    "per.justify_note": {"en": "justified {code} on {name}", "nl": "{code} verantwoord bij {name}"},
    "per.map": {"en": "All personas on the axis map (size = share of customers)",
                "nl": "Alle persona's op de assenkaart (grootte = aandeel klanten)"},
    "per.compare": {"en": "Side by side", "nl": "Naast elkaar"},
    "per.changes": {"en": "The new segmentation would change fields you edited: choose per field",
                    "nl": "De nieuwe segmentatie verandert velden die je hebt bewerkt: kies per veld"},
    "per.keep_mine": {"en": "Keep mine", "nl": "Mijne houden"},
    "per.take_new": {"en": "Take the new one", "nl": "Nieuwe nemen"},
    "per.change_line": {"en": "**{name}** · {field}: yours “{old}” · new “{new}”",
                        "nl": "**{name}** · {field}: jouw “{old}” · nieuw “{new}”"},
    "per.choose_note": {"en": "chose {take} {field} for {name}", "nl": "{take} {field} gekozen voor {name}"},
    "per.stale": {"en": "This persona's segment is gone from the new segmentation; kept because you edited it.",
                  "nl": "Het segment van deze persona zit niet meer in de nieuwe segmentatie; bewaard omdat je "
                        "hem bewerkte."},
    "per.delete": {"en": "Delete persona", "nl": "Persona verwijderen"},
    "per.export_note": {"en": "Download the persona set as JSON: it imports back here (Import a persona set) or "
                              "with `python -m studio personas PROJECT --from-json FILE`. Posters, fans and cards: "
                              "`python -m studio export PROJECT --what posters`.",
                        "nl": "Download de persona's als JSON: terug te lezen hier (Persona's importeren) of met "
                              "`python -m studio personas PROJECT --from-json FILE`. Posters, waaiers en kaarten: "
                              "`python -m studio export PROJECT --what posters`."},
    "per.lang": {"en": "Language of the personas", "nl": "Taal van de persona's"},
    "per.lang_help": {"en": "Names, taglines and card lines are written in this language. Regenerating in the other "
                            "language keeps the fields you edited.",
                      "nl": "Namen, slogans en kaartregels worden in deze taal geschreven. Opnieuw maken in de "
                            "andere taal houdt de velden die je bewerkte."},
    "per.import": {"en": "Import a persona set (JSON)", "nl": "Persona's importeren (JSON)"},
    "per.import_file": {"en": "Persona set file (.json, as downloaded below)",
                        "nl": "Bestand met persona's (.json, zoals hieronder gedownload)"},
    "per.import_mode": {"en": "How", "nl": "Hoe"},
    "per.import_merge": {"en": "Merge by persona id (the newest edit per field wins; justified findings stay)",
                         "nl": "Samenvoegen per persona-id (de nieuwste wijziging per veld wint; verantwoorde "
                               "bevindingen blijven)"},
    "per.import_replace": {"en": "Replace the whole set", "nl": "De hele set vervangen"},
    "per.import_go": {"en": "Import", "nl": "Importeren"},
    "per.import_none": {"en": "Choose a persona set file first.", "nl": "Kies eerst een bestand met persona's."},
    "per.import_too_big": {"en": "larger than the 20 MB limit for a persona set",
                           "nl": "groter dan de grens van 20 MB voor een set persona's"},
    "per.import_note": {"en": "imported {n} personas from {name} ({mode})",
                        "nl": "{n} persona's geïmporteerd uit {name} ({mode})"},
    "per.import_done": {"en": "Imported {read} personas: {added} added, {updated} updated, {kept} kept as they were.",
                        "nl": "{read} persona's geïmporteerd: {added} nieuw, {updated} bijgewerkt, {kept} ongewijzigd "
                              "gelaten."},
    "per.download": {"en": "Download personas (JSON)", "nl": "Persona's downloaden (JSON)"},
    "per.severity.error": {"en": "error", "nl": "fout"},
    "per.severity.warning": {"en": "warning", "nl": "waarschuwing"},
    "per.severity.info": {"en": "info", "nl": "info"},
}

add_strings(STRINGS)
