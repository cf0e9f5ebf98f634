"""Phrase-level rules of the text lint: the wording a word list cannot enumerate.

Why rules: blind sets written after tuning showed the word list catches about two thirds of new
wording. New wording is mostly *new combinations* of known parts -- a nationality adjective before
any people noun ("Polish construction workers", "Ghanese verpleegkundige"), a number with an age
unit ("in de zestig", "under-25s", "Anna (52)"), a family noun with children ("gezin met twee
kinderen"), a person-first disability phrase ("with a visual impairment"), a ranking adjective
before a customer noun ("least profitable clients", "klanten van weinig waarde"), a demographic
stem inside a Dutch compound ("moslimgezinnen", "LHBTI-klanten"). Each rule here generalises one
such pattern; the vocabularies below feed the rules in :mod:`personas.lint.text`.

The policy of :mod:`personas.lint.lexicon` holds: needs stated as needs, products, job titles,
life stage, behaviour and social context after a possessive stay clean.
"""
from __future__ import annotations

# --------------------------------------------------------------------------------------------
# More words that always fire (code -> forms)
# --------------------------------------------------------------------------------------------
ALWAYS: dict[str, list[str]] = {
    "demographic.gender": [
        "vent", "venten", "kerel", "kerels", "gozer", "gozers", "guys", "gal", "gals", "bloke",
        "blokes", "lads", "lasses", "lass", "genderfluid", "genderqueer", "cisgender",
        "vrouw des huizes", "heer des huizes", "man des huizes", "lady of the house",
        "man of the house", "manly", "girly", "macho", "macho's", "stay-at-home mum",
        "stay-at-home mom", "stay-at-home dad", "thuisblijfmoeder", "thuisblijfvader",
        "soccer mom", "soccer moms", "mannelijk", "womenfolk", "menfolk",
    ],
    "demographic.age": [
        "op leeftijd", "op hoge leeftijd", "van middelbare leeftijd", "middle age", "midlife",
        "mid-life", "midlifers", "gen alpha", "generation alpha", "generatie alpha",
        "gen z'ers", "gen z'er", "gen x'ers", "gen x'er", "genz", "genx", "gen-zers", "zillennials",
        "xennials", "boomergeneratie", "babyboomgeneratie", "naoorlogse generatie",
        "post-war generation", "silver generation", "zilveren generatie", "grijze duiven",
        "krasse knarren", "kwieke senioren", "the young", "jeugdigen", "adolescenten", "jongvolwassen", "pubers", "tweens", "preteens",
        "jonkies", "ouwetje", "oude van dagen", "hoogbejaard", "octogenarian",
        "septuagenarian", "nonagenarian", "centenarian", "over-fifties", "over-sixties",
        "over-seventies", "over fifties", "over sixties", "vijftigplus", "zestigplus",
        "zeventigplus", "veertigplus", "dertigplus", "50plus", "60plus", "65plus", "55plus",
        "40plus", "leeftijdsgroep", "leeftijdscategorie", "age group", "age bracket",
    ],
    "demographic.origin": [
        "anderstalig", "anderstalige", "anderstaligen", "inburgeraar", "inburgeraars",
        "inburgeringsplichtig", "inburgeringsplichtige", "inburgeringsplichtigen", "nieuwkomers uit",
        "newcomers from", "newcomer from", "kleurling", "kleurlingen", "people of color",
        "mensen van kleur", "persoon van kleur", "biracial", "mixed-race",
        "mixed race", "gemengd bloed", "getinte huid", "dark skin", "darker skin", "lighter skin",
        "non-white", "niet-wit", "niet-witte", "niet-westerse", "non-western", "migratie-achtergrond",
        "immigratieachtergrond", "immigrant background", "migrant background",
        "migration background", "ethnic background", "ethnic minorities", "minderheden", "etnische minderheid",
        "etnische minderheden", "latino", "latinos", "latina", "latinas", "latinx", "hispanic",
        "hispanics", "caucasian", "caucasians", "woonwagenbewoner", "woonwagenbewoners",
        "oudkomer", "oudkomers", "gelukszoeker", "gelukszoekers", "economische migrant",
        "economische migranten", "kennismigrant", "kennismigranten", "knowledge migrant",
        "knowledge migrants", "expat-gezin", "expatgezin", "expatgezinnen",
    ],
    "demographic.religion": [
        "bidt", "biddend", "prays", "praying", "pray five times", "vroom", "vrome",
        "pious", "kerks", "kerkse", "ultra-orthodox", "ultra-orthodoxe",
        "evangelisch", "evangelische", "evangelical", "evangelicals", "pinkstergemeente",
        "baptist", "baptists", "mormon", "mormons", "jehova", "jehovah", "jehovah's",
        "getuigen van jehova", "salafist", "salafisten", "salafistische", "sjiitisch",
        "sjiitische", "soennitisch", "soennitische", "shia", "sunni", "bible belt", "biblebelt",
        "bijbelgordel", "bijbelvast", "bijbelvaste", "streng gelovig", "streng gelovige",
        "strenggelovig", "strenggelovige", "sikh", "hindoeïstisch", "hindoeïstische", "hinduist", "jains", "sabbath-keeping",
        "kerkgaand", "kerkgaande", "geloofsgemeenschap", "faith community", "congregation",
        "gemeenteleden", "moskeebezoeker", "moskeebezoekers", "moskeegangers", "moskeeganger",
        "zondagsrust", "sunday observance", ],
    "demographic.sexual_orientation": [
        "roze doelgroep", "roze markt", "roze gemeenschap", "roze stel", "roze stellen",
        "roze klanten", "pink pound", "pink market", "holebi", "holebi's", "lhbtqia+", "lgbtqi",
        "lgbtqi+", "lgbti", "lgbtq+", "homokoppel", "homokoppels", "lesbisch stel",
        "lesbische stellen", "same-sex couple", "same-sex couples", "two dads", "two mums",
        "two moms", "twee vaders", "twee moeders", "gay-vriendelijk", "pansexual",
        "panseksueel", "aseksueel", "asexual", "homoseksualiteit", "homosexuality",
        ],
    "demographic.disability": [
        "hard of hearing", "hard-of-hearing", "minder mobiele",
        "mindervalide", "mindervaliden", "minder valide", "mobility impaired",
        "mobility-impaired", "hearing-impaired", "partially sighted", "partially-sighted",
        "wheelchair-bound", "wheelchair bound", "wheelchair-using", "rolstoelgebonden", "in a wheelchair", "in een rolstoel",
        "neurodivergent", "neurodivergente", "neurodiverse", "epileptic", "epileptisch",
        "epilepsie", "epilepsy", "spastisch", "spastic", "amputee", "amputees", "paraplegic",
        "quadriplegic", "dwarfism", "special needs", "learning difficulties",
        "learning difficulty", "leerstoornis", "leerproblemen", "doofstom", "doofblind",
        "psychisch kwetsbaar", "psychisch kwetsbare", "psychiatrische patiënten",
        "psychiatric patients", "mental illness", "mentally disabled", "mentally handicapped",
        "geestelijk gehandicapt", "geestelijk gehandicapte", "lichamelijk gehandicapt",
        "zwakzinnig", "zwakzinnige", "blindness", "blindheid", "doofheid", "deafness",
        "parkinson", "parkinson's", "alzheimer", "alzheimer's", "asperger", "asperger's",
        "add'er", "adhd'er", "adhd'ers", "autismespectrum", "autism spectrum", "on the spectrum",
        "down syndrome", "downsyndroom", "syndroom van down", "visuele beperking",
        "auditieve beperking", "fysieke beperking", "physical disability",
        "physically disabled", "mentally ill", "niet-aangeboren hersenletsel", "hersenletsel", "brain injury", "rolstoelafhankelijk", "doven", "dove klanten",
        "slechtziendheid", "low vision", "visual impairment", "hearing impairment",
        "hearing loss", "gehoorverlies", ],
    "demographic.family_status": [
        "eenoudergezin", "eenoudergezinnen", "eenouder", "eenouders", "alleenverdiener",
        "alleenverdieners", "samengesteld gezin", "samengestelde gezinnen", "blended family",
        "blended families", "patchwork family", "co-ouder", "co-ouders", "co-parent",
        "co-parents", "co-ouderschap", "co-parenting", "stepmother", "stepfather", "stepmom",
        "stepmum", "stepdad", "stiefouder", "stiefouders", "pleegouder", "pleegouders",
        "foster parent", "foster parents", "adoptive parents", "adoptiefouders", "cohabiting",
        "cohabitant", "cohabitants", "samenwonenden", "ongetrouwd", "ongetrouwde", "gescheidene",
        "gescheidenen", "divorcees", "separated parents", "gescheiden ouders", "lege nest",
        "legenestfase", "empty-nest", "empty nest", "empty-nesters", "nestverlaters",
        "dinky", "dinkies", "tweeverdienersgezin", "kostwinnersgezin", "expecting mothers", "jonge ouders",
        "young parents", "new parents", "kersverse ouders", "kersverse moeder",
        "kersverse vader", "gezinshoofd", "head of the family", "head of household",
        "familievader", "pater familias", "grootmoeder", "grootvader", "grootmoeders",
        "grootvaders", "opa's", "oma's", "opaatje", "omaatje", "grandad", "granddad",
        "grandmas", "grandpas", "grandmothers", "grandfathers", "married couple",
        "married couples", "getrouwd stel", "getrouwde stellen", "echtpaar", "echtparen",
        ],
    "demographic.nationality": [
        "niet-nederlanders", "niet-nederlandse", "non-dutch", "autochtone nederlanders",
        "echte nederlanders", "echte hollander", "typische hollander", "typical dutchman",
        "dubbele nationaliteit", "dual nationality", "dual citizen", "dual citizens",
        "nationaliteit", "nationality", "niet-eu", "non-eu", "eu-burgers", "eu citizens",
        "oostbloklanden", "oost-europeanen",
    ],
    "judgement.value_label": [
        "profitloos", "profitloze", "margin-killers", "b-grade", "c-grade",
        "lower-tier", "lowest-tier", "onrendabel", "onrendabele", "kleine garnalen", "small fry",
        "budgetsegment", "budgetsegmenten", "budgetgroep", "budgetpersona", "budgetklantje",
        "verliesklant", "verliesklanten", "melkkoetje", "geldkoe", "geldkoeien", "cash-cows", "poor dog", "lage-waardeklanten", "lagewaardeklant", "lagewaardeklanten",
        "laag-waarde", "low-worth", ],
    "judgement.pejorative": [
        "aso", "aso's", "asocialen", "asociale", "tokkie", "tokkies", "hufter", "hufters",
        "tuig", "schorem", "gepeupel", "plebs", "klootzak", "klootzakken", "zeurkous", "zeurkousen", "klaagkont", "klaagkonten", "mierenneuker", "mierenneukers",
        "muggenzifter", "muggenzifters", "drammer", "drammers", "zeiker", "zeikers",
        "lastigvaller", "lastigvallers", "uitkeringstrekker",
        "uitkeringstrekkers", "uitkeringstrekkend", "profiteurtje", "freerider", "freeriders",
        "free rider", "free riders", "free-rider", "free-riders", "sponger", "spongers",
        "leech", "leeches", "parasite", "parasites", "bloodsucker", "bloodsuckers", "chancer",
        "chancers", "chav", "chavs", "white trash", "trailer trash", "rabble", "scum",
        "nightmare customer", "nightmare customers", "nightmare client", "nightmare clients",
        "customer from hell", "customers from hell", "klant uit de hel", "klanten uit de hel",
        "klant van de hel", "pain in the neck", "pain in the ass", "pain in the arse",
        "energy vampire", "energy vampires", "energievreter", "energievreters", "tijdvreter",
        "tijdvreters", "tijdverspiller", "tijdverspillers", "timewaster", "timewasters",
        "time waster", "time wasters", "problem child", "problem children", "probleemkind",
        "a karen", "typical karen", "een karen", "echte karen", "typische karen",
        "high-maintenance customer", "high-maintenance customers", "high-maintenance clients",
        "lastige klant", "lastige klanten", "moeilijke klant", "moeilijke klanten",
        "zeurklant", "zeurklanten", "klaagklant", "klaagklanten", "rotklant", "rotklanten",
        "kutklant", "kutklanten", "horkklant", "prutsers", "prutser", "randdebiel",
        "randdebielen", "debielen", "idioten", "idiots", "morons", "simpele zielen", "simple souls", "domkoppen", "domkop", "sukkeltje",
        "oen", "oenen", "kneusje", "kneusjes", "schlemiel", "pathetic", ],
}

# More adjectives that fire only about people (code -> forms).
PEOPLE_CONTEXT: dict[str, list[str]] = {
    "demographic.age": ["mature", "grijze", "grey", "gray", "grijs", "bejaarde", "hoogbejaarde",
                        "jeugdige", "oudste", "jongste", "jongvolwassen", "ageing", "aging"],
    "demographic.gender": ["trans", "vrouwelijk", "cis", "mannelijk"],
    "demographic.sexual_orientation": ["roze", "regenboog", "rainbow"],
    "demographic.religion": ["kerkelijke", "religieuze", "christelijk", "islamitisch", "orthodox",
                             "orthodoxe", "practising", "practicing", "observant"],
    "demographic.disability": ["blinde", "dove", "lame", "mute", "kreupele",
                               "crippled", "autistic", "handicapped", "impaired"],
    "demographic.family_status": ["gescheiden", "gehuwde", "getrouwde", "single", "kinderloze",
                                  "widowed", "married", "divorced", "unmarried"],
}

# Judgement adjectives that rank people only before a customer/segment noun.
JUDGEMENT_CONTEXT: dict[str, list[str]] = {
    "judgement.value_label": [
        "waardeloze", "worthless", "valuable", "waardevolle", "low-value", "lage-waarde",
        "high-maintenance", "unattractive", "onaantrekkelijke", "ongewenste", "unwanted",
        "undesirable", "minderwaardige", "low-end", "lowend", "bottom", "lowest", "laagste",
        "slechtste", "worst", "inferior", "marginal", "marginale", "irrelevant", "irrelevante",
        "uninteresting", "oninteressante", "onbelangrijke", "unimportant", "verliesgevende",
        "profitless", "unprofitable", "non-profitable", "loss-making", "c-list", "b-list",
        "tier-two", "tier-three", "second-tier", "third-tier", "low-potential", "laagrenderende",
        "niet-renderende", "verlieslatende", "tweederangs", "derderangs", "second-class",
        "second-rate", "third-rate", "lower-value", "lage-waarde", "low-worth",
    ],
    "judgement.pejorative": [
        "nightmare", "horrible", "terrible", "awful", "bad", "slechte", "nare", "vreselijke",
        "verschrikkelijke", "afschuwelijke", "rotte", "lastigste", "moeilijkste", "ergste",
        "toxic", "toxische", "giftige", "problematische", "problematic", "entitled", "spoiled", "verwende", "brutale",
        "pushy", "needy", "clingy", "whingeing", "whinging", "dwarse", "querulante", "ondankbare",
        "ungrateful", "onbeschofte", "rude", "hopeless", "hopeloze",
        "dumb", "dom", "achterlijke", "primitieve", "primitive", "simple-minded", "ignorant",
        "ignorante",
    ],
}
LABEL_ALONE = {"waardeloos", "tweederangs", "second-class", "second-rate", "nightmare",
               "low-potential"}

# More person nouns: occupations and groups (an origin/age adjective before one describes people).
PERSON_NOUNS = set("""
nurse nurses doctor doctors teacher teachers driver drivers cleaner cleaners cook cooks chef chefs
builder builders plumber plumbers electrician electricians farmer farmers labourer labourers
laborer laborers engineer engineers developer developers programmer programmers carer carers
caregiver caregivers contractor contractors tradesman tradesmen tradespeople courier couriers
trader traders vendor vendors landlord landlords retiree retirees pensioner pensioners graduate
graduates academic academics researcher researchers scientist scientists staff crew colleagues
workforce nanny nannies au-pair au-pairs renter renters seeker seekers holder holders
owner-occupiers entrepreneur mothers fathers women men youngsters adults adult
verpleegkundige verpleegkundigen verpleegster verpleegsters artsen dokter dokters leraar
leraren lerares docent docenten monteur monteurs chauffeur chauffeurs schoonmaker schoonmakers
schoonmaaksters kok koks bouwvakker bouwvakkers loodgieter loodgieters elektricien elektriciens
kapper kappers boer boeren tuinder tuinders kassier kassiers caissière caissières verkoper
verkopers ambtenaar ambtenaren agent agenten militair militairen programmeur programmeurs
ontwikkelaar ontwikkelaars ingenieur ingenieurs zorgverlener zorgverleners bezorger bezorgers
koerier koeriers arbeider arbeiders werker werkers medewerker medewerkers uitzendkracht
uitzendkrachten seizoenwerker seizoenwerkers vakman vaklieden vakmensen handelaar handelaren
ondernemer ondernemers winkelier winkeliers verhuurder verhuurders huisbaas huisbazen
gepensioneerde gepensioneerden afgestudeerde afgestudeerden scholier scholieren arbeidskracht
arbeidskrachten collega collega's personeel doelgroep doelgroepen gemeenschap community
communities target-group target-groups volwassene volwassenen
mannen vrouwen jongeren ouderen senioren twintigers dertigers veertigers vijftigers zestigers
expat expats nieuwkomer nieuwkomers statushouder statushouders vluchteling vluchtelingen
migrant migranten kenniswerker kenniswerkers zorgmedewerker zorgmedewerkers
""".split())
# Heads of Dutch compounds (and closed English compounds) that name people: "bouwvakkers",
# "seizoenarbeiders", "homebuyers", "statushouders".
PERSON_HEADS = ("medewerkers", "medewerker", "arbeiders", "arbeider", "werkers", "werker",
                "kopers", "koper", "huurders", "huurder", "ondernemers", "ondernemer",
                "bewoners", "bewoner", "klanten", "klant", "gebruikers", "gebruiker",
                "reizigers", "reiziger", "bezoekers", "bezoeker", "eigenaren", "eigenaars",
                "eigenaar", "studenten", "student", "chauffeurs", "chauffeur", "bezorgers",
                "krachten", "gezinnen", "gezin", "houders", "houder", "kundigen",
                "kundige", "vakkers", "vakker", "verkopers", "verkoper", "ouders",
                "workers", "worker", "buyers", "buyer", "owners", "owner", "renters", "seekers",
                "goers", "users", "keepers", "families", "couples", "koppels",
                "echtparen", "huishoudens", "mensen", "jongeren", "vrouwen", "mannen",
                "ouderen", "senioren", "doelgroep", "gemeenschap")
# Words ending in a person head that are not about people.
NOT_PERSON = {"bestellen", "voorstellen", "instellen", "vaststellen", "opstellen", "herstellen",
              "uitstellen", "aanstellen", "bijstellen", "samenstellen", "stellen", "ouders",
              "gezin", "klant", "student", "kracht", "houder", "houders", "koper", "werker",
              "kopers", "krachten", "mensen", "koppels", "gemeenschap", "doelgroep",
              "gebruikers", "eigenaar", "verkoper", "owners", "users", "keepers",
              "bekrachten", "aandrijfkrachten", "zwaartekracht", "mankracht", "werkkracht"}

# Words that stop a look-ahead for a person noun: function words and things.
STOP_WORDS = set("""
a an the de het een en of or and but who which that die dat wat waar where with met without
zonder in op aan bij van voor for to naar from uit by door at om over under onder als as than
dan is are was were zijn is wordt worden has have heeft hebben had will zal kan can not niet
geen no nor also ook only alleen his her their its hun haar zijn z'n d'r mijn my our onze ons
this these those deze dit die dat elke every each all alle veel many much more meer most meest
""".split())
THING_NOUNS = set("""
car cars auto auto's autos kitchen keuken keukens design food eten cuisine wine wijn beer bier
furniture meubels meubilair products producten brands merken market markt style stijl cooking
recipes restaurant restaurants food-lovers tiles tegels doors deuren windows ramen chocolate
chocolates bonbons cheese kaas tea thee coffee koffie fashion mode cars' tv tv-series series
football voetbal language taal lessons les lessen
""".split())
# Colour words: only the nearest words count (too many things are black, white or dark).
COLOUR_WORDS = {"zwart", "zwarte", "wit", "witte", "blank", "blanke", "donker", "donkere",
                "getint", "getinte", "licht", "lichte", "bruin", "bruine", "black", "white",
                "brown", "dark", "light", "fair", "grijze", "grey", "gray", "grijs", "zilveren",
                "silver", "roze", "regenboog", "rainbow"}
# First names that are also demographic words: not flagged when capitalised and not about
# people ("Christian, a site manager", "Frans is projectleider").
FIRST_NAMES = {"christian", "christiaan", "frans", "guy"}

# Judgement: Dutch compounds whose head is a customer noun and whose modifier ranks or demeans.
JUDGEMENT_COMPOUND_PREFIXES = {
    "budget": "judgement.value_label", "verlies": "judgement.value_label",
    "prul": "judgement.pejorative", "rot": "judgement.pejorative",
    "kut": "judgement.pejorative", "hork": "judgement.pejorative",
    "probleem": "judgement.pejorative", "zeur": "judgement.pejorative",
    "klaag": "judgement.pejorative", "laagwaarde": "judgement.value_label",
}
JUDGEMENT_COMPOUND_HEADS = ("klanten", "klantjes", "klantje", "klant", "kopers", "koper",
                            "segmenten", "segment", "relaties", "relatie", "huurders",
                            "huurder", "gevallen", "geval")
# Cues that a BCG word is the matrix (anywhere in the text).
BCG_CUES = {"portfolio", "portefeuille", "klantportefeuille", "matrix"}

# Demographic stems inside Dutch compounds or hyphenated words before a person head:
# "moslimgezinnen", "LHBTI-klanten", "migrantenvrouwen", "seniorenklanten".
COMPOUND_STEMS = {
    "moslim": "demographic.religion", "islam": "demographic.religion",
    "christen": "demographic.religion", "joods": "demographic.religion",
    "kerk": "demographic.religion", "homo": "demographic.sexual_orientation",
    "lesbi": "demographic.sexual_orientation", "lhbt": "demographic.sexual_orientation",
    "lhbti": "demographic.sexual_orientation", "lhbtiq": "demographic.sexual_orientation",
    "lgbt": "demographic.sexual_orientation", "lgbtq": "demographic.sexual_orientation",
    "gay": "demographic.sexual_orientation", "queer": "demographic.sexual_orientation",
    "allochtonen": "demographic.origin", "allochtone": "demographic.origin",
    "migranten": "demographic.origin", "migrant": "demographic.origin",
    "vluchtelingen": "demographic.origin", "asielzoekers": "demographic.origin",
    "expat": "demographic.nationality", "senioren": "demographic.age",
    "ouderen": "demographic.age", "jongeren": "demographic.age", "bejaarden": "demographic.age",
    "tiener": "demographic.age",
    "gehandicapten": "demographic.disability", "rolstoel": "demographic.disability",
    "vrouwen": "demographic.gender", "mannen": "demographic.gender",
    "moeder": "demographic.gender", "vader": "demographic.gender",
    "alleenstaande": "demographic.family_status", "eenouder": "demographic.family_status",
    "singles": "demographic.family_status", "weduwe": "demographic.family_status",
}
COMPOUND_PERSON_HEADS = ("klanten", "klant", "gezinnen", "gezin", "stellen", "stel", "koppels",
                         "koppel", "families", "familie", "huishoudens", "huishouden", "kopers",
                         "koper", "huurders", "huurder", "bewoners", "bewoner", "doelgroep",
                         "doelgroepen", "gemeenschap", "jongeren", "vrouwen", "mannen", "ouders",
                         "customers", "clients", "buyers", "families", "couples", "households",
                         "users", "gebruikers", "reizigers", "bezoekers", "leden", "members",
                         "community", "markt", "segment")

# --------------------------------------------------------------------------------------------
# Phrase patterns (regexes on the lower-cased text): code -> patterns
# --------------------------------------------------------------------------------------------
_NUMW_NL = r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
_NUMW_EN = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_DEC_EN = r"(?:twenties|thirties|forties|fourties|fifties|sixties|seventies|eighties|nineties)"
_UNITS = r"(?:euro|eur|procent|percent|minuten|minutes|meter|m2|m²|km|kilo|uur|hours|dagen|days)"
_KIDS = (r"(?:kinderen|kids|children|kinders|tieners|teenagers|teens|baby|baby's|babies|"
         r"peuters|toddlers|pubers|kleuters|zoons|zonen|dochters|sons|daughters|kroost)")
_FAMILY_NOUNS = (r"(?:gezin|gezinnen|family|families|huishouden|huishoudens|household|households|"
                 r"ouders|parents|ouder|parent|stel|stellen|couple|couples|moeder|moeders|vader|"
                 r"vaders|mother|mothers|father|fathers|mum|mums|mom|moms|dad|dads|vrouw|man|"
                 r"woman|echtpaar)")
_PEOPLE = (r"(?:klanten|klant|mensen|kopers|koper|bewoners|huurders|gezinnen|families|people|"
           r"customers|clients|buyers|renters|tenants|residents|workers|werkers|arbeiders|"
           r"vluchtelingen|refugees|migrants|migranten|immigrants|immigranten|nieuwkomers|"
           r"newcomers|expats|studenten|students|medewerkers|employees|arbeidsmigranten|"
           r"jongeren|vrouwen|mannen|women|men|gasten|guests|reizigers|travellers|bezoekers|"
           r"visitors|ondernemers|entrepreneurs|someone|iemand|een man|een vrouw|a man|a woman)")

_N = r"(?:\d{2}|" + _NUMW_NL + r"|" + _NUMW_EN + r")"
_SHE_IS_N = (r"\b(?:he|she|hij|zij|ze)\s+(?:is|was|turns|turned|wordt|werd)\s+(?:bijna\s+|"
             r"almost\s+|nearly\s+|ruim\s+|over\s+)?" + _N
             + r"(?:\s+(?:jaar|years))?(?=\s*(?:[.,;:)]|$|\b(?:and|en|but|maar)\b))")
# Age patterns with a number: added to the lexicon's age expression (run only on texts
# with a digit, "tig" or "ties" in them).
AGE_DIGIT_PATTERNS = [
    r"\b\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*olds\b",                  # "18-24-year-olds"
    r"\b\d{2}[\s-]?(?:plus|\+)-?(?:sers?|ers?)\b",                  # "50+ers", "65plussers"
    r"\b\d{2}[\s-]?plus\b(?![\s-]*(?:pas|korting|woning|kaart|abonnement))",
    r"\b(?:begin|midden|eind|rond\s+de|ergens\s+in\s+de|achter\s+in\s+de|voor\s+in\s+de)"
    r"\s+[2-9]0(?=\s*(?:[,.;:)]|$|\b(?:en|and|met|with|die|who|jaar|years|is)\b))",
    r"\b(?:tussen|between)\s+(?:de\s+)?" + _N + r"\s+(?:en|and)\s+" + _N
    + r"(?:\s+(?:jaar|years))?(?=\s+(?:oud|old|die|who)\b|\s*[,.;]|\s*$)",
    r"\b(?:over|under|onder|boven)[\s-]?\d{2}s\b",
    r"\b(?:over|under|above|below|boven|onder)\s+(?:de\s+)?" + _N
    + r"(?=\s*(?:[,.;)]|$|\b(?:who|die|and|en)\b))",
    r"\b(?:ouder|jonger|older|younger)\s+(?:dan|than)\s+" + _N + r"\b",
    r"\b" + _NUMW_NL + r"\s+jaar\s+oud\b",
    r"\b(?:leeftijd|age)(?:scategorie|sgroep|sklasse)?\s*(?:van|of|:)?\s*\d{2}\b",
    r"\b(?:aged|leeftijd)\s+(?:between|tussen|from|van)\s+\d{2}",
    _SHE_IS_N,
]
# "Anna (52)": an age in brackets after a name (run only on texts with a bracket).
AGE_IN_BRACKETS = r"(?<=[^\W\d_]\s)\(\d{2}\)"

# Phrase rules: (code, trigger words, pattern). The text scan finds a distinctive trigger word
# (a country, "beperking", "kinderen", "sixties"); the pattern is then searched only in a short
# window around it, which keeps dozens of phrase rules about as cheap as one word lookup.
_NUMW_NL_WORDS = "twintig dertig veertig vijftig zestig zeventig tachtig negentig"
_NUMW_EN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_DEC_WORDS = ("twenties thirties forties fourties fifties sixties seventies eighties nineties "
              "twintiger dertiger veertiger vijftiger zestiger zeventiger tachtiger negentiger")
_KID_WORDS = ("kinderen kids children kinders tieners teenagers teens baby baby's babies peuters "
              "toddlers pubers kleuters zoons zonen dochters sons daughters kroost")
COUNTRY_TRIGGER = "COUNTRY"   # the trigger words of a rule are the country names
PHRASE_RULES: list[tuple[str, str, str]] = [
    # -- age ------------------------------------------------------------------------------
    ("demographic.age", _NUMW_NL_WORDS + " " + _DEC_WORDS,   # "in haar zestiger jaren"
     r"\bin\s+(?:his|her|their|zijn|haar|hun)\s+(?:(?:vroege|late|early|mid)[\s-]+)?"
     r"(?:" + _NUMW_NL + r"(?:er\s+jaren)?|" + _DEC_EN + r")\b"),
    ("demographic.age", _NUMW_NL_WORDS,   # not "in de zestiger jaren" nor "in de twintig jaar dat"
     r"\bin\s+de\s+" + _NUMW_NL + r"\b(?!\s*(?:er|jaar|" + _UNITS + r"))"),
    ("demographic.age", _NUMW_EN_WORDS,
     r"\b" + _NUMW_EN + r"(?:[\s-]\w+)?[\s-]+years?[\s-]+olds?\b"),
    ("demographic.age", _NUMW_EN_WORDS, _SHE_IS_N),
    ("demographic.age", "generatie generation gen",
     r"\b(?:generatie|generation|gen)[\s-]?(?:z|x|y|alpha)(?:'?ers?)?\b"),
    # -- family status ----------------------------------------------------------------------
    ("demographic.family_status", _KID_WORDS,   # "gezin met twee jonge kinderen"
     r"\b" + _FAMILY_NOUNS + r"\s+(?:met|with)\s+(?:\w+[\s-]+){0,3}?" + _KIDS + r"\b"),
    ("demographic.family_status", _KID_WORDS,
     r"\b(?:heeft|has|have|hebben)\s+(?:geen|no)\s+(?:kinderen|kids|children)\b"),
    ("demographic.family_status", "ouder parent",
     r"\b(?:ouder|parent)\s+(?:van|of)\s+(?:\d|twee|drie|vier|vijf|één|two|three|four|five|"
     r"one)\b"),
    ("demographic.family_status", "gescheiden divorced separated ouders parents",
     r"\b(?:net|pas|recent|recently|newly|onlangs)\s+(?:gescheiden|divorced|separated|"
     r"ouders|ouder|parents|parent)\b"),
    ("demographic.family_status", "scheiding divorce",
     r"\b(?:in|through|na|after|midden\s+in)\s+(?:een|a|de|the|haar|his|her|zijn|hun|their)"
     r"\s+(?:\w+\s+)?(?:scheiding|divorce)\b"),
    # -- disability -------------------------------------------------------------------------
    ("demographic.disability", "beperking aandoening disability impairment stoornis",
     r"\b(?:met|with)\s+(?:een|a|an)\s+(?:\w+\s+){0,2}?(?:beperking|aandoening|"
     r"disability|impairment|stoornis)\b"),
    ("demographic.disability",
     "impaired beperkt beperkte gehandicapt gehandicapte disabled handicapped",
     r"\b(?:visueel|auditief|lichamelijk|verstandelijk|fysiek|motorisch|cognitief|psychisch|"
     r"visually|hearing|mobility|cognitively|physically|mentally|sight|speech|verbally)"
     r"[\s-]+(?:impaired|beperkt|beperkte|gehandicapt|gehandicapte|disabled|handicapped)\b"),
    ("demographic.disability", "blind doof deaf slechtziend slechthorend autistisch autistic "
     "gehandicapt disabled invalide dement",
     r"\b(?:is|zijn|are)\s+(?:blind|doof|deaf|slechtziend|slechthorend|autistisch|autistic|"
     r"gehandicapt|disabled|invalide|dement)\b(?!\s+(?:voor|to|for)\b)"),
    ("demographic.disability", "rollator stok cane frame krukken crutches",
     r"\b(?:loopt|walks)\s+(?:met|with)\s+(?:een|a)\s+(?:rollator|stok|cane|walking\s+frame|"
     r"krukken|crutches)\b"),
    # -- origin -----------------------------------------------------------------------------
    ("demographic.origin", COUNTRY_TRIGGER,   # "zij komt uit Syrië", "is originally from Ghana"
     r"\b(?:komt|komen|kwam|kwamen|afkomstig|oorspronkelijk|stamt|stammen|comes|come|came|"
     r"hails|hail|originally|originates|originate|roots|wortels|fled|gevlucht|fleeing|"
     r"is|are|zijn)\s+(?:\w+\s+){0,2}?(?:uit|from|out\s+of)\s+(?:COUNTRY)\b"),
    ("demographic.origin", COUNTRY_TRIGGER,
     r"\b(?:geboren|born|grew\s+up|opgegroeid|raised)\s+(?:\w+\s+){0,2}?(?:in|uit|from)\s+"
     r"(?:COUNTRY)\b"),
    ("demographic.origin", COUNTRY_TRIGGER,   # "newcomers from Syria", "klanten uit Polen"
     r"\b" + _PEOPLE + r"\s+(?:uit|from|out\s+of)\s+(?!(?:nederland|the\s+netherlands|holland)"
     r"\b)(?:COUNTRY)\b"),
    ("demographic.origin", "afkomst komaf herkomst origine descent heritage",
     r"\b(?:van|of)\s+(?:\w+\s+)?(?:afkomst|komaf|herkomst|origine|descent|heritage)\b"),
    ("demographic.origin", "roots wortels afkomst huidskleur skin tone colour color",
     r"\b(?:met|with)\s+(?:een|a|an)\s+(?:\w+[\s-]+){0,2}?(?:roots|wortels|afkomst|huidskleur|"
     r"skin\s+colou?r|skin\s+tone)\b"),
    ("demographic.origin", "roots wortels afkomst komaf heritage descent huidskleur",
     r"\b(?:hun|haar|zijn|their|her|his)\s+(?:\w+[\s-]+){1,2}?(?:roots|wortels|afkomst|komaf|"
     r"heritage|descent|huidskleur)\b"),
    # -- judgement --------------------------------------------------------------------------
    ("judgement.value_label", "waarde value marge margin potentie potential rendement return "
     "betekenis",
     r"\b(?:klanten|klant|kopers|customers|clients|accounts|relaties)\s+(?:van|of|met|with)\s+"
     r"(?:weinig|lage|geringe|geen|little|low|no|minimal|negatieve|negative)\s+"
     r"(?:waarde|value|marge|margin|potentie|potential|rendement|return|betekenis)\b"),
    ("judgement.value_label", "waardevolle valuable winstgevende profitable interessante "
     "interesting rendabele lucratieve lucrative belangrijke important aantrekkelijke attractive "
     "renderende",
     r"\b(?:minst|least|minder|less|meest|most|hoogste|highest|laagste|lowest|laagst|hoogst|"
     r"slechtst|best|worst)\s+"
     r"(?:waardevolle|valuable|winstgevende|profitable|interessante|interesting|rendabele|"
     r"lucratieve|lucrative|belangrijke|important|aantrekkelijke|attractive|"
     r"renderende)\s+(?:\w+\s+)?(?:klanten|klant|customers|clients|kopers|buyers|segment|"
     r"segments|segmenten|groep|group|accounts|relaties|klantgroep|klantgroepen|"
     r"klantsegment|klantsegmenten|crowd|types?)\b"),
    ("judgement.value_label", "bottom onderste top",   # "the bottom 20% of customers"
     r"\b(?:bottom|onderste|top)\s+\d{1,2}\s?(?:%|procent|percent)\s+(?:of|van)\s+"
     r"(?:(?:our|the|onze|de)\s+)?(?:klanten|customers|clients|kopers|buyers|accounts)\b"),
    ("judgement.value_label", "tier categorie category klasse class",
     r"\b(?:tier|categorie|category|klasse|class)[\s-]?(?:[2-5]|c|d|b|ii|iii|iv|two|three|"
     r"four)\s+(?:klanten|klant|customers|clients|kopers|buyers|accounts)\b"),
    ("judgement.value_label", "worth",
     r"\bnot\s+worth\s+(?:a|the|our|any)\s+(?:call|call-back|callback)\b"),   # "the effort":
    # only about a person (personas.lint.descriptors), "the upgrade is not worth the effort" is not
]
