"""Dutch and English strings of the Present page (registered with ui.i18n.add_strings)."""
from __future__ import annotations

from .i18n import add_strings

STRINGS: dict[str, dict[str, str]] = {
    "pr.prev": {"en": "Previous", "nl": "Vorige"},
    "pr.next": {"en": "Next", "nl": "Volgende"},
    "pr.counter": {"en": "Slide {i} of {n}", "nl": "Dia {i} van {n}"},
    "pr.presenter": {"en": "Presenter view", "nl": "Presentatorweergave"},
    "pr.presenter_help": {"en": "Shows the facilitator notes under the slide (keyboard: N). Keep it off on the "
                                "projector.",
                          "nl": "Toont de notities voor de begeleider onder de dia (toets N). Zet het uit op de "
                                "beamer."},
    "pr.notes": {"en": "Facilitator notes", "nl": "Notities voor de begeleider"},
    "pr.up_next": {"en": "Next: {title}", "nl": "Hierna: {title}"},
    "pr.keys": {"en": "Arrow keys or space: next/previous · N: presenter view",
                "nl": "Pijltjestoetsen of spatie: volgende/vorige · N: presentatorweergave"},
    "pr.drawing": {"en": "Drawing the chart…", "nl": "Grafiek tekenen…"},
    "pr.no_chart": {"en": "The chart could not be drawn here ({error}).",
                    "nl": "De grafiek kon hier niet getekend worden ({error})."},
    "pr.export": {"en": "Export", "nl": "Exporteren"},
    "pr.what": {"en": "What", "nl": "Wat"},
    "pr.what.deck": {"en": "Presentation deck", "nl": "Presentatie"},
    "pr.what.posters": {"en": "Persona posters (one per page)", "nl": "Persona-posters (één per pagina)"},
    "pr.what.fans": {"en": "Persona fans (narrow cards, bound at a corner)",
                     "nl": "Persona-waaiers (smalle kaarten, in een hoek gebundeld)"},
    "pr.format": {"en": "Format", "nl": "Formaat"},
    "pr.size": {"en": "Poster size", "nl": "Posterformaat"},
    "pr.make": {"en": "Prepare the file", "nl": "Bestand maken"},
    "pr.working": {"en": "Exporting {what} as {fmt}…", "nl": "{what} exporteren als {fmt}…"},
    "pr.done": {"en": "Ready in {seconds} s", "nl": "Klaar in {seconds} s"},
    "pr.failed": {"en": "Export failed: {error}", "nl": "Exporteren mislukt: {error}"},
    "pr.download": {"en": "Download {name}", "nl": "{name} downloaden"},
    "pr.empty": {"en": "Nothing to present yet: add personas or journeys first.",
                 "nl": "Nog niets te presenteren: voeg eerst persona's of klantreizen toe."},
}

add_strings(STRINGS)
