"""Story-catching quotes for the four planted home-buyer profiles of the demo data.

WHY this exists: personas in the studio carry qualitative evidence next to the survey numbers
(DOMAIN.md section 2: "substantiated both with quantitative research and qualitative research").
Every quote speaks about needs and behaviour only -- never age, gender, origin, religion or
family status, and no ranking labels -- so the demographic-lean guard has nothing to flag and the
demo shows what a good quote looks like.

Each entry is one story in Dutch and English: (profile, source, nl, en). `quote_records()` turns
them into the flat list written to quotes.json.
"""
from __future__ import annotations

REGISSEUR = "De Regisseur"
BOUWPARTNER = "De Bouwpartner"
ONTZORGDE = "De Ontzorgde"
VERTROUWER = "De Vertrouwer"

# (profile, source, Dutch text, English text); order is the order in quotes.json.
STORIES: list[tuple[str, str, str, str]] = [
    # De Regisseur: high control, process/business-oriented
    (REGISSEUR, "customer",
     "Ik wil bij elke keuze zelf kunnen meebeslissen, ook over het stopcontact in de garage.",
     "I want a say in every choice, right down to the socket in the garage."),
    (REGISSEUR, "customer",
     "Stuur mij de tekeningen en de meerwerklijst met prijzen; dan beslis ik zelf en mail ik "
     "mijn keuzes terug.",
     "Send me the drawings and the price list for extras; I'll decide and email my choices back."),
    (REGISSEUR, "customer",
     "Ik houd zelf een planning bij en vergelijk die elke week met die van de bouwer.",
     "I keep my own schedule and compare it with the builder's every week."),
    (REGISSEUR, "customer",
     "Een wijziging na de sluitingsdatum? Prima, als er maar op papier staat wat het kost en "
     "wanneer het klaar is.",
     "A change after the deadline? Fine, as long as the cost and the finish date are in writing."),
    (REGISSEUR, "staff",
     "Deze kopers dienen hun wijzigingen keurig in via het portaal, met een eigen schets erbij.",
     "These buyers submit their changes neatly through the portal, with a sketch of their own "
     "attached."),
    (REGISSEUR, "staff",
     "Ze willen geen praatje, ze willen een besluitenlijst met data en bedragen.",
     "They don't want small talk; they want a decision log with dates and amounts."),
    (REGISSEUR, "staff",
     "Als de planning schuift zonder uitleg, hebben we binnen een uur een mail met vragen.",
     "If the schedule slips without an explanation, we get an email with questions within the "
     "hour."),
    # De Bouwpartner: high control, people/relationship-oriented
    (BOUWPARTNER, "customer",
     "Ik wil samen met de uitvoerder op de bouwplaats bepalen waar de keuken precies komt.",
     "I want to stand on site with the site manager and decide together where the kitchen goes."),
    (BOUWPARTNER, "customer",
     "Bel me gerust even als er iets verandert; dan bedenken we samen een oplossing.",
     "Just give me a call if something changes; then we work out a solution together."),
    (BOUWPARTNER, "customer",
     "Ik kom graag elke zaterdag kijken hoe het ervoor staat en maak dan een praatje met de "
     "bouwers.",
     "I like to drop by every Saturday to see how things are going and have a chat with the "
     "builders."),
    (BOUWPARTNER, "customer",
     "Mijn ideeën voor de zolder wil ik uitleggen aan iemand die meedenkt, niet invullen in een "
     "formulier.",
     "I want to explain my ideas for the attic to someone who thinks along, not fill them in on a "
     "form."),
    (BOUWPARTNER, "staff",
     "Ze zien zichzelf als medebouwer en willen bij elke beslissing betrokken zijn, het liefst in "
     "een gesprek.",
     "They see themselves as co-builders and want to be part of every decision, preferably in a "
     "conversation."),
    (BOUWPARTNER, "staff",
     "Een wijziging bespreken we met hen op de bouwplaats; alleen een mail voelt voor hen als een "
     "afwijzing.",
     "We talk a change through with them on site; an email on its own feels like a rejection to "
     "them."),
    (BOUWPARTNER, "staff",
     "Zodra ze de uitvoerder bij naam kennen, lossen we bijna alles in goed overleg op.",
     "Once they know the site manager by name, we settle almost anything by talking it through."),
    # De Ontzorgde: low control, process/business-oriented (wants it arranged)
    (ONTZORGDE, "customer",
     "Regel het maar, zolang ik weet wanneer ik de sleutel krijg.",
     "Just sort it out, as long as I know when I get the key."),
    (ONTZORGDE, "customer",
     "Ik kies liever uit drie kant-en-klare pakketten dan uit honderd losse opties.",
     "I'd rather choose from three ready-made packages than from a hundred separate options."),
    (ONTZORGDE, "customer",
     "Een duidelijk overzicht in de app van wat er van mij verwacht wordt en wanneer; meer heb ik "
     "niet nodig.",
     "A clear overview in the app of what is expected of me and when; that's all I need."),
    (ONTZORGDE, "customer",
     "Ik hoef niet bij elke stap betrokken te zijn; laat het me alleen weten als er iets misgaat.",
     "I don't need to be involved in every step; just let me know if something goes wrong."),
    (ONTZORGDE, "staff",
     "Op een herinnering met een deadline reageren ze snel, maar een open vraag blijft liggen.",
     "They respond quickly to a reminder with a deadline, but an open question goes unanswered."),
    (ONTZORGDE, "staff",
     "Een standaardpakket met een vaste prijs geeft hun rust.",
     "A standard package at a fixed price puts them at ease."),
    (ONTZORGDE, "staff",
     "Ze lezen de nieuwsbrief, gebruiken het portaal en bellen eigenlijk nooit.",
     "They read the newsletter, use the portal and hardly ever call."),
    # De Vertrouwer: low control, people/relationship-oriented
    (VERTROUWER, "customer",
     "Jullie zijn de vakmensen; ik vertrouw erop dat het goed komt.",
     "You are the experts; I trust it will turn out fine."),
    (VERTROUWER, "customer",
     "Ik vind het fijn als er één vast iemand is die ik kan bellen als ik ergens over twijfel.",
     "I like having one steady contact I can call whenever I'm unsure about something."),
    (VERTROUWER, "customer",
     "Een persoonlijke rondleiding door de woning zegt me meer dan alle brochures bij elkaar.",
     "A personal tour of the home tells me more than all the brochures put together."),
    (VERTROUWER, "customer",
     "Als de uitvoerder even uitlegt waarom iets later klaar is, vind ik dat helemaal prima.",
     "If the site manager takes a moment to explain why something is running late, I'm "
     "completely fine with it."),
    (VERTROUWER, "staff",
     "Ze volgen ons advies bijna altijd, maar willen wel gehoord worden als iets hen dwarszit.",
     "They nearly always follow our advice, but they do want to be heard when something bothers "
     "them."),
    (VERTROUWER, "staff",
     "Een telefoontje na de oplevering doet hun meer dan een enquête.",
     "A phone call after handover means more to them than a survey."),
    (VERTROUWER, "staff",
     "Als hun vaste contactpersoon wisselt, voelen ze zich even verloren; stel de nieuwe collega "
     "persoonlijk voor.",
     "When their usual contact changes, they feel a bit lost; introduce the new colleague in "
     "person."),
]

_CODES = {REGISSEUR: "REG", BOUWPARTNER: "BPT", ONTZORGDE: "ONT", VERTROUWER: "VTR"}


def quote_records() -> list[dict]:
    """All quotes as flat records {id, profile, lang, text, source}, Dutch before English.

    WHY stable ids: the Dutch and English version of one story share the number (e.g. "REG-01-nl"
    and "REG-01-en"), so a persona can cite one story in the user's language.
    """
    records: list[dict] = []
    counters: dict[str, int] = {}
    for profile, source, nl, en in STORIES:
        counters[profile] = counters.get(profile, 0) + 1
        stem = f"{_CODES[profile]}-{counters[profile]:02d}"
        for lang, text in (("nl", nl), ("en", en)):
            records.append({"id": f"{stem}-{lang}", "profile": profile, "lang": lang,
                            "text": text, "source": source})
    return records
