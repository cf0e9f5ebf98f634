"""The demographic-lean guard: differentiate on needs and behaviour, never on the old boxes.

Five families of findings (DESIGN.md section 5):

* ``demographic`` (warning): persona text that describes people by gender, age, origin or skin
  colour, religion, sexual orientation, disability, family status or nationality (Dutch and
  English, whole words, context rules: see :mod:`personas.lint.lexicon` for the policy);
* ``judgement`` (error): labels that rank or demean people (BCG dog/cash cow, budget shopper,
  probleemklant, kneus);
* ``imagery``: a ranked persona drawn as the only one with a different skin tone, age or gender
  (error), and photos where a behaviour-based avatar would do (warning);
* ``statistic`` (warning): a demographic column that explains segment membership (Cramér's V);
* ``input`` (error): a demographic column used as a segmentation input.

A finding is a dict with ``code, family, severity, persona, field, span, text, message,
suggestion, justified, justification``; ``span`` is ``[start, end]`` into the field's text and
``text`` the matched words (``None`` for non-text findings).
"""
from .core import FINDING_KEYS, apply_justifications, lint_personas, load_lint_input, persona_texts
from .imagery import imagery_findings
from .inputs import demographic_attribute, input_findings
from .statistic import adjusted_residuals, contingency, cramers_v, cramers_v_ci, statistic_findings
from .text import lint_text

__all__ = [
    "FINDING_KEYS", "adjusted_residuals", "apply_justifications", "contingency", "cramers_v",
    "cramers_v_ci", "demographic_attribute", "imagery_findings", "input_findings", "lint_personas",
    "lint_text", "load_lint_input", "persona_texts", "statistic_findings",
]
