"""Dutch and English strings of the Rules of play page (registered with ui.i18n.add_strings)."""
from __future__ import annotations

from .i18n import add_strings

STRINGS: dict[str, dict[str, str]] = {
    "ru.title": {"en": "Rules of play: shared rules for staff discretion",
                 "nl": "Spelregels: gedeelde regels voor ruimte van medewerkers"},
    "ru.intro": {"en": "Tailoring without shared rules becomes arbitrariness. Write down which needs, behaviour, "
                       "context or relationship may change the answer at a decision point, and why, so every "
                       "employee gives the same answer and can explain it.",
                 "nl": "Maatwerk zonder gedeelde regels wordt willekeur. Leg vast welke behoeften, welk gedrag, "
                       "welke context of relatie het antwoord op een beslispunt mag veranderen, en waarom, zodat "
                       "elke medewerker hetzelfde antwoord geeft en het kan uitleggen."},
    "ru.journey": {"en": "Journey", "nl": "Klantreis"},
    "ru.no_journeys": {"en": "This project has no journeys yet: add one on the Journeys page.",
                       "nl": "Dit project heeft nog geen klantreizen: voeg er een toe op de pagina Klantreizen."},
    "ru.node": {"en": "Decision point", "nl": "Beslispunt"},
    "ru.no_decisions": {"en": "This journey has no decision points. Mark a step as kind 'decision' on the "
                              "Journeys page, or insert the aggression protocol below.",
                        "nl": "Deze klantreis heeft geen beslispunten. Maak een stap van soort 'decision' op de "
                              "pagina Klantreizen, of voeg hieronder het agressieprotocol in."},
    "ru.discretion": {"en": "discretion", "nl": "eigen ruimte"},
    "ru.no_rules_mark": {"en": "no rules yet", "nl": "nog geen regels"},
    "ru.invalid_stored": {"en": "This journey cannot be read: {error}", "nl": "Deze klantreis is onleesbaar: {error}"},
    "ru.no_table": {"en": "**{node}** has no rules of play yet.", "nl": "**{node}** heeft nog geen spelregels."},
    "ru.no_table_discretion": {"en": "Staff decide here at their own discretion, without shared rules: each "
                                     "employee will decide differently.",
                               "nl": "Medewerkers beslissen hier naar eigen inzicht, zonder gedeelde regels: "
                                     "iedere medewerker zal anders beslissen."},
    "ru.create": {"en": "Create a rules table (prefilled from an example)",
                  "nl": "Spelregeltabel maken (vooraf ingevuld met een voorbeeld)"},
    "ru.created": {"en": "Rules of play created for {node}: edit the example to fit.",
                   "nl": "Spelregels gemaakt voor {node}: pas het voorbeeld aan."},
    "ru.delete_table": {"en": "Remove table", "nl": "Tabel weg"},
    "ru.delete_confirm": {"en": "Remove the rules of play of {node}? Older versions keep them.",
                          "nl": "De spelregels van {node} verwijderen? Oudere versies bewaren ze."},
    "ru.delete_yes": {"en": "Yes, remove", "nl": "Ja, verwijderen"},
    "ru.hit_policy": {"en": "Hit policy", "nl": "Hitbeleid"},
    "ru.hit_help": {"en": "unique: exactly one rule may apply to each case · first: the first rule that applies "
                          "decides · priority: the outcome highest in the priority list decides · any: rules that "
                          "apply must agree · collect: every rule that applies counts.",
                    "nl": "unique: op elk geval mag precies één regel van toepassing zijn · first: de eerste regel "
                          "die past beslist · priority: de uitkomst die het hoogst in de prioriteitenlijst staat "
                          "beslist · any: regels die passen moeten het eens zijn · collect: elke regel die past telt."},
    "ru.priorities": {"en": "Priorities (outcomes, most important first, comma separated)",
                      "nl": "Prioriteiten (uitkomsten, belangrijkste eerst, kommagescheiden)"},
    "ru.pol.unique": {"en": "unique: one rule per case", "nl": "unique: één regel per geval"},
    "ru.pol.first": {"en": "first: the first rule that applies", "nl": "first: de eerste regel die past"},
    "ru.pol.priority": {"en": "priority: by outcome priority", "nl": "priority: naar prioriteit van de uitkomst"},
    "ru.pol.any": {"en": "any: rules that apply agree", "nl": "any: passende regels zijn het eens"},
    "ru.pol.collect": {"en": "collect: all rules that apply", "nl": "collect: alle regels die passen"},
    "ru.inputs": {"en": "Inputs: what the decision looks at", "nl": "Invoer: waar de beslissing naar kijkt"},
    "ru.inputs_help": {"en": "Basis: need, behaviour, context and relationship are legitimate; protected "
                             "(who the customer is) and proxy (what stands in for it, like a postcode) are not. "
                             "Values: comma separated (true, false for yes/no). Ranges: numeric pieces such as "
                             "0..5, 5..10, 10.. (low end included, high end not).",
                       "nl": "Basis: behoefte (need), gedrag (behaviour), context en relatie (relationship) zijn "
                             "legitiem; beschermd (protected: wie de klant is) en proxy (wat daarvoor in de plaats "
                             "staat, zoals een postcode) niet. Waarden: kommagescheiden (true, false voor ja/nee). "
                             "Bereiken: numerieke stukken zoals 0..5, 5..10, 10.. (ondergrens erbij, bovengrens niet)."},
    "ru.rows": {"en": "Rules: one row per rule", "nl": "Regels: één rij per regel"},
    "ru.rows_help": {"en": "A condition per input: a value, several as a|b, - for any value, or a comparison "
                           "such as <5, >=10 or [2,10). Then: the outcome (a next step or a named treatment). Why: "
                           "what staff can tell the customer. The four test columns: is a rule that treats a group "
                           "apart in favour of that group, relevant, can the customer opt out without real "
                           "disadvantage, and is it open to every customer in the same situation?",
                     "nl": "Per invoer een voorwaarde: een waarde, meerdere als a|b, - voor elke waarde, of een "
                           "vergelijking zoals <5, >=10 of [2,10). Dan: de uitkomst (een volgende stap of een "
                           "behandeling). Waarom: wat medewerkers de klant kunnen vertellen. De vier testkolommen: "
                           "is een regel die een groep apart behandelt in het voordeel van die groep, relevant, kan "
                           "de klant zonder echt nadeel afzien, en staat hij open voor elke klant in dezelfde "
                           "situatie?"},
    "ru.c_name": {"en": "Name", "nl": "Naam"},
    "ru.c_basis": {"en": "Basis", "nl": "Basis"},
    "ru.c_values": {"en": "Values", "nl": "Waarden"},
    "ru.c_ranges": {"en": "Ranges", "nl": "Bereiken"},
    "ru.c_integer": {"en": "Whole numbers", "nl": "Hele getallen"},
    "ru.c_then": {"en": "Then", "nl": "Dan"},
    "ru.c_why": {"en": "Why", "nl": "Waarom"},
    "ru.c_in_favour": {"en": "In favour?", "nl": "In het voordeel?"},
    "ru.c_relevant": {"en": "Relevant?", "nl": "Relevant?"},
    "ru.c_opt_out": {"en": "Opt-out?", "nl": "Af te zien?"},
    "ru.c_open_to_all": {"en": "Open to all?", "nl": "Voor iedereen?"},
    "ru.yes": {"en": "yes", "nl": "ja"},
    "ru.no": {"en": "no", "nl": "nee"},
    "ru.refused": {"en": "Not saved: {error}", "nl": "Niet opgeslagen: {error}"},
    "ru.refused_keep": {"en": "Your rows are kept here; fix the cell or discard the change.",
                        "nl": "Je rijen blijven hier staan; verbeter de cel of gooi de wijziging weg."},
    "ru.discard": {"en": "Discard my change", "nl": "Mijn wijziging weggooien"},
    "ru.incomplete": {"en": "A new row needs an outcome (Then) before it is saved.",
                      "nl": "Een nieuwe rij heeft een uitkomst (Dan) nodig voordat hij wordt opgeslagen."},
    "ru.size": {"en": "{combos} combinations of input values", "nl": "{combos} combinaties van invoerwaarden"},
    "ru.checks": {"en": "Checks", "nl": "Controles"},
    "ru.checks_ok": {"en": "Every case gets one answer, every rule says why, and no input looks at who the "
                           "customer is.",
                     "nl": "Elk geval krijgt één antwoord, elke regel zegt waarom en geen invoer kijkt naar wie "
                           "de klant is."},
    "ru.checks_count": {"en": "{open} open · {justified} justified", "nl": "{open} open · {justified} verantwoord"},
    "ru.justified": {"en": "Justified: {reason}", "nl": "Verantwoord: {reason}"},
    "ru.justify": {"en": "Justify", "nl": "Verantwoorden"},
    "ru.reason": {"en": "Reason (why this is acceptable at this decision point)",
                  "nl": "Reden (waarom dit bij dit beslismoment aanvaardbaar is)"},
    "ru.justify_help": {"en": "The finding stays visible, marked justified, and no longer fails a check. A "
                              "protected ground used for a legitimate need (step-free access) is justified, "
                              "not hidden.",
                        "nl": "De bevinding blijft zichtbaar, gemarkeerd als verantwoord, en laat een controle "
                              "niet meer falen. Een beschermde grond voor een legitieme behoefte (drempelvrije "
                              "toegang) wordt verantwoord, niet verborgen."},
    "ru.justify_save": {"en": "Save justification", "nl": "Verantwoording opslaan"},
    "ru.unjustify": {"en": "Withdraw justification", "nl": "Verantwoording intrekken"},
    "ru.gap_examples": {"en": "Cases without an answer (examples)", "nl": "Gevallen zonder antwoord (voorbeelden)"},
    "ru.trace_this": {"en": "Trace this case", "nl": "Dit geval naspelen"},
    "ru.trace": {"en": "Trace a case", "nl": "Een geval naspelen"},
    "ru.trace_help": {"en": "Enter a customer's situation and see which rule applies, and what staff can tell "
                            "the customer.",
                      "nl": "Vul de situatie van een klant in en zie welke regel geldt en wat medewerkers de klant "
                            "kunnen vertellen."},
    "ru.trace_no_inputs": {"en": "Add an input first.", "nl": "Voeg eerst een invoer toe."},
    "ru.fires": {"en": "Rule {row} applies", "nl": "Regel {row} is van toepassing"},
    "ru.outcome": {"en": "Outcome", "nl": "Uitkomst"},
    "ru.why": {"en": "Why", "nl": "Waarom"},
    "ru.no_why": {"en": "(this rule does not say why)", "nl": "(deze regel zegt niet waarom)"},
    "ru.no_match": {"en": "No rule applies", "nl": "Geen regel van toepassing"},
    "ru.conflict": {"en": "Rules disagree", "nl": "Regels spreken elkaar tegen"},
    "ru.collected": {"en": "Rules that apply: {rows}", "nl": "Regels die gelden: {rows}"},
    "ru.say": {"en": "What staff can tell the customer", "nl": "Wat medewerkers de klant kunnen vertellen"},
    "ru.change": {"en": "What would change the outcome", "nl": "Wat de uitkomst zou veranderen"},
    "ru.change_text": {"en": "If **{input}** were **{to}** instead of {from_}, the outcome would be **{outcome}**.",
                       "nl": "Als **{input}** de waarde **{to}** had in plaats van {from_}, dan was de uitkomst "
                             "**{outcome}**."},
    "ru.change_none": {"en": "No change of a single input changes the outcome.",
                       "nl": "Geen verandering van één invoer verandert de uitkomst."},
    "ru.trace_error": {"en": "Cannot trace this case: {error}", "nl": "Dit geval is niet na te spelen: {error}"},
    "ru.not_given": {"en": "(not given)", "nl": "(niet opgegeven)"},
    "ru.protocol": {"en": "Insert the aggression protocol after this step",
                    "nl": "Het agressieprotocol na deze stap invoegen"},
    "ru.protocol_help": {"en": "Listen, name the behaviour, set the limit, call a colleague or manager, report, "
                               "aftercare: a decision point with rules on behaviour only, never on who the customer "
                               "is.",
                         "nl": "Luisteren, het gedrag benoemen, de grens stellen, een collega of leidinggevende "
                               "roepen, melden, nazorg: een beslispunt met regels op gedrag alleen, nooit op wie de "
                               "klant is."},
    "ru.protocol_after": {"en": "After step", "nl": "Na stap"},
    "ru.protocol_do": {"en": "Insert", "nl": "Invoegen"},
    "ru.protocol_done": {"en": "Aggression protocol inserted after {node}.",
                         "nl": "Agressieprotocol ingevoegd na {node}."},
}

add_strings(STRINGS)
