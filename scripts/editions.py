"""Editions: the site once per language, each its own MkDocs project sharing one configuration.

``site.toml`` (the deployer's settings) says which editions to build, which one is served at ``/``
(the others at ``/<code>/``), the organisation publishing the site, each edition's review status and
its local help contacts. It is validated here; an error is one line naming the file and the key.

Each edition is built from a generated configuration that ``INHERIT``s ``mkdocs.yml`` and sets only
what differs: ``docs_dir`` (``docs/`` for English; for another language a build folder with its
translated pages from ``i18n/<code>/docs/`` and the shared non-page files of ``docs/``), the
language (``theme.language``: Material then picks its search stemmer, see README), site name,
description and footer, the nav section titles (``i18n/<code>/ui.toml``), the translated includes,
``extra.alternate`` (the language switcher) and ``extra.edition`` (what ``overrides/`` needs:
the path to the shared runtime, the review notice). No plugin is added, so Zensical builds the same
configuration. The templates compute every edition link at build time, relative to the page.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import yaml

from . import paths, site

SCHEMA = 1
CODE = re.compile(r"^[a-z]{2,3}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{1,30}$")
REVIEWED = "reviewed"
PLACEHOLDER = re.compile(r"\{\w+\}")
CONTACT_FIELDS = ({"name", "what"}, {"phone", "email", "url", "hours"})
#: The tables of a ``ui.toml`` that belong to one site (its name and footer, its nav), not to the code.
SITE_TABLES = ("site.", "nav.")


class SettingsError(Exception):
    """``site.toml`` or a ``ui.toml`` is wrong; one problem per line, each naming the file and the key."""


@dataclass(frozen=True)
class Contact:
    """A local help contact shown on the self-check pages beside the national ones."""

    name: str
    what: str
    phone: str = ""
    email: str = ""
    url: str = ""
    hours: str = ""


@dataclass(frozen=True)
class Edition:
    """One edition to build: its language code, review status and local help contacts."""

    code: str
    review: str
    contacts: tuple[Contact, ...] = ()

    @property
    def reviewed(self) -> bool:
        """Whether the edition's pages no longer show the review notice."""
        return self.review.strip().casefold() == REVIEWED


@dataclass(frozen=True)
class Settings:
    """What ``site.toml`` says: the editions to build (switcher order) and the default one."""

    path: Path
    organisation: str
    default: str
    editions: tuple[Edition, ...]

    def edition(self, code: str) -> Edition:
        """The built edition with this code."""
        return next(e for e in self.editions if e.code == code)

    def prefix(self, code: str) -> str:
        """Where an edition lives in the site: ``""`` for the default edition, else ``"<code>/"``."""
        return "" if code == self.default else f"{code}/"

    def in_build_order(self) -> list[Edition]:
        """The default edition first (it is built into the site's root, the others into folders of it)."""
        return sorted(self.editions, key=lambda e: e.code != self.default)


def _name(path: Path) -> str:
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return path.name


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{_name(path)}: missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{_name(path)}: invalid TOML: {exc}") from None


def _text(table: Mapping[str, Any], key: str, where: str, problems: list[str], *, required: bool = True) -> str:
    value = table.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}{key}': must be non-empty text")
        return ""
    return value.strip()


def _contact(table: object, where: str, problems: list[str]) -> Contact | None:
    if not isinstance(table, dict):
        problems.append(f"{where}': must be a table ([[...contacts]])")
        return None
    required, optional = CONTACT_FIELDS
    problems += [f"{where}.{key}': unknown key (known: {', '.join(sorted(required | optional))})"
                 for key in table if key not in required | optional]
    values = {key: _text(table, key, f"{where}.", problems, required=key in required) for key in required | optional}
    if not (values["phone"] or values["email"] or values["url"]):
        problems.append(f"{where}': needs a phone, email or url")
    if values["phone"] and not PHONE.match(values["phone"]):
        problems.append(f"{where}.phone': {values['phone']!r} is not a telephone number (digits, spaces, + ( ) -)")
    if values["url"] and not values["url"].startswith(("https://", "http://")):
        problems.append(f"{where}.url': must start with https:// or http://")
    if values["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", values["email"]):
        problems.append(f"{where}.email': {values['email']!r} is not an email address")
    return Contact(**values)


def load_settings(path: Path = paths.SITE_SETTINGS, i18n: Path = paths.I18N) -> Settings:
    """Read and validate ``site.toml``; raises :class:`SettingsError` with every problem."""
    data = _read_toml(path)
    name = _name(path)
    problems: list[str] = []
    known = {"schema", "organisation", "editions", "default", "edition"}
    problems += [f"{name}: key '{key}': unknown key (known: {', '.join(sorted(known))})" for key in data
                 if key not in known]
    if data.get("schema") != SCHEMA:
        problems.append(f"{name}: key 'schema': must be {SCHEMA}")
    organisation = _text(data, "organisation", f"{name}: key '", problems)
    codes = data.get("editions")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        problems.append(f"{name}: key 'editions': must be a list of language codes, such as [\"en\", \"ro\"]")
        codes = []
    if len(set(codes)) != len(codes):
        problems.append(f"{name}: key 'editions': a language is listed twice")
    tables = data.get("edition", {})
    if not isinstance(tables, dict):
        problems.append(f"{name}: key 'edition': must be tables [edition.<code>]")
        tables = {}
    default = data.get("default")
    if default not in codes:
        problems.append(f"{name}: key 'default': {default!r} is not one of the editions {codes}")
    parsed: dict[str, Edition] = {}
    for code, table in tables.items():  # every edition's table is checked, built or not
        where = f"{name}: key 'edition.{code}"
        if not CODE.match(code):
            problems.append(f"{where}': {code!r} is not a language code (two or three lowercase letters)")
            continue
        if not isinstance(table, dict):
            problems.append(f"{where}': must be a table [edition.{code}]")
            continue
        problems += [f"{where}.{key}': unknown key (known: contacts, review)" for key in table
                     if key not in ("review", "contacts")]
        review = _text(table, "review", f"{where}.", problems)
        raw = table.get("contacts", [])
        if not isinstance(raw, list):
            problems.append(f"{where}.contacts': must be a list of tables [[edition.{code}.contacts]]")
            raw = []
        contacts = [_contact(c, f"{where}.contacts[{n}]", problems) for n, c in enumerate(raw)]
        parsed[code] = Edition(code, review, tuple(c for c in contacts if c is not None))
    built: list[Edition] = []
    for code in codes:
        if not CODE.match(code):
            problems.append(f"{name}: key 'editions': {code!r} is not a language code (two or three lowercase letters)")
        elif not (i18n / code / "ui.toml").is_file():
            problems.append(f"{name}: key 'editions': no {_name(i18n / code / 'ui.toml')} for {code!r}")
        elif code not in tables:
            problems.append(f"{name}: key 'edition.{code}': missing: every edition built needs [edition.{code}] "
                            "with its review status")
        elif code in parsed:
            built.append(parsed[code])
    if problems:
        raise SettingsError("\n".join(problems))
    return Settings(path, organisation, str(default), tuple(built))


# --- interface text: i18n/<lang>/ui.toml -----------------------------------------------------------------

def slug(title: str) -> str:
    """The key of a nav title in ``ui.toml`` ("Your wellbeing" → ``your-wellbeing``)."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")


def nav_titles(nav: list[Any]) -> list[str]:
    """Every title the nav gives (sections and titled pages), in order."""
    found: list[str] = []
    for entry in nav:
        if isinstance(entry, dict):
            for title, inner in entry.items():
                found.append(str(title))
                if isinstance(inner, list):
                    found += nav_titles(inner)
    return found


def translate_nav(nav: list[Any], titles: Mapping[str, str]) -> list[Any]:
    """The nav with every title replaced by its translation (``titles``: slug → text)."""
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append({titles[slug(str(t))]: translate_nav(i, titles) if isinstance(i, list) else i
                        for t, i in entry.items()})
        else:
            out.append(entry)
    return out


def base_config(config: Path) -> dict[str, Any]:
    """The shared configuration as MkDocs reads it (``INHERIT`` resolved the MkDocs way)."""
    return site.resolved(config)


def read_ui(path: Path) -> dict[str, Any]:
    """A ``ui.toml`` as ``section.key`` → value, with the interface text of the file it inherits, if any.

    ``inherit = "<path>"`` (relative to the file) takes the keys of another ``ui.toml`` first, but for its
    ``[site]`` and ``[nav]``, which name that other site and follow its nav; the file's own keys replace
    them. The editions fixture takes the repository's interface text this way, with its own site name and
    nav. An inherited file may not inherit in turn.
    """
    data = _read_toml(path)
    parent = data.pop("inherit", None)
    if parent is None:
        return flat(data)
    where = f"{_name(path)}: key 'inherit'"
    if not isinstance(parent, str):
        raise SettingsError(f"{where}: must be the path of another ui.toml")
    if not (path.parent / parent).is_file():
        raise SettingsError(f"{where}: no file {parent} (a path relative to this file)")
    base = _read_toml((path.parent / parent).resolve())
    if "inherit" in base:
        raise SettingsError(f"{where}: {parent} inherits in turn (one level only)")
    inherited = {k: v for k, v in flat(base).items() if not k.startswith(SITE_TABLES)}
    return {**inherited, **flat(data)}


def wellbeing_contacts(contacts: Path = paths.CONTENT / "contacts.toml") -> list[dict[str, Any]]:
    """The numbers the self-checks' help box shows (``wellbeing = true`` in ``content/contacts.toml``)."""
    data = tomllib.loads(contacts.read_text(encoding="utf-8"))
    return [entry for entry in data["contact"] if entry.get("wellbeing") is True]


def contact_key(number: str) -> str:
    """The ``ui.toml`` key of a help-box number: its digits (``contacts.112.holder``)."""
    return "contacts." + re.sub(r"[^0-9]", "", number)


def ui_keys(lang: str, i18n: Path, nav: list[Any], contacts: Path = paths.CONTENT / "contacts.toml") -> set[str]:
    """The keys a language's ``ui.toml`` must have.

    Every key of the English ``ui.toml``; a translation also needs the site's name, description and
    footer, every nav title (English: ``mkdocs.yml``) and the words of every help-box number (English:
    ``content/contacts.toml``).
    """
    keys = set(read_ui(i18n / paths.SOURCE_LANG / "ui.toml"))
    if lang != paths.SOURCE_LANG:
        keys |= {"site.name", "site.description", "site.copyright"}
        keys |= {f"nav.{slug(title)}" for title in nav_titles(nav)}
        keys |= {f"{contact_key(c['number'])}.{field}"
                 for c in wellbeing_contacts(contacts) for field in ("holder", "what")}
    return keys


def flat(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A TOML document as ``section.key`` → value (``schema`` left out)."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if not prefix and key == "schema":
            continue
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


class Interface(Mapping[str, str]):
    """One language's interface text (``ui.toml``) by ``section.key``: what every build step writes in words.

    ``ui["paper.notes"]`` is a string as written; ``ui.text("paper.source", source=…)`` fills in its
    placeholders; ``ui.web()`` is the ``[web]`` table, nested, as the page scripts receive it.
    """

    def __init__(self, lang: str, values: Mapping[str, str], where: str = "ui.toml") -> None:
        self.lang = lang
        self._values = dict(values)
        self._where = where

    def __getitem__(self, key: str) -> str:
        try:
            return self._values[key]
        except KeyError:
            raise KeyError(f"{self._where}: no key {key!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def text(self, key: str, /, **fields: object) -> str:
        """The text of ``key`` with its ``{placeholders}`` filled in."""
        return self[key].format(**fields)

    def decimal(self, number: object) -> str:
        """A number as the build writes it (``6.5``), with the language's decimal separator (``6,5``)."""
        return str(number).replace(".", self["edition.decimal_separator"])

    def table(self, prefix: str) -> dict[str, Any]:
        """Every key under ``prefix`` (``web``), nested again: ``{"selfcheck": {"ready": …, "offline": {…}}}``."""
        out: dict[str, Any] = {}
        for key, value in self._values.items():
            if not key.startswith(prefix + "."):
                continue
            *path, last = key[len(prefix) + 1:].split(".")
            node = out
            for part in path:
                node = node.setdefault(part, {})
            node[last] = value
        return out

    def web(self) -> dict[str, Any]:
        """The page scripts' messages (``[web.<module>]``), given to every page as JSON."""
        return self.table("web")


@functools.cache
def english_ui(i18n: Path = paths.I18N) -> Interface:
    """The English interface text (``i18n/en/ui.toml``): the default of every build step that writes words."""
    path = i18n / paths.SOURCE_LANG / "ui.toml"
    return Interface(paths.SOURCE_LANG, {k: str(v) for k, v in read_ui(path).items()}, _name(path))


def load_ui(lang: str, i18n: Path, nav: list[Any], contacts: Path = paths.CONTENT / "contacts.toml") -> Interface:
    """A language's interface text, checked: missing, extra and non-text keys, and placeholders."""
    path = i18n / lang / "ui.toml"
    name = _name(path)
    data = _read_toml(path)
    values = read_ui(path)
    wanted = ui_keys(lang, i18n, nav, contacts)
    problems = [] if data.get("schema") == SCHEMA else [f"{name}: key 'schema': must be {SCHEMA}"]
    problems += [f"{name}: key '{k}': missing" for k in sorted(wanted - set(values))]
    problems += [f"{name}: key '{k}': extra (not used: check the spelling or the nav of mkdocs.yml)"
                 for k in sorted(set(values) - wanted)]
    problems += [f"{name}: key '{k}': must be non-empty text" for k, v in values.items()
                 if k in wanted and (not isinstance(v, str) or not v.strip())]
    english = read_ui(i18n / paths.SOURCE_LANG / "ui.toml")
    problems += [f"{name}: key '{k}': placeholders {_fields(english[k])} must stay as they are (found {_fields(v)})"
                 for k, v in values.items() if isinstance(v, str) and _fields(v) != _fields(english.get(k, ""))]
    if problems:
        raise SettingsError("\n".join(problems))
    return Interface(lang, {k: str(v) for k, v in values.items()}, name)


def _fields(text: object) -> list[str]:
    """The placeholders of a text, sorted, each once (``{organisation}`` → ``["{organisation}"]``)."""
    return sorted(set(PLACEHOLDER.findall(str(text))))


# --- the generated configuration ------------------------------------------------------------------------

def relative(source: str, target: str) -> str:
    """The relative path from one edition's root to another's (prefixes ``""`` or ``"ro/"``)."""
    ups = "../" * source.count("/")
    return ups + target


def alternates(settings: Settings, code: str, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """``extra.alternate``: every edition, its name in its own language and its root from ``code``'s root."""
    here = settings.prefix(code)
    return [{"name": names[e.code], "link": relative(here, settings.prefix(e.code)), "lang": e.code,
             **({"default": True} if e.code == settings.default else {})}
            for e in settings.editions]


def config(settings: Settings, edition: Edition, ui: Interface, names: Mapping[str, str],
           base: Path, docs: Path, includes: list[Path]) -> dict[str, Any]:
    """The generated configuration of one edition (``INHERIT`` is added when it is written)."""
    shared = base_config(base)
    code = edition.code
    here = settings.prefix(code)
    source = code == paths.SOURCE_LANG
    published = ui["labels.published_by"].format(organisation=settings.organisation)
    custom = shared.get("theme", {}).get("custom_dir")
    theme: dict[str, Any] = {"language": code}
    if custom:
        theme["custom_dir"] = str((base.parent / custom).resolve())
    site_url = str(shared.get("site_url") or "")
    result: dict[str, Any] = {
        "docs_dir": str(docs.resolve()),
        "copyright": f"{shared.get('copyright', '') if source else ui['site.copyright']} {published}".strip(),
        "theme": theme,
        "extra": {
            "edition": {
                "lang": code,
                "shared": relative(here, ""),
                "review": "" if edition.reviewed else edition.review,
                "review_label": ui["labels.review"],
                "page": {k.removeprefix("page."): v for k, v in ui.items() if k.startswith("page.")},
                "messages": MESSAGES_FILE,
            },
        },
    }
    if site_url:
        result["site_url"] = site_url.rstrip("/") + "/" + here
    if len(settings.editions) > 1:
        result["extra"]["alternate"] = alternates(settings, code, names)
    if not source:
        result["site_name"] = ui["site.name"]
        result["site_description"] = ui["site.description"]
        titles = {k.removeprefix("nav."): v for k, v in ui.items() if k.startswith("nav.")}
        result["nav"] = translate_nav(shared.get("nav", []), titles)
    result["markdown_extensions"] = _extensions(shared.get("markdown_extensions", []), includes)
    return result


def _extensions(extensions: list[Any], includes: list[Path]) -> list[Any]:
    """The shared Markdown extensions, the snippets' folders set to ``includes`` (first found wins)."""
    out: list[Any] = []
    for entry in extensions:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = dict(entry["pymdownx.snippets"] or {})
            options["base_path"] = [str(p.resolve()) for p in includes]
            out.append({"pymdownx.snippets": options})
        else:
            out.append(entry)
    return out


def write_config(target: Path, base: Path, values: Mapping[str, Any]) -> Path:
    """Write a generated configuration that inherits ``base``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    inherit = Path(os.path.relpath(base, target.parent)).as_posix()
    text = yaml.safe_dump({"INHERIT": inherit, **values}, sort_keys=False, allow_unicode=True, width=120)
    target.write_text("# Generated by scripts/editions.py for one edition's build; do not edit.\n" + text,
                      encoding="utf-8")
    return target


def assemble_docs(lang: str, target: Path, docs: Path, i18n: Path) -> Path:
    """The docs folder of a translated edition: its pages plus every non-page file of ``docs/``."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(i18n / lang / "docs", target)
    for asset in sorted(p for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"):
        destination = target / asset.relative_to(docs)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(asset, destination)
    return target


# --- the page scripts' messages ----------------------------------------------------------------------------

#: Where each edition's messages for the page scripts go, from the edition's root (``overrides/main.html``
#: preloads it; ``web/messages.js`` reads it).
MESSAGES_FILE = "assets/messages.json"


#: The key, in the messages file, of the abbreviations' glossary anchors (not a table of ``[web]``).
GLOSSARY_KEY = "glossaryAnchors"
_GLOSSARY_HEADING = re.compile(r"^## (.+?) \{#([a-z0-9-]+)\}[ \t]*$", re.MULTILINE)
_ABBREVIATION = re.compile(r"^\*\[([^\]]+)\]:", re.MULTILINE)


def glossary_anchors(docs: Path, includes: list[Path]) -> dict[str, str]:
    """Each abbreviation an edition defines → the anchor of its glossary entry (where a tapped one links).

    ``includes`` are the edition's snippet folders, first found wins (its own ``abbreviations.md``, else
    the English one). An abbreviation's entry is the first heading with an explicit anchor that starts
    with it, else the first that names it as a word: the Romanian "POS (procedură operațională standard;
    SOP, …) {#sop}" is the entry of both POS and SOP, since every edition keeps the English anchors.
    """
    glossary = docs / "glossary.md"
    found = next((folder / "abbreviations.md" for folder in includes if (folder / "abbreviations.md").is_file()), None)
    if not glossary.is_file() or found is None:
        return {}
    headings = _GLOSSARY_HEADING.findall(glossary.read_text(encoding="utf-8"))
    anchors: dict[str, str] = {}
    for name in dict.fromkeys(_ABBREVIATION.findall(found.read_text(encoding="utf-8"))):
        word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        anchor = next((a for words, a in headings if words == name or words.startswith(name + " ")), None) \
            or next((a for words, a in headings if word.search(words)), None)
        if anchor:
            anchors[name] = anchor
    return anchors


def write_messages(root: Path, ui: Interface, glossary: Mapping[str, str] | None = None) -> Path:
    """Write an edition's ``[web]`` table as JSON into its built folder ``root`` (one file, shared by its pages).

    ``glossary`` (from :func:`glossary_anchors`) goes in too, under :data:`GLOSSARY_KEY`, when given.
    """
    target = root / MESSAGES_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = dict(ui.web())
    if glossary is not None:
        data[GLOSSARY_KEY] = dict(glossary)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                      encoding="utf-8")
    return target


# --- the local help fragment -------------------------------------------------------------------------------

def local_help(settings: Settings, edition: Edition, ui: Mapping[str, str]) -> str:
    """The ``{{ local-help }}`` fragment: the edition's local contacts (nothing when it lists none)."""
    if not edition.contacts:
        return ""
    items = []
    for contact in edition.contacts:
        parts = [f"<strong>{escape(contact.name)}</strong>: {escape(contact.what)}"]
        if contact.phone:
            tel = re.sub(r"[^0-9+]", "", contact.phone)
            parts.append(f'{escape(ui["labels.phone"])} <a href="tel:{tel}">{escape(contact.phone)}</a>')
        if contact.email:
            parts.append(f'{escape(ui["labels.email"])} <a href="mailto:{escape(contact.email)}">'
                         f"{escape(contact.email)}</a>")
        if contact.url:
            parts.append(f'<a href="{escape(contact.url)}">{escape(ui["labels.website"])}</a>')
        if contact.hours:
            parts.append(f'{escape(ui["labels.hours"])} {escape(contact.hours)}')
        items.append(f"<li>{' · '.join(parts)}</li>")
    intro = ui["labels.local_help_intro"].format(organisation=settings.organisation)
    return (
        f'<section class="sc-local-help" data-local-help="{escape(edition.code)}">'
        f'<h2>{escape(ui["labels.local_help"])}</h2><p>{escape(intro)}</p><ul>{"".join(items)}</ul></section>\n'
    )


def write_local_help(out: Path, settings: Settings, edition: Edition, ui: Mapping[str, str]) -> Path:
    """Write ``local-help.html`` into an edition's fragment folder."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "local-help.html"
    target.write_text(local_help(settings, edition, ui), encoding="utf-8")
    return target
