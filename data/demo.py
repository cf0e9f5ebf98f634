"""Seeded demo data: the construction company's home buyers (DOMAIN.md section 2).

WHY: every page of the studio needs a realistic survey to show what it does, and the tests of
segmentation, personas and lint need data whose truth is known. This module plants four needs-based
profiles on two axes and then makes the survey as messy as real fieldwork:

- control (how much say a buyer wants over building the home): items c1..c6, high = wants a say;
  c3 and c6 are worded the other way round (reversed).
- orientation: items r1..r6, HIGH = people/relationship-oriented, LOW = process/business-oriented;
  r2 is reversed.
- Profiles are centres on two continuous latent traits with normal noise, not four clean blobs;
  answers come from a graded response model (logistic, per-item discrimination and thresholds),
  so they are integers 1..5 and neighbouring profiles overlap.
- Behaviour/context: change_requests, site_visits (counts), upgrade_spend (euros spent on extras,
  meerwerk), channel (site/phone/email/app/showroom; relationship types prefer site and phone),
  complaint (0 = nee/no, 1 = ja/yes: filed a formal complaint), stage
  (orientation/purchase/build/handover).
- Demographics: age_band, gender, household, postcode (4 digits). One MILD planted confound:
  "De Vertrouwer" skews to 50+ (Cramér's V profile x age_band about 0.2), so the statistic lint
  has something to find without the personas becoming age boxes. Gender is independent.
- Fieldwork noise: about 1.5 % straight-liners (one answer on all 12 items), then 5 % of item
  answers missing completely at random (empty cells) and about 0.5 % coded -9 ("geen antwoord").

Deterministic: one numpy Generator seeded once, always drawn in the same order.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from data.quotes import BOUWPARTNER, ONTZORGDE, REGISSEUR, VERTROUWER, quote_records

CONTROL_ITEMS = [f"c{i}" for i in range(1, 7)]
ORIENTATION_ITEMS = [f"r{i}" for i in range(1, 7)]
LIKERT_ITEMS = CONTROL_ITEMS + ORIENTATION_ITEMS
REVERSED = ("c3", "c6", "r2")
MISSING_CODE = -9
JOURNEYS_DIR = Path(__file__).resolve().parent / "journeys"  # example journeys, copied if present

LIKERT_LABELS = {1: "Helemaal oneens", 2: "Oneens", 3: "Neutraal", 4: "Eens", 5: "Helemaal eens"}
CHANNELS = ["site", "phone", "email", "app", "showroom"]
STAGES = ["orientation", "purchase", "build", "handover"]
AGE_BANDS = ["<30", "30-39", "40-49", "50-64", "65+"]
GENDERS = ["man", "vrouw", "anders", "onbekend"]
HOUSEHOLDS = ["alleenstaand", "stel", "gezin met kinderen", "eenoudergezin", "anders"]
COMPLAINT_LABELS = {0: "nee", 1: "ja"}

# name -> planted definition. centre = position on (control, orientation) in latent units.
PROFILES: dict[str, dict] = {
    REGISSEUR: {
        "share": 0.35, "control": "high", "orientation": "process",
        "centre": {"control": 1.0, "orientation": -1.0},
        "summary": {"nl": "Wil over elke keuze meebeslissen, via heldere stukken en een strakke "
                          "planning.",
                    "en": "Wants a say in every choice, through clear documents and a tight "
                          "schedule."}},
    BOUWPARTNER: {
        "share": 0.25, "control": "high", "orientation": "relationship",
        "centre": {"control": 1.0, "orientation": 1.0},
        "summary": {"nl": "Wil meebouwen en beslist het liefst samen, in gesprek en op de "
                          "bouwplaats.",
                    "en": "Wants to build along and decides together, in conversation and on "
                          "site."}},
    ONTZORGDE: {
        "share": 0.22, "control": "low", "orientation": "process",
        "centre": {"control": -1.0, "orientation": -1.0},
        "summary": {"nl": "Wil dat het geregeld wordt: weinig keuzes, duidelijke stappen en "
                          "deadlines.",
                    "en": "Wants it arranged: few choices, clear steps and deadlines."}},
    VERTROUWER: {
        "share": 0.18, "control": "low", "orientation": "relationship",
        "centre": {"control": -1.0, "orientation": 1.0},
        "summary": {"nl": "Laat het aan de vakmensen over, maar wil één vast aanspreekpunt.",
                    "en": "Leaves it to the experts, but wants one steady contact."}},
}

# Item wording (Dutch, English). High agreement = more control / more relationship-oriented,
# except the reversed items c3, c6, r2.
ITEM_TEXT: dict[str, tuple[str, str]] = {
    "c1": ("Ik wil bij elke keuze voor mijn nieuwe woning zelf kunnen meebeslissen.",
           "I want a say in every choice about my new home."),
    "c2": ("Ik wil de indeling van mijn woning naar eigen wens kunnen aanpassen.",
           "I want to be able to adapt the layout of my home to my own wishes."),
    "c3": ("Ik laat de keuzes voor afwerking en installaties graag aan de bouwer over.",
           "I am happy to leave the choice of finishes and installations to the builder."),
    "c4": ("Ik wil tijdens de bouw precies weten wat er op de bouwplaats gebeurt.",
           "During construction I want to know exactly what is happening on site."),
    "c5": ("Ik steek graag extra tijd in het uitzoeken van opties en meerwerk.",
           "I am glad to spend extra time working out options and extras."),
    "c6": ("Een standaardwoning zonder gedoe past het best bij mij.",
           "A standard home without any fuss suits me best."),
    "r1": ("Ik wil het liefst steeds met dezelfde vaste contactpersoon te maken hebben.",
           "I prefer to deal with the same contact person throughout."),
    "r2": ("Zolang de planning en de afspraken kloppen, maakt het mij niet uit wie ik spreek.",
           "As long as the schedule and agreements are right, I don't mind who I talk to."),
    "r3": ("Ik wil de mensen die mijn huis bouwen persoonlijk leren kennen.",
           "I want to get to know the people who build my home personally."),
    "r4": ("Een goed gesprek zegt mij meer dan een overzicht op papier.",
           "A good conversation tells me more than an overview on paper."),
    "r5": ("Ik waardeer het als de bouwer ook vraagt hoe het met mij gaat.",
           "I appreciate it when the builder also asks how I am doing."),
    "r6": ("Ik vertrouw eerder op de mensen dan op contracten en procedures.",
           "I trust people rather than contracts and procedures."),
    "change_requests": ("Aantal ingediende wijzigingsverzoeken.",
                        "Number of change requests filed."),
    "site_visits": ("Aantal bezoeken aan de bouwplaats of kijkwoning.",
                    "Number of visits to the building site or show home."),
    "upgrade_spend": ("Uitgegeven aan meerwerk en extra opties, in euro.",
                      "Spent on extras and upgrade options, in euros."),
    "channel": ("Via welk kanaal heeft u het liefst contact met ons?",
                "Through which channel do you prefer to contact us?"),
    "complaint": ("Heeft u een formele klacht ingediend? (0 = nee, 1 = ja)",
                  "Did you file a formal complaint? (0 = no, 1 = yes)"),
    "stage": ("In welke fase van de aankoop zit u?", "Which stage of the purchase are you in?"),
    "age_band": ("Leeftijdsgroep", "Age band"),
    "gender": ("Gender", "Gender"),
    "household": ("Huishouden", "Household"),
    "postcode": ("Postcode (alleen de cijfers)", "Postcode (digits only)"),
}

# Graded response model per item: discrimination a, threshold shift. Fixed (not drawn from the
# seed) so every seed shows the same psychometrics, only different people.
_ITEM_A = {"c1": 1.9, "c2": 1.6, "c3": 1.3, "c4": 1.3, "c5": 1.7, "c6": 1.4,
           "r1": 1.7, "r2": 1.2, "r3": 1.8, "r4": 1.5, "r5": 1.2, "r6": 1.5}
_ITEM_SHIFT = {"c1": 0.0, "c2": -0.2, "c3": 0.2, "c4": -0.4, "c5": 0.3, "c6": 0.0,
               "r1": -0.3, "r2": 0.1, "r3": 0.2, "r4": 0.0, "r5": -0.5, "r6": 0.3}
_THRESHOLDS = np.array([-1.8, -0.7, 0.3, 1.4])
_LATENT_NOISE = 0.55

# Age band probabilities; the one planted confound is the older "De Vertrouwer".
_AGE_BASE = [0.14, 0.30, 0.26, 0.21, 0.09]
_AGE_BY_PROFILE = {REGISSEUR: _AGE_BASE, BOUWPARTNER: _AGE_BASE, ONTZORGDE: _AGE_BASE,
                   VERTROUWER: [0.04, 0.12, 0.20, 0.36, 0.28]}
_HOUSEHOLD_BY_AGE = {  # realistic link to age, none to profile
    "<30": [0.45, 0.40, 0.08, 0.03, 0.04], "30-39": [0.20, 0.30, 0.40, 0.06, 0.04],
    "40-49": [0.18, 0.22, 0.47, 0.09, 0.04], "50-64": [0.22, 0.45, 0.22, 0.07, 0.04],
    "65+": [0.35, 0.55, 0.04, 0.02, 0.04]}


@dataclass
class DemoData:
    """The generated demo: survey (no profile column), codebook, quotes and the planted truth."""

    survey: pd.DataFrame
    codebook: dict
    quotes: list[dict]
    truth: pd.Series
    profiles: dict


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _quota(shares: list[float], n: int) -> np.ndarray:
    """Exact counts per profile (largest remainder), so the planted shares are what you get."""
    raw = np.asarray(shares) * n
    counts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]:
        counts[i] += 1
    return counts


def _graded(theta: np.ndarray, item: str, u: np.ndarray) -> np.ndarray:
    """One answer 1..5 per respondent: P(X >= k) = sigmoid(a (theta - b_k)), k = 2..5."""
    a = _ITEM_A[item]
    b = _THRESHOLDS + _ITEM_SHIFT[item]
    p_at_least = _sigmoid(a * (theta[:, None] - b[None, :]))
    return 1 + (u[:, None] < p_at_least).sum(axis=1)


def _categorical(rng: np.random.Generator, probs: np.ndarray, labels: list[str]) -> np.ndarray:
    """Draw one label per row from row-wise probabilities (rows sum to 1)."""
    cum = np.cumsum(probs, axis=1)
    idx = (rng.random(len(probs))[:, None] > cum).sum(axis=1)
    return np.asarray(labels, dtype=object)[np.minimum(idx, len(labels) - 1)]


def codebook() -> dict:
    """The codebook in the DESIGN.md section 4 format, plus optional `items`, `numeric`, `notes`."""
    return {
        "id": "respondent",
        "scales": {
            "control": {"items": list(CONTROL_ITEMS), "reverse": ["c3", "c6"], "min": 1, "max": 5,
                        "label": {"nl": "Regie", "en": "Control"}},
            "orientation": {"items": list(ORIENTATION_ITEMS), "reverse": ["r2"], "min": 1,
                            "max": 5, "label": {"nl": "Proces of relatie",
                                                "en": "Process or relationship"}},
        },
        "categorical": ["channel", "stage", "complaint"],
        "demographics": ["age_band", "gender", "household", "postcode"],
        "missing": [MISSING_CODE],
        "numeric": ["change_requests", "site_visits", "upgrade_spend"],
        "items": {col: {"nl": nl, "en": en} for col, (nl, en) in ITEM_TEXT.items()},
        "notes": {
            "nl": "Antwoorden 1 = helemaal oneens ... 5 = helemaal eens. Hoog op orientation = "
                  "relatiegericht, laag = procesgericht. complaint: 0 = nee, 1 = ja. "
                  "-9 = geen antwoord.",
            "en": "Answers 1 = strongly disagree ... 5 = strongly agree. High orientation = "
                  "relationship-oriented, low = process-oriented. complaint: 0 = no, 1 = yes. "
                  "-9 = no answer."},
    }


def generate_demo(n: int = 1200, seed: int = 7) -> DemoData:
    """Generate the reference-model survey with planted profiles (see the module docstring)."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 20:
        raise ValueError(f"n: expected an integer of at least 20, got {n!r}")
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed: expected a non-negative integer, got {seed!r}")
    n = int(n)
    rng = np.random.default_rng(int(seed))
    names = list(PROFILES)

    counts = _quota([PROFILES[p]["share"] for p in names], n)
    profile = rng.permutation(np.repeat(np.arange(len(names)), counts))
    centre_c = np.array([PROFILES[p]["centre"]["control"] for p in names])[profile]
    centre_o = np.array([PROFILES[p]["centre"]["orientation"] for p in names])[profile]
    theta_c = centre_c + rng.normal(0.0, _LATENT_NOISE, n)
    theta_o = centre_o + rng.normal(0.0, _LATENT_NOISE, n)

    items = {}
    for item in LIKERT_ITEMS:
        theta = theta_c if item.startswith("c") else theta_o
        items[item] = _graded(-theta if item in REVERSED else theta, item, rng.random(n))
    answers = np.column_stack([items[i] for i in LIKERT_ITEMS]).astype(float)

    # Straight-liners: one answer on all 12 items, whatever the wording.
    n_straight = max(1, round(0.015 * n))
    straight = rng.choice(n, n_straight, replace=False)
    answers[straight, :] = rng.choice([1, 2, 3, 4, 5], n_straight,
                                      p=[0.05, 0.10, 0.35, 0.30, 0.20])[:, None]
    # Missing completely at random: 5 % empty, then about 0.5 % "-9" (no answer).
    u = rng.random(answers.shape)
    answers[u < 0.05] = np.nan
    answers[(u >= 0.05) & (u < 0.055)] = MISSING_CODE

    stage = _categorical(rng, np.tile([0.15, 0.25, 0.40, 0.20], (n, 1)), STAGES)
    stage_idx = np.array([STAGES.index(s) for s in stage])
    change_requests = rng.poisson(np.exp(0.6 + 0.7 * theta_c) * np.array(
        [0.1, 0.6, 1.0, 1.1])[stage_idx])
    site_visits = rng.poisson(np.exp(0.9 + 0.3 * theta_c + 0.45 * theta_o) * np.array(
        [0.5, 0.8, 1.2, 1.4])[stage_idx])
    spends = rng.random(n) < _sigmoid(0.6 + 0.9 * theta_c)
    amount = np.exp(rng.normal(np.log(6000) + 0.4 * theta_c, 0.7, n))
    upgrade_spend = np.where(spends & (stage_idx > 0), np.round(amount / 50) * 50, 0).astype(int)

    util = np.column_stack([0.1 + 0.9 * theta_o, 0.2 + 0.7 * theta_o, 0.4 - 0.8 * theta_o,
                            0.2 - 0.9 * theta_o, -0.6 + 0.2 * theta_o + 0.3 * theta_c])
    expu = np.exp(util - util.max(axis=1, keepdims=True))
    channel = _categorical(rng, expu / expu.sum(axis=1, keepdims=True), CHANNELS)
    complaint = (rng.random(n) < _sigmoid(-2.0 + 0.6 * theta_c - 0.3 * theta_o)).astype(int)

    age_probs = np.array([_AGE_BY_PROFILE[p] for p in names])[profile]
    age_band = _categorical(rng, age_probs, AGE_BANDS)
    gender = _categorical(rng, np.tile([0.48, 0.47, 0.01, 0.04], (n, 1)), GENDERS)
    household = _categorical(rng, np.array([_HOUSEHOLD_BY_AGE[a] for a in age_band]), HOUSEHOLDS)
    postcode = np.array([f"{p:04d}" for p in rng.integers(1000, 10000, n)], dtype=object)

    survey = pd.DataFrame({"respondent": [f"R{i:04d}" for i in range(1, n + 1)]})
    for j, item in enumerate(LIKERT_ITEMS):
        survey[item] = pd.array(answers[:, j], dtype="Float64").astype("Int64")
    survey["change_requests"] = change_requests.astype(int)
    survey["site_visits"] = site_visits.astype(int)
    survey["upgrade_spend"] = upgrade_spend
    survey["channel"] = channel.astype(str)
    survey["complaint"] = complaint
    survey["stage"] = stage.astype(str)
    survey["age_band"] = age_band.astype(str)
    survey["gender"] = gender.astype(str)
    survey["household"] = household.astype(str)
    survey["postcode"] = postcode.astype(str)

    truth = pd.Series(np.asarray(names, dtype=object)[profile].astype(str), index=survey.index,
                      name="profile")
    return DemoData(survey=survey, codebook=codebook(), quotes=quote_records(), truth=truth,
                    profiles={k: dict(v) for k, v in PROFILES.items()})


def _sav_frame(survey: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict]]:
    """The survey with text categoricals as integer codes, and the value labels for SPSS.

    WHY codes: SPSS users expect numbered answers with value labels; the studio's importer turns
    the labels back into the same text as in survey.csv, so the three files hold the same data.
    """
    frame = survey.copy()
    labels: dict[str, dict] = {}
    likert = {float(k): v for k, v in LIKERT_LABELS.items()}
    likert[float(MISSING_CODE)] = "Geen antwoord"
    for item in LIKERT_ITEMS:
        frame[item] = frame[item].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        labels[item] = dict(likert)
    for col, values in (("channel", CHANNELS), ("stage", STAGES), ("age_band", AGE_BANDS),
                        ("gender", GENDERS), ("household", HOUSEHOLDS)):
        codes = {v: i for i, v in enumerate(values, start=1)}
        frame[col] = frame[col].map(codes).astype(int)
        labels[col] = {i: v for v, i in codes.items()}
    labels["complaint"] = dict(COMPLAINT_LABELS)
    for col in ("respondent", "postcode"):
        frame[col] = frame[col].astype(object)
    return frame, labels


def _write_sav(survey: pd.DataFrame, path: Path) -> None:
    import pyreadstat  # local import: only the writer needs it

    frame, labels = _sav_frame(survey)
    measure = {c: "ordinal" for c in LIKERT_ITEMS}
    measure.update({c: "scale" for c in ("change_requests", "site_visits", "upgrade_spend")})
    measure.update({c: "nominal" for c in ("channel", "stage", "complaint", "age_band", "gender",
                                           "household", "postcode", "respondent")})
    pyreadstat.write_sav(
        frame, str(path), file_label="Persona Studio demo: kopers nieuwbouwwoning",
        column_labels={c: ITEM_TEXT[c][0] for c in frame.columns if c in ITEM_TEXT},
        variable_value_labels=labels,
        missing_ranges={c: [float(MISSING_CODE)] for c in LIKERT_ITEMS},
        variable_measure=measure)


def _codebook_yaml(book: dict) -> str:
    """YAML as people write it: short lists inline (as in DESIGN.md), item wording in blocks."""
    text_keys = ("items", "notes")
    head = {k: v for k, v in book.items() if k not in text_keys}
    tail = {k: v for k, v in book.items() if k in text_keys}
    dump = dict(sort_keys=False, allow_unicode=True, width=100)
    return (yaml.safe_dump(head, default_flow_style=None, **dump)
            + yaml.safe_dump(tail, default_flow_style=False, **dump))


def write_demo(out_dir: str | Path, n: int = 1200, seed: int = 7) -> list[Path]:
    """Write survey.csv/.xlsx/.sav, codebook.yaml, quotes.json, truth.csv and journeys/ to out_dir.

    csv, json and yaml are byte-identical for the same n and seed (xlsx and sav carry a creation
    time). Example journeys are copied from data/journeys/*.json when that folder has any.
    Returns the paths written, in a fixed order.
    """
    demo = generate_demo(n, seed)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "journeys").mkdir(exist_ok=True)
    except OSError as exc:
        raise ValueError(f"--out {out}: expected a writable directory ({exc.strerror})") from exc

    paths = [out / name for name in ("survey.csv", "codebook.yaml", "quotes.json", "truth.csv",
                                     "survey.xlsx", "survey.sav")]
    demo.survey.to_csv(paths[0], index=False, encoding="utf-8", lineterminator="\n")
    paths[1].write_text(_codebook_yaml(demo.codebook), encoding="utf-8")
    paths[2].write_text(json.dumps(demo.quotes, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    truth = pd.DataFrame({"respondent": demo.survey["respondent"], "profile": demo.truth})
    truth.to_csv(paths[3], index=False, encoding="utf-8", lineterminator="\n")
    demo.survey.to_excel(paths[4], index=False, sheet_name="survey")
    _write_sav(demo.survey, paths[5])

    source = Path(JOURNEYS_DIR)
    if source.is_dir():
        for journey in sorted(source.glob("*.json")):
            target = out / "journeys" / journey.name
            shutil.copyfile(journey, target)
            paths.append(target)
    return paths
