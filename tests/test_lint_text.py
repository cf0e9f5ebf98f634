"""Persona text lint: demographic and judgement wording (issue 6), scored on a labelled corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from personas.lint import FINDING_KEYS, lint_personas, lint_text, load_lint_input
from personas.model import Persona

DATA = Path(__file__).parent / "data"
# The tuned corpus, the blind set written before the phrase rules (issue 6, set blind_s2) and the
# holdout a colleague wrote without seeing the code (round 2, set holdout_s2), a second one scored
# once blind and tuned on in round 3 (set holdout_s2b), and round 3's own wording per class of
# wording (set round3, not blind: it pins the classes down), and a third blind holdout scored once and
# not tuned on (set holdout_s3: its misses are the next round's work).
CORPORA = (DATA / "lint_corpus.yaml", DATA / "lint_blind_s2.yaml", DATA / "lint_holdout_s2.yaml",
           DATA / "lint_holdout_s2b.yaml", DATA / "lint_round3.yaml", DATA / "lint_holdout_s3.yaml")
SETS = ("tuning", "holdout", "holdout2", "blind_s2", "holdout_s2", "holdout_s2b", "round3", "holdout_s3")
# Every set keeps precision and recall at or above this, per family; a blind set nobody has tuned on
# yet measures wording the lint has never seen and is held to the floor instead.
SET_GATE = 0.95
BLIND_UNTUNED = {"holdout_s3": 0.9}
FAMILIES = ("demographic", "judgement")


def _corpus() -> list[dict]:
    return [it for f in CORPORA for it in yaml.safe_load(f.read_text(encoding="utf-8"))]


def _scores(items: list[dict]) -> dict[str, tuple[float, float, int, int, int]]:
    """Per family: precision, recall, tp, fp, fn, counted per corpus item."""
    counts = {f: [0, 0, 0] for f in FAMILIES}
    for it in items:
        expected = {e.split(".")[0] for e in it["expect"]}
        got = {f["family"] for f in lint_text(it["text"], field=it.get("field", "description"))}
        for fam in FAMILIES:
            if fam in expected and fam in got:
                counts[fam][0] += 1
            elif fam in got:
                counts[fam][1] += 1
            elif fam in expected:
                counts[fam][2] += 1
    out = {}
    for fam, (tp, fp, fn) in counts.items():
        out[fam] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0,
                    tp, fp, fn)
    return out


def test_corpus_is_large_bilingual_and_covers_every_family():
    items = _corpus()
    assert len(items) >= 150 + 160 + 190
    assert sum(1 for i in items if i.get("set") == "blind_s2" and not i["expect"]) >= 60
    assert sum(1 for i in items if i.get("set") == "holdout_s2" and not i["expect"]) >= 80
    for lang in ("nl", "en"):
        mine = [i for i in items if i["lang"] == lang]
        assert any(not i["expect"] for i in mine), f"no clean {lang} items"
        for fam in FAMILIES:
            assert any(any(e.split(".")[0] == fam for e in i["expect"]) for i in mine), (lang, fam)


def test_precision_and_recall_per_family_on_the_corpus():
    items = _corpus()
    report = []
    for name, subset in [("all", items)] + [
            (s, [i for i in items if i.get("set", "tuning") == s]) for s in SETS]:
        for fam, (p, r, tp, fp, fn) in _scores(subset).items():
            report.append(f"lint corpus [{name:10s}] {fam:11s} precision={p:.3f} recall={r:.3f} "
                          f"(tp={tp} fp={fp} fn={fn}, n={len(subset)})")
    print("\n" + "\n".join(report))
    for fam, (p, r, *_rest) in _scores(items).items():
        assert p >= 0.9, f"{fam} precision {p:.3f} < 0.9"
        assert r >= 0.9, f"{fam} recall {r:.3f} < 0.9"
    for s in SETS:   # no set may sink below the gate behind the others' numbers
        for fam, (p, r, *_rest) in _scores([i for i in items
                                            if i.get("set", "tuning") == s]).items():
            gate = BLIND_UNTUNED.get(s, SET_GATE)
            assert p >= gate and r >= gate, f"set {s}: {fam} precision {p:.3f} recall {r:.3f} (gate {gate})"


def test_codes_given_in_the_corpus_are_the_codes_reported():
    misses = []
    for it in _corpus():
        codes = {e for e in it["expect"] if "." in e}
        got = {f["code"] for f in lint_text(it["text"], field=it.get("field", "description"))}
        if codes - got:
            misses.append((it["text"], codes - got))
    coded = sum(1 for it in _corpus() if any("." in e for e in it["expect"]))
    assert len(misses) <= 0.1 * coded, misses


def test_finding_shape_span_and_severity():
    text = "Budget shoppers: a 45-year-old man and his wife."
    fs = lint_text(text, field="description", persona="p1")
    assert {f["code"] for f in fs} == {"judgement.value_label", "demographic.age",
                                       "demographic.gender"}
    for f in fs:
        assert tuple(f) == FINDING_KEYS
        s, e = f["span"]
        assert text[s:e] == f["text"]
        assert f["persona"] == "p1" and f["field"] == "description"
        assert f["severity"] == ("error" if f["family"] == "judgement" else "warning")
        assert f["suggestion"] and f["message"]
        assert f["justified"] is False and f["justification"] is None
    assert [f["text"] for f in fs] == ["Budget shoppers", "45-year-old", "man"]


@pytest.mark.parametrize("text", [
    "Managing director who reads every line.", "Romantisch ingesteld.", "De manager belt terug.",
    "App usage peaks at the damage-report stage.", "Germaine wants weekly updates.",
    "Senior projectleider, junior adviseur en medior developer.", "Zoekt een seniorenwoning.",
    "Runs a white-label webshop next to a whiteboard.", "Orders from a Germany-based supplier.",
    "Gepensioneerd en volgt de bouw.", "Is al 15 jaar klant.", "Een ster in plannen.",
    "Has a dog.", "Heeft een strak budget.", "Mevrouw Jansen belt liever.",
])
def test_no_false_alarm_on_ordinary_words_roles_and_products(text):
    assert lint_text(text) == []


@pytest.mark.parametrize("text, code", [
    ("Huisvrouw met drie kinderen.", "demographic.gender"),           # compound head
    ("Hangjongeren in de buurt.", "demographic.age"),
    ("Vijftigplussers die verhuizen.", "demographic.age"),
    ("Een 45-jarige koper.", "demographic.age"),
    ("In his forties and busy.", "demographic.age"),
    ("Klanten van 65+.", "demographic.age"),
    ("Senior citizens want paper.", "demographic.age"),              # senior + person noun
    ("As a senior, she calls.", "demographic.age"),
    ("Marokkaanse vaders klussen zelf.", "demographic.gender"),
    ("Iemand met een Surinaamse achtergrond.", "demographic.origin"),  # background noun
    ("German buyers compare prices.", "demographic.nationality"),
    ("Hij is Pools en wil Engels.", "demographic.nationality"),      # pronoun + copula
    ("Black customers feel watched.", "demographic.origin"),
    ("Alleenstaande moeder.", "demographic.family_status"),
    ("Zit in een rolstoel.", "demographic.disability"),
])
def test_inflections_compounds_and_people_context_fire(text, code):
    assert code in {f["code"] for f in lint_text(text)}


def test_bcg_words_rank_only_as_labels():
    assert lint_text("Walks the dog and rated us five stars.") == []
    assert {f["code"] for f in lint_text("Stars and question marks get an adviser; dogs the app.")
            } == {"judgement.value_label"}
    assert lint_text("dog", field="value_label")[0]["code"] == "judgement.value_label"
    assert lint_text("Classified as a 'dog' in the value model.")
    assert lint_text("Budget Bert", field="name")
    assert lint_text("Budget Bert", field="description") == []


def test_social_context_after_a_possessive_is_not_the_persona():
    assert lint_text("Shops with her mother and cares for her elderly father.") == []
    assert lint_text("Mantelzorger voor haar buurvrouw.") == []
    assert lint_text("Echtgenote regelt de financiering.")  # no possessive: the persona


def test_lint_text_rejects_non_text():
    with pytest.raises(ValueError, match="description"):
        lint_text(None)  # type: ignore[arg-type]


def _persona(**kw) -> dict:
    base = {"id": "p1", "segment": 1, "name": "De Regisseur", "description": ""}
    base.update(kw)
    return base


def test_lint_personas_reads_every_field_and_applies_justifications():
    p = _persona(
        description="Vergelijkt alles.",
        needs=["Drempelloos wonen", "Zit in een rolstoel en wil hem kwijt in de gang"],
        quotes=[{"text": "Als moeder van drie wil ik overzicht."}],
        justified=[{"code": "demographic.disability", "field": "needs",
                    "reason": "The need for wheelchair space is the relevant difference."}])
    fs = lint_personas([p])
    by_field = {f["field"]: f for f in fs}
    assert set(by_field) == {"needs[1]", "quotes[0].text"}
    assert by_field["needs[1]"]["justified"] is True
    assert "relevant difference" in by_field["needs[1]"]["justification"]
    assert by_field["quotes[0].text"]["justified"] is False


def test_lint_personas_accepts_models_and_rejects_bad_input():
    assert lint_personas([Persona(**_persona(description="Plant alles."))]) == []
    with pytest.raises(ValueError, match=r"personas\[0\]\.name"):
        lint_personas([{"id": "x"}])
    with pytest.raises(ValueError, match=r"personas\[1\]\.id: duplicate"):
        lint_personas([_persona(), _persona()])


def test_load_lint_input_list_project_and_errors(tmp_path):
    f = tmp_path / "personas.json"
    f.write_text(json.dumps([_persona(description="Budgetklant.")]), encoding="utf-8")
    personas, info = load_lint_input(f)
    assert info == {} and personas[0].id == "p1"
    assert lint_personas(personas, **info)[0]["code"] == "judgement.value_label"

    proj = tmp_path / "demo.studio.json"
    proj.write_text(json.dumps({
        "personas": [_persona()], "codebook": {"demographics": ["age", "gender"]},
        "segmentation": {"inputs": ["c1", "gender"],
                         "respondents": [{"id": i, "segment": i % 2, "age": "30-39"}
                                         for i in range(10)]}}), encoding="utf-8")
    personas, info = load_lint_input(proj)
    assert info["segmentation_inputs"] == ["c1", "gender"]
    assert info["demographic_columns"] == ["age", "gender"]
    assert list(info["demographics"].columns) == ["age"] and len(info["segments"]) == 10
    codes = [f["code"] for f in lint_personas(personas, **info)]
    assert codes == ["input.demographic_column"]

    bad = tmp_path / "bad.json"
    for content, pattern in [
        ("{not json", r"bad\.json: not valid JSON \(line 1"),
        (json.dumps({"x": 1}), r"bad\.json: personas: expected"),
        (json.dumps([{"id": "a", "name": 3}]), r"bad\.json: personas\[0\]\.name"),
        (json.dumps({"personas": [], "segmentation": {"inputs": "age"}}),
         r"bad\.json: segmentation\.inputs: expected a list"),
    ]:
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(ValueError, match=pattern) as exc:
            load_lint_input(bad)
        assert "\n" not in str(exc.value)
    with pytest.raises(ValueError, match="missing.json: cannot read"):
        load_lint_input(tmp_path / "missing.json")


@pytest.mark.parametrize("text, code", [
    # nationality/origin adjective + any people noun, also after other words of the noun phrase
    ("Polish construction workers rent near the site.", "demographic.nationality"),
    ("Een Ghanese verpleegkundige werkt in ploegen.", "demographic.nationality"),
    ("Slowaakse seizoenarbeiders in de kassen.", "demographic.nationality"),
    ("Kenyans who moved for work.", "demographic.nationality"),        # table demonym
    ("Zij komt uit Eritrea.", "demographic.origin"),                    # origin phrase
    ("Kopers uit Bulgarije zoeken een huurwoning.", "demographic.origin"),
    ("Van Kaapverdische komaf.", "demographic.origin"),
    # age: decades, ranges, brackets, generations
    ("Ze is ergens in de zestig.", "demographic.age"),
    ("In her late sixties and careful.", "demographic.age"),
    ("Under-25s who rent together.", "demographic.age"),
    ("Anna (52) wil alles op papier.", "demographic.age"),
    ("Gen-Z'ers die alles via de app doen.", "demographic.age"),
    # family status, disability, religion, orientation as phrases or compounds
    ("Een gezin met drie jonge kinderen.", "demographic.family_status"),
    ("Parent of two who works part-time.", "demographic.family_status"),
    ("Klanten met een visuele beperking.", "demographic.disability"),
    ("Mobility-impaired buyers want a lift.", "demographic.disability"),
    ("Moslimgezinnen in de wijk.", "demographic.religion"),
    ("LHBTI-klanten voelen zich niet gezien.", "demographic.sexual_orientation"),
    # judgement phrases
    ("Klanten van weinig waarde voor ons.", "judgement.value_label"),
    ("Our least profitable customers get the app.", "judgement.value_label"),
    ("Tweederangs klanten in de huursector.", "judgement.value_label"),
    ("A nightmare customer who escalates everything.", "judgement.pejorative"),
])
def test_phrase_rules_generalise_to_new_wording(text, code):
    """Issue 6: new combinations of known parts fire, not only listed strings."""
    assert code in {f["code"] for f in lint_text(text)}


@pytest.mark.parametrize("text", [
    "Polishes his car every Sunday.", "Speelt pool in het buurthuis.",
    "Christian, a site manager, wants everything by e-mail.",
    "Frans is projectleider en wil alles per mail.",
    "Kiest de 55+-woning vanwege de lift.", "Koopt een huis uit de zestiger jaren.",
    "Werkt al ruim twintig jaar in de zorg.", "Haalt op vrijdag Chinees.",
    "Works as a senior nurse and plans around her roster.",
    "Wants an Italian kitchen and a German-made dishwasher.",
    "Has worked there for over 20 years.", "Had a bad customer service experience.",
    "Woont al jaren in Polen en werkt vanuit huis.",
])
def test_phrase_rules_keep_products_names_and_numbers_clean(text):
    assert lint_text(text) == []


@pytest.mark.parametrize("text, field, code", [
    # gendered compounds
    ("Salesman who closes every deal on the phone.", "description", "demographic.gender"),
    ("Een echte vrouwenman die graag flirt.", "description", "demographic.gender"),
    # epithets in persona names: adjective (a ground or a judgement) + first name
    ("Turkse Tarik", "name", "demographic.nationality"),
    ("Dove Dora", "name", "demographic.disability"),
    ("Lastige Lies", "name", "judgement.pejorative"),
    ("Gadget Girl Gina", "name", "demographic.gender"),
    # age as a predicate or an explanation
    ("Jong en ongeduldig: wil alles meteen.", "tagline", "demographic.age"),
    ("At my age you don't switch banks any more.", "quote", "demographic.age"),
    ("Being young, he wants everything in the app.", "description", "demographic.age"),
    # a ground explaining behaviour, coordinated adjectives
    ("Being Muslim, she avoids interest-bearing products.", "description", "demographic.religion"),
    ("As an American, he expects a refund.", "description", "demographic.nationality"),
    ("Black, working-class tenants who complain about noise.", "description", "demographic.origin"),
    # value statements about a person
    ("Costs us more than he brings in.", "tagline", "judgement.value_label"),
    ("Kost ons alleen maar geld, die klant.", "tagline", "judgement.value_label"),
    ("Aan die klant valt niets te verdienen.", "description", "judgement.value_label"),
    ("Een klant waar we liever vanaf willen.", "description", "judgement.value_label"),
    ("The kind of customer we'd rather lose.", "description", "judgement.value_label"),
    ("Worth three regular clients on his own.", "description", "judgement.value_label"),
    ("Let them churn; they never upgrade.", "description", "judgement.value_label"),
    ("Such a Karen at the till.", "description", "judgement.pejorative"),
    ("Sneaky shopper who returns worn clothes.", "description", "judgement.pejorative"),
    ("Hangjongeren voor de deur.", "description", "judgement.pejorative"),
    ("Hangjongeren voor de deur.", "description", "demographic.age"),
    ("Our whale: spends more than the rest together.", "description", "judgement.value_label"),
    # labelled by the aid (in it, confined to it, named after it)
    ("Confined to a wheelchair since the accident.", "description", "demographic.disability"),
    ("Rolstoel Ria", "name", "demographic.disability"),
])
def test_round_two_classes_of_wording_fire(text, field, code):
    """Issue 6, round 2: the classes the holdout_s2 reviewer flagged, in wording of their own."""
    assert code in {f["code"] for f in lint_text(text, field=field)}


@pytest.mark.parametrize("text, field", [
    ("Works in human resources at a German firm.", "description"),
    ("Herman de Huizenkoper", "name"), ("Careful Carla", "name"), ("Snelle Sanne", "name"),
    ("Guy de Groot", "name"), ("Karen, the Planner", "name"), ("Busy Bee Bianca", "name"),
    ("Old and new customers get the same offer.", "description"),
    ("Oud en nieuw viert ze bij haar dochter.", "description"),
    ("Wil weten welke leeftijd de woning heeft.", "description"),
    ("Black and white photos on every wall.", "description"),
    ("Being busy, she calls at night.", "description"),
    ("The solar panels cost more than they yield in year one.", "description"),
    ("Er valt weinig te verdienen aan terugleveren, vindt ze.", "description"),
    ("Een abonnement waar je snel vanaf wilt.", "description"),
    ("Let him walk you through the floor plan.", "description"),
    ("Worth every penny, she says of the upgrade.", "description"),
    ("Wants a 50-plus apartment with a lift.", "description"),
    ("Shops in the men's department on Saturdays.", "description"),
    ("Stores his mobility scooter in the hall.", "description"),
    ("Uses a wheelchair and needs a wide door.", "description"),
    ("Parkeert de rollator van haar moeder in de gang.", "description"),
])
def test_round_two_products_aids_names_and_idioms_stay_clean(text, field):
    """A product, service or aid named after a group, a need, a first name or an idiom."""
    assert lint_text(text, field=field) == []


# ---------------------------------------------------------------------------------------------
# Round 3: the classes of wording holdout_s2b missed, in wording of our own (lint_round3.yaml)
# ---------------------------------------------------------------------------------------------
ROUND3_CLASSES = ("age_bare", "partial_origin", "demonym_person", "name_hyphen", "status_alone",
                  "not_worth", "that_sort", "demeaning", "caps_brand", "generation", "golf")


def _round3() -> list[dict]:
    items = yaml.safe_load((DATA / "lint_round3.yaml").read_text(encoding="utf-8"))
    assert all(it.get("set") == "round3" for it in items)
    return items


def test_round_three_set_covers_every_class_both_ways():
    """20+ items per class, some that must fire and some that must stay clean, in both languages."""
    items = _round3()
    for cls in ROUND3_CLASSES:
        mine = [it for it in items if it["class"] == cls]
        assert len(mine) >= 20, (cls, len(mine))
        assert sum(1 for it in mine if it["expect"]) >= 5, cls
        assert sum(1 for it in mine if not it["expect"]) >= 5, cls
    assert {it["class"] for it in items} == set(ROUND3_CLASSES)
    assert {it["lang"] for it in items} == {"nl", "en"}


@pytest.mark.parametrize("cls", ROUND3_CLASSES)
def test_round_three_class_fires_and_stays_clean(cls):
    """Each item: clean means no finding at all; otherwise every expected code/family is reported
    and no other family (a brand in capitals must not turn into a judgement, say)."""
    wrong = []
    for it in (it for it in _round3() if it["class"] == cls):
        fs = lint_text(it["text"], field=it.get("field", "description"))
        codes, fams = {f["code"] for f in fs}, {f["family"] for f in fs}
        expected = it["expect"]
        if not expected:
            ok = not fs
        else:
            ok = all((e in codes) if "." in e else (e in fams) for e in expected) \
                and fams <= {e.split(".")[0] for e in expected}
        if not ok:
            wrong.append((it["text"], expected, sorted(codes)))
    assert not wrong, wrong


def test_holdout_s2b_misses_are_fixed():
    """The ten misses of the once-scored holdout s2b, fixed as classes in round 3."""
    items = [i for i in _corpus() if i.get("set") == "holdout_s2b"]
    for fam, (p, r, tp, fp, fn) in _scores(items).items():
        assert (p, r) == (1.0, 1.0), (fam, p, r, tp, fp, fn)


@pytest.mark.parametrize("text, field, spans", [
    ("At 68 she is, like most people her age, wary of paying online.", "description",
     {("demographic.age", "At 68"), ("demographic.age", "people her age")}),
    ("Rolstoel-Riet", "name", {("demographic.disability", "Rolstoel")}),
    ("Marco, 34, zzp'er in de bouw.", "description", {("demographic.age", "34")}),
    ("Half-Indonesian, fully loyal to our loyalty card", "tagline",
     {("demographic.origin", "Half-Indonesian")}),
    ("Dat soort ouders kun je beter niet op de wachtlijst zetten.", "quote",
     {("judgement.pejorative", "Dat soort ouders")}),
])
def test_round_three_spans_point_at_the_words(text, field, spans):
    """The span of a round-3 finding covers the words a reviewer would underline, in the
    original text (a hyphen in a name is still a hyphen in the finding)."""
    fs = lint_text(text, field=field)
    assert {(f["code"], f["text"]) for f in fs} == spans
    for f in fs:
        s, e = f["span"]
        assert text[s:e] == f["text"]


def test_text_module_split_keeps_its_public_names():
    """personas.lint.text was split (scanner, context); callers and the benchmark import these."""
    from personas.lint import text
    assert callable(text.lint_text) and callable(text.compiled) and callable(text.normalise)
    assert text.normalise("Half-Indonesian  X") == "half indonesian x"
    assert text.compiled() is text.compiled()
