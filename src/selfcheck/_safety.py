"""The safety rules of the distinction logic: data (``safety.toml``) beside the verdict rules of ``_classify``.

Each rule says when it applies (conditions on the facts, each yes, no or
unknown, and on the verdict to act on), whether it adds a notice to the result,
and what it forbids (verdicts, words). The file ships inside the package and is
read with :mod:`importlib.resources`, so the browser's Python reads exactly the
same rules. ``_classify`` applies them to every result; the tests apply them to
all 3^7 fact sets.

``safety.toml`` holds the structure only; each rule's words (title, source,
message, and the presumption's ``if-differ`` and ``if-same``) are in the locales
under ``safety.<rule id>``, so :func:`load_rules` gives the rules in one language.
The guards ``never_say`` and ``must_name`` are English words, checked against the
English text (see ``_classify``).

This module knows nothing of the verdict logic: the fact names and verdict ids
are passed in, so ``_classify`` can load the rules without an import cycle.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from ._errors import DefinitionError, SelfcheckError
from ._fields import Table, unique_ids
from ._locale import DEFAULT, FOLDER, LANGUAGES, catalog

#: The languages besides English in which a question rule's ``must_name`` terms are also given.
OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT)

RULES_FILE = "safety.toml"
SCHEMA = 1

#: How a rule names a fact's value.
VALUES: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}

Facts = Mapping[str, bool | None]


@dataclass(frozen=True)
class Condition:
    """All of these must hold: each named fact has one of its values, and the verdict is one of ``verdicts``."""

    facts: Mapping[str, frozenset[bool | None]]
    verdicts: frozenset[str] | None = None

    def holds(self, facts: Facts, verdict: str | None) -> bool:
        """Whether the condition holds for these facts and this verdict to act on."""
        if self.verdicts is not None and verdict not in self.verdicts:
            return False
        return all(facts[name] in values for name, values in self.facts.items())


@dataclass(frozen=True)
class Notice:
    """What a rule adds to a result: a titled message with its source."""

    id: str
    title: str
    message: str
    source: str

    def to_json(self) -> dict[str, str]:
        """The notice as a JSON object."""
        return {"id": self.id, "title": self.title, "message": self.message, "source": self.source}


@dataclass(frozen=True)
class Rule:
    """One safety rule. ``when`` is a list of alternatives (any may hold); empty means always."""

    id: str
    title: str
    source: str
    when: tuple[Condition, ...] = ()
    message: str = ""
    has_notice: bool = False
    never: frozenset[str] = frozenset()
    never_say: tuple[str, ...] = ()
    presume: tuple[str, bool] | None = None
    if_differ: str = ""
    if_same: str = ""
    question: str | None = None
    must_name: tuple[str, ...] = ()
    #: Per term of ``must_name`` (same order), its forms in the other languages (a translated
    #: question names the term in its own language): ``must_name_ro``, ``must_name_bg``.
    must_name_elsewhere: tuple[tuple[str, ...], ...] = ()

    def applies(self, facts: Facts, verdict: str | None) -> bool:
        """Whether the rule applies to a result: questions rules never do; no ``when`` means always."""
        if self.question is not None:
            return False
        return not self.when or any(c.holds(facts, verdict) for c in self.when)

    def notice(self, message: str | None = None) -> Notice:
        """The rule's notice (``message`` replaces the stored one, for rules that fill in a template)."""
        return Notice(self.id, self.title, self.message if message is None else message, self.source)

    def unnamed(self, question_text: str) -> list[str]:
        """The ``must_name`` terms the question's text names in no language (case-insensitive substrings).

        A term is named when its English form or one of its forms in another language is in the text
        (``a|b``: either wording), so the rule holds for the English definition and every translated one.
        """
        lowered = question_text.casefold()
        forms = self.must_name_elsewhere or tuple(() for _ in self.must_name)
        return [term for term, other in zip(self.must_name, forms, strict=True)
                if not any(form.casefold() in lowered for forms in (term, *other) for form in forms.split("|"))]

    def said(self, texts: Iterable[str]) -> list[str]:
        """The ``never_say`` words that occur in ``texts`` as whole words, in any case."""
        found = []
        for word in self.never_say:
            pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
            if any(pattern.search(text) for text in texts):
                found.append(word)
        return found


class SafetyRuleBroken(SelfcheckError):
    """A result breaks a safety rule: a fault in the verdict logic or the rules, never in the reader's answers."""


@dataclass(frozen=True)
class Rules:
    """Every safety rule, in file order, and the next step that ends every result."""

    rules: tuple[Rule, ...]
    next_step: Notice

    @property
    def presumption(self) -> Rule | None:
        """The rule with ``presume`` (at most one)."""
        return next((r for r in self.rules if r.presume is not None), None)

    def applying(self, facts: Facts, verdict: str | None) -> list[Rule]:
        """The rules that apply to a result, in file order."""
        return [r for r in self.rules if r.applies(facts, verdict)]

    def for_question(self, fact: str) -> list[Rule]:
        """The rules about a fact's question."""
        return [r for r in self.rules if r.question == fact]

    def check(self, facts: Facts, verdict: str, also: Sequence[str], texts: Iterable[str]) -> None:
        """Raise :class:`SafetyRuleBroken` when a result breaks a ``never`` or ``never_say`` of a rule that applies."""
        shown = list(texts)
        for rule in self.applying(facts, verdict):
            forbidden = [v for v in (verdict, *also) if v in rule.never]
            if forbidden:
                raise SafetyRuleBroken(
                    f"internal error: the result {forbidden[0]!r} breaks safety rule {rule.id!r}; "
                    "please report it to the site's maintainers"
                )
            words = rule.said(shown)
            if words:
                raise SafetyRuleBroken(
                    f"internal error: the result says {words[0]!r}, which safety rule {rule.id!r} forbids; "
                    "please report it to the site's maintainers"
                )


def parse_rules(
    data: Mapping[str, object],
    origin: str,
    facts: Sequence[str],
    verdicts: Sequence[str],
    lang: str = DEFAULT,
    texts: Mapping[str, str] | None = None,
) -> Rules:
    """Validate the rules data (a parsed TOML table) and give the rules their words in ``lang``.

    Errors name the file, the rule and the field; ``texts`` (default: the locale of ``lang``) holds
    the words by key (``safety.<rule id>.title``), and a rule without its words is refused too.
    """
    table = Table(data, origin)
    schema = table.integer("schema")
    if schema != SCHEMA:
        raise table.error("schema", f"unsupported schema version {schema} (this selfcheck reads version {SCHEMA})")
    rule_tables = table.tables("rules")
    unique_ids(rule_tables, table)
    rules = [_rule(t, facts, verdicts) for t in rule_tables]
    if sum(r.presume is not None for r in rules) > 1:
        raise table.error("rules", "only one rule may have 'presume'")
    step = table.table("next_step")
    step_id = step.ident()
    step.finish()
    table.finish()
    words = catalog(lang) if texts is None else texts
    worded = tuple(_worded(rule, t, words, lang) for rule, t in zip(rules, rule_tables, strict=True))
    said = _Words(step, step_id, words, lang)
    return Rules(worded, Notice(step_id, said("title"), said("message"), said("source")))


class _Words:
    """The words of one rule (or the next step) in a locale: a missing one is an error naming rule and field."""

    def __init__(self, table: Table, ident: str, words: Mapping[str, str], lang: str) -> None:
        self.table, self.prefix, self.words, self.lang = table, f"safety.{ident}.", words, lang

    def __call__(self, field: str) -> str:
        key = self.prefix + field
        value = self.words.get(key, "")
        if not value.strip():
            raise self.table.error(field, f"has no text in selfcheck/{FOLDER}/{self.lang}.toml (key {key!r})")
        return value


def _worded(rule: Rule, table: Table, words: Mapping[str, str], lang: str) -> Rule:
    said = _Words(table, rule.id, words, lang)
    return replace(
        rule,
        title=said("title"),
        source=said("source"),
        message=said("message") if rule.has_notice else "",
        if_differ=said("if-differ") if rule.presume else "",
        if_same=said("if-same") if rule.presume else "",
    )


def _rule(t: Table, facts: Sequence[str], verdicts: Sequence[str]) -> Rule:
    """A rule's structure; its words come later (:func:`_worded`)."""
    ident = t.ident()
    question = t.opt_text("question") or None
    if question is not None:
        if question not in facts:
            raise t.error("question", f"{question!r} is not a known fact (known facts: {', '.join(facts)})")
        must_name = tuple(t.texts("must_name"))
        elsewhere = []
        for lang in OTHER_LANGUAGES:
            forms = t.texts(f"must_name_{lang}", required=False)
            if forms and len(forms) != len(must_name):
                raise t.error(f"must_name_{lang}", f"must give one form for each of the {len(must_name)} terms "
                                                   "of 'must_name', in the same order")
            elsewhere.append(forms or [""] * len(must_name))
        t.finish()
        return Rule(ident, "", "", question=question, must_name=must_name,
                    must_name_elsewhere=tuple(tuple(f for f in forms if f) for forms in zip(*elsewhere, strict=True))
                    if must_name else ())
    when = _when(t, facts, verdicts)
    never = t.texts("never", required=False)
    for verdict in never:
        if verdict not in verdicts:
            raise t.error("never", f"{verdict!r} is not a verdict (verdicts: {', '.join(verdicts)})")
    presume = _presume(t, facts, when)
    rule = Rule(
        ident,
        "",
        "",
        when=when,
        has_notice=t.boolean("notice", False),
        never=frozenset(never),
        never_say=tuple(t.texts("never_say", required=False)),
        presume=presume,
    )
    if not (rule.has_notice or rule.never or rule.never_say):
        raise t.error("notice", "is missing: a rule needs a notice (notice = true), 'never' or 'never_say'")
    if presume and not rule.has_notice:
        raise t.error("notice", "must be true for a 'presume' rule: its notice says what was presumed")
    t.finish()
    return rule


def _when(t: Table, facts: Sequence[str], verdicts: Sequence[str]) -> tuple[Condition, ...]:
    raw = t.raw("when")
    if raw is None:
        return ()
    alternatives = [raw] if isinstance(raw, Mapping) else raw
    if not isinstance(alternatives, list) or not alternatives:
        raise t.error("when", "must be a table of conditions or a non-empty list of such tables")
    out = []
    for alternative in alternatives:
        if not isinstance(alternative, Mapping) or not alternative:
            raise t.error("when", "each alternative must be a non-empty table of conditions")
        out.append(_condition(t, alternative, facts, verdicts))
    return tuple(out)


def _condition(t: Table, raw: Mapping[str, object], facts: Sequence[str], verdicts: Sequence[str]) -> Condition:
    conditions: dict[str, frozenset[bool | None]] = {}
    chosen: frozenset[str] | None = None
    for name, value in raw.items():
        wanted = _strings(t, f"when.{name}", value)
        if name == "verdict":
            for verdict in wanted:
                if verdict not in verdicts:
                    raise t.error("when.verdict", f"{verdict!r} is not a verdict (verdicts: {', '.join(verdicts)})")
            chosen = frozenset(wanted)
        elif name in facts:
            for v in wanted:
                if v not in VALUES:
                    raise t.error(f"when.{name}", f"{v!r} is not yes, no or unknown")
            conditions[name] = frozenset(VALUES[v] for v in wanted)
        else:
            raise t.error(f"when.{name}", f"is not a known fact or 'verdict' (known facts: {', '.join(facts)})")
    return Condition(conditions, chosen)


def _strings(t: Table, field: str, value: object) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise t.error(field, "must be a string or a non-empty list of strings")
    return [str(v) for v in values]


def _presume(t: Table, facts: Sequence[str], when: tuple[Condition, ...]) -> tuple[str, bool] | None:
    raw = t.raw("presume")
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or len(raw) != 1:
        raise t.error("presume", "must name exactly one fact and its presumed value")
    [(name, value)] = raw.items()
    if name not in facts or value not in ("yes", "no"):
        raise t.error("presume", "must be {fact = \"yes\"} or {fact = \"no\"} for a known fact")
    unknown_only = len(when) == 1 and when[0].verdicts is None and when[0].facts.get(name) == frozenset({None})
    if not unknown_only:
        wanted = f'when = {{ {name} = "unknown" }}'
        raise t.error("when", f"a 'presume' rule applies exactly when {name!r} is unknown: {wanted}")
    return name, VALUES[value] is True


def load_rules(facts: Sequence[str], verdicts: Sequence[str], lang: str = DEFAULT) -> Rules:
    """The rules shipped with the package (``safety.toml``), validated, with their words in ``lang``."""
    origin = f"selfcheck/{RULES_FILE}"
    try:
        text = resources.files("selfcheck").joinpath(RULES_FILE).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DefinitionError(origin, f"cannot be read: {exc}") from None
    return parse_rules(data, origin, facts, verdicts, lang)
