"""``python -m scripts i18n page|skeleton|check|status``: translations of pages, exercises and interface text.

- ``page LANG docs/X.md…`` writes the translation skeleton of English pages: the page with the
  English anchor written ``{#id}`` on every heading, at ``i18n/LANG/docs/X.md`` (never overwritten);
- ``skeleton LANG [ID…]`` writes (or completes) the exercise text catalogs of a language
  (:func:`scripts.catalogs.skeleton`);
- ``check [LANG…]`` checks everything a translated edition needs, as the build does: every page
  translated and keeping its English page's structure, script and terminology
  (:mod:`scripts.pagecheck`), every exercise's catalog (:mod:`scripts.catalogs`) and the interface
  text ``i18n/<lang>/ui.toml``; with ``--partial``, missing pages and catalogs are not problems
  (a translator's work in progress);
- ``status [LANG…]`` says how far each language is.

Without a language: every language with a folder under ``i18n/`` but English. The build runs the same
checks (:func:`prepare`) for every edition it builds and stops on any problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from selfcheck import Catalogue

from . import catalogs, editions, pagecheck, paths, terms


class I18nError(Exception):
    """Translations that the build cannot use; one problem per line, each naming file and key or page."""


@dataclass(frozen=True)
class Prepared:
    """What the build needs of one edition: its interface text and its (localised) definitions."""

    code: str
    ui: editions.Interface
    catalogue: Catalogue


def languages(project: paths.Project) -> list[str]:
    """The translated languages of a project (folders of ``i18n/`` with a ``ui.toml``), English left out."""
    return sorted(p.name for p in project.i18n.iterdir()
                  if p.is_dir() and p.name != paths.SOURCE_LANG and editions.CODE.match(p.name))


def _rel(path: Path) -> str:
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def check_catalog_text(catalogue: Catalogue, found: Mapping[str, catalogs.Catalog], lang: str,
                       glossary: terms.Terms) -> list[str]:
    """Script and terminology of every catalog's text, as for pages."""
    problems: list[str] = []
    for ident, catalog in sorted(found.items()):
        english = catalogs.text_fields(catalogue.data[ident])
        translated = "\n".join(catalog.texts.values())
        for problem in pagecheck.script(translated, lang) + glossary.check("\n".join(english.values()), translated,
                                                                           lang):
            problems.append(f"{_rel(catalog.path)}: {problem}")
    return problems


def check_ui_text(ui: editions.Interface, english: Mapping[str, object], glossary: terms.Terms, name: str) -> list[str]:
    """Script of the whole interface text, and terminology key by key (where the English uses a term)."""
    text = "\n".join(v for k, v in ui.items() if not k.startswith("edition."))
    problems = [f"{name}: {p}" for p in pagecheck.script(text, ui.lang)]
    for key, value in ui.items():
        if key in english and not key.startswith("edition."):
            problems += [f"{name}: key '{key}': {p}" for p in glossary.check(str(english[key]), value, ui.lang)]
    return problems


def check_language(project: paths.Project, catalogue: Catalogue, lang: str, glossary: terms.Terms,
                   *, complete: bool = True) -> tuple[list[str], Prepared | None]:
    """Every problem of one language, and what the build needs when there is none."""
    problems: list[str] = []
    nav = editions.base_config(project.config).get("nav", [])
    ui = editions.Interface(lang, {})
    try:
        ui = editions.load_ui(lang, project.i18n, nav)
        problems += check_ui_text(ui, editions.read_ui(project.i18n / paths.SOURCE_LANG / "ui.toml"), glossary,
                                  _rel(project.i18n / lang / "ui.toml"))
    except editions.SettingsError as exc:
        problems += str(exc).splitlines()
    problems += pagecheck.check_edition(lang, project.docs, project.i18n, project.includes, glossary,
                                        complete=complete)
    found, trouble = catalogs.check_language(catalogue, lang, project.i18n, complete=complete)
    problems += trouble
    problems += check_catalog_text(catalogue, found, lang, glossary)
    if problems or not complete:
        return problems, None
    try:
        local = catalogs.localised(catalogue, lang, project.i18n)
    except catalogs.CatalogError as exc:
        return str(exc).splitlines(), None
    return [], Prepared(lang, ui, local)


def prepare(project: paths.Project, settings: editions.Settings, catalogue: Catalogue) -> dict[str, Prepared]:
    """Check every edition to build and return what each needs; raises :class:`I18nError` with every problem."""
    glossary = terms.load()
    nav = editions.base_config(project.config).get("nav", [])
    problems = pagecheck.check_english(project.docs, project.includes, glossary)
    prepared: dict[str, Prepared] = {}
    for edition in settings.editions:
        if edition.code == paths.SOURCE_LANG:
            try:
                prepared[edition.code] = Prepared(edition.code, editions.load_ui(edition.code, project.i18n, nav),
                                                  catalogue)
            except editions.SettingsError as exc:
                problems += str(exc).splitlines()
            continue
        found, ready = check_language(project, catalogue, edition.code, glossary)
        problems += found
        if ready is not None:
            prepared[edition.code] = ready
    if problems:
        raise I18nError("\n".join(problems))
    return prepared


def status(project: paths.Project, catalogue: Catalogue, lang: str) -> str:
    """One line: pages, includes and exercise catalogs a language has, of those it needs."""
    pages = pagecheck.relative_files(project.docs)
    done = set(pagecheck.relative_files(project.i18n / lang / "docs"))
    includes = pagecheck.relative_files(project.includes)
    included = set(pagecheck.relative_files(project.i18n / lang / "includes"))
    found, _ = catalogs.check_language(catalogue, lang, project.i18n, complete=False)
    complete = sum(1 for ident, c in found.items()
                   if not catalogs.compare(c, catalogs.text_fields(catalogue.data[ident])))
    return (f"{lang}: pages {len(done & set(pages))}/{len(pages)}, includes {len(included & set(includes))}/"
            f"{len(includes)}, exercise catalogs {len(found)}/{len(catalogue)} ({complete} complete), "
            f"ui.toml {'yes' if (project.i18n / lang / 'ui.toml').is_file() else 'no'}")


def main(command: str, args: Iterable[str], *, partial: bool = False,
         project: paths.Project | None = None) -> list[str]:
    """Run ``page``, ``skeleton``, ``check`` or ``status``; returns the lines to print, raises :class:`I18nError`."""
    from selfcheck import load_catalogue

    project = project or paths.repository()
    catalogue = load_catalogue(project.exercises)
    rest = list(args)
    if command in ("page", "skeleton"):
        if not rest or (command == "page" and len(rest) < 2):
            usage = "PAGE ..." if command == "page" else "[ID ...]"
            raise I18nError(f"usage: python -m scripts i18n {command} LANG {usage}")
        lang, names = rest[0], rest[1:]
        if lang == paths.SOURCE_LANG or not editions.CODE.match(lang):
            raise I18nError(f"{lang!r}: give the code of a language to translate into, such as ro or bg")
        if command == "page":
            return pagecheck.write_skeletons(lang, names, project.docs, project.i18n)
        return catalogs.skeleton(catalogue, lang, names, project.i18n)
    langs = rest or languages(project)
    if command == "status":
        return [status(project, catalogue, lang) for lang in langs]
    glossary = terms.load()
    problems = pagecheck.check_english(project.docs, project.includes, glossary)
    for lang in langs:
        found, _ = check_language(project, catalogue, lang, glossary, complete=not partial)
        problems += found
    if problems:
        raise I18nError("\n".join(problems))
    return [f"{', '.join(langs)}: every page, exercise catalog and interface text checked"
            + (" (partial: missing ones not counted)" if partial else "")]
