"""The languages selfcheck writes in: every sentence for a reader comes from ``locales/<lang>.toml``.

A locale file is package data (``schema = 1``, then one table per module, keys in kebab-case,
values with ``{named}`` placeholders for :meth:`str.format`). It holds text only: ids, keys,
rules and numbers live once, in the code or the definitions. The code names a sentence by its
dotted key (``text("ro", "cbi.summary", parts=…)``); the three locales have exactly the same keys
and, per key, the same placeholders (``tests/test_locale.py``). A missing key is a bug in the
code and raises :class:`KeyError`; an unknown language is a one-line :class:`SelfcheckError`.

This module imports nothing of ours but the errors, so every module may use it.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources

from ._errors import SelfcheckError

#: The languages selfcheck speaks, in the order of the editions.
LANGUAGES: tuple[str, ...] = ("en", "ro", "bg")
#: The language of the API when none is given, and of the definitions' own text.
DEFAULT = "en"
#: The schema version every locale file declares.
SCHEMA = 1
#: Where the locale files live, inside the package.
FOLDER = "locales"


def check_language(lang: object) -> str:
    """``lang`` if selfcheck speaks it, else a one-line :class:`SelfcheckError` naming the languages."""
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise SelfcheckError(f"unknown language {lang!r} (languages: {', '.join(LANGUAGES)})")
    return lang


def language_of(request: Mapping[str, object]) -> str:
    """The language a bridge request asks for (``"lang"``, default English), checked."""
    return check_language(request.get("lang", DEFAULT))


def _flatten(table: Mapping[str, object], prefix: str, out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, f"{name}.", out)
        elif isinstance(value, str):
            out[name] = value
        else:
            raise SelfcheckError(f"selfcheck/{FOLDER}: key {name!r} must be text, got {type(value).__name__}")


def available(lang: str) -> bool:
    """Whether the locale file of ``lang`` is in the package (a translation not started has none yet)."""
    return resources.files("selfcheck").joinpath(FOLDER, f"{lang}.toml").is_file()


@functools.cache
def catalog(lang: str) -> Mapping[str, str]:
    """Every sentence of a language by dotted key (read once per language).

    A language selfcheck speaks whose file is not there yet (its translation has not started) reads
    as English, so an edition being translated still works; ``tests/test_locale.py`` says which.
    """
    check_language(lang)
    if lang != DEFAULT and not available(lang):
        return catalog(DEFAULT)
    where = f"selfcheck/{FOLDER}/{lang}.toml"
    try:
        raw = resources.files("selfcheck").joinpath(FOLDER, f"{lang}.toml").read_text(encoding="utf-8")
    except OSError as exc:
        raise SelfcheckError(f"{where} cannot be read: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise SelfcheckError(f"{where} is not valid TOML: {exc}") from None
    schema = data.pop("schema", None)
    if schema != SCHEMA:
        raise SelfcheckError(f"{where}: schema must be {SCHEMA}, got {schema!r}")
    out: dict[str, str] = {}
    _flatten(data, "", out)
    return out


def text(lang: str, key: str, /, **fields: object) -> str:
    """The sentence ``key`` in ``lang``, its ``{placeholders}`` filled from ``fields``."""
    return catalog(lang)[key].format(**fields)


def has(lang: str, key: str) -> bool:
    """Whether ``lang`` has a sentence under ``key`` (for optional text, such as a rule's notice)."""
    return key in catalog(lang)


def decimal(lang: str, number: str) -> str:
    """A number written with a dot (``42.5``) in the language's way (``42,5`` in Romanian and Bulgarian)."""
    return number.replace(".", text(lang, "number.decimal-separator"))


class Words(Mapping[str, str]):
    """One locale table as a read-only mapping (``Words("record", "ro")["statement"]``), unfilled.

    A name is looked up as given, then with ``_`` written ``-`` (the locales' kebab-case), so callers
    that read the English text as a dict before the locales (``RECORD_TEXT["note_refresh_off"]``)
    keep working. The placeholders stay for the caller's ``format``.
    """

    def __init__(self, table: str, lang: str = DEFAULT) -> None:
        self._prefix = f"{table}."
        self._lang = check_language(lang)

    def _key(self, name: str) -> str:
        words = catalog(self._lang)
        for candidate in (name, name.replace("_", "-")):
            if self._prefix + candidate in words:
                return self._prefix + candidate
        raise KeyError(name)

    def __getitem__(self, name: str) -> str:
        return catalog(self._lang)[self._key(name)]

    def __iter__(self) -> Iterator[str]:
        return (k[len(self._prefix):] for k in catalog(self._lang) if k.startswith(self._prefix))

    def __len__(self) -> int:
        return sum(1 for _ in self)
