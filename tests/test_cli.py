"""The command line as users and scripts call it: JSON on stdout, exit codes 0/1/2, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=ROOT, env_home=None):
    import os

    env = dict(os.environ)
    if env_home:
        env["STUDIO_HOME"] = str(env_home)
        env.pop("STUDIO_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "studio", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = run("demo-data", "--out", out, "--n", 600, "--seed", 3, "--json")
    assert result.returncode == 0, result.stderr
    return out


def test_demo_data_writes_the_reference_files(demo_dir):
    for name in ("survey.csv", "codebook.yaml", "quotes.json", "survey.xlsx", "survey.sav"):
        assert (demo_dir / name).is_file(), name


def test_reliability_json_has_the_design_keys(demo_dir):
    result = run("reliability", demo_dir / "survey.csv", "--codebook", demo_dir / "codebook.yaml", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)  # stdout is JSON and nothing else
    assert set(report) == {"control", "orientation"}
    for scale in report.values():
        for key in ("n", "alpha_raw", "alpha_std", "g6", "avg_r", "omega_total", "mean", "sd", "alpha_if_dropped"):
            assert key in scale
        assert scale["alpha_raw"] >= 0.75
        assert set(next(iter(scale["alpha_if_dropped"].values()))) >= {"raw", "std"}


def test_reliability_reads_xlsx_and_sav_the_same_as_csv(demo_dir):
    figures = []
    for name in ("survey.csv", "survey.xlsx", "survey.sav"):
        result = run("reliability", demo_dir / name, "--codebook", demo_dir / "codebook.yaml", "--json")
        assert result.returncode == 0, (name, result.stderr)
        figures.append(round(json.loads(result.stdout)["control"]["alpha_raw"], 6))
    assert len(set(figures)) == 1


@pytest.mark.parametrize("case, expected", [
    ("missing_file", "no such file"),
    ("text_in_likert", "row 4, column 'c2'"),
    ("bad_codebook", "codebook"),
    ("unknown_item", "'c99'"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, demo_dir, case, expected):
    survey = demo_dir / "survey.csv"
    codebook = demo_dir / "codebook.yaml"
    if case == "missing_file":
        survey = tmp_path / "nope.csv"
    elif case == "text_in_likert":
        lines = survey.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        cells = lines[3].split(",")
        cells[header.index("c2")] = "vaak"
        lines[3] = ",".join(cells)
        survey = tmp_path / "survey.csv"
        survey.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif case == "bad_codebook":
        codebook = tmp_path / "codebook.yaml"
        codebook.write_text("scales: [unclosed\n", encoding="utf-8")
    elif case == "unknown_item":
        codebook = tmp_path / "codebook.yaml"
        codebook.write_text("scales:\n  control: {items: [c1, c2, c99]}\n", encoding="utf-8")
    result = run("reliability", survey, "--codebook", codebook, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert expected in lines[0]


def test_open_imports_a_project_file_and_prints_its_url(tmp_path):
    from studio.schema import Project

    project = Project(name="Shared with me", personas=[{"id": "p1", "name": "De Regisseur"}])
    doc = json.loads(project.model_dump_json())
    doc["survey_data"] = {"columns": ["respondent", "c1"], "data": [["R1", 4], ["R2", 2]]}
    path = tmp_path / "shared.studio.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    home = tmp_path / "home"
    result = run("open", path, "--json", env_home=home)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["url"] == f"/?project={out['project']}"
    listed = json.loads(run("projects", "--json", env_home=home).stdout)["projects"]
    assert [p["name"] for p in listed] == ["Shared with me"]


def test_open_rejects_a_file_that_is_not_a_project(tmp_path):
    path = tmp_path / "x.studio.json"
    path.write_text("[1, 2", encoding="utf-8")
    result = run("open", path, env_home=tmp_path / "home")
    assert result.returncode == 2 and "invalid JSON" in result.stderr and "line 1" in result.stderr


def test_unknown_command_is_bad_input():
    assert run("frobnicate").returncode == 2


def test_segment_quadrant_stores_the_run_and_writes_assignments(tmp_path, demo_dir):
    project = tmp_path / "p.studio.json"
    assignments = tmp_path / "a.csv"
    result = run("segment", demo_dir / "survey.csv", "--codebook", demo_dir / "codebook.yaml", "--method",
                 "quadrant", "--out", project, "--assignments", assignments, "--boot", 5, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["k"] == 4 and abs(sum(out["shares"]) - 1) < 1e-9
    assert "stability_ari" in out and len(out["profiles"]) == 4
    lines = assignments.read_text().splitlines()
    assert lines[0] == "respondent,segment" and len(lines) == 601
    doc = json.loads(project.read_text())
    assert len(doc["segmentations"]) == 1 and doc["survey_data"]["columns"][0] == "respondent"

    typing = run("typing-tool", project, "--max-questions", 4, "--sql", "sqlite", "--json")
    assert typing.returncode == 0, typing.stderr
    tool = json.loads(typing.stdout)
    assert 1 <= len(tool["questions"]) <= 4
    assert tool["accuracy"] > 0.5  # far above the 0.25 of guessing among four segments
    assert tool["sql"].lstrip().upper().startswith("SELECT")


def test_segment_model_based_reports_fit(demo_dir):
    result = run("segment", demo_dir / "survey.csv", "--codebook", demo_dir / "codebook.yaml", "--method", "gmm",
                 "--k-range", "2-5", "--boot", 3, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert {"loglik", "bic", "aic"} <= set(out) and out["bic"] is not None
    assert [row["k"] for row in out["selection"]] == [2, 3, 4, 5]


def test_segment_refuses_demographic_inputs(demo_dir):
    result = run("segment", demo_dir / "survey.csv", "--codebook", demo_dir / "codebook.yaml", "--method", "lca",
                 "--items", "channel,gender", "--json")
    assert result.returncode == 2 and "'gender' is a demographic column" in result.stderr


def test_journey_check_fail_on(tmp_path):
    journey = {"name": "t", "nodes": [{"id": "a", "label": "A", "kind": "start"},
                                      {"id": "b", "label": "B", "kind": "step"}],
               "edges": [{"source": "a", "target": "b"}]}
    path = tmp_path / "j.json"
    path.write_text(json.dumps(journey))
    plain = run("journey-check", path, "--json")
    assert plain.returncode == 0
    codes = {f["code"] for f in json.loads(plain.stdout)["findings"]}
    assert "dead_end" in codes
    assert run("journey-check", path, "--fail-on", "error", "--json").returncode == 1
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**journey, "edges": [{"source": "a", "target": "zz"}]}))
    bad = run("journey-check", broken)
    assert bad.returncode == 2 and "zz" in bad.stderr


def test_agreement_on_a_votes_file(tmp_path):
    votes = tmp_path / "votes.csv"
    votes.write_text("case,rater,value\nc1,a,evict\nc1,b,mediate\nc1,c,mediate\n"
                     "c2,a,mediate\nc2,b,mediate\nc2,c,mediate\n")
    result = run("agreement", votes, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["n_votes"] == 6 and out["cases"][0]["case"] == "c1"  # most disagreement first
    assert set(out["krippendorff_alpha"]) == {"nominal", "ordinal", "interval", "ratio"}
