"""Check step: every built page through the Nu Html Checker (``vnu.jar`` from the pinned npm package, on Java).

Any error in the project's own markup fails. Errors that come from the theme's
own templates are allowed only when listed in ``scripts/htmlcheck-allow.toml``,
each entry naming its template, the engines whose theme writes it (MkDocs with
Material, Zensical) and why, and matched by both the message and the offending
markup, so the same mistake in our own markup still fails. An entry that
matches nothing any more fails too: the list shrinks when the theme is fixed.
``python -m scripts validate [--engine zensical]`` runs it; so does ``make test``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths

VNU_JAR = paths.NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOW_LIST = paths.ROOT / "scripts" / "htmlcheck-allow.toml"
#: The checker needs a deep stack; a run of a few seconds gains nothing from the optimising compiler
#: or a parallel collector (this halves its time on two cores).
JAVA_OPTIONS = ("-Xss2m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
ALLOW_FIELDS = ("template", "engines", "message", "markup", "why")
ENGINES = ("mkdocs", "zensical")


class HtmlCheckError(Exception):
    """The checker cannot run, its allow-list is malformed, or the pages have errors."""


@dataclass(frozen=True)
class Problem:
    """One error the checker reported: page, line, message and the offending markup."""

    page: str
    line: int
    message: str
    markup: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message} [{self.markup}]"


@dataclass(frozen=True)
class Allowed:
    """An allow-list entry: errors of one theme template, matched by message and markup (regular expressions)."""

    template: str
    engines: tuple[str, ...]
    message: re.Pattern[str]
    markup: re.Pattern[str]
    why: str

    def matches(self, problem: Problem) -> bool:
        """Whether ``problem`` is this template's error."""
        return bool(self.message.search(problem.message) and self.markup.search(problem.markup))


def load_allow_list(path: Path = ALLOW_LIST) -> list[Allowed]:
    """Read and validate the allow-list; errors name the file, the entry and the field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise HtmlCheckError(f"{path}: cannot be read: {exc}") from None
    if data.get("schema") != 1:
        raise HtmlCheckError(f"{path}: field 'schema': must be 1")
    entries: list[Allowed] = []
    for number, entry in enumerate(data.get("allow", []), start=1):
        where = f"{path}: entry {number}"
        unknown = sorted(set(entry) - set(ALLOW_FIELDS))
        if unknown:
            raise HtmlCheckError(f"{where}: unknown field {unknown[0]!r}")
        for field in ("template", "message", "markup", "why"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise HtmlCheckError(f"{where}: field {field!r}: a non-empty text is required")
        engines = entry.get("engines")
        if not isinstance(engines, list) or not engines or not set(engines) <= set(ENGINES):
            raise HtmlCheckError(f"{where}: field 'engines': a list of {' and '.join(ENGINES)} is required")
        try:
            patterns = [re.compile(entry[field]) for field in ("message", "markup")]
        except re.error as exc:
            raise HtmlCheckError(f"{where}: invalid regular expression: {exc}") from None
        entries.append(Allowed(entry["template"], tuple(engines), patterns[0], patterns[1], entry["why"].strip()))
    return entries


def _problem(message: dict[str, Any], site: Path) -> Problem:
    url = str(message.get("url", ""))
    page = Path(url.removeprefix("file:"))
    try:
        shown = page.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        shown = url
    extract = str(message.get("extract", ""))
    start = int(message.get("hiliteStart", 0))
    markup = extract[start : start + int(message.get("hiliteLength", len(extract)))]
    return Problem(shown, int(message.get("lastLine", 0)), str(message.get("message", "")), markup.strip())


def run_checker(pages: list[Path], site: Path) -> list[Problem]:
    """Run vnu once over ``pages``; returns every error (warnings and info are left out)."""
    java = shutil.which("java")
    if java is None:
        raise HtmlCheckError(
            "Java is needed for the HTML checker: run 'make test' as root, or 'sudo apt-get install -y "
            "default-jre-headless'"
        )
    if not VNU_JAR.is_file():
        raise HtmlCheckError(f"{VNU_JAR} is missing: run 'npm ci' (the Makefile does) to install vnu-jar")
    done = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU_JAR), "--stdout", "--format", "json", "--errors-only",
         "--no-langdetect", *map(str, pages)],
        capture_output=True, text=True, check=False,
    )
    try:
        messages = json.loads(done.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise HtmlCheckError(f"the HTML checker failed: {(done.stderr or done.stdout).strip()[:300]}") from None
    return [_problem(m, site) for m in messages if m.get("type") in ("error", "non-document-error")]


@dataclass(frozen=True)
class Report:
    """What a check found: pages checked, errors not allowed, allowed errors per entry, entries left unused."""

    pages: int
    errors: list[Problem]
    allowed: Counter[Allowed]
    unused: list[Allowed]


def check(site: Path = paths.SITE, engine: str = "mkdocs", allow: list[Allowed] | None = None) -> Report:
    """Check every ``*.html`` of a site built with ``engine``; sorts each error into allowed (by entry) or not."""
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise HtmlCheckError(f"{site}: no pages to check (build the site first)")
    return sort_problems(run_checker(pages, site), load_allow_list() if allow is None else allow, engine, len(pages))


def sort_problems(problems: list[Problem], allow: list[Allowed], engine: str, pages: int) -> Report:
    """Sort the checker's errors by the allow-list entries of ``engine``: allowed (per entry) or not."""
    entries = [e for e in allow if engine in e.engines]
    errors, allowed = [], Counter[Allowed]()
    for problem in problems:
        entry = next((e for e in entries if e.matches(problem)), None)
        if entry is None:
            errors.append(problem)
        else:
            allowed[entry] += 1
    return Report(pages, errors, allowed, [e for e in entries if not allowed[e]])


def validate(site: Path = paths.SITE, engine: str = "mkdocs") -> str:
    """Check the site; returns a one-line summary, or raises with every error (and unused entry) listed."""
    report = check(site, engine)
    if report.errors or report.unused:
        lines = [str(p) for p in report.errors[:40]]
        if len(report.errors) > 40:
            lines.append(f"... and {len(report.errors) - 40} more")
        lines += [f"allow-list entry for {e.template} matches nothing: remove it" for e in report.unused]
        raise HtmlCheckError(f"{len(report.errors)} HTML errors in {report.pages} pages:\n" + "\n".join(lines))
    theme = ", ".join(f"{n} from {e.template}" for e, n in report.allowed.items()) or "none"
    return f"checked {report.pages} pages ({engine}): no HTML errors (allowed, from the theme's templates: {theme})"
