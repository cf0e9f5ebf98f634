"""Make user text inert before it goes into st.markdown (markdown, HTML, LaTeX, :directives:).

Streamlit does not run raw HTML in markdown, but a markdown image or link in a persona name or
a workshop case would still load or point somewhere on every viewer's screen.
"""
from __future__ import annotations

import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:&])")


def md(text: Any) -> str:
    """User text made inert in Streamlit markdown (newlines folded into spaces)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
