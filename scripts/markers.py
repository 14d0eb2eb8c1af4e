"""Python-Markdown extension: expand ``{{ name arg }}`` markers into build fragments.

The only MkDocs-facing glue of the build: a plain Markdown extension (no MkDocs
plugin API). A marker stands alone on its line. ``{{ exercise ID }}`` becomes
``build/fragments/exercise/ID.html``; a marker without an argument becomes
``build/fragments/NAME.html`` (or ``NAME.md``: Markdown, parsed with the page). The fragments are written beforehand by
``scripts.fragments``. An unknown marker name or a missing fragment raises, so
the build fails instead of rendering nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

#: Marker names and whether they take an argument.
MARKERS: dict[str, bool] = {
    "exercise": True,
    "paper-version": True,
    "answer-key": True,
    "paper-test": True,
    "onboarding-progress": False,
    "checklist-booklet": False,
    "refresh": False,
    "refresh-due": False,
    "onboarding-record": False,
    "offline-status": False,
    "local-help": False,
}

MARKER_LINE = re.compile(r"^\s*\{\{\s*(?P<body>.*?)\s*\}\}\s*$")
ANY_MARKER = re.compile(r"\{\{.*?\}\}")
ATX_HEADING = re.compile(r"^(#{1,6})\s")
HTML_HEADING = re.compile(r"<(/?)h([1-6])\b")


def fit_headings(html: str, page_level: int) -> str:
    """Shift a fragment's headings so its top heading sits one level below the page's last heading.

    Fragments are rendered without knowing where they land; this keeps the page's outline in order
    (no jump from h1 to h3), which screen-reader users navigate by.
    """
    levels = [int(level) for _, level in HTML_HEADING.findall(html)]
    if not levels:
        return html
    shift = page_level + 1 - min(levels)
    return HTML_HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html)


class MarkerError(Exception):
    """A page uses a marker that does not exist or whose fragment is missing."""


def fragment_path(fragments: Path, body: str) -> Path:
    """The fragment file for a marker body such as ``exercise palermo-definition``."""
    parts = body.split()
    if not parts or parts[0] not in MARKERS:
        known = ", ".join(sorted(MARKERS))
        raise MarkerError(f"unknown marker '{{{{ {body} }}}}' (known: {known})")
    name, args = parts[0], parts[1:]
    wants_arg = MARKERS[name]
    if len(args) != (1 if wants_arg else 0):
        usage = f"{{{{ {name} ID }}}}" if wants_arg else f"{{{{ {name} }}}}"
        raise MarkerError(f"marker '{{{{ {body} }}}}' must be written {usage}")
    base = fragments / name / args[0] if wants_arg else fragments / name
    markdown = base.with_name(base.name + ".md")
    path = markdown if markdown.is_file() else base.with_name(base.name + ".html")
    if not path.is_file():
        raise MarkerError(f"marker '{{{{ {body} }}}}' has nothing to show: no fragment {path.name} (unknown id?)")
    return path


class MarkerPreprocessor(Preprocessor):
    """Replace marker lines by stashed raw HTML; fail on anything marker-like elsewhere."""

    def __init__(self, md: Markdown, fragments: Path) -> None:
        super().__init__(md)
        self.fragments = fragments

    def run(self, lines: list[str]) -> list[str]:
        """Expand every marker line of a page."""
        out: list[str] = []
        in_code = False
        page_level = 1
        for line in lines:
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            heading = None if in_code else ATX_HEADING.match(line)
            if heading:
                page_level = len(heading.group(1))
            match = None if in_code else MARKER_LINE.match(line)
            if match:
                path = fragment_path(self.fragments, match.group("body"))
                text = path.read_text(encoding="utf-8")
                if path.suffix == ".md":  # Markdown fragments are parsed with the page (links checked)
                    out.extend(["", *text.splitlines(), ""])
                else:  # HTML fragments are stashed so Markdown never touches them
                    out.extend(["", self.md.htmlStash.store(fit_headings(text, page_level)), ""])
                continue
            if not in_code and ANY_MARKER.search(line):
                raise MarkerError(f"marker not alone on its line: {line.strip()!r}")
            out.append(line)
        return out


class MarkersExtension(Extension):
    """Registers :class:`MarkerPreprocessor`; config ``fragments`` is the fragment folder."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"fragments": ["build/fragments", "folder of the fragments written by scripts.fragments"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Run after whitespace normalisation (30, which strips stash markers) and before raw HTML (20)."""
        # SELFCHECK_FRAGMENTS lets a private build (python -m scripts build --out DIR) use its own folder.
        fragments = Path(os.environ.get("SELFCHECK_FRAGMENTS") or str(self.getConfig("fragments")))
        md.preprocessors.register(MarkerPreprocessor(md, fragments), "selfcheck_markers", 25)


def makeExtension(**kwargs: Any) -> MarkersExtension:
    """Entry point used by ``markdown_extensions: - scripts.markers``."""
    return MarkersExtension(**kwargs)


def check_pages(docs: Path, fragments: Path) -> int:
    """Check every marker of every page before MkDocs runs; errors name page and line."""
    count = 0
    for page in sorted(docs.rglob("*.md")):
        in_code = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            if in_code or not ANY_MARKER.search(line):
                continue
            where = f"{page.relative_to(docs)}:{number}"
            match = MARKER_LINE.match(line)
            if not match:
                raise MarkerError(f"{where}: marker not alone on its line: {line.strip()!r}")
            try:
                fragment_path(fragments, match.group("body"))
            except MarkerError as exc:
                raise MarkerError(f"{where}: {exc}") from None
            count += 1
    return count
