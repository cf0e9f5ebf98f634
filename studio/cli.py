"""The command line: `python -m studio COMMAND ...` (DESIGN.md section 5).

Every command returns a JSON-able dict; `--json` prints exactly that on stdout and nothing else.
Exit codes: 0 success, 1 a check failed under `--fail-on`, 2 bad input (one line on stderr naming
the file, row/field and what was expected; never a traceback).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any, Callable

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class BadInput(ValueError):
    """Raised by commands for input the user must fix; printed as one line, exit 2."""


def _clean(value: Any) -> Any:
    """JSON-safe: numpy scalars to Python, NaN/inf to null."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "-" if value is None else str(value)


def _read_input(path: str, reader: Callable, *args, **kwargs):
    p = Path(path)
    if not p.exists():
        raise BadInput(f"{path}: no such file")
    if p.is_dir():
        raise BadInput(f"{path}: is a folder, expected a file")
    return reader(p, *args, **kwargs)


# -- commands -------------------------------------------------------------------------------

def cmd_demo_data(args) -> dict:
    from data.demo import write_demo

    if args.n < 20:
        raise BadInput(f"--n: expected at least 20 respondents, got {args.n}")
    paths = write_demo(args.out, n=args.n, seed=args.seed)
    return {"out": str(Path(args.out)), "n": args.n, "seed": args.seed, "files": [str(p) for p in paths]}


def _load_survey_and_codebook(survey_path: str, codebook_path: str):
    from segmentation.codebook import load_codebook
    from segmentation.importer import read_survey

    imported = _read_input(survey_path, read_survey)
    codebook = _read_input(codebook_path, load_codebook)
    return imported, codebook


def cmd_reliability(args) -> dict:
    from studio.service import clean_survey, reliability_report

    imported, codebook = _load_survey_and_codebook(args.survey, args.codebook)
    try:
        data = clean_survey(imported.data, codebook, Path(args.survey).name)
    except ValueError as error:
        raise BadInput(str(error)) from None
    return reliability_report(data, codebook)


def render_reliability(result: dict) -> str:
    lines = []
    for name, r in result.items():
        lines.append(f"{name}: n={r['n']}  alpha={_fmt(r['alpha_raw'])} (std {_fmt(r['alpha_std'])})  "
                     f"G6={_fmt(r['g6'])}  avg r={_fmt(r['avg_r'])}  omega_t={_fmt(r['omega_total'])}  "
                     f"mean={_fmt(r['mean'])} sd={_fmt(r['sd'])}")
        for item, dropped in (r.get("alpha_if_dropped") or {}).items():
            lines.append(f"    without {item}: alpha {_fmt(dropped['raw'])} (std {_fmt(dropped['std'])})")
        if r.get("suspect_reversed"):
            lines.append(f"    check reversal of: {', '.join(r['suspect_reversed'])}")
    return "\n".join(lines)


def _k_range(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        low, high = (int(part) for part in text.split("-"))
    except ValueError:
        raise BadInput(f"--k-range: expected LOW-HIGH such as 2-8, got {text!r}") from None
    if not 1 <= low <= high <= 30:
        raise BadInput(f"--k-range: expected 1 <= LOW <= HIGH <= 30, got {text!r}")
    return low, high


def cmd_segment(args) -> dict:
    from segmentation.codebook import load_codebook
    from segmentation.importer import read_survey
    from studio.segmenting import assignments_frame, public_run, run_segmentation
    from studio.service import clean_survey, load_project_arg
    from studio.store import Store

    imported = _read_input(args.survey, read_survey)
    codebook = _read_input(args.codebook, load_codebook) if args.codebook else None
    data = imported.data
    if codebook is not None:
        data = clean_survey(data, codebook, Path(args.survey).name)
    items = [c.strip() for c in args.items.split(",") if c.strip()] if args.items else None
    if args.k is not None and args.k < 1:
        raise BadInput(f"--k: expected a positive number of segments, got {args.k}")
    run = run_segmentation(data, codebook, args.method, k=args.k, k_range=_k_range(args.k_range), items=items,
                           starts=args.starts, seed=args.seed, cut=args.cut, n_boot=args.boot,
                           override_reason=args.override_reason)
    if args.assignments:
        id_column = codebook.id if codebook and codebook.id else "id"
        assignments_frame(run, id_column).to_csv(args.assignments, index=False)
    result = public_run(run)
    if args.out:
        store = Store()
        handle = load_project_arg(store, args.out, create=True)
        if handle.data is None:
            handle.data = imported.data
        if codebook is not None and not handle.project.codebook:
            handle.project.codebook = codebook.to_dict()
        handle.project.segmentations.append(run)
        handle.save(store, note=f"segmentation {args.method} k={run['k']}")
        result["project"] = handle.project.id
    return result


def render_segment(result: dict) -> str:
    lines = [f"{result['method']}: k={result['k']}, {result['n_placed']} of {result['n']} respondents placed"]
    if result.get("loglik") is not None:
        lines.append(f"loglik {_fmt(result['loglik'])}  BIC {_fmt(result['bic'])}  AIC {_fmt(result['aic'])}")
    lines.append("shares: " + ", ".join(f"{i}: {share:.1%}" for i, share in enumerate(result["shares"] or [])))
    if result.get("stability"):
        lines.append(f"stability: ARI {_fmt(result['stability_ari'])}, verdict {result['stability']['verdict']}")
    return "\n".join(lines)


def cmd_typing_tool(args) -> dict:
    from studio.service import load_project_arg
    from studio.store import Store
    from studio.typing_tools import build_typing_tool

    handle = load_project_arg(Store(), args.project)
    if args.max_questions < 1:
        raise BadInput(f"--max-questions: expected at least 1, got {args.max_questions}")
    return build_typing_tool(handle.project, handle.data, max_questions=args.max_questions, sql=args.sql,
                             table=args.table)


def cmd_personas(args) -> dict:
    from studio.personas_service import build_personas, summary
    from studio.service import load_project_arg
    from studio.store import Store

    if getattr(args, "replace", False) and not getattr(args, "from_json", None):
        raise BadInput("--replace: only with --from-json FILE (the file's personas replace the project's)")
    store = Store()
    handle = load_project_arg(store, args.project, create=bool(getattr(args, "from_json", None)))
    if getattr(args, "from_json", None):  # import a persona set file (merge by id, newest edit wins)
        from studio.personas_service import import_personas

        raw = _read_input(args.from_json, lambda p: p.read_bytes())
        try:
            imported = import_personas(handle.project, raw, mode="replace" if args.replace else "merge")
        except ValueError as error:
            raise BadInput(f"{args.from_json}: {error}") from None
        handle.save(store, note=f"personas imported from {Path(args.from_json).name} ({imported['personas']})")
        return {**summary(handle.project), "imported": imported}
    build_personas(handle.project, handle.data, lang=args.lang)
    handle.save(store, note=f"personas from segmentation ({len(handle.project.personas)})")
    return summary(handle.project)


def render_personas(result: dict) -> str:
    lines = [f"project {result['project']}: {len(result['personas'])} personas from run {result.get('run')}"]
    for p in result["personas"]:
        share = p.get("share")
        lines.append(f"- {p['name']} ({share:.0%}): {p.get('tagline') or ''}" if isinstance(share, float)
                     else f"- {p['name']}: {p.get('tagline') or ''}")
    kept = [c for c in result.get("changes", []) if c.get("kept") == "old"]
    if kept:
        lines.append(f"{len(kept)} edited field(s) kept; choose per field on the Personas page")
    return "\n".join(lines)


def cmd_agreement(args) -> dict:
    from workshop.agreement import agreement_report
    from workshop.votes import read_votes

    votes = _read_input(args.votes, read_votes)
    return agreement_report(votes, args.level, n_boot=args.n_boot, random_state=args.seed)


def render_agreement(result: dict) -> str:
    kappa = result["fleiss_kappa"]
    alpha = result["krippendorff_alpha"]
    lines = [f"{result['n_votes']} votes on {result.get('n_cases')} cases by {result.get('n_raters')} raters",
             f"Fleiss' kappa {_fmt(kappa['value'])} (95% CI {_fmt(kappa['ci_low'])} to {_fmt(kappa['ci_high'])})",
             "Krippendorff's alpha " + ", ".join(f"{k} {_fmt(v)}" for k, v in alpha.items()),
             f"percent agreement {_fmt(result.get('percent_agreement'))}, noise index {_fmt(result.get('noise_index'))}",
             "most disagreement first:"]
    for case in result["cases"][:10]:
        lines.append(f"  {case['case']}: n={case['n']} mode={case['mode']} ({_fmt(case['share_mode'])})")
    return "\n".join(lines)


def cmd_journey_check(args) -> dict:
    from journeys.checks import check_journey
    from journeys.model import load_journey

    journey = _read_input(args.journey, lambda p: load_journey(p, filename=p.name))
    findings = check_journey(journey)
    return {"journey": journey.name, "nodes": len(journey.nodes), "edges": len(journey.edges),
            "findings": findings}


def render_findings(result: dict) -> str:
    findings = result.get("findings", [])
    head = f"{result.get('journey') or ''}: " if result.get("journey") else ""
    if not findings:
        return f"{head}no findings"
    lines = [f"{head}{len(findings)} finding(s)"]
    for f in findings:
        where = f.get("node") or f.get("persona") or ""
        mark = " (justified: " + str(f.get("justification")) + ")" if f.get("justified") else ""
        lines.append(f"  {f['severity']:<7} {f['code']:<26} {where}: {f['message']}{mark}")
        if f.get("suggestion") and not f.get("justified"):
            lines.append(f"          -> {f['suggestion']}")
    return "\n".join(lines)


def cmd_lint(args) -> dict:
    from personas.lint import lint_personas, load_lint_input

    personas, options = _read_input(args.file, load_lint_input)
    findings = lint_personas(personas, v_threshold=args.v_threshold, **options)
    return {"personas": len(personas), "findings": findings}


def cmd_open(args) -> dict:
    from studio.service import open_project_file
    from studio.store import Store

    p = Path(args.file)
    if not p.is_file():
        raise BadInput(f"{args.file}: no such file")
    stored = open_project_file(Store(), p)
    return {"project": stored.project.id, "name": stored.project.name, "version": stored.version,
            "url": f"/?project={stored.project.id}"}


def cmd_import(args) -> dict:
    """Stream a large CSV/Parquet survey into a project (studio/bulk.py); progress on stderr."""
    from segmentation.codebook import load_codebook
    from studio.bulk import import_large_survey
    from studio.service import PROJECT_FILE_SUFFIX, open_project_file
    from studio.store import Store

    store = Store()
    survey = Path(args.survey)
    if not survey.is_file():
        raise BadInput(f"{args.survey}: no such file")
    codebook = _read_input(args.codebook, load_codebook) if args.codebook else None
    target = Path(args.project)
    if target.is_file() and target.name.endswith(PROJECT_FILE_SUFFIX):
        project_id = open_project_file(store, target).project.id
    elif store.exists(args.project):
        project_id = args.project
    else:
        raise BadInput(f"--project {args.project}: no such project file (*.studio.json), and no project "
                       "with that id in the store")

    def progress(done: int, total: int | None, message: str) -> None:
        share = f" ({done / total:.0%})" if total else ""
        print(f"{message}{share}", file=sys.stderr, flush=True)

    result = import_large_survey(store, project_id, survey, codebook=codebook, keep_personal=args.keep_personal,
                                 progress=progress, chunk_rows=args.chunk_rows)
    return result.summary()


def cmd_projects(args) -> dict:
    from studio.store import Store

    return {"projects": Store().list()}


def cmd_share(args) -> dict:
    from studio import access
    from studio.store import ProjectNotFound, Store

    store = Store()
    role = None if args.role == "none" else args.role
    try:
        access.share(store, args.project, args.user, role, by=None)
        people = access.members(store, args.project)
    except ProjectNotFound as error:
        raise BadInput(str(error)) from None
    return {"project": args.project, "members": [{"user": m["user_id"], "role": m["role"]} for m in people]}


def cmd_hash_password(args) -> dict:
    from studio import access

    password = sys.stdin.readline().rstrip("\r\n")
    return {"STUDIO_PASSWORD_HASH": access.hash_password(password)}


def cmd_workshop(args) -> dict:
    from studio.service import load_project_arg
    from studio.store import Store
    from studio.workshops import create_session
    from workshop.sessions import parse_cases

    handle = load_project_arg(Store(), args.project)
    try:
        cases = _read_input(args.cases, lambda p: parse_cases(p.read_bytes(), p.name))
    except ValueError as error:
        raise BadInput(f"{args.cases}: {error}") from None
    code, token = create_session(handle.project.id, cases, args.title or Path(args.cases).stem)
    return {"code": code, "facilitator_token": token, "join_url": f"/vote?code={code}",
            "project": handle.project.id, "cases": len(cases)}


def _facilitator(args) -> str:
    """The session's join code once the token is checked (BadInput naming the field otherwise).
    ``--token -`` reads the token from stdin, so it does not show in the process list."""
    from studio import workshops as ws

    token = sys.stdin.readline().strip() if args.token == "-" else args.token
    try:
        ws.check_token(args.code, token)
    except ws.SessionNotFound as error:
        raise BadInput(f"CODE: {error}") from None
    except ws.Forbidden as error:
        raise BadInput(f"--token: {error}") from None
    args.token = token
    return ws.normalise_code(args.code)


def cmd_workshop_close(args) -> dict:
    from studio import workshops as ws

    code = _facilitator(args)
    session = ws.set_status(code, args.token, "open" if args.reopen else "closed", record=True)
    return {"code": code, "status": session["status"], "title": session["title"],
            "n_votes": len(ws.votes_frame(code))}


def cmd_workshop_summary(args) -> dict:
    from studio import workshops as ws

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ws.SUMMARY_FORMATS:
        raise BadInput(f"--out {args.out}: expected a file ending in .pdf, .png, .html or .json")
    if out.is_dir():
        raise BadInput(f"--out {args.out}: is a folder, expected a file")
    code = _facilitator(args)
    content = ws.summary_bytes(code, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(content)
    session = ws.get_session(code)
    return {"code": code, "out": str(out), "format": fmt, "bytes": len(content), "status": session["status"],
            "n_votes": len(ws.votes_frame(code)), "n_cases": len(session["cases"])}


def cmd_export(args) -> dict:
    from studio.export import export_project, latest_audit
    from studio.service import load_project_arg
    from studio.store import Store

    handle = load_project_arg(Store(), args.project)
    if args.what == "personas" or args.format == "json":  # the persona set file, as the page downloads it
        from studio.personas_service import export_personas_json

        if (args.what, args.format) != ("personas", "json"):
            raise BadInput(f"--format {args.format} --what {args.what}: the persona set is written as "
                           "--what personas --format json")
        return export_personas_json(handle.project, args.out)
    audit = latest_audit(handle.project.id) if args.what == "deck" else None
    return export_project(handle.project, args.format, args.out, what=args.what, lang=args.lang, audit=audit,
                          size=args.size)


# -- wiring ---------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m studio", description="Persona Studio command line")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func, help_text: str, render=None) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="machine output on stdout, nothing else")
        p.set_defaults(func=func, render=render)
        return p

    p = add("demo-data", cmd_demo_data, "write the reference-model survey, codebook, quotes and example journeys")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--n", type=int, default=1200, help="respondents (default 1200)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")

    p = add("reliability", cmd_reliability, "scale reliability (alpha, G6, omega, alpha if dropped)", render_reliability)
    p.add_argument("survey", metavar="SURVEY")
    p.add_argument("--codebook", required=True, metavar="CB")

    p = add("segment", cmd_segment, "find segments (quadrant, k-means, GMM or latent classes)", render_segment)
    p.add_argument("survey", metavar="SURVEY")
    p.add_argument("--codebook", metavar="CB")
    p.add_argument("--method", required=True, choices=["quadrant", "kmeans", "gmm", "lca"])
    group = p.add_mutually_exclusive_group()
    group.add_argument("--k", type=int, default=None, help="number of segments")
    group.add_argument("--k-range", default=None, help="LOW-HIGH: choose k by silhouette (k-means) or BIC (GMM)")
    p.add_argument("--items", default=None, help="comma-separated input columns (no codebook needed)")
    p.add_argument("--starts", type=int, default=10, help="random starts (lca)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--cut", choices=["midpoint", "median"], default="midpoint", help="quadrant cut")
    p.add_argument("--boot", type=int, default=20, help="bootstrap runs for stability (0: skip)")
    p.add_argument("--override-reason", default=None,
                   help="allow a demographic input column, and record why")
    p.add_argument("--out", metavar="PROJECT", help="store the run in this project (file or id)")
    p.add_argument("--assignments", metavar="FILE", help="write a CSV id,segment")

    p = add("typing-tool", cmd_typing_tool, "golden questions that assign a new customer to a segment")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--max-questions", type=int, default=6)
    p.add_argument("--sql", choices=["postgres", "duckdb", "sqlite"], default=None)
    p.add_argument("--table", default="survey")

    p = add("personas", cmd_personas, "build or refresh personas from the project's segmentation", render_personas)
    p.add_argument("project", metavar="PROJECT", help="a *.studio.json file or a project id in the store")
    p.add_argument("--lang", choices=["en", "nl"], default="en", help="language of names and taglines")
    p.add_argument("--from-json", metavar="FILE", default=None,
                   help="import a persona set JSON instead (merged by persona id, the newest edit per field wins)")
    p.add_argument("--replace", action="store_true",
                   help="with --from-json: the file's personas replace the project's instead of merging")

    p = add("agreement", cmd_agreement, "noise-audit agreement: Fleiss' kappa, Krippendorff's alpha, noise index",
            render_agreement)
    p.add_argument("votes", metavar="VOTES", help="long CSV case,rater,value (+ basis, reason)")
    p.add_argument("--level", choices=["nominal", "ordinal", "interval", "ratio"], default=None,
                   help="measurement level (default: interval for numbers, nominal for labels)")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples for the kappa interval")
    p.add_argument("--seed", type=int, default=0)

    p = add("journey-check", cmd_journey_check, "graph and rules-of-play checks on a journey file", render_findings)
    p.add_argument("journey", metavar="JOURNEY", help="journey JSON (DESIGN.md section 4)")
    p.add_argument("--fail-on", choices=["error", "warning"], default=None,
                   help="exit 1 when an unjustified finding of this severity or worse is raised")

    p = add("lint", cmd_lint, "the demographic-lean guard on a project file or a JSON list of personas",
            render_findings)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--fail-on", choices=["error", "warning"], default=None,
                   help="exit 1 when an unjustified finding of this severity or worse is raised")
    p.add_argument("--v-threshold", type=float, default=0.3, help="Cramér's V above which a segment leans")

    p = add("open", cmd_open, "import a *.studio.json project file into the store")
    p.add_argument("file", metavar="FILE")

    p = add("workshop", cmd_workshop, "create a live noise-audit session from a cases file")
    p.add_argument("project", metavar="PROJECT", help="project file (*.studio.json) or project id")
    p.add_argument("--cases", required=True, metavar="CASES",
                   help="YAML/JSON list of {id, text, answers: [..]} or {id, text, scale: {min, max}}")
    p.add_argument("--title", default=None, help="session title (default: the cases file name)")

    p = add("workshop-close", cmd_workshop_close, "close a noise-audit session (no more votes), or reopen it")
    p.add_argument("code", metavar="CODE", help="the session's join code")
    p.add_argument("--token", required=True, metavar="T", help="facilitator token ('-': read it from stdin)")
    p.add_argument("--reopen", action="store_true", help="open the session again instead")

    p = add("workshop-summary", cmd_workshop_summary, "the one-page summary of a noise-audit session")
    p.add_argument("code", metavar="CODE", help="the session's join code")
    p.add_argument("--token", required=True, metavar="T", help="facilitator token ('-': read it from stdin)")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf, FILE.png, FILE.html or FILE.json")

    p = add("export", cmd_export, "a presentation deck (default), persona posters or fans as pdf, pptx, png or html")
    p.add_argument("project", metavar="PROJECT", help="project file (*.studio.json) or project id")
    p.add_argument("--format", required=True, choices=["pdf", "pptx", "png", "html", "json"],
                   help="json: the persona set file (with --what personas)")
    p.add_argument("--out", required=True, metavar="PATH", help="output file (a folder for png cards)")
    p.add_argument("--what", choices=["deck", "posters", "fans", "personas"], default="deck",
                   help="personas: the persona set JSON the Personas page downloads (--format json)")
    p.add_argument("--size", choices=["A4", "A3"], default="A4", help="poster page size")
    p.add_argument("--lang", choices=["en", "nl"], default="en", help="language of the slide labels")

    p = add("import", cmd_import, "stream a large CSV or Parquet survey into a project (bounded memory)")
    p.add_argument("survey", metavar="SURVEY", help="CSV (, ; or tab) or Parquet file")
    p.add_argument("--project", required=True, metavar="ID_OR_FILE",
                   help="project id in the store, or a *.studio.json file (opened into the store first)")
    p.add_argument("--codebook", default=None, metavar="CB", help="codebook (YAML/JSON); default: the project's")
    p.add_argument("--keep-personal", action="store_true",
                   help="keep columns flagged as personal data (default: drop them)")
    p.add_argument("--chunk-rows", type=int, default=25_000, help="rows per chunk (memory vs speed)")

    add("projects", cmd_projects, "list the projects in the store")

    p = add("share", cmd_share, "give a person a role on a project (administrator; owners share on the Project page)")
    p.add_argument("project", metavar="PROJECT", help="project id")
    p.add_argument("user", metavar="USER", help="e-mail address (OIDC sign-in) or user name (password sign-in)")
    p.add_argument("--role", required=True, choices=["viewer", "editor", "owner", "none"],
                   help="owner hands the project over; none removes the person")

    add("hash-password", cmd_hash_password,
        "read a password on stdin and print the STUDIO_PASSWORD_HASH for the single-user sign-in")
    return parser


def _findings_exit(result: dict, fail_on: str | None) -> int:
    if not fail_on:
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    for finding in result.get("findings", []):
        if finding.get("justified"):
            continue
        if SEVERITY_RANK.get(finding.get("severity"), 0) >= threshold:
            return EXIT_CHECK_FAILED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_BAD_INPUT if exit_.code not in (0, None) else EXIT_OK
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        result = _clean(args.func(args))
    except (BadInput, ValueError, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    try:
        if args.json:
            json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif args.render:
            print(args.render(result))
        else:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head`: the reader left; not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return _findings_exit(result, getattr(args, "fail_on", None))
