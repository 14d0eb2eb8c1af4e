"""The terminology of ``i18n/terms.toml``: preferred terms used, avoided terms absent.

Two checks, for a translated text against its English original:

- **avoided**: no entry of ``avoid_<lang>`` occurs in the text (case-insensitive substring, as the
  file's comment says), after the exact official titles of ``except_<lang>`` are removed;
- **preferred**: where the English text uses a term (``en`` or a ``variants_en`` entry, as whole
  words), the translation uses its preferred term in some inflected form, a ``variants_<lang>``
  entry or its ``abbr_<lang>``. Romanian and Bulgarian inflect ("traficul de persoane", "трафика на
  хора"), so each word of a term matches any word that starts with its stem (the word less its
  last one or two letters). A translation may say it in other words only where the term is not
  the subject; on a page that uses the English term, the preferred term must appear at least once.
  English words the translation keeps (a publication's title in Further reading) do not count: the
  check applies when the English text uses the term more often than the translation does. One word
  may come between the words of a term ("perioada legală de recuperare și reflecție").

Terms of ``register = "legal"`` (victim) are not checked for use: they belong in legal contexts
only, which a test cannot tell apart.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import paths

LANGS = ("ro", "bg")
SPACE = r"[\s\u00a0]+"
#: Inflection changes Romanian vowels (a → ă: "retraficare", "retraficării"): stems match without diacritics.
FOLD = str.maketrans("ăâîșşțţĂÂÎȘŞȚŢ", "aaissttAAISSTT")


class TermsError(Exception):
    """``i18n/terms.toml`` is malformed (file and key named)."""


def _stem(word: str) -> str:
    if len(word) >= 6:
        return word[:-2]
    if len(word) >= 4:
        return word[:-1]
    return word


@functools.lru_cache(maxsize=16)
def _casefold(text: str) -> str:
    """The text casefolded, every run of white space (line breaks, no-break spaces) as one space."""
    return re.sub(SPACE, " ", text).casefold()


@functools.cache
def inflected(term: str) -> re.Pattern[str]:
    """A pattern for ``term`` in any inflected form: each word by its stem, then any letters.

    Match it against :func:`fold`-ed text: the pattern is made from the folded term.
    """
    words = re.findall(r"\w+", fold(re.sub(r"\s*\([^)]*\)", "", term)))  # "(Romania)": a note, not the name
    body = r"\W+(?:\w+\W+)?".join(rf"{re.escape(_stem(word))}\w*" for word in words)  # one word may come between
    return re.compile(rf"(?<!\w){body}", re.IGNORECASE)


@functools.lru_cache(maxsize=16)  # the same page is folded once for every term checked against it
def fold(text: str) -> str:
    """The text with Romanian diacritics folded (ă â → a, î → i, ș → s, ț → t)."""
    return text.translate(FOLD)


def whole(term: str) -> re.Pattern[str]:
    """A pattern for ``term`` as whole words (English: no inflection needed beyond a plural -s)."""
    words = [re.escape(word) for word in term.split()]
    return re.compile(rf"(?<!\w){SPACE.join(words)}s?(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    """One ``[[term]]`` of the terminology."""

    id: str
    english: tuple[str, ...]
    register: str
    preferred: Mapping[str, tuple[str, ...]]  # lang -> preferred term, variants, abbreviation
    avoid: Mapping[str, tuple[str, ...]]  # lang -> avoided words (en too)
    exceptions: Mapping[str, tuple[str, ...]]  # lang -> official titles where an avoided word is right
    note: str = field(default="")

    @cached_property
    def _english(self) -> list[re.Pattern[str]]:
        return [whole(term) for term in self.english]

    @cached_property
    def _english_words(self) -> list[str]:
        return [re.sub(SPACE, " ", term).casefold() for term in self.english]

    def english_uses(self, text: str) -> int:
        """How often a text uses the English term (or an English variant)."""
        lowered = _casefold(text)
        if not any(word in lowered for word in self._english_words):  # fast path: most terms are absent
            return 0
        return sum(len(pattern.findall(text)) for pattern in self._english)

    def used_in(self, text: str, lang: str) -> bool:
        """Whether a text in ``lang`` uses the preferred term (inflected), a variant or the abbreviation."""
        folded = fold(text)
        return any(inflected(form).search(folded) for form in self.preferred.get(lang, ()))


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TermsError(f"{where}: key {key!r}: must be text or a list of texts")
    return tuple(v for v in value if v.strip())


class Terms:
    """Every term of the terminology, with the two checks."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        #: For each term, the English names of other terms that contain it ("Trafficking in Human Beings"
        #: inside the convention's title): those are checked as their own terms, not as uses of this one.
        self.containers: dict[str, list[re.Pattern[str]]] = {
            term.id: [whole(name) for other in self.terms if other is not term for name in other.english
                      if any(own.casefold() in name.casefold() and own.casefold() != name.casefold()
                             for own in term.english)]
            for term in self.terms
        }

    def _uses(self, term: Term, text: str) -> int:
        if not term.english_uses(text):
            return 0
        for container in self.containers[term.id]:
            text = container.sub(" ", text)
        return term.english_uses(text)

    def avoided(self, text: str, lang: str) -> list[str]:
        """One line per avoided word found in ``text``."""
        problems = []
        for term in self.terms:
            words = term.avoid.get(lang, ())
            if not words:
                continue
            kept = text
            for title in term.exceptions.get(lang, ()):
                kept = re.sub(re.escape(title), " ", kept, flags=re.IGNORECASE)
            lowered = kept.casefold()
            for word in words:
                if word.casefold() in lowered:
                    wanted = term.preferred.get(lang, ("",))[0] or term.english[0]
                    problems.append(f"avoided term {word!r} (terms.toml, {term.id}): write {wanted!r}")
        return problems

    def unused(self, english: str, translated: str, lang: str) -> list[str]:
        """One line per term the English text uses and the translation does not."""
        return [
            f"preferred term missing (terms.toml, {term.id}): the English uses {term.english[0]!r}; "
            f"write {' or '.join(repr(form) for form in term.preferred[lang])} (in any inflected form)"
            for term in self.terms
            if term.register != "legal" and term.preferred.get(lang)
            and self._uses(term, english) > self._uses(term, translated) and not term.used_in(translated, lang)
        ]

    def check(self, english: str, translated: str, lang: str) -> list[str]:
        """Both checks for a translated text."""
        return self.avoided(translated, lang) + self.unused(english, translated, lang)


def load(path: Path = paths.TERMS) -> Terms:
    """Read the terminology; raises :class:`TermsError` naming the file and key."""
    name = path.name if not path.is_relative_to(paths.ROOT) else path.relative_to(paths.ROOT).as_posix()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TermsError(f"{name}: cannot be read: {exc}") from None
    if data.get("schema") != 1:
        raise TermsError(f"{name}: key 'schema': must be 1")
    found = []
    for number, table in enumerate(data.get("term", []), start=1):
        where = f"{name}: term {table.get('id', number)!r}"
        if not isinstance(table.get("id"), str) or not isinstance(table.get("en"), str):
            raise TermsError(f"{where}: keys 'id' and 'en' are required text")
        preferred = {
            lang: tuple(t for t in (*_strings(table, lang, where), *_strings(table, f"variants_{lang}", where),
                                    *_strings(table, f"abbr_{lang}", where)))
            for lang in LANGS
        }
        found.append(Term(
            id=table["id"],
            english=(table["en"], *_strings(table, "variants_en", where)),
            register=str(table.get("register", "")),
            preferred=preferred,
            avoid={lang: _strings(table, f"avoid_{lang}", where) for lang in ("en", *LANGS)},
            exceptions={lang: _strings(table, f"except_{lang}", where) for lang in ("en", *LANGS)},
            note=str(table.get("note", "")),
        ))
    return Terms(found)
