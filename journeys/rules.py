"""Rules of play: evaluating decision tables and checking them for gaps, overlaps and bases.

Why: discretion without shared rules turns tailoring into arbitrariness (DOMAIN.md section 4).
A table is only a shared rule if every case gets exactly one answer (no gap, no overlap under the
``unique`` policy), every row says why, and no row looks at who the customer *is* (protected
grounds and their proxies) rather than what they need or do.

How the checks work. Every input gets a finite list of *cells*: its declared values, or for a
numeric input the pieces of the number line cut at every boundary any row (or ``ranges``) uses:
``(-inf, b0)``, ``{b0}``, ``(b0, b1)``, ... Each row condition is then a yes/no mask over the cells
and each row a *cube* (product of masks). That makes the checks exact:

- gaps: up to 10^6 cell combinations are enumerated with numpy (coverage counts per cell); beyond
  that the uncovered region is computed exactly by subtracting row cubes from the domain cube
  (disjoint cube splitting); only if that grows past a budget does the check fall back to a
  random sample, and then says so (code ``rule_check_sampled``, severity info);
- overlaps: two rows overlap iff their cubes meet in every input, computed for all pairs at once
  with one matrix product per input.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from journeys.grounds import classify_input_name

if TYPE_CHECKING:  # pragma: no cover
    from journeys.model import DecisionTable

ANY = "-"
OTHER = "(any other value)"
OTHER_NL = "(een andere waarde)"
ENUMERATE_LIMIT = 1_000_000
CUBE_BUDGET = 100_000
SAMPLE_SIZE = 50_000
DEFAULT_POLICIES_WITH_GAPS = ("unique", "first", "priority", "any")

_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_CMP = re.compile(rf"^\s*(<=|>=|<|>|==|=|!=)\s*({_NUM})\s*$")
_IVL = re.compile(rf"^\s*([\[\(\]])\s*({_NUM}|-inf)?\s*(?:,|\.\.)\s*({_NUM}|\+?inf)?\s*"
                  r"([\]\)\[])\s*$")


# ------------------------------------------------------------------------------------------
# Conditions

@dataclass(frozen=True)
class Interval:
    """A numeric interval; None ends are infinite."""
    lo: float | None
    lo_closed: bool
    hi: float | None
    hi_closed: bool

    def contains(self, v: float) -> bool:
        if self.lo is not None and (v < self.lo or (v == self.lo and not self.lo_closed)):
            return False
        if self.hi is not None and (v > self.hi or (v == self.hi and not self.hi_closed)):
            return False
        return True

    def ends(self) -> list[float]:
        return [x for x in (self.lo, self.hi) if x is not None]


@dataclass(frozen=True)
class Equals:
    value: Any


Element = Interval | Equals


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


def parse_element(raw: Any) -> list[Element]:
    """One value of a ``when`` condition -> elements (a union). Raises ValueError if malformed."""
    if isinstance(raw, bool):
        return [Equals(raw)]
    if _is_number(raw):
        return [Interval(float(raw), True, float(raw), True)]
    if isinstance(raw, str):
        m = _CMP.match(raw)
        if m:
            op, x = m.group(1), float(m.group(2))
            return {
                "<": [Interval(None, False, x, False)], "<=": [Interval(None, False, x, True)],
                ">": [Interval(x, False, None, False)], ">=": [Interval(x, True, None, False)],
                "=": [Interval(x, True, x, True)], "==": [Interval(x, True, x, True)],
                "!=": [Interval(None, False, x, False), Interval(x, False, None, False)],
            }[op]
        m = _IVL.match(raw)
        if m:
            left, lo, hi, right = m.groups()
            lo_v = None if lo in (None, "-inf") else float(lo)
            hi_v = None if hi in (None, "inf", "+inf") else float(hi)
            if lo_v is not None and hi_v is not None and lo_v > hi_v:
                raise ValueError(f"interval {raw!r} is empty (low end above high end)")
            return [Interval(lo_v, left == "[" and lo_v is not None, hi_v,
                             right == "]" and hi_v is not None)]
        if raw.strip().startswith(("<", ">", "!=")):
            raise ValueError(f"cannot read comparison {raw!r} (expected e.g. '<5', '>=5', "
                             "'[2,10)')")
        return [Equals(raw)]
    raise ValueError(f"expected a value, a list of values, '-' or a comparison, got {raw!r}")


def parse_condition(raw: Any) -> list[Element] | None:
    """A ``when`` entry -> union of elements, or None for "any" ("-", null or missing)."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ANY):
        return None
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise ValueError("empty list matches nothing (use '-' for any value)")
    out: list[Element] = []
    for item in items:
        if isinstance(item, list) or (isinstance(item, str) and item.strip() == ANY):
            raise ValueError(f"a list may not contain {item!r}")
        out.extend(parse_element(item))
    return out


def condition_text(raw: Any) -> str:
    """How a ``when`` entry reads to people."""
    if isinstance(raw, list):
        return "one of " + ", ".join(fmt(v) for v in raw)
    return fmt(raw)


def fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


# ------------------------------------------------------------------------------------------
# Domains: the cells of each input

@dataclass
class Domain:
    """The cells of one input: declared values, inferred values (+ "any other value") or the
    pieces of the number line. ``reps`` are representative values (usable in a case)."""
    name: str
    numeric: bool
    reps: list[Any] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    atoms: list[Interval] = field(default_factory=list)   # numeric only
    bounds: list[float] = field(default_factory=list)      # numeric only
    open_other: bool = False                               # finite, inferred: has OTHER cell

    def __len__(self) -> int:
        return len(self.reps)

    def mask(self, cond: list[Element] | None) -> np.ndarray:
        if cond is None:
            return np.ones(len(self), dtype=bool)
        return np.array([any(_holds(el, rep, other=(self.open_other and rep == OTHER))
                             for el in cond) for rep in self.reps], dtype=bool)

    def locate(self, value: Any) -> int:
        """The cell holding a case value (ValueError if outside the domain)."""
        if self.numeric:
            if not _is_number(value):
                raise ValueError(f"expected a number, got {value!r}")
            v = float(value)
            k = bisect.bisect_left(self.bounds, v)
            pos = 2 * k + 1 if k < len(self.bounds) and self.bounds[k] == v else 2 * k
            idx = self._atom_index.get(pos)
            if idx is None:
                raise ValueError(f"{fmt(value)} is outside the ranges of {self.name}")
            return idx
        for i, rep in enumerate(self.reps):
            if not (self.open_other and rep == OTHER) and _same(rep, value):
                return i
        if self.open_other:
            return len(self.reps) - 1
        raise ValueError(f"{value!r} is not one of " + ", ".join(fmt(r) for r in self.reps))

    def coerce(self, value: Any) -> Any:
        """Accept "true"/"5" typed as text for a true/5 the table declares."""
        if self.numeric:
            if isinstance(value, str):
                try:
                    return float(value.replace(",", "."))
                except ValueError:
                    return value
            return value
        if any(_same(value, r) for r in self.reps):
            return value
        if isinstance(value, str):
            for r in self.reps:
                if fmt(r).lower() == value.strip().lower():
                    return r
        return value

    _atom_index: dict[int, int] = field(default_factory=dict)


def _holds(el: Element, value: Any, other: bool = False) -> bool:
    if other:
        return False
    if isinstance(el, Equals):
        return _same(el.value, value)
    return _is_number(value) and el.contains(float(value))


def _numeric_domain(name: str, conds: list[list[Element] | None],
                    ranges: list[list[float | None]] | None, integer: bool) -> Domain:
    bounds: set[float] = set()
    for cond in conds:
        for el in cond or []:
            if isinstance(el, Interval):
                bounds.update(el.ends())
            elif isinstance(el.value, str):
                try:
                    bounds.add(float(el.value.replace(",", ".")))
                except ValueError:
                    pass
    spans = [Interval(lo, lo is not None, hi, False) for lo, hi in (ranges or [])]
    for s in spans:
        bounds.update(s.ends())
    b = sorted(bounds)
    dom = Domain(name, True, bounds=b)
    pieces: list[tuple[int, Interval]] = []
    for k in range(len(b) + 1):
        lo = b[k - 1] if k > 0 else None
        hi = b[k] if k < len(b) else None
        pieces.append((2 * k, Interval(lo, False, hi, False)))
        if k < len(b):
            pieces.append((2 * k + 1, Interval(b[k], True, b[k], True)))
    for pos, atom in pieces:
        rep = _representative(atom, integer)
        if rep is None:
            continue
        if spans and not any(s.contains(rep) for s in spans):
            continue
        dom._atom_index[pos] = len(dom.reps)
        dom.atoms.append(atom)
        dom.reps.append(rep)
        dom.texts.append(_atom_text(atom))
    return dom


def _representative(atom: Interval, integer: bool) -> float | int | None:
    lo, hi = atom.lo, atom.hi
    if lo is not None and lo == hi:
        if integer and not float(lo).is_integer():
            return None
        return int(lo) if float(lo).is_integer() else lo
    if lo is None and hi is None:
        return 0
    if lo is None:
        return _tidy(math.floor(hi) - 1 if integer or float(hi).is_integer() else hi - 1)
    if hi is None:
        return _tidy(math.floor(lo) + 1)
    if integer:
        n = math.floor(lo) + 1
        m = math.ceil(hi) - 1
        return (n + m) // 2 if n <= m else None
    mid = (lo + hi) / 2
    if float(lo).is_integer() and float(hi).is_integer() and hi - lo >= 2:
        return int(math.floor(mid))
    return _tidy(mid)


def _tidy(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def _atom_text(atom: Interval) -> str:
    if atom.lo is not None and atom.lo == atom.hi:
        return f"= {fmt(atom.lo)}"
    if atom.lo is None and atom.hi is None:
        return "any number"
    if atom.lo is None:
        return f"< {fmt(atom.hi)}"
    if atom.hi is None:
        return f"> {fmt(atom.lo)}"
    return f"between {fmt(atom.lo)} and {fmt(atom.hi)} (exclusive)"


class TableError(ValueError):
    """A malformed decision table, with the path of the bad field (relative to the table)."""

    def __init__(self, path: str, text: str):
        super().__init__(f"{path}: {text}")
        self.path = path
        self.text = text


@dataclass
class Compiled:
    """A table prepared for checking: its inputs' domains and each row's parsed conditions."""
    names: list[str]
    bases: list[str | None]
    domains: list[Domain]
    conds: list[list[list[Element] | None]]   # [row][input]

    def masks(self) -> list[list[np.ndarray]]:
        return [[d.mask(c) for d, c in zip(self.domains, row)] for row in self.conds]


def compile_table(table: "DecisionTable") -> Compiled:
    """Parse conditions and build domains; TableError naming the bad field if malformed."""
    declared = [i.name for i in table.inputs]
    dup = next((i for i, n in enumerate(declared) if n in declared[:i]), None)
    if dup is not None:
        raise TableError(f"inputs[{dup}].name", f"duplicate input {declared[dup]!r}")
    names = list(declared)
    if not names:  # no declared inputs: infer them from the rows, in order of appearance
        for row in table.rows:
            names.extend(k for k in row.when if k not in names)
    parsed: list[list[list[Element] | None]] = []
    for r, row in enumerate(table.rows):
        for key in row.when:
            if key not in names:
                raise TableError(f"rows[{r}].when.{key}", f"no input {key!r} (inputs: "
                                 + ", ".join(names) + ")")
        current: list[list[Element] | None] = []
        for name in names:
            try:
                current.append(parse_condition(row.when.get(name)))
            except ValueError as exc:
                raise TableError(f"rows[{r}].when.{name}", str(exc)) from None
        parsed.append(current)
    specs = {i.name: i for i in table.inputs}
    domains: list[Domain] = []
    for k, name in enumerate(names):
        spec = specs.get(name)
        domains.append(_domain_for(name, k, spec, [row[k] for row in parsed], table))
    # numeric text in a numeric domain ("5" for 5) becomes a number
    for r, row in enumerate(parsed):
        for k, cond in enumerate(row):
            if cond is None:
                continue
            dom = domains[k]
            where = f"rows[{r}].when.{names[k]}"
            fixed: list[Element] = []
            for el in cond:
                if isinstance(el, Equals) and dom.numeric:
                    v = dom.coerce(el.value)
                    if not _is_number(v):
                        raise TableError(where, f"expected a number or a comparison for "
                                         f"{names[k]}, got {el.value!r}")
                    fixed.append(Interval(float(v), True, float(v), True))
                elif isinstance(el, Equals) and not dom.open_other:
                    v = dom.coerce(el.value)
                    if not any(_same(v, rep) for rep in dom.reps):
                        raise TableError(where, f"{el.value!r} is not one of "
                                         + ", ".join(fmt(x) for x in dom.reps))
                    fixed.append(Equals(v))
                elif isinstance(el, Interval) and not dom.numeric and \
                        not any(_is_number(x) for x in dom.reps):
                    raise TableError(where, f"compares numbers, but the values of {names[k]} "
                                     "are not numbers")
                else:
                    fixed.append(el)
            row[k] = fixed
    if table.hit_policy == "priority":
        if not table.priorities:
            raise TableError("priorities", "hit policy 'priority' needs a priorities list "
                             "(outcomes, most important first)")
        for r, row in enumerate(table.rows):
            if row.then not in table.priorities:
                raise TableError(f"rows[{r}].then", f"outcome {row.then!r} is not in priorities")
    bases = [specs[n].basis if n in specs else None for n in names]
    return Compiled(names, bases, domains, parsed)


def _domain_for(name: str, k: int, spec: Any, conds: list[list[Element] | None],
                table: "DecisionTable") -> Domain:
    if spec is not None and spec.values is not None and spec.ranges is not None:
        raise TableError(f"inputs[{k}]", "give values or ranges, not both")
    if spec is not None and spec.ranges is not None:
        return _numeric_domain(name, conds, spec.ranges, spec.integer)
    if spec is not None and spec.values is not None:
        vals = list(spec.values)
        return Domain(name, False, reps=vals, texts=[f"= {fmt(v)}" for v in vals])
    has_interval = any(isinstance(el, Interval) for c in conds for el in c or [])
    if has_interval or (spec is not None and spec.integer):
        return _numeric_domain(name, conds, None, bool(spec and spec.integer))
    seen: list[Any] = []
    for c in conds:
        for el in c or []:
            if isinstance(el, Equals) and not any(_same(el.value, s) for s in seen):
                seen.append(el.value)
    if seen and all(isinstance(v, bool) for v in seen):
        vals = [True, False]
        return Domain(name, False, reps=vals, texts=[f"= {fmt(v)}" for v in vals])
    vals = seen + [OTHER]
    return Domain(name, False, reps=vals, texts=[f"= {fmt(v)}" for v in seen] + [f"{OTHER}"],
                  open_other=True)


def validate_table(table: "DecisionTable") -> None:
    """Called by the model: raise the model's FieldError for a malformed table."""
    from journeys.model import FieldError
    try:
        compile_table(table)
    except TableError as exc:
        raise FieldError(exc.path, exc.text) from None


# ------------------------------------------------------------------------------------------
# Evaluation

def _matches(compiled: Compiled, r: int, case: dict[str, Any]) -> bool:
    for k, cond in enumerate(compiled.conds[r]):
        if cond is None:
            continue
        name = compiled.names[k]
        if name not in case:
            return False
        if not any(_holds(el, case[name]) for el in cond):
            return False
    return True


def _prepare_case(compiled: Compiled, case: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(case, dict):
        raise ValueError(f"case: expected an object of input values, got {case!r}")
    out: dict[str, Any] = {}
    for key, value in case.items():
        if key not in compiled.names:
            raise ValueError(f"case.{key}: no input {key!r} (inputs: "
                             + ", ".join(compiled.names) + ")")
        dom = compiled.domains[compiled.names.index(key)]
        v = dom.coerce(value)
        try:
            dom.locate(v)
        except ValueError as exc:
            raise ValueError(f"case.{key}: {exc}") from None
        out[key] = v
    return out


def _decide(table: "DecisionTable", matched: list[int]) -> tuple[Any, int | None, str]:
    """(outcome, row, status) under the hit policy; status ok | no_match | conflict."""
    rows = table.rows
    if table.hit_policy == "collect":
        return [rows[r].then for r in matched], None, "ok" if matched else "no_match"
    if not matched:
        return None, None, "no_match"
    if table.hit_policy == "first":
        return rows[matched[0]].then, matched[0], "ok"
    if table.hit_policy == "priority":
        order = table.priorities or []
        best = min(matched, key=lambda r: (order.index(rows[r].then), r))
        return rows[best].then, best, "ok"
    if table.hit_policy == "any":
        outcomes = {rows[r].then for r in matched}
        if len(outcomes) == 1:
            return rows[matched[0]].then, matched[0], "ok"
        return None, None, "conflict"
    if len(matched) == 1:
        return rows[matched[0]].then, matched[0], "ok"
    return None, None, "conflict"


def evaluate(table: "DecisionTable", case: dict[str, Any]) -> dict[str, Any]:
    """Which rows match a case and what the table decides, with an explanation in en and nl.

    A case may leave inputs out: a row that tests a left-out input does not match it. Unknown
    inputs or values outside an input's domain raise ValueError (naming ``case.<input>``)."""
    compiled = compile_table(table)
    case = _prepare_case(compiled, case)
    matched = [r for r in range(len(table.rows)) if _matches(compiled, r, case)]
    outcome, row, status = _decide(table, matched)
    if table.hit_policy == "collect":
        why: Any = [table.rows[r].why for r in matched]
    else:
        why = table.rows[row].why if row is not None else None
    return {"matched": matched, "outcome": outcome, "row": row, "why": why, "status": status,
            "explanation": _explain(table, compiled, case, matched, outcome, row, status)}


def _reasons(table: "DecisionTable", r: int, lang: str) -> str:
    parts = []
    for name, raw in table.rows[r].when.items():
        if parse_condition(raw) is None:
            continue
        if isinstance(raw, list):
            verb = "is one of" if lang == "en" else "is een van"
            parts.append(f"{name} {verb} " + ", ".join(fmt(v) for v in raw))
        elif isinstance(raw, str) and _CMP.match(raw):
            m = _CMP.match(raw)
            assert m is not None
            parts.append(f"{name} {m.group(1)} {m.group(2)}")
        elif isinstance(raw, str) and _IVL.match(raw):
            parts.append(f"{name} {'is in' if lang == 'en' else 'ligt in'} {raw.strip()}")
        else:
            parts.append(f"{name} {'is' if lang == 'en' else 'is'} {fmt(raw)}")
    if not parts:
        return "it applies to every case" if lang == "en" else "hij geldt voor elk geval"
    joiner = " and " if lang == "en" else " en "
    return joiner.join(parts)


def _explain(table: "DecisionTable", compiled: Compiled, case: dict[str, Any],
             matched: list[int], outcome: Any, row: int | None, status: str) -> dict[str, str]:
    described = ", ".join(f"{n} = {fmt(case[n])}" for n in compiled.names if n in case) or \
        "no inputs given"
    if status == "no_match":
        return {"en": f"No rule covers this case ({described}). Decide with a colleague or "
                      "manager, and add a rule so the next case gets the same answer.",
                "nl": f"Geen regel dekt dit geval ({described}). Beslis samen met een collega "
                      "of leidinggevende en voeg een regel toe, zodat het volgende geval "
                      "hetzelfde antwoord krijgt."}
    if status == "conflict":
        nums = ", ".join(str(r + 1) for r in matched)
        outs = ", ".join(sorted({f'"{table.rows[r].then}"' for r in matched}))
        return {"en": f"Rules {nums} all apply to this case ({described}) and give different "
                      f"answers ({outs}); the table must be fixed so one rule decides.",
                "nl": f"Regels {nums} zijn allemaal van toepassing op dit geval ({described}) en "
                      f"geven verschillende antwoorden ({outs}); pas de tabel aan zodat één "
                      "regel beslist."}
    if table.hit_policy == "collect":
        en = [f"rule {r + 1} ({_reasons(table, r, 'en')}): \"{table.rows[r].then}\"" +
              (f" because {table.rows[r].why}" if table.rows[r].why else "") for r in matched]
        nl = [f"regel {r + 1} ({_reasons(table, r, 'nl')}): \"{table.rows[r].then}\"" +
              (f" omdat {table.rows[r].why}" if table.rows[r].why else "") for r in matched]
        return {"en": f"For this case ({described}) these rules apply: " + "; ".join(en) + ".",
                "nl": f"Voor dit geval ({described}) gelden deze regels: " + "; ".join(nl) + "."}
    assert row is not None
    why = table.rows[row].why
    en = f"Rule {row + 1} applies because {_reasons(table, row, 'en')}; so: \"{outcome}\"."
    nl = f"Regel {row + 1} is van toepassing, want {_reasons(table, row, 'nl')}; dus: " \
         f"\"{outcome}\"."
    if why:
        en += f" Why: {why}"
        nl += f" Waarom: {why}"
    if len(matched) > 1:
        others = ", ".join(str(r + 1) for r in matched if r != row)
        how = {"first": ("it is the first that applies", "het is de eerste die past"),
               "priority": ("its outcome has the highest priority",
                            "de uitkomst heeft de hoogste prioriteit"),
               "any": ("they all give the same answer", "ze geven allemaal hetzelfde antwoord")}
        e, n = how.get(table.hit_policy, ("", ""))
        several = len(matched) > 2
        en += (f" (Rule{'s' if several else ''} {others} also appl{'y' if several else 'ies'}; "
               f"rule {row + 1} decides because {e}.)")
        nl += (f" (Regel{'s' if several else ''} {others} "
               f"{'passen' if several else 'past'} ook; regel {row + 1} beslist, want {n}.)")
    return {"en": en, "nl": nl}


def nearest_differing_case(table: "DecisionTable", case: dict[str, Any]) -> dict[str, Any] | None:
    """"What would change the outcome": the smallest change of ONE input that gives another
    outcome (a case no rule covers does not count as another outcome).

    Smallest means fewest cells away for a numeric input (then the nearest value), one step for
    any other input; ties go to the input declared first. Returns ``{"input", "from", "to",
    "case", "outcome", "row", "explanation"}`` or None if no single change alters the outcome.
    """
    compiled = compile_table(table)
    case = _prepare_case(compiled, case)
    base = evaluate(table, case)
    best: tuple[tuple[float, ...], dict[str, Any]] | None = None
    for k, name in enumerate(compiled.names):
        dom = compiled.domains[k]
        here = dom.locate(case[name]) if name in case else None
        for c in range(len(dom)):
            if c == here:
                continue
            value = _nearest_value(dom, c, case.get(name)) if dom.numeric else dom.reps[c]
            trial = dict(case)
            trial[name] = value
            res = evaluate(table, trial)
            if res["status"] != "ok" or res["outcome"] == base["outcome"]:
                continue
            if dom.numeric and here is not None:
                cost = (abs(c - here), abs(float(value) - float(case[name])), k)
            else:  # declared order as a hint of nearness (ordinal answers are listed in order)
                cost = (abs(c - here) if here is not None else 1, 0.0, k)
            if best is None or cost < best[0]:
                best = (cost, {"input": name, "from": case.get(name), "to": value,
                               "case": trial, "outcome": res["outcome"], "row": res["row"],
                               "explanation": res["explanation"]})
    return best[1] if best else None


def _nearest_value(dom: Domain, c: int, current: Any) -> Any:
    atom = dom.atoms[c]
    if atom.lo is not None and atom.lo == atom.hi:
        return dom.reps[c]
    if not _is_number(current):
        return dom.reps[c]
    v = float(current)
    if atom.lo is not None and v <= atom.lo:
        step = 1.0 if atom.hi is None or atom.hi - atom.lo > 1 else (atom.hi - atom.lo) / 2
        return _tidy(atom.lo + step)
    if atom.hi is not None and v >= atom.hi:
        step = 1.0 if atom.lo is None or atom.hi - atom.lo > 1 else (atom.hi - atom.lo) / 2
        return _tidy(atom.hi - step)
    return dom.reps[c]


# ------------------------------------------------------------------------------------------
# Gaps

def _cell_case(compiled: Compiled, cells: tuple[int, ...]) -> dict[str, Any]:
    return {n: d.reps[c] for n, d, c in zip(compiled.names, compiled.domains, cells)}


def describe_cells(compiled: Compiled, cells: tuple[int, ...],
                   free: tuple[bool, ...] | None = None, lang: str = "en") -> str:
    """'cost_impact = large, aggressive = true' (inputs marked free are left out)."""
    parts = []
    for k, (n, d, c) in enumerate(zip(compiled.names, compiled.domains, cells)):
        if free and free[k]:
            continue
        text = d.texts[c] if lang == "en" else _cell_text_nl(d.texts[c])
        parts.append(f"{n} {text}" if not text.startswith("(") else f"{n} = {text}")
    if not parts:
        return "every case" if lang == "en" else "elk geval"
    return ", ".join(parts)


_BETWEEN = re.compile(r"^between (.+) and (.+) \(exclusive\)$")


def _cell_text_nl(text: str) -> str:
    """A cell text (see ``_atom_text`` and ``OTHER``) in Dutch."""
    if text == OTHER:
        return OTHER_NL
    if text == "any number":
        return "elk getal"
    m = _BETWEEN.match(text)
    if m:
        return f"tussen {m.group(1)} en {m.group(2)} (grenzen niet inbegrepen)"
    return text


def gap_report(table: "DecisionTable", limit: int = 10,
               compiled: Compiled | None = None) -> dict[str, Any]:
    """Cases no row covers: ``{"method": "enumerated"|"cubes"|"sampled", "count", "total",
    "cases", "descriptions", "descriptions_nl"}``; ``count`` is exact except for ``sampled`` (then a lower bound)."""
    compiled = compiled or compile_table(table)
    masks = compiled.masks()
    sizes = [len(d) for d in compiled.domains]
    total = math.prod(sizes)
    if total <= ENUMERATE_LIMIT:
        counts = _coverage_counts(masks, sizes)
        gaps = counts == 0
        flat = np.flatnonzero(gaps.ravel())
        cells = [tuple(int(x) for x in np.unravel_index(i, sizes)) for i in flat[:limit]]
        free = [_free_axes(gaps, c) for c in cells]
        return _report("enumerated", int(flat.size), total, compiled, cells, free)
    cubes = _uncovered_cubes(masks, sizes)
    if cubes is not None:
        count = sum(math.prod(int(m.sum()) for m in cube) for cube in cubes)
        cells, free = [], []
        for cube in cubes[:limit]:
            cells.append(tuple(int(np.flatnonzero(m)[0]) for m in cube))
            free.append(tuple(bool(m.all()) for m in cube))
        return _report("cubes", count, total, compiled, cells, free)
    rng = np.random.default_rng(0)
    sample = np.stack([rng.integers(0, s, SAMPLE_SIZE) for s in sizes], axis=1)
    covered = np.zeros(SAMPLE_SIZE, dtype=bool)
    for row in masks:
        hit = np.ones(SAMPLE_SIZE, dtype=bool)
        for k, m in enumerate(row):
            hit &= m[sample[:, k]]
        covered |= hit
    idx = np.flatnonzero(~covered)
    cells = list(dict.fromkeys(tuple(int(x) for x in sample[i]) for i in idx))[:limit]
    return _report("sampled", len(set(map(tuple, sample[idx].tolist()))), total, compiled,
                   cells, [tuple(False for _ in sizes)] * len(cells))


def _report(method: str, count: int, total: int, compiled: Compiled,
            cells: list[tuple[int, ...]], free: list[tuple[bool, ...]]) -> dict[str, Any]:
    return {"method": method, "count": count, "total": total,
            "cases": [_cell_case(compiled, c) for c in cells],
            "descriptions": [describe_cells(compiled, c, f) for c, f in zip(cells, free)],
            "descriptions_nl": [describe_cells(compiled, c, f, "nl") for c, f in zip(cells, free)]}


def _coverage_counts(masks: list[list[np.ndarray]], sizes: list[int]) -> np.ndarray:
    """How many rows cover each cell combination (numpy, one fancy-indexed add per row)."""
    counts = np.zeros(sizes, dtype=np.uint32)
    for row in masks:
        idx = [np.flatnonzero(m) for m in row]
        if any(i.size == 0 for i in idx):
            continue
        counts[np.ix_(*idx)] += 1
    return counts


def _free_axes(gaps: np.ndarray, cell: tuple[int, ...]) -> tuple[bool, ...]:
    """Inputs along which the whole line through this gap cell is a gap ("whatever X is")."""
    out = []
    for k in range(gaps.ndim):
        sl = list(cell)
        sl[k] = slice(None)
        out.append(bool(gaps[tuple(sl)].all()) and gaps.shape[k] > 1)
    return tuple(out)


def _uncovered_cubes(masks: list[list[np.ndarray]], sizes: list[int],
                     budget: int | None = None) -> list[list[np.ndarray]] | None:
    """The domain minus every row cube, as disjoint cubes; None if it exceeds the budget."""
    budget = CUBE_BUDGET if budget is None else budget
    region = [[np.ones(s, dtype=bool) for s in sizes]]
    for row in masks:
        nxt: list[list[np.ndarray]] = []
        for cube in region:
            inter = [a & b for a, b in zip(cube, row)]
            if not all(m.any() for m in inter):
                nxt.append(cube)
                continue
            for k in range(len(sizes)):
                rest = cube[k] & ~row[k]
                if rest.any():
                    nxt.append(inter[:k] + [rest] + cube[k + 1:])
        region = nxt
        if len(region) > budget:
            return None
        if not region:
            break
    return region


def find_gaps(table: "DecisionTable", limit: int = 10) -> list[dict[str, Any]]:
    """Example cases that no row covers (representative values, usable with ``evaluate``)."""
    return gap_report(table, limit)["cases"]


# ------------------------------------------------------------------------------------------
# Overlaps

def overlap_pairs(table: "DecisionTable", compiled: Compiled | None = None,
                  masks: list[list[np.ndarray]] | None = None) -> tuple[Compiled, np.ndarray]:
    """Boolean matrix: rows i and j match a common case (all pairs at once)."""
    compiled = compiled or compile_table(table)
    masks = masks if masks is not None else compiled.masks()
    n = len(masks)
    both = np.ones((n, n), dtype=bool)
    for k in range(len(compiled.names) if n else 0):
        m = np.array([row[k] for row in masks], dtype=np.int32).reshape(n, -1)
        both &= (m @ m.T) > 0
    return compiled, both


def find_overlaps(table: "DecisionTable", limit: int = 10,
                  compiled: Compiled | None = None) -> list[tuple[int, int, dict]]:
    """Row pairs (i, j) that both match some case, with one such case, as the hit policy sees
    them: every pair under ``unique``, pairs with different ``then`` under ``any``, none under
    ``first``, ``priority`` and ``collect`` (there order, priority or collecting resolves it)."""
    if table.hit_policy not in ("unique", "any"):
        return []
    compiled = compiled or compile_table(table)
    masks = compiled.masks()
    compiled, both = overlap_pairs(table, compiled, masks)
    out: list[tuple[int, int, dict]] = []
    for i, j in zip(*np.nonzero(np.triu(both, k=1))):
        i, j = int(i), int(j)
        if table.hit_policy == "any" and table.rows[i].then == table.rows[j].then:
            continue
        cells = tuple(int(np.flatnonzero(a & b)[0]) for a, b in zip(masks[i], masks[j]))
        out.append((i, j, _cell_case(compiled, cells)))
        if len(out) >= limit:
            break
    return out


# ------------------------------------------------------------------------------------------
# Findings

SEVERITY = {
    "unreachable": "error", "dead_end": "error", "no_default": "warning",
    "bounce_loop": "warning", "no_escalation": "warning", "no_aftercare": "warning",
    "discretion_without_rules": "warning", "rule_gap": "error", "rule_overlap": "warning",
    "protected_basis": "error", "proxy_basis": "warning", "unexplained_rule": "warning",
    "differentiation_test": "warning", "rule_check_sampled": "info",
}
RULE_CODES = ("rule_gap", "rule_overlap", "protected_basis", "proxy_basis", "unexplained_rule",
              "differentiation_test", "rule_check_sampled")


def finding(code: str, node: str, message: str, suggestion: str, field: str | None = None,
            severity: str | None = None, *, message_nl: str | None = None,
            suggestion_nl: str | None = None) -> dict[str, Any]:
    """A finding as DESIGN.md section 5 defines it (journey family), plus ``message_nl`` and
    ``suggestion_nl``: the same text in Dutch, for the pages when the UI speaks Dutch (the
    English keys stay the contract; a missing Dutch text falls back to the English one)."""
    return {"code": code, "family": "rules" if code in RULE_CODES else "journey",
            "severity": severity or SEVERITY[code], "node": node, "field": field, "span": None,
            "message": message, "suggestion": suggestion, "justified": False,
            "justification": None, "message_nl": message_nl or message,
            "suggestion_nl": suggestion_nl or suggestion}


def node_name(node_id: str, label: str | None) -> str:
    return f'"{label}" ({node_id})' if label and label != node_id else f'"{node_id}"'


GROUNDS_NL = {
    "gender": "geslacht", "age": "leeftijd", "ethnicity": "etniciteit", "religion": "religie",
    "sexual orientation": "seksuele gerichtheid", "nationality": "nationaliteit",
    "disability": "handicap of chronische ziekte", "civil status": "burgerlijke staat",
    "political opinion": "politieke gezindheid", "pregnancy": "zwangerschap",
    "postcode": "postcode", "neighbourhood": "wijk", "name": "naam", "language": "taal",
    "dual nationality": "dubbele nationaliteit", "product name": "productnaam",
    "brand name": "merknaam", "contract language": "contracttaal",
    "order origin": "herkomst van de bestelling",
}


def check_rules(node_id: str, table: "DecisionTable", label: str | None = None,
                label_nl: str | None = None, dutch: bool = False) -> list[dict]:
    """Findings for one decision table (see the module docstring for how gaps are found).

    Codes: rule_gap, rule_overlap (one per overlapping pair, at most 10), protected_basis and
    proxy_basis (at most one per input: a protected ground wins), unexplained_rule (one per row),
    differentiation_test (extension, one per row: a row that treats a group apart - a condition
    on any input other than behaviour - whose test answers are missing (info) or include a
    "no" (warning); rows on behaviour only are exempt: behaviour may and must change treatment,
    DOMAIN.md sections 1 and 5), rule_check_sampled (info, only for tables too big to check
    exactly). With ``dutch`` each finding also carries ``message_nl`` and ``suggestion_nl``
    (``label_nl`` names the node there, else ``label``); without it the findings have exactly
    the DESIGN.md keys."""
    where = node_name(node_id, label)
    waar = node_name(node_id, label_nl or label)
    out: list[dict] = []
    compiled = compile_table(table)
    if table.hit_policy in DEFAULT_POLICIES_WITH_GAPS:
        rep = gap_report(table, limit=1, compiled=compiled)
        if rep["count"]:
            more = rep["count"] - 1
            counted = more > 0 and rep["method"] != "sampled"
            extra = (f" ({more} more combination{'s' if more != 1 else ''} of input values "
                     "uncovered)" if counted else "")
            extra_nl = (f" (nog {more} combinatie{'s' if more != 1 else ''} van invoerwaarden "
                        "zonder regel)" if counted else "")
            sampled = (" (found in a random sample: the table is too large to check every "
                       "combination)" if rep["method"] == "sampled" else "")
            sampled_nl = (" (gevonden in een steekproef: de tabel is te groot om elke "
                          "combinatie na te lopen)" if rep["method"] == "sampled" else "")
            out.append(finding(
                "rule_gap", node_id,
                f"The rules of play at {where} give no answer when {rep['descriptions'][0]}"
                f"{extra}{sampled}.",
                "Add a row for this case, or a last row with '-' for every input that says what "
                "happens otherwise (e.g. ask a manager).", f"rules.{node_id}.rows",
                message_nl=f"De spelregels bij {waar} geven geen antwoord als "
                f"{rep['descriptions_nl'][0]}{extra_nl}{sampled_nl}.",
                suggestion_nl="Voeg een regel toe voor dit geval, of een laatste regel met '-' "
                "voor elke invoer die zegt wat er anders gebeurt (bijvoorbeeld: vraag het een "
                "leidinggevende)."))
        elif rep["method"] == "sampled":
            out.append(finding(
                "rule_check_sampled", node_id,
                f"The rules of play at {where} have {rep['total']:.3g} combinations of input "
                f"values, too many to check exactly; a sample of {SAMPLE_SIZE} found no gap.",
                "Group values into fewer categories or ranges so the table can be checked fully.",
                f"rules.{node_id}", severity="info",
                message_nl=f"De spelregels bij {waar} hebben {rep['total']:.3g} combinaties van "
                f"invoerwaarden, te veel om exact na te lopen; een steekproef van {SAMPLE_SIZE} "
                "vond geen gat.",
                suggestion_nl="Breng de waarden terug tot minder categorieën of bereiken, zodat "
                "de tabel volledig te controleren is."))
    for i, j, case in find_overlaps(table, limit=10, compiled=compiled):
        ri, rj = table.rows[i], table.rows[j]
        what = ", ".join(f"{k} = {fmt(v)}" for k, v in case.items())
        diff = (f' ("{ri.then}" and "{rj.then}")' if ri.then != rj.then else
                f' (both "{ri.then}")')
        diff_nl = (f' ("{ri.then}" en "{rj.then}")' if ri.then != rj.then else
                   f' (allebei "{ri.then}")')
        out.append(finding(
            "rule_overlap", node_id,
            f"Rules {i + 1} and {j + 1} at {where} both apply{diff}, e.g. when "
            f"{what or 'every case'}; under hit policy '{table.hit_policy}' that leaves the "
            "answer to whoever reads the table.",
            "Make the conditions exclusive, or use hit policy 'first' or 'priority' if the order "
            "of the rows is meant to decide.", f"rules.{node_id}.rows[{j}]",
            message_nl=f"Regels {i + 1} en {j + 1} bij {waar} zijn allebei van toepassing"
            f"{diff_nl}, bijvoorbeeld als {what or 'elk geval'}; met beslisbeleid "
            f"'{table.hit_policy}' hangt het antwoord dan af van wie de tabel leest.",
            suggestion_nl="Maak de voorwaarden elkaar uitsluitend, of kies beslisbeleid 'first' "
            "of 'priority' als de volgorde van de regels moet beslissen."))
    for k, spec in enumerate(table.inputs):
        fam, ground = classify_input_name(spec.name)
        grond = GROUNDS_NL.get(ground or "", ground)
        fld = f"rules.{node_id}.inputs[{k}]"
        if spec.basis == "protected" or fam == "protected":
            about = f"is about {ground}, a protected ground" if fam == "protected" else \
                "has basis 'protected'"
            about_nl = f"gaat over {grond}, een beschermde grond" if fam == "protected" else \
                "heeft grondslag 'protected'"
            claimed = spec.basis not in (None, "protected") and fam == "protected"
            claim = f" (whatever basis it claims: '{spec.basis}')" if claimed else ""
            claim_nl = f" (welke grondslag er ook bij staat: '{spec.basis}')" if claimed else ""
            out.append(finding(
                "protected_basis", node_id,
                f"Input \"{spec.name}\" at {where} {about}{claim}: treating customers "
                "differently on who they are is discrimination, not differentiation.",
                "Base the rule on a need, behaviour, context or relationship instead; if this "
                "input serves a real need of the customer (e.g. step-free access), record a "
                "justification with the reason.", fld,
                message_nl=f"Invoer \"{spec.name}\" bij {waar} {about_nl}{claim_nl}: klanten "
                "anders behandelen om wie ze zijn is discriminatie, geen differentiatie.",
                suggestion_nl="Baseer de regel op een behoefte, gedrag, context of relatie; "
                "dient deze invoer een echte behoefte van de klant (bijvoorbeeld een drempelvrije "
                "toegang), leg dan een rechtvaardiging met de reden vast."))
        elif spec.basis == "proxy" or fam == "proxy":
            about = f"is about {ground}, a known proxy for a protected ground" \
                if fam == "proxy" else "has basis 'proxy'"
            about_nl = f"gaat over {grond}, een bekende plaatsvervanger voor een beschermde " \
                "grond" if fam == "proxy" else "heeft grondslag 'proxy'"
            out.append(finding(
                "proxy_basis", node_id,
                f"Input \"{spec.name}\" at {where} {about}: it can discriminate indirectly.",
                "Use the need, behaviour or context it stands in for; if it is needed, record a "
                "justification.", fld,
                message_nl=f"Invoer \"{spec.name}\" bij {waar} {about_nl}: daarmee kan "
                "indirect onderscheid ontstaan.",
                suggestion_nl="Gebruik de behoefte, het gedrag of de context waar deze invoer "
                "voor staat; is hij echt nodig, leg dan een rechtvaardiging vast."))
    for r, row in enumerate(table.rows):
        if not (row.why and row.why.strip()):
            out.append(finding(
                "unexplained_rule", node_id,
                f"Rule {r + 1} at {where} (\"{row.then}\") does not say why.",
                "Add a 'why' that staff can say to the customer; an exception that cannot be "
                "explained looks arbitrary.", f"rules.{node_id}.rows[{r}].why",
                message_nl=f"Regel {r + 1} bij {waar} (\"{row.then}\") zegt niet waarom.",
                suggestion_nl="Vul een 'why' (waarom) in die medewerkers aan de klant kunnen "
                "uitleggen; een uitzondering zonder uitleg komt willekeurig over."))
    out.extend(_differentiation(node_id, where, waar, table, compiled))
    return out if dutch else english_only(out)


NL_KEYS = ("message_nl", "suggestion_nl")


def english_only(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the Dutch texts: the CLI and the contract (DESIGN.md section 5) stay English-only."""
    for f in findings:
        for key in NL_KEYS:
            f.pop(key, None)
    return findings


_QUESTIONS = {"in_favour": "in favour of the group it treats apart",
              "relevant": "a relevant response to what sets the group apart",
              "opt_out": "possible to opt out of without a real disadvantage",
              "open_to_all": "open to every customer in the same situation"}
_QUESTIONS_NL = {"in_favour": "niet in het voordeel van de groep die hij apart behandelt",
                 "relevant": "geen passend antwoord op wat de groep onderscheidt",
                 "opt_out": "niet te weigeren zonder echt nadeel",
                 "open_to_all": "niet open voor elke klant in dezelfde situatie"}


def _differentiation(node_id: str, where: str, waar: str, table: "DecisionTable",
                     compiled: Compiled) -> list[dict]:
    out = []
    for r, row in enumerate(table.rows):
        bases = [compiled.bases[k] for k, c in enumerate(compiled.conds[r]) if c is not None]
        if not bases or all(b == "behaviour" for b in bases):
            continue
        answers = row.test or {}
        failed = [q for q in _QUESTIONS if answers.get(q) is False]
        open_ = [q for q in _QUESTIONS if answers.get(q) is None]
        fld = f"rules.{node_id}.rows[{r}].test"
        if failed:
            out.append(finding(
                "differentiation_test", node_id,
                f"Rule {r + 1} at {where} (\"{row.then}\") treats a group apart but is not "
                + "; not ".join(_QUESTIONS[q] for q in failed) + ".",
                "Change the rule so it passes the test (in favour, relevant, opt-out, open to "
                "all), or base it on behaviour.", fld, severity="warning",
                message_nl=f"Regel {r + 1} bij {waar} (\"{row.then}\") behandelt een groep "
                "apart, maar is " + "; ".join(_QUESTIONS_NL[q] for q in failed) + ".",
                suggestion_nl="Pas de regel aan zodat hij de toets doorstaat (in het voordeel, "
                "passend, te weigeren, open voor iedereen), of baseer hem op gedrag."))
        elif open_:
            out.append(finding(
                "differentiation_test", node_id,
                f"Rule {r + 1} at {where} (\"{row.then}\") treats a group apart; the "
                "differentiation test is not answered for: " + ", ".join(open_) + ".",
                "Answer the test for this row: in favour of the group, relevant, opt-out "
                "possible, open to all in the same situation.", fld, severity="info",
                message_nl=f"Regel {r + 1} bij {waar} (\"{row.then}\") behandelt een groep "
                "apart; de differentiatietoets is niet beantwoord voor: "
                + ", ".join(open_) + ".",
                suggestion_nl="Beantwoord de toets voor deze regel: in het voordeel van de "
                "groep, passend, te weigeren, open voor iedereen in dezelfde situatie."))
    return out


def table_summary(table: "DecisionTable") -> dict[str, Any]:
    """Sizes for display: inputs, cells per input, combinations."""
    compiled = compile_table(table)
    return {"inputs": compiled.names, "cells": [len(d) for d in compiled.domains],
            "combinations": math.prod(len(d) for d in compiled.domains),
            "domains": {n: d.texts for n, d in zip(compiled.names, compiled.domains)}}


__all__ = ["evaluate", "find_gaps", "find_overlaps", "nearest_differing_case", "check_rules",
           "table_summary", "gap_report", "compile_table", "parse_condition", "finding"]
