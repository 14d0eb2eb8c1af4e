"""Build step: discouraged wording, and whose procedure a page teaches.

Two checks run before MkDocs (``python -m scripts build`` and ``check``):

- ``content/wording.toml`` lists discouraged phrasings as data: a regular
  expression, the preferred wording and why. No page under ``docs/``, include
  under ``includes/`` or exercise definition under ``exercises/`` may use one.
  A rule with ``quote_ok = true`` lets a page quote the phrase inside quotation
  marks, where it teaches a source's own words before the plain ones. In
  Markdown, straight or typographic double quotes count; in TOML, where straight
  quotes delimit the text, only typographic quotes (“…”, „…”) and escaped ones do.
  Fenced code in Markdown is not checked. An ``[[allow]]`` entry tolerates one
  rule in one file, with a reason, while someone rewrites that file; an entry
  that no longer matches anything is itself an error, so the list only shrinks.
- The SOP is Bulgarian: every page that cites it (the word "SOP") names
  Bulgaria, and every checklist definition whose source is the SOP names
  Bulgaria in the first sentence of its intro, so that a reader in Romania cannot take the Bulgarian
  route for their own.

Every problem is reported with its file and line; the build stops on any.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import paths

#: Fields of a ``[[phrase]]`` rule and of an ``[[allow]]`` entry: required, then optional.
RULE_FIELDS = ({"id", "pattern", "preferred", "why"}, {"quote_ok"})
ALLOW_FIELDS = ({"file", "rule", "reason"}, set[str]())

#: A page cites the SOP when it uses this word; it must then name Bulgaria.
SOP_WORD = re.compile(r"\bSOP\b")
BULGARIA = re.compile(r"\bBulgaria(n)?\b")
#: Exercise folders whose SOP-based definitions must name Bulgaria in their intro.
COUNTRY_CHECKED_FOLDERS = ("checklists",)

MD_QUOTES = re.compile(r'"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]')
TOML_QUOTES = re.compile(r'\\"(?:(?!\\").)*\\"|“[^”\n]*”|„[^“”\n]*[“”]')
FENCE = ("```", "~~~")


class WordingError(Exception):
    """The wording list is malformed, or a page or definition breaks one of the checks."""


@dataclass(frozen=True)
class Rule:
    """One discouraged phrasing."""

    id: str
    pattern: re.Pattern[str]
    preferred: str
    why: str
    quote_ok: bool


@dataclass(frozen=True)
class Allow:
    """A temporary exception: ``rule`` is tolerated in ``file`` (repository-relative)."""

    file: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Finding:
    """A discouraged phrase at one place."""

    file: str
    line: int
    rule: Rule
    text: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.text!r} is discouraged ({self.rule.id}): "
            f"write {self.rule.preferred}. Why: {self.rule.why}"
        )


def _fields(table: object, where: str, spec: tuple[set[str], set[str]]) -> Mapping[str, object]:
    required, optional = spec
    if not isinstance(table, dict):
        raise WordingError(f"{where}: expected a table")
    missing = sorted(required - table.keys())
    unknown = sorted(table.keys() - required - optional)
    if missing:
        raise WordingError(f"{where}: missing field {missing[0]!r}")
    if unknown:
        raise WordingError(f"{where}: unknown field {unknown[0]!r}")
    for key in required:
        if not isinstance(table[key], str) or not table[key].strip():
            raise WordingError(f"{where}: field {key!r} must be non-empty text")
    return table


def load(path: Path = paths.WORDING) -> tuple[list[Rule], list[Allow]]:
    """The rules and allow entries of the wording list, validated (errors name file, entry and field)."""
    name = _relative(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise WordingError(f"{name}: {exc}") from None
    if data.get("schema") != 1:
        raise WordingError(f"{name}: field 'schema' must be 1")
    unknown = sorted(data.keys() - {"schema", "phrase", "allow"})
    if unknown:
        raise WordingError(f"{name}: unknown field {unknown[0]!r}")
    rules: list[Rule] = []
    for number, table in enumerate(data.get("phrase", []), start=1):
        entry = _fields(table, f"{name}: phrase {number}", RULE_FIELDS)
        ident = str(entry["id"])
        where = f"{name}: phrase {ident!r}"
        if any(r.id == ident for r in rules):
            raise WordingError(f"{where}: duplicate id")
        quote_ok = entry.get("quote_ok", False)
        if not isinstance(quote_ok, bool):
            raise WordingError(f"{where}: field 'quote_ok' must be true or false")
        try:
            pattern = re.compile(str(entry["pattern"]), re.IGNORECASE)
        except re.error as exc:
            raise WordingError(f"{where}: field 'pattern': {exc}") from None
        rules.append(Rule(ident, pattern, str(entry["preferred"]), str(entry["why"]), quote_ok))
    if not rules:
        raise WordingError(f"{name}: no [[phrase]] rules")
    allows: list[Allow] = []
    for number, table in enumerate(data.get("allow", []), start=1):
        entry = _fields(table, f"{name}: allow {number}", ALLOW_FIELDS)
        if not any(r.id == entry["rule"] for r in rules):
            raise WordingError(f"{name}: allow {number}: field 'rule': no phrase with id {entry['rule']!r}")
        allows.append(Allow(str(entry["file"]), str(entry["rule"]), str(entry["reason"])))
    return rules, allows


def _relative(path: Path, root: Path = paths.ROOT) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _quoted(line: str, start: int, end: int, markdown: bool) -> bool:
    quotes = MD_QUOTES if markdown else TOML_QUOTES
    return any(m.start() < start and end < m.end() for m in quotes.finditer(line))


def scan_text(text: str, name: str, rules: Iterable[Rule], *, markdown: bool) -> list[Finding]:
    """Every discouraged phrase in one file's text (``name`` is how findings refer to the file)."""
    found: list[Finding] = []
    in_code = False
    for number, line in enumerate(text.splitlines(), start=1):
        if markdown and line.lstrip().startswith(FENCE):
            in_code = not in_code
            continue
        if in_code:
            continue
        for rule in rules:
            for match in rule.pattern.finditer(line):
                if rule.quote_ok and _quoted(line, match.start(), match.end(), markdown):
                    continue
                found.append(Finding(name, number, rule, match.group(0)))
    return found


def checked_files(root: Path = paths.ROOT) -> list[Path]:
    """The files whose wording is checked: pages, includes and exercise definitions."""
    return [
        *sorted((root / "docs").rglob("*.md")),
        *sorted((root / "includes").rglob("*.md")),
        *sorted((root / "exercises").rglob("*.toml")),
    ]


def discouraged(root: Path = paths.ROOT, wording: Path = paths.WORDING) -> tuple[list[Finding], list[str]]:
    """Findings not covered by an allow entry, and the allow entries that no longer match anything."""
    rules, allows = load(wording)
    findings: list[Finding] = []
    for path in checked_files(root):
        name = _relative(path, root)
        findings.extend(scan_text(path.read_text(encoding="utf-8"), name, rules, markdown=path.suffix == ".md"))
    allowed = {(a.file, a.rule) for a in allows}
    used = {(f.file, f.rule.id) for f in findings}
    stale = [
        f"{_relative(wording, root)}: allow entry for {a.rule!r} in {a.file} no longer matches anything: remove it"
        for a in allows
        if (a.file, a.rule) not in used
    ]
    return [f for f in findings if (f.file, f.rule.id) not in allowed], stale


def sop_pages_without_bulgaria(root: Path = paths.ROOT) -> list[str]:
    """Pages under docs/ that cite the SOP but never name Bulgaria (repository-relative paths)."""
    out = []
    for page in sorted((root / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if SOP_WORD.search(text) and not BULGARIA.search(text):
            out.append(_relative(page, root))
    return out


def first_sentence(text: str) -> str:
    """The text up to the end of its first sentence."""
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def sop_definitions_without_bulgaria(root: Path = paths.ROOT) -> list[str]:
    """Checklist definitions whose source is the SOP but whose intro does not name Bulgaria in its first sentence."""
    out = []
    for folder in COUNTRY_CHECKED_FOLDERS:
        for path in sorted((root / "exercises" / folder).glob("*.toml")):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            source, intro = str(data.get("source", "")), str(data.get("intro", ""))
            if SOP_WORD.search(source) and not BULGARIA.search(first_sentence(intro)):
                out.append(_relative(path, root))
    return out


def check(root: Path = paths.ROOT, wording: Path = paths.WORDING) -> int:
    """Run both checks; returns the number of files checked, or raises :class:`WordingError` listing every problem."""
    findings, stale = discouraged(root, wording)
    problems = [str(f) for f in findings] + stale
    problems += [f"{p}: cites the SOP but does not say it is Bulgarian" for p in sop_pages_without_bulgaria(root)]
    problems += [
        f"{p}: source is the SOP but the intro's first sentence does not say it is Bulgarian"
        for p in sop_definitions_without_bulgaria(root)
    ]
    if problems:
        raise WordingError(f"{len(problems)} wording problem(s):\n  " + "\n  ".join(problems))
    return len(checked_files(root))
