"""Dutch and English lexicons of the persona lint, and the policy they encode.

Why a lexicon and not a model: the lint must explain every finding (which words, which rule) and
run on a laptop in a workshop; a reviewed word list with a few context rules does that.

Policy (the labelled corpus in tests/data/lint_corpus.yaml follows it):

* **Words, not substrings.** ``man`` fires, ``Managing``, ``manager``, ``Romantisch`` do not;
  ``age`` in ``usage``/``stage`` never fires (the bare word ``age``/``leeftijd`` only with a number).
* **Dutch compounds are right-headed.** A compound fires when its *head* is a person word
  (``huisvrouw``, ``bijstandsmoeder``, ``hangjongeren``, ``vijftigplussers``); it does not fire
  when the demographic word only modifies a product or service (``seniorenwoning``, ``damesfiets``,
  ``jongerenkorting``, ``ouderenzorg``, ``rolstoeltoegankelijk``). English open compounds likewise:
  ``senior discount``, ``elderly care`` are services; hyphenated words are judged by their last part
  (``white-label``, ``Germany-based`` do not fire).
* **Job titles are not ages.** ``junior``/``medior``/``senior`` fire only as a person noun
  (``seniors``, ``senioren``, ``a senior, ...``) or before a person noun (``senior citizens``);
  before anything else (``senior projectleider``, ``junior adviseur``) they are a grade or a product.
* **Life stage is context, an age label is not.** ``retired``/``gepensioneerd``/``met pensioen``
  say the persona has time and a pension (context): not flagged. ``pensionado``, ``AOW'er``,
  ``bejaarde``, ``elderly``, ``ouderen``, ``boomer``, ``millennial``, ages and decades are flagged.
* **Colour and nationality words only about people.** ``black``/``white``/``zwart``/``donker``,
  ``Dutch``/``Turkse``/``Marokkaanse`` fire before a person noun (optionally after another
  demographic adjective: ``young black men``), before a background/skin noun (``Surinaamse
  achtergrond``, ``donkere huid``) or after a personal subject and copula (``hij is Pools``).
  ``Turkse pizza``, ``Dutch design``, ``zwart op wit``, ``white paper`` do not fire.
* **Not flagged:** pronouns, forms of address (mevrouw, Mr), first names; children, partner,
  parents, neighbours and spouses named as social context after a possessive ("with her mother",
  "zijn vrouw", "haar buurvrouw": with whom is a legitimate context); needs stated as needs
  (step-free access, halal option, plain language); behaviour (bargain hunter, klaagt vaak);
  income and education; tenure (``15 jaar klant``). Without a possessive, spouse and parent words
  (``echtgenote``, ``mother of two``) describe the persona and are flagged.
* **Groups in product, service and aid names are not the persona** (round 2, set holdout_s2):
  ``55-plus apartments``, ``the women's health clinic``, ``men's department`` name a product or
  service; a mobility aid the persona has, uses or needs room for (``heeft een scootmobiel``,
  ``uses a wheelchair``) is context or a need. Being *in* one (``in een rolstoel``,
  ``wheelchair-bound``, ``rolstoelgebruiker``) labels the person.
* **Grounds voiced or used as an explanation fire**: ``Als vrouw ...``, ``Op mijn leeftijd ...``,
  ``Being American, he ...``, ``Young and impatient: ...``; so do epithets in a persona name
  (``Blinde Bert``, ``Belgische Bart``: a ground or a judgement + first name).
* **Bare descriptors fire too** (round 3, set holdout_s2b): a bare number as an age (``At 68 she``,
  ``Marco, 34, ...``, ``op haar 75e``), a partial origin (``Half-Indonesian``), marital status as a
  descriptor of its own (``Gescheiden, twee kinderen``), an epithet glued to a first name
  (``Rolstoel-Riet``), a person *not worth* something, ``dat soort ouders``, ``the dregs``. A word
  in capitals that names a company (``MAN Truck & Bus``), a product generation (``tweede
  generatie warmtepomp``) and a golf handicap stay clean: see :mod:`personas.lint.descriptors`.
* **Judgement** = labels that rank or demean the person as a whole. BCG ``cash cow``/``melkkoe``
  and ``poor dog`` always; ``star``, ``dog``, ``question mark`` (and Dutch ster/hond/vraagteken)
  only as a label: in a name/tagline/value label, quoted, after a label word (segment, kwadrant,
  classified as), before a customer noun, with a colon at the start, or next to another BCG word.
  ``budget``/``premium``/``low value`` only as a label for people (``budget shopper``,
  ``city budget``, ``de budgetklant``), never for money (``a budget of``) or products.
  Value statements about a person rank too: ``costs us money``, ``niets aan te verdienen``,
  ``let him churn``, ``waar je vanaf wilt``, ``worth ten ordinary customers``, ``a real Karen``.

Every form is stored lower-case; the matcher normalises apostrophes and hyphens.

Phrase-level rules that generalise beyond this list (nationality adjective + any people noun,
age numbers and decades, family/disability/origin phrases, ranking adjectives + customer nouns,
demographic stems in compounds) live in :mod:`personas.lint.rules`; the country and demonym
table in :mod:`personas.lint.demonyms`. This module's forms and codes take precedence.
"""
from __future__ import annotations

# --------------------------------------------------------------------------------------------
# Codes, families, severities and suggestions
# --------------------------------------------------------------------------------------------
DEMOGRAPHIC_CODES = (
    "demographic.gender", "demographic.age", "demographic.origin", "demographic.religion",
    "demographic.sexual_orientation", "demographic.disability", "demographic.family_status",
    "demographic.nationality",
)
JUDGEMENT_CODES = ("judgement.value_label", "judgement.pejorative")

ATTRIBUTE = {
    "demographic.gender": "gender",
    "demographic.age": "age",
    "demographic.origin": "origin or skin colour",
    "demographic.religion": "religion",
    "demographic.sexual_orientation": "sexual orientation",
    "demographic.disability": "disability",
    "demographic.family_status": "family status",
    "demographic.nationality": "nationality",
}

SUGGESTION = {
    "demographic.gender": "Leave gender out unless it changes what they need; name what they do "
                          "or need instead, e.g. 'plans every viewing with a checklist'.",
    "demographic.age": "Age is rarely the driver: name the life event or need instead, e.g. "
                       "'wants a home without stairs' or 'prefers to call rather than use the app'.",
    "demographic.origin": "Origin and skin colour are old boxes: describe the need behind it "
                          "(e.g. 'prefers drawings to long texts') or leave it out.",
    "demographic.religion": "Describe the need, not the faith: e.g. 'no appointments on Sundays'.",
    "demographic.sexual_orientation": "Leave sexual orientation out; describe the household's "
                                      "needs, e.g. 'wants a second bathroom'.",
    "demographic.disability": "State the need, not the condition: e.g. 'needs step-free access "
                              "and a ground-floor bedroom' or 'prefers chat to phone calls'.",
    "demographic.family_status": "Describe the context or need instead of the status: e.g. "
                                 "'can only view after school hours', 'needs room for two children "
                                 "every other weekend'.",
    "demographic.nationality": "Nationality is rarely relevant: name the need instead, e.g. "
                               "'wants every document in English'.",
    "judgement.value_label": "Do not rank people: name what they do or need, e.g. 'compares "
                             "prices before every purchase' instead of 'budget shopper', "
                             "'has a large balance and rarely calls' instead of 'cash cow'.",
    "judgement.pejorative": "Name the behaviour, not the person: e.g. 'calls several times a "
                            "week about the same delay' instead of 'problem customer'.",
}

# --------------------------------------------------------------------------------------------
# Words that always fire (any field). code -> forms (multi-word forms allowed).
# --------------------------------------------------------------------------------------------
ALWAYS: dict[str, list[str]] = {
    "demographic.gender": [
        # nl
        "man", "mannen", "mannetje", "mannelijk", "mannelijke", "vrouw", "vrouwen", "vrouwtje",
        "vrouwelijk", "vrouwelijke", "meisje", "meisjes", "meid", "meiden", "jongen", "jongens",
        "dame", "dames", "heren", "moeder", "moeders", "vader", "vaders", "mama", "papa",
        "echtgenoot", "echtgenote", "huisman", "zakenman", "zakenmannen", "familieman",
        "gezinsman", "transgender", "non-binair", "non-binaire", "transvrouw", "transman",
        # en
        "men", "woman", "women", "female", "females", "male", "males", "girl", "girls", "boy",
        "boys", "lady", "ladies", "gentleman", "gentlemen", "husband", "husbands", "wife", "wives",
        "mother", "mothers", "mum", "mums", "mom", "moms", "mommy", "mummy", "father", "fathers",
        "dad", "dads", "daddy", "housewife", "housewives", "househusband", "businessman",
        "businessmen", "businesswoman", "businesswomen", "family man", "non-binary", "feminine",
        "masculine", "trans woman", "trans man", "father-to-be", "mother-to-be", "dad-to-be",
        "mum-to-be", "mom-to-be", "fathers-to-be", "mothers-to-be", "aanstaande moeder",
        "aanstaande vader",
    ],
    "demographic.age": [
        "ouderen", "bejaard", "bejaarde", "bejaarden", "oudjes", "senioren", "junioren",
        "jongeren", "jongere", "tiener", "tieners", "puber", "pubers", "pensionado", "pensionados",
        "aow'er", "aow'ers", "twintiger", "twintigers", "dertiger", "dertigers", "veertiger",
        "veertigers", "vijftiger", "vijftigers", "zestiger", "zestigers", "zeventiger",
        "zeventigers", "tachtiger", "tachtigers", "negentiger", "negentigers", "babyboomer",
        "babyboomers", "boomer", "boomers", "millennial", "millennials", "generatie z",
        "generatie x", "generatie y", "jongvolwassene", "jongvolwassenen", "middelbare leeftijd",
        "minderjarig", "minderjarige", "minderjarigen", "plusser", "plussers",
        "seniors", "senior citizen", "senior citizens", "elderly people", "the elderly",
        "teenager", "teenagers", "teen", "teens", "adolescent", "adolescents", "youngster",
        "youngsters", "youths", "young adult", "young adults", "middle-aged", "baby boomer",
        "baby boomers", "gen z", "gen x", "gen y", "gen alpha", "generation z", "generation x",
        "generation y", "zoomer", "zoomers", "digital native", "digital natives",
        "thirtysomething", "thirty-something", "twentysomething", "twenty-something",
        "fortysomething", "forty-something", "fifty-something", "sixty-something", "oap", "oaps",
        "twenty-somethings", "thirty-somethings", "forty-somethings", "fifty-somethings",
        "twentysomethings", "thirtysomethings", "oldie", "oldies", "golden oldies", "ouwetjes",
        "grijze golf", "silver surfer", "silver surfers", "youngish", "young-ish", "oldish",
        "grey-haired", "gray-haired", "white-haired", "grijsaard", "grijsaards", "hoogbejaard",
        "hoogbejaarde", "hoogbejaarden",
    ],
    "demographic.origin": [
        "allochtoon", "allochtone", "allochtonen", "autochtoon", "autochtone", "autochtonen",
        "migratieachtergrond", "biculturele", "bicultureel", "etnisch", "etnische", "etniciteit",
        "immigrant", "immigranten", "migrant", "migranten", "arbeidsmigrant", "arbeidsmigranten",
        "gastarbeider", "gastarbeiders", "vluchteling", "vluchtelingen", "asielzoeker",
        "asielzoekers", "statushouder", "statushouders", "buitenlander", "buitenlanders",
        "huidskleur", "moedertaal", "blanken", "zwarten", "nieuwe nederlander",
        "nieuwe nederlanders",
        "immigrants", "migrants", "refugee", "refugees", "asylum seeker", "asylum seekers",
        "foreigner", "foreigners", "ethnic", "ethnicity", "ethnic minority", "ethnic minorities",
        "people of colour", "people of color", "person of colour", "person of color",
        "woman of colour", "women of colour", "man of colour", "men of colour", "bame", "poc",
        "skin colour", "skin color", "skin tone", "mother tongue", "dark-skinned",
        "light-skinned", "fair-skinned", "brown-skinned", "black-skinned", "white-skinned",
        "second-generation", "second generation", "tweede generatie", "tweede-generatie",
        "foreign-born", "buitenlands geboren", "nieuwkomer in nederland",
        "nieuwkomers in nederland", "new to the netherlands", "newcomer to the netherlands",
        "newcomers to the netherlands",
    ],
    "demographic.religion": [
        "moslim", "moslims", "moslima", "moslima's", "islamitisch", "islamitische", "islam",
        "christen", "christenen", "christelijk", "christelijke", "katholiek", "katholieke",
        "katholieken", "protestant", "protestanten", "protestants", "protestantse", "gereformeerd",
        "gereformeerde", "reformatorisch", "reformatorische", "joods", "joodse", "jood", "joden",
        "hindoe", "hindoes", "boeddhist", "boeddhisten", "boeddhistisch", "boeddhistische",
        "gelovig", "gelovige", "gelovigen", "religieus", "religieuze", "atheïst", "atheïsten",
        "kerkganger", "kerkgangers", "kerkelijk", "kerkelijke", "moskee", "synagoge", "hoofddoek",
        "hoofddoekje", "keppeltje", "boerka", "naar de kerk",
        "muslim", "muslims", "islamic", "christian", "christians", "catholic", "catholics",
        "protestants", "jewish", "jew", "jews", "hindu", "hindus", "buddhist", "buddhists", "sikh",
        "sikhs", "religious", "devout", "atheist", "atheists", "churchgoer", "churchgoers",
        "church-goer", "church-goers", "mosque", "synagogue", "headscarf", "headscarves", "hijab",
        "niqab", "burqa", "burka", "kippah", "yarmulke", "goes to church", "go to church",
        "attends church", "friday prayers", "friday prayer", "vrijdaggebed", "sunday mass",
        "zondagsmis", "kerkdienst", "kerkdiensten", "sabbath", "shabbat", "sabbat", "ramadan",
    ],
    "demographic.sexual_orientation": [
        "homo", "homo's", "homoseksueel", "homoseksuele", "homoseksuelen", "homofiel", "lesbisch",
        "lesbische", "lesbienne", "lesbiennes", "biseksueel", "biseksuele", "hetero", "hetero's",
        "heteroseksueel", "heteroseksuele", "homostel", "homostellen", "lhbt", "lhbti", "lhbtiq",
        "lhbtiq+", "lhbti+", "queer",
        "gay", "gays", "lesbian", "lesbians", "bisexual", "bisexuals", "heterosexual",
        "heterosexuals", "homosexual", "homosexuals", "lgbt", "lgbtq", "lgbtq+", "lgbtqia",
        "lgbtqia+", "same-sex",
    ],
    "demographic.disability": [
        "gehandicapt", "gehandicapte", "gehandicapten", "handicap", "handicaps", "invalide",
        "invaliden", "rolstoelgebruiker", "rolstoelgebruikers",
        "blinden", "doven", "slechtziend", "slechtziende",
        "slechtzienden", "slechthorend", "slechthorende", "slechthorenden", "visueel beperkt",
        "visueel beperkte", "auditief beperkt", "met een beperking", "lichamelijke beperking",
        "verstandelijke beperking", "verstandelijk beperkt", "verstandelijk beperkte",
        "autistisch", "autistische", "autist", "autisten", "autisme", "adhd", "dyslectisch",
        "dyslexie", "dementerend", "dementerende", "dementie", "chronisch ziek",
        "chronisch zieke", "chronisch zieken",
        "disabled", "disability", "disabilities", "handicapped", "wheelchair user",
        "wheelchair users", "deaf", "visually impaired", "hearing impaired",
        "autistic", "autism", "dyslexic", "dyslexia", "dementia", "chronically ill",
        "mentally ill", "crippled", "cripple",
    ],
    "demographic.family_status": [
        "alleenstaand", "alleenstaande", "alleenstaanden", "alleenstaande moeder",
        "alleenstaande moeders", "alleenstaande vader", "alleenstaande vaders",
        "alleenstaande ouder", "alleenstaande ouders", "getrouwd", "getrouwde", "gehuwd",
        "gehuwde", "ongehuwd", "ongehuwde", "samenwonend", "samenwonende", "weduwe", "weduwen",
        "weduwnaar", "weduwnaars", "kinderloos", "kinderloze", "zonder kinderen", "tweeverdieners",
        "tweeverdiener", "kostwinner", "kostwinners", "huisvader", "gezinsvader",
        "jong gezin", "jonge gezinnen", "gezin met kinderen", "gezinnen met kinderen",
        "gezin met jonge kinderen", "gezinnen met jonge kinderen", "oma", "opa", "grootouder",
        "grootouders", "vrijgezel", "vrijgezellen", "vrijgezellin", "pasgetrouwd",
        "pasgetrouwde", "pasgetrouwden", "kinderrijk", "kinderrijke", "kroostrijk", "kroostrijke",
        "groot gezin", "grote gezinnen",
        "married", "unmarried", "divorced", "divorcee", "widow", "widows", "widower", "widowers",
        "widowed", "childless", "without children", "single mum", "single mom", "single mother",
        "single mothers", "single moms", "single mums", "single dad", "single father",
        "single fathers", "single parent", "single parents", "singles", "empty nester",
        "empty nesters", "breadwinner", "breadwinners", "dink", "dinks", "grandma", "grandpa",
        "granny", "grandmother", "grandfather", "grandparent", "grandparents",
        "family with children", "families with children", "family with young children",
        "families with young children", "families with kids", "family with kids", "newlyweds",
        "newlywed", "newly-weds", "newly-wed", "just married", "large family", "large families",
        "big family", "big families", "spinster", "spinsters",
    ],
    "demographic.nationality": [
        "nederlander", "nederlanders", "duitser", "duitsers", "belg", "belgen", "marokkaan",
        "marokkanen", "turken", "surinamer", "surinamers", "antilliaan", "antillianen", "syriër",
        "syriërs", "somaliër", "somaliërs", "eritreeër", "eritreeërs", "afghanen", "expat",
        "expats",
        "dutchman", "dutchmen", "dutchwoman", "germans", "moroccans", "belgians", "syrians",
        "somalis", "eritreans", "afghans", "americans", "antilleans", "iraqis",
    ],
    "judgement.value_label": [
        "cash cow", "cash cows", "cash-cow", "melkkoe", "melkkoeien", "poor dog", "poor dogs",
        "city budget", "budgetklant", "budgetklanten", "budgetkoper", "budgetkopers",
        "budgetshopper", "budgetshoppers", "a-klant", "a-klanten", "b-klant", "b-klanten",
        "c-klant", "c-klanten", "d-klant", "d-klanten", "laagwaardig", "laagwaardige",
        "minderwaardig", "minderwaardige", "c-customer", "c-customers",
    ],
    "judgement.pejorative": [
        "kneus", "kneuzen", "loser", "losers", "zeurpiet", "zeurpieten", "zeurder", "zeurders",
        "querulant", "querulanten", "probleemklant", "probleemklanten", "probleemgeval",
        "probleemgevallen", "kansloos", "kansloze", "sukkel", "sukkels", "digibeet", "digibeten",
        "wanbetaler", "wanbetalers", "profiteur", "profiteurs", "klaploper", "klaplopers",
        "uitvreter", "uitvreters", "parasiet", "parasieten", "gierigaard", "gierigaards", "vrek",
        "vrekken", "lastpak", "lastpakken",
        "hopeless", "hopeless case", "hopeless cases", "cheapskate", "cheapskates", "deadbeat",
        "deadbeats", "freeloader", "freeloaders", "laggard", "laggards", "tightwad", "tightwads",
        "penny-pincher", "penny-pinchers", "lowlife", "lowlifes", "worthless", "scrounger",
        "scroungers", "moaner", "moaners", "zeikerd", "zeikerds", "sloeber", "sloebers",
        "lastpost", "lastposten", "mopperkont", "mopperkonten", "azijnpisser", "azijnpissers",
        "zuurpruim", "zuurpruimen", "betweter", "betweters", "bemoeial", "bemoeials", "whiner",
        "whiners", "troublemaker", "troublemakers", "time-waster", "time-wasters",
        "tyre kicker", "tyre kickers", "tire kicker", "tire kickers", "bottom feeder",
        "bottom feeders", "riff-raff", "man-child", "manchild", "man-children",
    ],
}

# --------------------------------------------------------------------------------------------
# Adjectives (and a few nouns) that fire only about people. code when followed by a person
# noun; code when followed by a background/skin noun.
# --------------------------------------------------------------------------------------------
PEOPLE_CONTEXT: dict[str, list[str]] = {
    "demographic.age": [
        "jong", "jonge", "oud", "oude", "oudere", "young", "younger", "old", "older", "elderly",
        "aged", "senior", "junior", "medior",
    ],
    "demographic.origin": [
        "zwart", "zwarte", "wit", "witte", "blank", "blanke", "donker", "donkere", "getint",
        "getinte", "licht", "lichte", "bruin", "bruine", "westers", "westerse", "niet-westers",
        "niet-westerse", "black", "white", "brown", "dark", "light", "fair", "western",
        "non-western", "hindoestaans", "hindoestaanse", "hindustani", "creools", "creoolse",
    ],
    "demographic.family_status": ["single", "gescheiden", "separated"],
    "demographic.disability": ["blind", "blinde", "doof", "dove"],
    "demographic.sexual_orientation": ["straight"],
    "demographic.nationality": [
        # nl
        "nederlands", "nederlandse", "duits", "duitse", "belgisch", "belgische", "marokkaans",
        "marokkaanse", "turks", "turkse", "surinaams", "surinaamse", "antilliaans",
        "antilliaanse", "pools", "poolse", "bulgaars", "bulgaarse", "roemeens", "roemeense",
        "syrisch", "syrische", "somalisch", "somalische", "eritrees", "eritrese", "afghaans",
        "afghaanse", "chinees", "chinese", "indiaas", "indiase", "indisch", "indische",
        "indonesisch", "indonesische", "aziatisch", "aziatische", "afrikaans", "afrikaanse",
        "arabisch", "arabische", "oost-europees", "oost-europese", "buitenlands", "buitenlandse",
        "brits", "britse", "amerikaans", "amerikaanse", "frans", "franse", "spaans", "spaanse",
        "italiaans", "italiaanse", "kaapverdiaans", "kaapverdiaanse", "iraaks", "iraakse",
        "irannees", "iraanse",
        # en
        "dutch", "german", "belgian", "moroccan", "turkish", "surinamese", "antillean", "polish",
        "bulgarian", "romanian", "syrian", "somali", "eritrean", "afghan", "indian",
        "indonesian", "asian", "african", "arab", "arabic", "eastern european", "foreign",
        "british", "american", "french", "spanish", "italian", "iraqi", "iranian", "turks",
        "moroccan-dutch", "turkish-dutch",
    ],
}

# Nationality adjectives followed by a background noun are about origin, not passport.
BACKGROUND_CODE = "demographic.origin"
# Colour words that describe people only next to a skin word ("lichte huid", "fair skin"):
# "light users" are customers who use little.
SKIN_ONLY = {"licht", "lichte", "light", "fair"}
# Relational words that name someone in the persona's social context after a possessive
# ("with her mother", "zijn vrouw", "haar buurvrouw"): with whom is context, not identity.
RELATIONAL = {
    "man", "vrouw", "moeder", "vader", "mama", "papa", "echtgenoot", "echtgenote", "husband",
    "wife", "mother", "mum", "mom", "father", "dad", "oma", "opa", "grandma", "grandpa",
    "granny", "grandmother", "grandfather", "grandparents", "grootouders", "ouders",
}
# People in the persona's social context: a demographic word right before one of these, after a
# possessive, describes that person, not the persona ("haar dementerende vader").
KIN_NOUNS = RELATIONAL | {
    "zoon", "zonen", "dochter", "dochters", "son", "sons", "daughter", "daughters", "kind",
    "kinderen", "children", "kids", "child", "partner", "partners", "buurman", "buurvrouw",
    "neighbour", "neighbours", "neighbor", "neighbors", "schoonmoeder", "schoonvader", "broer",
    "zus", "brother", "sister", "vriend", "vriendin", "friend", "friends", "collega", "colleague",
    "parents", "ouders", "familie", "family", "mother-in-law", "father-in-law",
}
POSSESSIVES = {"his", "her", "their", "my", "our", "zijn", "haar", "hun", "mijn", "onze", "ons",
               "d'r", "z'n", "m'n"}

# Judgement adjectives that rank people only before a customer/segment noun (or, for some, alone
# in a label field such as a persona name).
JUDGEMENT_CONTEXT: dict[str, list[str]] = {
    "judgement.value_label": [
        "budget", "premium", "low value", "low-value", "high value", "high-value", "goedkope",
        "goedkoop", "cheap", "onrendabele", "onrendabel", "unprofitable", "niet-winstgevende",
        "waardeloze", "hoogwaardige", "bottom-tier", "low-tier", "top-tier", "bottom tier",
        "low tier", "top tier", "laag rendement", "low return", "low margin", "lage marge",
        "low-margin",
    ],
    "judgement.pejorative": [
        "problem", "lastige", "moeilijke", "difficult", "probleem", "stingy", "gierig",
        "gierige", "krenterig", "krenterige", "vrekkig", "vrekkige", "greedy", "hebberig",
        "hebberige", "lazy", "lui", "luie", "dumb", "stupid", "dom", "domme", "woke", "whiny",
        "zeurderig", "zeurderige", "zeurende", "klagerige", "irritante", "vervelende",
        "annoying", "irritating", "whining", "nagging",
    ],
}
# Of those, the ones that rank people on their own when used as a label (name, value label).
LABEL_ALONE = {"budget", "premium", "low value", "low-value", "high value", "high-value",
               "laagwaardig", "goedkoop", "cheap", "onrendabel", "unprofitable", "laag rendement",
               "low return", "low margin", "lage marge", "bottom tier", "low tier"}

# BCG labels that rank only when used as a label.
BCG: dict[str, str] = {
    "dog": "judgement.value_label", "dogs": "judgement.value_label",
    "star": "judgement.value_label", "stars": "judgement.value_label",
    "question mark": "judgement.value_label", "question marks": "judgement.value_label",
    "hond": "judgement.value_label", "honden": "judgement.value_label",
    "ster": "judgement.value_label", "sterren": "judgement.value_label",
    "vraagteken": "judgement.value_label", "vraagtekens": "judgement.value_label",
    "whale": "judgement.value_label", "whales": "judgement.value_label",
}
BCG_CUES = {"bcg", "boston", "portfolio matrix", "portfoliomatrix"}
LABEL_CUES = {
    "label", "labels", "labelled", "labeled", "gelabeld", "segment", "segmenten", "kwadrant",
    "quadrant", "categorie", "category", "klasse", "class", "status", "bucket", "tag", "tagged",
    "classified", "ingedeeld", "bestempeld", "ranked", "gerangschikt",
}
# Nouns after a quoted word that make it a label ("the 'Budget' persona").
LABEL_NOUNS = {"persona", "personas", "profile", "profiel", "profielen", "segment", "segmenten",
               "segments", "group", "groep", "label", "kwadrant", "quadrant", "type", "klanttype"}

# Dutch compound heads: a word ending in one of these (with a prefix of 2+ letters) fires.
COMPOUND_HEADS: dict[str, str] = {
    "vrouw": "demographic.gender", "vrouwen": "demographic.gender",
    "moeder": "demographic.gender", "moeders": "demographic.gender",
    "vader": "demographic.gender", "vaders": "demographic.gender",
    "meisje": "demographic.gender", "meisjes": "demographic.gender",
    "ouderen": "demographic.age", "jongeren": "demographic.age", "jongere": "demographic.age", "senioren": "demographic.age",
    "bejaarden": "demographic.age", "bejaarde": "demographic.age", "plusser": "demographic.age", "plussers": "demographic.age",
    "gehandicapten": "demographic.disability",
}
# Forms of address are not flagged (policy); the rest are not about people.
COMPOUND_EXCEPTIONS = {"mevrouw", "mevrouwen", "juffrouw", "baarmoeder", "baarmoeders", "peetvader"}

# --------------------------------------------------------------------------------------------
# Context vocabularies
# --------------------------------------------------------------------------------------------
PERSON_NOUNS = set("""
man men woman women people person persons persoon personen mens mensen guy lady ladies gentleman
gentlemen girl girls boy boys meisje meisjes jongen jongens vrouw vrouwen mannen dame dames heer
heren customer customers client clients klant klanten cliënt cliënten buyer buyers koper kopers
shopper shoppers consumer consumers consument consumenten user users gebruiker gebruikers member
members lid leden resident residents bewoner bewoners inwoner inwoners huurder huurders tenant
tenants homeowner homeowners huiseigenaar huiseigenaren eigenaar eigenaren couple couples stel
stellen koppel koppels echtpaar echtparen family families gezin gezinnen familie families
household households huishouden huishoudens parent parents ouder ouders mother mothers mum mums
mom moms father fathers dad dads moeder moeders vader vaders teenager teenagers student students
studenten starter starters professional professionals employee employees werknemer werknemers
worker workers werkers ondernemer ondernemers entrepreneur entrepreneurs zzp'er zzp'ers
freelancer freelancers passenger passengers reiziger reizigers traveller travellers traveler
travelers patient patients patiënt patiënten burger burgers citizen citizens neighbour neighbours
neighbor neighbors visitor visitors bezoeker bezoekers guest guests gast gasten applicant
applicants aanvrager aanvragers abonnee abonnees subscriber subscribers investor investors
belegger beleggers spaarder spaarders saver savers borrower borrowers homebuyer homebuyers
huizenkoper huizenkopers widow widows widower widowers weduwe weduwnaar single singles
immigrant immigrants migrant migranten expat expats nederlander nederlanders
husband husbands wife wives youngster youngsters seniors someone somebody iemand owner owners
shopkeeper shopkeepers winkelier winkeliers middenklasser middenklassers forens forenzen
pendelaar pendelaars thuiswerker thuiswerkers
""".split())
CHILD_NOUNS = {"child", "children", "kid", "kids", "kind", "kinderen", "baby", "babies",
               "baby's", "kindje", "kindjes", "toddler", "toddlers", "peuter", "peuters"}
BACKGROUND_NOUNS = set("""
background backgrounds origin origins descent heritage roots ancestry afkomst achtergrond komaf
herkomst wortels skin huid huidskleur complexion teint uiterlijk looks appearance
""".split())
# Words allowed between a demographic adjective and its person noun ("young first-time buyers").
MODIFIERS = set("""
first-time new nieuwe potential potentiële local lokale working werkende busy drukke hard-working
hardwerkende well-off welgestelde rich rijke poor arme low-income high-income middle-class
working-class wealthy affluent single-income
""".split())
SUBJECT_PRONOUNS = {"he", "she", "they", "i", "we", "hij", "zij", "ze", "ik", "wij", "we",
                    "persona", "customer", "klant"}
COPULAS = {"is", "are", "was", "were", "zijn", "ben", "bent", "wordt", "werd", "waren", "'s"}
CLAUSE_WORDS = {"and", "or", "but", "who", "since", "so", "en", "of", "maar", "die", "sinds",
                "dus", "want", "en", "too", "ook"}
ARTICLES = {"a", "an", "the", "een", "de", "het", "as", "als"}
# Person nouns that make ``senior``/``junior`` an age (otherwise a job grade or a product).
JUDGEMENT_TARGETS = set("""
customer customers client clients klant klanten cliënt cliënten shopper shoppers buyer buyers
koper kopers consumer consumers consument consumenten segment segmenten segments member members
leden lid household households huishoudens gezin gezinnen family families aanvrager aanvragers
applicant applicants huurder huurders tenant tenants relatie relaties relation relations account
accounts users user gebruikers gebruiker groep group mensen people guy guys man men vrouw women
woman
""".split())

# Phrases masked before matching (never findings); matched on the lower-cased text.
EXCEPTIONS = [
    r"white[\s-]label", r"white[\s-]?papers?", r"white goods", r"white wine", r"white[\s-]?board",
    r"black friday", r"black box", r"black market", r"black coffee", r"black[\s-]belt",
    r"zwart op wit", r"zwart geld", r"zwart werk\w*", r"witte wijn", r"rode wijn",
    r"jong en oud", r"oud en jong", r"jong of oud", r"young and old", r"old and young",
    r"young or old", r"young at heart", r"old (?:and|or) new", r"new (?:and|or) old",
    r"oud (?:en|of) nieuw", r"nieuw (?:en|of) oud",
    r"mother'?s day", r"father'?s day", r"man[\s-]hours?",
    r"isle of man", r"old[\s-]school", r"oud-\w+", r"ex-\w+", r"senior discount",
    r"elderly care", r"elderly[\s-]care", r"question mark(?=\s+(?:after|next|over|behind|by))",
    r"de heer", r"the man in the middle", r"blinde (?:vlek|muur|muren)",
    r"blind (?:spot|eye)", r"(?:light|dark)[\s-]mode", r"donkere (?:avonden|dagen|kleuren)",
    r"oude (?:woning|huis|stad|binnenstad|wijk|keuken)",
    r"(?:de|the)\s+(?:twintiger|dertiger|veertiger|vijftiger|zestiger|zeventiger|tachtiger|"
    r"negentiger)[\s-]?jaren",   # "uit de zestiger jaren": a decade of time, not an age
]

# Age expressions (regexes, case-insensitive). Tenure ("15 jaar klant") is not an age.
_NUMW = r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
_DEC = r"(?:twenties|thirties|forties|fourties|fifties|sixties|seventies|eighties|nineties|[2-9]0s|'[2-9]0s)"
AGE_PATTERNS = [
    r"\b\d{1,3}\s?-?\s?jarige?n?\b",
    r"\b(?:\w+en)?" + _NUMW + r"-?jarige?n?\b",   # "zestigjarige", "zestig-jarige"
    r"\b\d{1,3}\s?-?\s?plussers?\b",
    r"\b(?:\w+en)?" + _NUMW + r"-?plussers?\b",
    r"\b\d{1,3}\s+jaar\s+oud\b",
    r"\b(?:man|vrouw|klant|klanten|mensen|iemand|persoon|personen|kopers?|bewoners?|huurders?|"
    r"stel|gezin|echtpaar)\s+van\s+(?:\d{1,3}|" + _NUMW + r")(?:\s+jaar)?\b",
    r"\b(?:begin|midden|eind|half|rond\s+de|ergens\s+in\s+de)\s+" + _NUMW + r"\b(?!\s+(?:euro|procent|minuten|meter|m2|km))",
    r"\b\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*old\b",
    r"\b\d{1,3}[\s-]*y/?o\b",
    r"\b(?:aged|age|leeftijd)\s*:?\s*\d{1,3}\b",
    r"\bin\s+(?:his|her|their|my|our|zijn|haar|hun)\s+(?:(?:early|mid|late)[\s-]+)?" + _DEC,
    r"\b(?:early|mid|late)[\s-]+" + _DEC + r"\b",
    r"\b(?:[4-9][05])\s?\+(?!\s*(?:m2|m²|jaar\s+(?:klant|lid)|years?\s+(?:as|of)|euro|€|%)"
    r"|-(?!(?:s?ers?)\b)[^\W\d_])",   # "55+-woning" is a product, "55+-ers" are people
    r"\b(?:over|under|above|below|boven|onder)\s+the\s+age\s+of\s+\d{2}\b",
    r"\b(?:over|under)[\s-]?\d0s\b",
    r"\b\d0[\s-]?somethings?\b",
    r"\b(?:born|geboren)\s+(?:in\s+)?(?:19|20)\d\d\b",
    r"\b(?:customers|clients|people|klanten|mensen|residents|bewoners)\s+(?:over|under|above|"
    r"below|boven|onder|van)\s+\d{2}\b",
    r"\b(?:hij|zij|ze|he|she|i|ik)\s+(?:is|ben|was|wordt|werd|turns|turned)\s+\d{2}(?:\s+jaar)?"
    r"(?=\s*(?:[.,;:)]|$|\b(?:and|en)\b))",
]

# Origin expressions: an origin verb followed by a country (not "lives in Germany").
COUNTRIES = [
    "marokko", "morocco", "turkije", "turkey", "suriname", "curaçao", "curacao", "aruba",
    "indonesië", "indonesia", "polen", "poland", "syrië", "syria", "somalië", "somalia",
    "eritrea", "afghanistan", "irak", "iraq", "iran", "china", "india", "ghana", "nigeria",
    "bulgarije", "bulgaria", "roemenië", "romania", "kaapverdië", "cape verde", "duitsland",
    "germany", "belgië", "belgium", "nederland", "the netherlands", "oekraïne", "ukraine",
    "het buitenland", "abroad", "the caribbean", "het caribisch gebied", "afrika", "africa",
    "azië", "asia", "pakistan", "egypte", "egypt", "the middle east", "het midden-oosten",
]
# Origin said in one word: "Ghanaian-born", "Rotterdam-born".
# Not a place: "first-born", "new-born", "high-born", "still-born" (round 3).
ORIGIN_PATTERNS = [r"\b(?!(?:first|new|still|high|low|well|free|twice|home|earth|sea|air)-born)"
                   r"[^\W\d_]+-born\b", r"\b[^\W\d_]+-geboren\b"]
ORIGIN_VERBS = [
    r"born", r"geboren", r"grew\s+up", r"raised", r"opgegroeid", r"afkomstig", r"originally",
    r"oorspronkelijk", r"roots", r"wortels", r"emigrated", r"immigrated", r"geëmigreerd",
    r"geïmmigreerd", r"fled", r"gevlucht", r"came\s+over", r"komt\s+oorspronkelijk",
    r"moved\s+here", r"came\s+here", r"moved", r"came", r"kwam", r"verhuisd", r"verhuisde",
]
