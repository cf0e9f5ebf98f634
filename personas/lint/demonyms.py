"""Countries and demonyms in Dutch and English, for the nationality/origin rules of the lint.

Why a table and not a longer word list: new wording names new countries ("Ghanese
verpleegkundige", "Brazilians", "newcomers from Eritrea"). One row per country gives every form
the rules need -- the Dutch adjective with and without -e, the Dutch person nouns, the English
adjective and plural -- so adding a country is one line, and the people-context rules in
:mod:`personas.lint.text` apply to all of them alike.

Row: ``nl country | en country | nl adjective (-e form) | nl person nouns | en adjective |
en plural``; person nouns are space-separated, ``-`` means none. The Dutch base adjective is
derived from the -e form (Poolse -> Pools, Ghanese -> Ghanees, Syrische -> Syrisch).
"""
from __future__ import annotations

_ROWS = """
afghanistan|afghanistan|afghaanse|afghaan afghanen|afghan|afghans
albanië|albania|albanese|albanees albanezen|albanian|albanians
algerije|algeria|algerijnse|algerijn algerijnen|algerian|algerians
amerika|america|amerikaanse|amerikaan amerikanen|american|americans
angola|angola|angolese|angolees angolezen|angolan|angolans
argentinië|argentina|argentijnse|argentijn argentijnen|argentinian|argentinians argentines
armenië|armenia|armeense|armeniër armeniërs|armenian|armenians
aruba|aruba|arubaanse|arubaan arubanen|aruban|arubans
australië|australia|australische|australiër australiërs|australian|australians
bangladesh|bangladesh|bengaalse|bengalees bengalezen|bangladeshi|bangladeshis
belgië|belgium|belgische|belg belgen|belgian|belgians
bosnië|bosnia|bosnische|bosniër bosniërs|bosnian|bosnians
brazilië|brazil|braziliaanse|braziliaan brazilianen|brazilian|brazilians
bulgarije|bulgaria|bulgaarse|bulgaar bulgaren|bulgarian|bulgarians
canada|canada|canadese|canadees canadezen|canadian|canadians
chili|chile|chileense|chileen chilenen|chilean|chileans
china|china|chinese|chinees chinezen|chinese|-
colombia|colombia|colombiaanse|colombiaan colombianen|colombian|colombians
congo|congo|congolese|congolees congolezen|congolese|-
cuba|cuba|cubaanse|cubaan cubanen|cuban|cubans
curaçao|curacao|curaçaose|curaçaoënaar curaçaoënaars|curacaoan|curacaoans
denemarken|denmark|deense|deen denen|danish|danes
dominicaanse republiek|dominican republic|dominicaanse|dominicaan dominicanen|dominican|dominicans
duitsland|germany|duitse|duitser duitsers|german|germans
egypte|egypt|egyptische|egyptenaar egyptenaren|egyptian|egyptians
engeland|england|engelse|engelsman engelsen|english|englishmen
eritrea|eritrea|eritrese|eritreeër eritreeërs|eritrean|eritreans
estland|estonia|estse|est esten|estonian|estonians
ethiopië|ethiopia|ethiopische|ethiopiër ethiopiërs|ethiopian|ethiopians
filipijnen|philippines|filipijnse|filipijn filipino's filipijnen|filipino|filipinos
finland|finland|finse|fin finnen|finnish|-
frankrijk|france|franse|fransman fransen|french|frenchmen
ghana|ghana|ghanese|ghanees ghanezen|ghanaian|ghanaians
griekenland|greece|griekse|griek grieken|greek|greeks
groot-brittannië|great britain|britse|brit britten|british|brits britons
hongarije|hungary|hongaarse|hongaar hongaren|hungarian|hungarians
ierland|ireland|ierse|ier ieren|irish|irishmen
india|india|indiase|indiër indiërs|indian|indians
indonesië|indonesia|indonesische|indonesiër indonesiërs|indonesian|indonesians
irak|iraq|iraakse|irakees irakezen|iraqi|iraqis
iran|iran|iraanse|iraniër iraniërs|iranian|iranians
israël|israel|israëlische|israëliër israëliërs|israeli|israelis
italië|italy|italiaanse|italiaan italianen|italian|italians
jamaica|jamaica|jamaicaanse|jamaicaan jamaicanen|jamaican|jamaicans
japan|japan|japanse|japanner japanners|japanese|-
jemen|yemen|jemenitische|jemeniet jemenieten|yemeni|yemenis
joegoslavië|yugoslavia|joegoslavische|joegoslaaf joegoslaven|yugoslav|yugoslavs
kaapverdië|cape verde|kaapverdische|kaapverdiaan kaapverdianen|cape verdean|cape verdeans
kenia|kenya|keniaanse|keniaan kenianen|kenyan|kenyans
koerdistan|kurdistan|koerdische|koerd koerden|kurdish|kurds
kroatië|croatia|kroatische|kroaat kroaten|croatian|croats croatians
letland|latvia|letse|let letten|latvian|latvians
libanon|lebanon|libanese|libanees libanezen|lebanese|-
libië|libya|libische|libiër libiërs|libyan|libyans
litouwen|lithuania|litouwse|litouwer litouwers|lithuanian|lithuanians
marokko|morocco|marokkaanse|marokkaan marokkanen|moroccan|moroccans
mexico|mexico|mexicaanse|mexicaan mexicanen|mexican|mexicans
moldavië|moldova|moldavische|moldaviër moldaviërs|moldovan|moldovans
nederland|the netherlands|nederlandse|nederlander nederlanders hollander hollanders|dutch|dutchmen dutchwomen
nigeria|nigeria|nigeriaanse|nigeriaan nigerianen|nigerian|nigerians
noorwegen|norway|noorse|noor noren|norwegian|norwegians
oekraïne|ukraine|oekraïense|oekraïner oekraïners|ukrainian|ukrainians
oostenrijk|austria|oostenrijkse|oostenrijker oostenrijkers|austrian|austrians
pakistan|pakistan|pakistaanse|pakistaan pakistanen pakistani's|pakistani|pakistanis
peru|peru|peruaanse|peruaan peruanen|peruvian|peruvians
polen|poland|poolse|pool|polish|-
portugal|portugal|portugese|portugees portugezen|portuguese|-
roemenië|romania|roemeense|roemeen roemenen|romanian|romanians
rusland|russia|russische|rus russen|russian|russians
saoedi-arabië|saudi arabia|saoedische|saoediër saoediërs|saudi|saudis
schotland|scotland|schotse|schot schotten|scottish|-
servië|serbia|servische|serviër serviërs|serbian|serbs serbians
slowakije|slovakia|slowaakse|slowaak slowaken|slovak|slovaks
sri lanka|sri lanka|srilankaanse|srilankaan srilankanen|sri lankan|sri lankans
soedan|sudan|soedanese|soedanees soedanezen|sudanese|-
somalië|somalia|somalische|somaliër somaliërs|somali|somalis somalians
spanje|spain|spaanse|spanjaard spanjaarden|spanish|spaniards
suriname|suriname|surinaamse|surinamer surinamers|surinamese|-
syrië|syria|syrische|syriër syriërs|syrian|syrians
thailand|thailand|thaise|thai|thai|thais
tsjechië|czech republic|tsjechische|tsjech tsjechen|czech|-
tunesië|tunisia|tunesische|tunesiër tunesiërs|tunisian|tunisians
turkije|turkey|turkse|turk turken|turkish|turks
venezuela|venezuela|venezolaanse|venezolaan venezolanen|venezuelan|venezuelans
verenigd koninkrijk|united kingdom|britse|brit britten|british|-
verenigde staten|united states|amerikaanse|amerikaan amerikanen|american|americans
vietnam|vietnam|vietnamese|vietnamees vietnamezen|vietnamese|-
wales|wales|welshe|-|welsh|-
zuid-afrika|south africa|zuid-afrikaanse|zuid-afrikaan zuid-afrikanen|south african|south africans
zuid-korea|south korea|koreaanse|koreaan koreanen|korean|koreans
zweden|sweden|zweedse|zweed|swedish|-
zwitserland|switzerland|zwitserse|zwitser|swiss|-
"""
# Regions and wider origin groups: adjective forms and person nouns, no country name.
REGION_ADJECTIVES_NL = [
    "europese", "west-europese", "zuid-europese", "noord-europese", "midden-europese",
    "latijns-amerikaanse", "zuid-amerikaanse", "caribische", "midden-oosterse", "slavische",
    "scandinavische", "noord-afrikaanse", "molukse", "koerdische", "berberse", "joegoslavische",
    "hindoestaanse", "aziatische", "afrikaanse", "arabische", "oost-europese", "vlaamse", "waalse",
    "hollandse",
]
REGION_NOUNS_NL = [
    "europeaan", "europeanen", "oost-europeaan", "oost-europeanen", "aziaat", "aziaten",
    "afrikaan", "afrikanen", "arabier", "arabieren", "scandinaviër", "scandinaviërs",
    "latino", "latino's", "latina", "latina's", "molukker", "molukkers", "berber", "berbers",
    "hindoestaan", "hindoestanen", "vlaming", "vlamingen", "waal", "walen", "zuid-amerikaan",
    "zuid-amerikanen", "noord-afrikaan", "noord-afrikanen", "caribiër", "caribiërs",
    "kaukasiër", "kaukasiërs", "slaven", "roma", "sinti", "woonwagenbewoner", "woonwagenbewoners",
    "inburgeraar", "inburgeraars", "inburgeringsplichtige", "inburgeringsplichtigen",
    "anderstalige", "anderstaligen", "oudkomer", "oudkomers",
]
REGION_ADJECTIVES_EN = [
    "european", "western european", "southern european", "latin american", "south american",
    "caribbean", "middle eastern", "slavic", "scandinavian", "north african", "west african",
    "east african", "moluccan", "caucasian", "latino", "latina", "latinx", "hispanic",
    "eastern european",
]
REGION_NOUNS_EN = [
    "europeans", "eastern europeans", "asians", "africans", "arabs", "scandinavians",
    "latin americans", "south americans", "caribbeans", "latinos", "latinas", "hispanics",
    "caucasians", "slavs", "north africans", "west africans",
]


def _nl_base(adj_e: str) -> str:
    """Poolse -> Pools, Ghanese -> Ghanees, Syrische -> Syrisch (Dutch spelling rules)."""
    if adj_e.endswith("se") and len(adj_e) > 4 and adj_e[-3] in "aeiou" \
            and adj_e[-4] not in "aeiou":
        return adj_e[:-2] + adj_e[-3] + "s"
    return adj_e[:-1] if adj_e.endswith("e") else adj_e


def _table() -> list[tuple[str, str, str, list[str], str, list[str]]]:
    rows = []
    for line in _ROWS.strip().splitlines():
        nl_c, en_c, adj_nl, nouns_nl, adj_en, nouns_en = (p.strip() for p in line.split("|"))
        rows.append((nl_c, en_c, adj_nl, [] if nouns_nl == "-" else nouns_nl.split(),
                     adj_en, [] if nouns_en == "-" else nouns_en.split()))
    return rows


TABLE = _table()
COUNTRIES = sorted({c for r in TABLE for c in r[:2]} | {
    "het buitenland", "abroad", "the caribbean", "het caribisch gebied", "afrika", "africa",
    "azië", "asia", "the middle east", "het midden-oosten", "oost-europa", "eastern europe",
    "latijns-amerika", "latin america", "zuid-amerika", "south america", "noord-afrika",
    "north africa", "west-afrika", "west africa", "de balkan", "the balkans", "the us", "the usa",
    "the uk", "holland", "the antilles", "de antillen", "kosovo", "macedonië", "macedonia",
    "the philippines", "de filipijnen"})
# Adjectives: about people only before a person noun (Poolse bouwvakkers, Ghanese verpleegkundige).
ADJECTIVES = sorted({f for r in TABLE for f in (r[2], _nl_base(r[2]), r[4])}
                    | set(REGION_ADJECTIVES_NL) | {_nl_base(a) for a in REGION_ADJECTIVES_NL}
                    | set(REGION_ADJECTIVES_EN))
# Person nouns: describe a person on their own (Belgen, Chinezen, Brazilians, a Turk).
NOUNS = sorted({n for r in TABLE for n in r[3] + r[5]} | set(REGION_NOUNS_NL)
               | set(REGION_NOUNS_EN))
# Nouns that are also a country or a common word: "in Polen", "Zweden" (the country), "the
# Poles of the tent", "Guy": fire only when not after a preposition (nl) or when capitalised (en).
COUNTRY_HOMONYMS = {"polen", "zweden"}
CAPITALISED_ONLY = {"polish", "poles", "pole", "danes", "swedes", "finns", "scots", "turks",
                    "turk", "brits", "dane", "swede", "fin", "pool", "est", "let", "ier", "noor",
                    "rus", "waal", "walen", "roma", "thai", "thais", "berber", "berbers", "china",
                    "letten", "esten", "fin", "griek", "slaven", "deen", "zweed", "ieren"}
