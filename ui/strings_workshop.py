"""Dutch and English strings of the Workshop (facilitator) and Vote (participant) pages."""
from __future__ import annotations

from .i18n import add_strings

STRINGS: dict[str, dict[str, str]] = {
    "nav.vote": {"en": "Vote", "nl": "Stemmen"},
    # facilitator
    "wk.title": {"en": "Workshop: same case, different answer?", "nl": "Workshop: zelfde casus, ander antwoord?"},
    "wk.intro": {"en": "Staff judge the same written cases on their phones, independently. The spread of their "
                       "answers is the arbitrariness that rules of play must remove.",
                 "nl": "Medewerkers beoordelen dezelfde geschreven casussen op hun telefoon, ieder voor zich. "
                       "De spreiding in hun antwoorden is de willekeur die spelregels moeten wegnemen."},
    "wk.new": {"en": "New session", "nl": "Nieuwe sessie"},
    "wk.session_title": {"en": "Session title", "nl": "Titel van de sessie"},
    "wk.session_default": {"en": "Noise audit", "nl": "Ruisaudit"},
    "wk.source": {"en": "Cases from", "nl": "Casussen uit"},
    "wk.src_example": {"en": "the example cases", "nl": "de voorbeeldcasussen"},
    "wk.src_upload": {"en": "a file", "nl": "een bestand"},
    "wk.src_typed": {"en": "typed here", "nl": "hier getypt"},
    "wk.upload": {"en": "Cases file (YAML or JSON: a list of {id, text, answers: [..]} or {id, text, scale: "
                        "{min, max}})",
                  "nl": "Casusbestand (YAML of JSON: een lijst van {id, text, answers: [..]} of {id, text, scale: "
                        "{min, max}})"},
    "wk.typed": {"en": "Cases (YAML or JSON)", "nl": "Casussen (YAML of JSON)"},
    "wk.create": {"en": "Start session", "nl": "Sessie starten"},
    "wk.created": {"en": "Session {code} started.", "nl": "Sessie {code} gestart."},
    "wk.cases_error": {"en": "These cases cannot start a session: {error}",
                       "nl": "Met deze casussen kan geen sessie starten: {error}"},
    "wk.sessions": {"en": "Sessions of this project", "nl": "Sessies van dit project"},
    "wk.no_sessions": {"en": "No sessions yet.", "nl": "Nog geen sessies."},
    "wk.no_token": {"en": "Session {code}: you need its facilitator link (with the key) to run it. Paste the key:",
                    "nl": "Sessie {code}: je hebt de facilitatorlink (met de sleutel) nodig om haar te leiden. "
                          "Plak de sleutel:"},
    "wk.key": {"en": "Facilitator key", "nl": "Facilitatorsleutel"},
    "wk.wrong_key": {"en": "That key does not open this session.", "nl": "Die sleutel opent deze sessie niet."},
    "wk.join": {"en": "Join at **{url}** with code", "nl": "Doe mee via **{url}** met code"},
    "wk.keep_link": {"en": "Keep this page's address: it is your facilitator link (it holds the key). "
                           "Do not show the address bar on the projector.",
                     "nl": "Bewaar het adres van deze pagina: het is je facilitatorlink (met de sleutel). "
                           "Laat de adresbalk niet op de beamer zien."},
    "wk.status": {"en": "{status} · {n} votes from {raters} participants",
                  "nl": "{status} · {n} stemmen van {raters} deelnemers"},
    "wk.open": {"en": "open", "nl": "open"},
    "wk.closed": {"en": "closed", "nl": "gesloten"},
    "wk.reveal": {"en": "Reveal results to participants", "nl": "Resultaten aan deelnemers tonen"},
    "wk.hide": {"en": "Hide results again", "nl": "Resultaten weer verbergen"},
    "wk.close": {"en": "Close voting", "nl": "Stemmen sluiten"},
    "wk.reopen": {"en": "Reopen voting", "nl": "Stemmen heropenen"},
    "wk.delete": {"en": "Delete session", "nl": "Sessie verwijderen"},
    "wk.deleted": {"en": "Session {code} deleted.", "nl": "Sessie {code} verwijderd."},
    "wk.export": {"en": "Export votes (CSV)", "nl": "Stemmen exporteren (CSV)"},
    "wk.live": {"en": "Live results", "nl": "Live resultaten"},
    "wk.waiting": {"en": "Waiting for the first votes…", "nl": "Wachten op de eerste stemmen…"},
    "wk.kappa": {"en": "Fleiss' kappa", "nl": "Fleiss' kappa"},
    "wk.kappa_ci": {"en": "95% CI {low} to {high}", "nl": "95%-BI {low} tot {high}"},
    "wk.alpha": {"en": "Krippendorff's alpha ({level})", "nl": "Krippendorffs alfa ({level})"},
    "wk.pct": {"en": "Pairs that agree", "nl": "Paren die het eens zijn"},
    "wk.noise": {"en": "Noise index", "nl": "Ruisindex"},
    "wk.noise_help": {"en": "Mean |a − b| / mean(a, b) over pairs of participants. The HBR noise audit expected "
                            "about 10% and found about 50%.",
                      "nl": "Gemiddelde |a − b| / gemiddelde(a, b) over paren deelnemers. De HBR-ruisaudit "
                            "verwachtte zo'n 10% en vond zo'n 50%."},
    "wk.by_case": {"en": "Per case, most disagreement first", "nl": "Per casus, meeste onenigheid eerst"},
    "wk.case_line": {"en": "{n} answers · most given: **{mode}** ({share})",
                     "nl": "{n} antwoorden · meest gegeven: **{mode}** ({share})"},
    "wk.bases": {"en": "What decided it: this room vs the 400-person organisation",
                 "nl": "Wat de doorslag gaf: deze zaal tegenover de organisatie van 400 mensen"},
    "wk.bases_help": {"en": "In an anonymous survey of a 400-person social organisation, policy and the prescribed "
                            "process decided it for over 80% of staff; only 10% weighed their own sense of fairness.",
                      "nl": "In een anonieme enquête onder een sociale organisatie van 400 mensen gaf voor ruim 80% "
                            "van de medewerkers beleid en het voorgeschreven proces de doorslag; maar 10% woog het "
                            "eigen rechtvaardigheidsgevoel."},
    "wk.room": {"en": "this room", "nl": "deze zaal"},
    "wk.benchmark": {"en": "organisation of 400", "nl": "organisatie van 400"},
    "wk.answers": {"en": "Answers", "nl": "Antwoorden"},
    "wk.count": {"en": "Participants", "nl": "Deelnemers"},
    # draft rules of play from a disagreement
    "wk.draft": {"en": "Draft a rule of play for {node}", "nl": "Spelregel opstellen voor {node}"},
    "wk.draft_help": {"en": "Adds a row to the rules of play of this decision point: the answer most staff "
                            "gave, the condition left open for you to fill in.",
                      "nl": "Voegt een regel toe aan de spelregels van dit beslispunt: het antwoord dat de "
                            "meeste medewerkers gaven; de voorwaarde vul je zelf in."},
    "wk.draft_why": {"en": "Workshop {date}: {k} of {n} staff chose '{answer}' on case '{case}' ({share}); "
                           "most said '{basis}'. Fill in the condition that makes this the rule.",
                     "nl": "Workshop {date}: {k} van {n} medewerkers kozen '{answer}' bij casus '{case}' "
                           "({share}); de meesten noemden '{basis}'. Vul de voorwaarde in die dit tot regel maakt."},
    "wk.draft_added": {"en": "Draft rule '{answer}' added at {node} ({journey}).",
                       "nl": "Conceptregel '{answer}' toegevoegd bij {node} ({journey})."},
    "wk.draft_no_point": {"en": "Case {case}: its decision point is not a node of any journey in this project.",
                          "nl": "Casus {case}: het beslispunt is geen knoop van een klantreis in dit project."},
    "wk.rules_link": {"en": "Open the Rules of play", "nl": "Open de spelregels"},
    # summary export
    "wk.export_pdf": {"en": "Summary (PDF)", "nl": "Samenvatting (PDF)"},
    "wk.export_png": {"en": "Summary (PNG)", "nl": "Samenvatting (PNG)"},
    "wk.sum_heading": {"en": "Noise audit", "nl": "Ruisaudit"},
    "wk.sum_date": {"en": "Date", "nl": "Datum"},
    "wk.sum_votes": {"en": "Votes", "nl": "Stemmen"},
    "wk.sum_case_line": {"en": "{n} answers · most given: {mode} ({share})",
                         "nl": "{n} antwoorden · meest gegeven: {mode} ({share})"},
    # bases (shared)
    "basis.policy": {"en": "policy or the prescribed process", "nl": "beleid of het voorgeschreven proces"},
    "basis.fairness": {"en": "my own sense of fairness", "nl": "mijn eigen rechtvaardigheidsgevoel"},
    "basis.situation": {"en": "this customer's situation", "nl": "de situatie van deze klant"},
    "basis.colleague": {"en": "what a colleague would do", "nl": "wat een collega zou doen"},
    "basis.other": {"en": "other", "nl": "anders"},
    # participant
    "vt.title": {"en": "Same case, different answer?", "nl": "Zelfde casus, ander antwoord?"},
    "vt.code": {"en": "Session code", "nl": "Sessiecode"},
    "vt.join": {"en": "Join", "nl": "Meedoen"},
    "vt.unknown": {"en": "No session with code {code}. Check the code on the screen.",
                   "nl": "Geen sessie met code {code}. Controleer de code op het scherm."},
    "vt.closed": {"en": "Voting in this session is closed. Thank you!",
                  "nl": "Het stemmen in deze sessie is gesloten. Dank je wel!"},
    "vt.progress": {"en": "Case {i} of {n}", "nl": "Casus {i} van {n}"},
    "vt.own": {"en": "Answer on your own: the others' answers stay hidden until the facilitator reveals them.",
               "nl": "Antwoord zelfstandig: de antwoorden van anderen blijven verborgen tot de facilitator ze toont."},
    "vt.answer": {"en": "Your answer", "nl": "Jouw antwoord"},
    "vt.basis": {"en": "What decided it for you?", "nl": "Wat gaf voor jou de doorslag?"},
    "vt.reason": {"en": "Why? (optional)", "nl": "Waarom? (optioneel)"},
    "vt.send": {"en": "Send", "nl": "Versturen"},
    "vt.sent": {"en": "Received: your answer to this case is stored.",
                "nl": "Ontvangen: je antwoord op deze casus is opgeslagen."},
    "vt.stored": {"en": "Your stored answer: **{value}**. Send again to change it.",
                  "nl": "Je opgeslagen antwoord: **{value}**. Verstuur opnieuw om het te wijzigen."},
    "vt.error": {"en": "Not stored: {error}", "nl": "Niet opgeslagen: {error}"},
    "vt.prev": {"en": "Previous case", "nl": "Vorige casus"},
    "vt.next": {"en": "Next case", "nl": "Volgende casus"},
    "vt.done": {"en": "You answered all {n} cases. You can still change an answer while voting is open.",
                "nl": "Je hebt alle {n} casussen beantwoord. Zolang het stemmen open is kun je nog wijzigen."},
    "vt.revealed": {"en": "Results", "nl": "Resultaten"},
}

add_strings(STRINGS)
