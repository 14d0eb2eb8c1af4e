"""Translated pages keep the English page's structure, script and terminology.

An edition other than English has one page per English page, at the same path under
``i18n/<lang>/docs/`` (and one file per include under ``i18n/<lang>/includes/``); a missing or
extra page is a problem. A translated page keeps, against its English page:

- the same markers (``{{ exercise ID }}`` …) in the same order;
- the same link targets (relative ``.md`` paths, ``#anchors``, URLs), as a multiset;
- the same admonition types (``!!! note``, ``??? example`` …) in the same order;
- the same headings, level by level, each with an explicit ``{#id}`` equal to the English
  heading's anchor (as MkDocs computes it), so links and "sections to re-read" work everywhere.

Romanian uses the comma-below letters ș ț Ș Ț only; Bulgarian prose is Cyrillic (apart from names,
codes and URLs: at least three Cyrillic letters for every Latin one, link targets, ``{…}``
attributes, code, URLs and HTML tags left out). Fenced code is not checked. These are the rules of
the translators' checker ``pagecheck.py`` (I18N.md); this module replaces it in the build.

The terminology of ``i18n/terms.toml`` (:mod:`scripts.terms`) is checked on the same pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import markdown

from . import paths, terms
from .banks import ANCHOR_EXTENSIONS

MARKER = re.compile(r"^\s*\{\{(?P<body>.*?)\}\}\s*$")
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+(\w+)")
HEADING_ID = re.compile(r"^\s*#{1,6}\s.*\{[^}]*#(?P<id>[^}\s]+)[^}]*\}\s*$")
CEDILLA = re.compile(r"[şţŞŢ]")
FENCE = ("```", "~~~")
#: What is not prose in a Bulgarian page: parenthesised link targets, {…} attributes, code, URLs, tags.
NOT_PROSE = re.compile(r"\(([^)]*)\)|\{[^}]*\}|`[^`]*`|https?://\S+|<[^>]+>")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def without_code(text: str) -> list[str]:
    """The lines of a Markdown text outside fenced code blocks (fence lines dropped too)."""
    lines, fence = [], ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith(FENCE):
            fence = stripped[:3]
            continue
        lines.append(line)
    return lines


def headings(text: str) -> list[tuple[int, str]]:
    """(level, anchor) of every heading, as MkDocs makes them (markers left out: fragments are shared)."""
    kept = "\n".join(line for line in text.splitlines() if not MARKER.match(line))
    md = markdown.Markdown(extensions=ANCHOR_EXTENSIONS)
    md.convert(kept)
    found: list[tuple[int, str]] = []

    def walk(tokens: Iterable[Mapping[str, Any]]) -> None:
        for token in tokens:
            found.append((int(token["level"]), str(token["id"])))
            walk(token.get("children", []))

    walk(md.toc_tokens)  # type: ignore[attr-defined]
    return found


def structure(english: str, translated: str) -> list[str]:
    """What a translated page changed of its English page's structure (empty: nothing)."""
    problems: list[str] = []
    en_lines, tr_lines = without_code(english), without_code(translated)

    def markers(lines: list[str]) -> list[str]:
        return [" ".join(m.group("body").split()) for line in lines if (m := MARKER.match(line))]

    if markers(en_lines) != markers(tr_lines):
        problems.append(f"markers differ from the English page: {markers(en_lines)} there, {markers(tr_lines)} here")
    en_links = Counter(LINK.findall("\n".join(en_lines)))
    tr_links = Counter(LINK.findall("\n".join(tr_lines)))
    if en_links != tr_links:
        missing, extra = sorted((en_links - tr_links).elements()), sorted((tr_links - en_links).elements())
        problems.append(f"link targets differ from the English page: missing {missing}, extra {extra}")
    en_adm = [m.group(1) for line in en_lines if (m := ADMONITION.match(line))]
    tr_adm = [m.group(1) for line in tr_lines if (m := ADMONITION.match(line))]
    if en_adm != tr_adm:
        problems.append(f"admonition types differ from the English page: {en_adm} there, {tr_adm} here")
    en_heads, tr_heads = headings(english), headings(translated)
    if [level for level, _ in en_heads] != [level for level, _ in tr_heads]:
        problems.append(f"heading levels differ from the English page: {[lv for lv, _ in en_heads]} there, "
                        f"{[lv for lv, _ in tr_heads]} here")
    else:
        explicit = [m.group("id") for line in tr_lines if (m := HEADING_ID.match(line))]
        for (_, anchor), (_, got) in zip(en_heads, tr_heads, strict=True):
            if got != anchor or anchor not in explicit:
                problems.append(f"heading #{got}: needs the English anchor, written {{#{anchor}}}")
    return problems


ATX = re.compile(r"^(?P<indent>\s*)(?P<marks>#{1,6})\s+(?P<title>.+?)\s*$")


def page_skeleton(english: str) -> str:
    """A translation skeleton: the English page with its anchor written ``{#id}`` on every heading."""
    anchors = iter(anchor for _, anchor in headings(english))
    out, fence = [], ""
    for line in english.splitlines():
        stripped = line.lstrip()
        if fence or stripped.startswith(FENCE):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
            out.append(line)
            continue
        match = ATX.match(line)
        if match and not MARKER.match(line):
            anchor = next(anchors, None)
            if anchor and not HEADING_ID.match(line):
                line = f"{line.rstrip()} {{#{anchor}}}"
        out.append(line)
    return "\n".join(out) + "\n"


def write_skeletons(lang: str, pages: list[str], docs: Path = paths.DOCS, i18n: Path = paths.I18N) -> list[str]:
    """Write the skeleton of each English page (``docs/…`` paths) under ``i18n/<lang>/docs/``; never overwrite."""
    report = []
    for name in pages:
        source = (paths.ROOT / name).resolve() if not Path(name).is_absolute() else Path(name)
        try:
            relative = source.relative_to(docs.resolve())
        except ValueError:
            report.append(f"{name}: not a page under {_rel(docs)}/")
            continue
        target = i18n / lang / "docs" / relative
        if target.exists():
            report.append(f"{_rel(target)}: exists, left as it is")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_skeleton(source.read_text(encoding="utf-8")), encoding="utf-8")
        report.append(f"{_rel(target)}: written; translate it in place")
    return report


def script(text: str, lang: str) -> list[str]:
    """Problems with the letters of a text in ``lang`` (fenced code left out)."""
    body = "\n".join(without_code(text))
    if lang == "ro" and (found := sorted(set(CEDILLA.findall(body)))):
        return [f"cedilla letters {' '.join(found)}: use the comma-below ș ț Ș Ț"]
    if lang == "bg":
        prose = NOT_PROSE.sub(" ", body)
        latin, cyrillic = len(LATIN.findall(prose)), len(CYRILLIC.findall(prose))
        if cyrillic < 3 * latin:
            return [f"too little Cyrillic: {cyrillic} Cyrillic and {latin} Latin letters (Latin only for names, "
                    "codes, URLs and abbreviations of foreign bodies)"]
    return []


def relative_files(folder: Path, pattern: str = "*.md") -> list[str]:
    """The files of a folder as sorted relative POSIX paths."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(pattern)) if folder.is_dir() else []


def page_lists(english: Path, translated: Path, label: str) -> list[str]:
    """Missing and extra translated files (``label`` names the translated folder in messages)."""
    ours, theirs = set(relative_files(english)), set(relative_files(translated))
    return ([f"{label}/{name}: missing: no translation of {english.name}/{name}" for name in sorted(ours - theirs)]
            + [f"{label}/{name}: extra: no English page {english.name}/{name}" for name in sorted(theirs - ours)])


def _rel(path: Path) -> str:
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def check_edition(lang: str, docs: Path = paths.DOCS, i18n: Path = paths.I18N, includes: Path = paths.INCLUDES,
                  glossary: terms.Terms | None = None, *, complete: bool = True) -> list[str]:
    """Every problem of the translated pages and includes of ``lang``, one line each, naming the file.

    ``complete``: missing pages are problems (a built edition); otherwise only the pages that exist
    are checked (a translator's progress).
    """
    glossary = glossary or terms.load()
    problems: list[str] = []
    for english_root, folder in ((docs, i18n / lang / "docs"), (includes, i18n / lang / "includes")):
        label = _rel(folder)
        listed = page_lists(english_root, folder, label)
        problems += [p for p in listed if complete or ": missing:" not in p]
        for name in relative_files(folder):
            source = english_root / name
            if not source.is_file():
                continue
            english = source.read_text(encoding="utf-8")
            translated = (folder / name).read_text(encoding="utf-8")
            where = f"{label}/{name}"
            found = structure(english, translated) + script(translated, lang)
            found += glossary.check(english, "\n".join(without_code(translated)), lang)
            problems += [f"{where}: {problem}" for problem in found]
    return problems


def check_english(docs: Path = paths.DOCS, includes: Path = paths.INCLUDES,
                  glossary: terms.Terms | None = None) -> list[str]:
    """Avoided English terms of ``i18n/terms.toml`` on the English pages and includes."""
    glossary = glossary or terms.load()
    problems: list[str] = []
    for root in (docs, includes):
        for name in relative_files(root):
            text = "\n".join(without_code((root / name).read_text(encoding="utf-8")))
            problems += [f"{_rel(root / name)}: {p}" for p in glossary.avoided(text, paths.SOURCE_LANG)]
    return problems
