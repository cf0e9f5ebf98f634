"""Personal data in uploads: flagged by name and by value, masked, dropped on request."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from segmentation.personal_data import (PersonalDataFlag, detect_personal_data,
                                        drop_personal_data, mask_value)

N = 60
RNG = np.random.default_rng(7)
FIRST = ["Jan", "Sanne", "Mohamed", "Eva", "Daan", "Lotte", "Fatima", "Bram", "Noah", "Emma",
         "Sem", "Julia", "Liam", "Mila", "Luuk", "Tess"]
LAST = ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "El Amrani", "Smit", "Meijer",
        "de Boer", "Mulder", "van Dijk", "Bos", "Yilmaz", "Peters", "Hendriks", "van Leeuwen"]


def bsn_numbers(n: int) -> list[str]:
    """Valid BSNs (elfproef): 9*d1 + 8*d2 + ... + 2*d8 - d9 is divisible by 11."""
    out = []
    while len(out) < n:
        head = [int(d) for d in f"{RNG.integers(10**7, 10**8):08d}"]
        last = sum(d * w for d, w in zip(head, range(9, 1, -1))) % 11
        if last < 10:
            out.append("".join(map(str, head)) + str(last))
    return out


def valid_iban(bank: str, account: str) -> str:
    """Dutch IBAN with the mod-97 check digits computed as in ISO 13616."""
    digits = "".join(str(int(ch, 36)) for ch in bank + account + "NL00")
    return f"NL{98 - int(digits) % 97:02d}{bank}{account}"


def survey() -> pd.DataFrame:
    return pd.DataFrame({
        "respondent": [f"R{i:04d}" for i in range(N)],
        "contact": [f"{FIRST[i % 16].lower()}.{i}@example.nl" for i in range(N)],
        "mobiel": [f"06-{RNG.integers(10**7, 10**8)}" for _ in range(N)],
        "klant": [f"{FIRST[i % 16]} {LAST[(i * 7 + i // 16) % 16]}" for i in range(N)],
        "huisadres": [f"{RNG.integers(1000, 9999)} {['AB', 'CD', 'XK'][i % 3]} {RNG.integers(1, 200)}"
                      for i in range(N)],
        "straat": [f"{['Kerkstraat', 'Oudegracht', 'Dorpsweg', 'Stationsplein'][i % 4]} {i + 1}"
                   for i in range(N)],
        "geboren": [f"{RNG.integers(1, 29):02d}-{RNG.integers(1, 13):02d}-{RNG.integers(1940, 2005)}"
                    for _ in range(N)],
        "rekening": [valid_iban("ABNA", f"{RNG.integers(10**9, 10**10)}") for _ in range(N)],
        "nummer": bsn_numbers(N),
        "postcode": [str(RNG.integers(1000, 9999)) for _ in range(N)],
        "c1": RNG.integers(1, 6, N),
        "c2": RNG.integers(1, 6, N).astype(float),
        "channel": [["site", "phone", "e-mail", "showroom"][i % 4] for i in range(N)],
        "stage": [["Orientation", "Purchase", "Build", "Handover"][i % 4] for i in range(N)],
        "age": RNG.integers(20, 80, N),
    })


def flags_by_column(data: pd.DataFrame) -> dict[str, PersonalDataFlag]:
    return {f.column: f for f in detect_personal_data(data)}


def test_each_kind_is_found_by_its_values():
    flags = flags_by_column(survey())
    expected = {"contact": "email", "mobiel": "phone", "klant": "full_name",
                "huisadres": "postcode_house_number", "straat": "address", "geboren": "birth_date",
                "rekening": "iban", "nummer": "bsn"}
    assert {c: f.kind for c, f in flags.items()} == expected
    assert flags["contact"].share == 1.0
    assert flags["contact"].reason == "100 % of values look like e-mail addresses"
    assert flags["nummer"].reason == "100 % of values look like citizen service numbers (BSN)"


def test_what_the_analysis_needs_is_not_flagged():
    """4-digit postcode (a proxy, not personal data by itself), Likert items, age, channel, stage."""
    flags = flags_by_column(survey())
    for column in ("respondent", "postcode", "c1", "c2", "channel", "stage", "age"):
        assert column not in flags


def test_share_reflects_the_matching_values():
    emails = [f"user{i}@example.com" for i in range(78)] + [f"geen {i}" for i in range(22)]
    flag = detect_personal_data(pd.DataFrame({"contact": emails}))[0]
    assert flag.kind == "email"
    assert flag.share == pytest.approx(0.78)
    assert flag.reason == "78 % of values look like e-mail addresses"


@pytest.mark.parametrize("values", [
    ["NL91ABNA0417164301", "NL91ABNA0417164302", "NL12RABO0123456789"] * 10,  # mod-97 fails
])
def test_iban_needs_a_valid_checksum(values):
    assert detect_personal_data(pd.DataFrame({"code": values})) == []


def test_known_valid_iban_passes():
    """NL91ABNA0417164300 is the example IBAN published by the Dutch Payments Association."""
    flags = detect_personal_data(pd.DataFrame({"x": ["NL91 ABNA 0417 1643 00"] * 5}))
    assert flags[0].kind == "iban"


def test_nine_digit_ids_are_not_bsn():
    ids = [str(v) for v in RNG.integers(10**8, 10**9, 300)]  # about 1 in 11 passes the 11-test
    assert detect_personal_data(pd.DataFrame({"klantnummer": ids})) == []
    numbers = pd.DataFrame({"nummer": [int(b) for b in bsn_numbers(40)]})  # also as numbers
    assert detect_personal_data(numbers)[0].kind == "bsn"


def test_phone_formats_dutch_and_international():
    phones = ["06 12345678", "+31 6 12345678", "0031612345678", "020-1234567", "(010) 123 4567",
              "+44 20 7946 0958", "0612345678"]
    assert detect_personal_data(pd.DataFrame({"x": phones}))[0].kind == "phone"
    not_phones = ["12", "2024-05-01", "3,5", "1234", "ja", "0.5", "100"]
    assert detect_personal_data(pd.DataFrame({"x": not_phones})) == []


def test_numeric_phone_column_that_lost_its_zero():
    data = pd.DataFrame({"tel": RNG.integers(600000000, 699999999, 40)})
    flag = detect_personal_data(data)[0]
    assert flag.kind == "phone"
    assert "lost their leading 0" in flag.reason


def test_postcode_with_house_number_but_not_postcode_alone():
    with_number = ["3512 AB 12", "3512AB 12", "3512AB12", "1011 ab 1-3", "9711 CD 101a"]
    assert detect_personal_data(pd.DataFrame({"x": with_number}))[0].kind == "postcode_house_number"
    assert detect_personal_data(pd.DataFrame({"pc4": ["3512", "1011", "9711", "3512", "2500"]})) == []
    assert detect_personal_data(pd.DataFrame({"pc6": ["3512 AB", "1011 CD", "9711 XK"]})) == []


def test_birth_dates_but_not_survey_dates():
    assert detect_personal_data(pd.DataFrame({"x": survey()["geboren"]}))[0].kind == "birth_date"
    survey_dates = [f"2024-05-{d:02d}" for d in range(1, 29)]
    assert detect_personal_data(pd.DataFrame({"ingevuld_op": survey_dates})) == []
    as_dates = pd.DataFrame({"Geboortedatum": pd.to_datetime(["1970-01-02", "1985-06-30", "1999-12-31"])})
    assert detect_personal_data(as_dates)[0].kind == "birth_date"


def test_full_names_need_many_distinct_values():
    names = pd.DataFrame({"x": survey()["klant"]})
    assert detect_personal_data(names)[0].kind == "full_name"
    repeated = pd.DataFrame({"segment": ["De Regisseur", "De Volger", "Het Gemak", "De Relatie"] * 30})
    assert detect_personal_data(repeated) == []
    job_titles = pd.DataFrame({"functie": ["Project Manager", "Sales Lead", "Software Engineer"] * 40})
    assert detect_personal_data(job_titles) == []


def test_column_names_dutch_and_english():
    first_names = pd.DataFrame({
        "voornaam": [FIRST[i % 16] for i in range(N)],
        "E-mail": ["onbekend"] * N,
        "Telefoonnummer": ["-"] * (N - 1) + ["n.v.t."],
        "product_name": ["Basis", "Plus", "Premium"] * (N // 3),
        "kanaal naam": ["site", "telefoon"] * (N // 2),
        "mail_opt_in": ["ja", "nee"] * (N // 2),
        "q_mail_1": RNG.integers(1, 6, N),
    })
    flags = flags_by_column(first_names)
    assert set(flags) == {"voornaam", "E-mail", "Telefoonnummer"}
    assert flags["voornaam"].kind == "full_name"
    assert flags["voornaam"].reason == "the column name 'voornaam' suggests names"
    assert flags["E-mail"].kind == "email"


def test_email_or_phone_inside_free_text():
    comments = ["Prima service"] * 97 + ["mail me op piet.jansen@example.nl", "bel 06-12345678 aub", "top"]
    flag = detect_personal_data(pd.DataFrame({"opmerking": comments}))[0]
    assert flag.kind == "email"
    assert flag.reason == "1 value (1 %) contains an e-mail address"
    assert flag.examples == ["p***@example.nl"]


def test_masks_never_show_the_full_value():
    data = survey()
    for flag in detect_personal_data(data):
        assert flag.examples, flag.column
        originals = set(data[flag.column].astype(str))
        for example in flag.examples:
            assert example not in originals
            assert "*" in example
    assert mask_value("jan@example.nl", "email") == "j***@example.nl"
    assert mask_value("06-12345678", "phone") == "06******78"
    assert mask_value("NL91ABNA0417164300", "iban") == "NL91************00"
    assert mask_value("111222333", "bsn") == "*******33"
    assert mask_value("Jan de Vries", "full_name") == "J** d* V****"
    assert mask_value("3512 AB 12", "postcode_house_number") == "3*** A* 1*"
    assert mask_value("12-05-1980", "birth_date") == "**-**-198*"
    assert mask_value("A", "full_name") == "*"


def test_sample_limits_the_work_and_stays_repeatable():
    emails = pd.DataFrame({"x": [f"u{i}@example.org" for i in range(5000)] + ["nee"] * 5000})
    first = detect_personal_data(emails, sample=500)
    assert first[0].share == detect_personal_data(emails, sample=500)[0].share
    assert 0.4 < first[0].share < 0.6
    with pytest.raises(ValueError, match="sample"):
        detect_personal_data(emails, sample=0)


def test_drop_personal_data_keeps_what_the_user_chose():
    data = survey()
    flags = detect_personal_data(data)
    kept = drop_personal_data(data, flags, keep={"geboren"})
    assert "geboren" in kept.columns
    assert not {"contact", "mobiel", "klant", "nummer"} & set(kept.columns)
    assert list(kept.columns) == [c for c in data.columns if c not in {f.column for f in flags} - {"geboren"}]
    assert "contact" in data.columns  # the input is not changed
