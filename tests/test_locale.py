"""selfcheck's own words in three languages (src/selfcheck/_locale.py and src/selfcheck/locales/*.toml).

The Romanian and Bulgarian files are checked as soon as they exist (until then their tests skip,
saying so): the same keys and placeholders as English, no empty value, the right letters, and
every kind scored in that language gives the same numbers and ids as in English.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import string
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import selfcheck
from selfcheck import AnswerError, Quiz, SelfcheckError, _locale, classify, handle, load_file
from selfcheck._classify import FACTS, RULES, rules_in
from selfcheck._locale import DEFAULT, LANGUAGES, Words, catalog, check_language, decimal, language_of, text
from support import EXERCISES, run_cli

SOURCE = Path(selfcheck.__file__).resolve().parent
OTHERS = [lang for lang in LANGUAGES if lang != DEFAULT]


def locale_file(lang: str) -> Any:
    """The locale file of ``lang`` inside the package (it may not exist yet)."""
    return resources.files("selfcheck").joinpath("locales", f"{lang}.toml")


def needs(lang: str) -> None:
    """Skip, saying why, while a translation's locale file does not exist yet (then its tests are mandatory)."""
    if not locale_file(lang).is_file():
        pytest.skip(f"selfcheck/locales/{lang}.toml does not exist yet: its translation has not started")


def fields(value: str) -> set[str]:
    """The placeholders of a template, as :meth:`str.format` reads them (``{count}``, ``{key!r}``)."""
    return {f"{name}!{conversion}" if conversion else name
            for _, name, _, conversion in string.Formatter().parse(value) if name is not None}


# ----- the files


@pytest.mark.parametrize("lang", LANGUAGES)
def test_locale_file_is_schema_1_with_text_only(lang: str) -> None:
    """Each locale declares schema 1 and holds only tables of text (a number or a list would be structure)."""
    needs(lang)
    data = tomllib.loads(locale_file(lang).read_text(encoding="utf-8"))
    assert data.pop("schema") == 1
    assert catalog(lang)  # flattening refuses anything but text


@pytest.mark.parametrize("lang", OTHERS)
def test_translations_have_exactly_the_english_keys(lang: str) -> None:
    """Romanian and Bulgarian have every English key and no other."""
    needs(lang)
    english, translated = set(catalog(DEFAULT)), set(catalog(lang))
    assert sorted(english - translated) == [], f"missing in {lang}.toml"
    assert sorted(translated - english) == [], "not in en.toml"


@pytest.mark.parametrize("lang", OTHERS)
def test_translations_keep_every_placeholder(lang: str) -> None:
    """Per key, a translation has the same placeholders as the English: no number or name is lost or invented."""
    needs(lang)
    differ = {key: (sorted(fields(value)), sorted(fields(catalog(lang).get(key, ""))))
              for key, value in catalog(DEFAULT).items() if fields(value) != fields(catalog(lang).get(key, value))}
    assert differ == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_value_is_empty(lang: str) -> None:
    """An empty value would show nothing to a reader: every key has text."""
    needs(lang)
    assert [key for key, value in catalog(lang).items() if not value.strip()] == []


def test_romanian_uses_comma_below_letters() -> None:
    """Romanian is written with ș ț Ș Ț (comma below), never the cedilla forms ş ţ Ş Ţ."""
    needs("ro")
    assert [key for key, value in catalog("ro").items() if re.search("[şţŞŢ]", value)] == []


#: Latin words a Bulgarian text may keep: codes, names of foreign bodies and laws, formats and the CLI.
LATIN_ALLOWED = re.compile(
    r"\{[^}]*\}|python -m selfcheck draw ID --seed N|\bCETS\b|\bDGASPC\b|\bANITP\b|"
    r"\bJSON\b|\bJavaScript\b|\bseed\b|\bnot-yet\b|\bready\b|\btrue\b|\bfalse\b|\bnull\b"
)


def test_bulgarian_is_cyrillic_apart_from_codes_and_names() -> None:
    """Bulgarian values are in Cyrillic: once placeholders, codes and foreign names are set aside, no Latin letter."""
    needs("bg")
    latin = {key: value for key, value in catalog("bg").items() if re.search("[A-Za-z]", LATIN_ALLOWED.sub("", value))}
    assert latin == {}


TERMS = Path(__file__).resolve().parents[1] / "i18n" / "terms.toml"


@pytest.mark.parametrize("lang", OTHERS)
def test_translations_use_no_avoided_term(lang: str) -> None:
    """No value uses a term that i18n/terms.toml lists as avoided in that language (read where the file is)."""
    needs(lang)
    if not TERMS.is_file():
        pytest.skip("i18n/terms.toml is not here (the Pyodide run mounts only the package, tests and definitions)")
    avoided = [word for term in tomllib.loads(TERMS.read_text(encoding="utf-8"))["term"]
               for word in term.get(f"avoid_{lang}", [])]
    assert avoided, "terms.toml lists avoided terms for this language"
    found = {(key, word) for key, value in catalog(lang).items() for word in avoided
             if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", value, re.IGNORECASE)}
    assert found == set()


# ----- the keys the code uses


#: Helpers that take a key after the language, and the table they prefix it with (``_say``: the module's own).
HELPERS = {"text": "", "has": "", "_reason": "classify.reason."}
#: The modules with a ``_say(lang, key)`` of their own, and its table.
SAY_TABLES = {"_observation.py": "observation.", "_record.py": "record."}
#: A string of the code that names a whole key: a table of en.toml, a dot, kebab-case words or ids.
KEY = re.compile(r"^[a-z][a-z-]*\.[a-z0-9_.-]+$")


def key_arguments() -> Iterator[tuple[str, str, bool]]:
    """``(module, key, literal)`` for every key the code names.

    A key is named when it is passed to a locale helper (a literal, either branch of ``a if c else b``,
    or an f-string, which gives the key's fixed start: the rest is an id the code fills in), or when a
    string constant of the code is a whole key (kept in a variable first).
    """
    tables = {key.split(".")[0] for key in catalog(DEFAULT)}
    for path in sorted(SOURCE.glob("_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                start = str(node.values[0].value)
                if start.split(".")[0] in tables and "." in start:
                    yield path.name, start, False
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts \
                    and KEY.match(node.value) and node.value.split(".")[0] in tables \
                    and not node.value.endswith((".toml", ".md", ".py")):
                yield path.name, node.value, True
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) >= 2:
                prefix = SAY_TABLES.get(path.name) if node.func.id == "_say" else HELPERS.get(node.func.id)
                if prefix is None:
                    continue
                arg = node.args[1]
                for option in [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]:
                    if isinstance(option, ast.Constant) and isinstance(option.value, str):
                        yield path.name, prefix + option.value, True
                    elif isinstance(option, ast.JoinedStr) and isinstance(option.values[0], ast.Constant):
                        yield path.name, prefix + str(option.values[0].value), False


def test_every_key_the_code_names_exists_in_english() -> None:
    """Each literal key exists in en.toml, and each key made from an id has at least one key with its start."""
    english = catalog(DEFAULT)
    tables = {key.rsplit(".", 1)[0] + "." for key in english}  # a constant naming a table, as Words() takes
    missing = [(module, key) for module, key, literal in key_arguments()
               if (key not in english and key + "." not in tables if literal
                   else not any(k.startswith(key) for k in english))]
    assert missing == []


def test_every_english_key_is_used_by_the_code() -> None:
    """No dead text: every key of en.toml is named by the code, literally or as an id after a fixed start."""
    literal = {key for _, key, whole in key_arguments() if whole}
    starts = {key for _, key, whole in key_arguments() if not whole and key.count(".") >= 1}
    unused = [key for key in catalog(DEFAULT)
              if key not in literal and not any(key.startswith(start) for start in starts)]
    assert unused == []


# ----- the API


def test_unknown_language_is_a_one_line_error_naming_the_languages() -> None:
    """An unknown language is refused in one line that names the ones selfcheck speaks."""
    with pytest.raises(SelfcheckError, match=r"unknown language 'fr' \(languages: en, ro, bg\)"):
        check_language("fr")
    with pytest.raises(SelfcheckError, match="unknown language"):
        classify(dict.fromkeys(FACTS), lang="de")
    assert language_of({}) == "en" and language_of({"lang": "bg"}) == "bg"


def test_a_language_whose_file_is_not_there_yet_reads_as_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """While a translation has not started (no file in the package), its edition gets the English words."""
    catalog.cache_clear()
    rules_in.cache_clear()
    monkeypatch.setattr(_locale, "available", lambda lang: lang == DEFAULT)
    try:
        assert catalog("ro") == catalog(DEFAULT)
        assert classify(dict.fromkeys(FACTS), lang="bg").summary == classify(dict.fromkeys(FACTS)).summary
    finally:
        catalog.cache_clear()
        rules_in.cache_clear()


def test_a_missing_key_is_a_bug_not_a_message() -> None:
    """Asking for a key no locale has raises KeyError: the code is wrong, and the tests must say so."""
    with pytest.raises(KeyError):
        text("en", "cbi.no-such-key")


def test_text_fills_placeholders_and_numbers_follow_the_language() -> None:
    """``text`` fills named placeholders; a decimal number is written the language's way."""
    assert text("en", "quiz.question", number=3) == "Question 3"
    assert decimal("en", "42.5") == "42.5"


def test_english_views_keep_the_old_names() -> None:
    """The English dicts kept for callers (``RECORD_TEXT``, tests) answer under their old snake_case names."""
    assert selfcheck.RECORD_TEXT["note_refresh_off"] == text("en", "record.note-refresh-off")
    assert Words("observation")["outcome_not-yet"] == text("en", "observation.outcome-not-yet")
    assert "col-step" in list(selfcheck.RECORD_TEXT)
    with pytest.raises(KeyError):
        Words("record")["no_such_key"]


def test_bridge_refuses_an_unknown_language_in_one_line() -> None:
    """The bridge answers ``ok: false`` with the one-line error, whatever the operation."""
    answer = json.loads(handle(json.dumps({"op": "classify", "facts": dict.fromkeys(FACTS), "lang": "xx"})))
    assert answer == {"ok": False, "error": "unknown language 'xx' (languages: en, ro, bg)"}


def test_cli_refuses_an_unknown_language() -> None:
    """``--lang`` offers en, ro and bg; anything else is a one-line usage error, exit 2."""
    done = run_cli("classify", "-", "--lang", "fr", stdin=json.dumps(dict.fromkeys(FACTS)))
    assert done.returncode == 2 and "invalid choice: 'fr'" in done.stderr and "Traceback" not in done.stderr


# ----- scoring in every language: the same numbers and ids, the words of the language


#: Result fields whose strings are ids or data, equal in every language.
SAME = {"exercise", "kind", "id", "status", "verdict", "chosen", "expected", "outcome", "route", "open",
        "ticked", "answered", "missing", "also", "mode", "objective", "href", "date", "today", "fact",
        "assessment_due", "service_end", "checkin", "suggested_checkin", "seed", "section", "type"}


def shape(value: Any, key: str = "") -> Any:
    """A result with the words taken out: every number, flag and id kept, every other string replaced by a mark."""
    if isinstance(value, dict):
        return {k: shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v, key) for v in value]
    if isinstance(value, str) and key not in SAME:
        return "…"
    return value


def words(value: Any) -> str:
    """Every string of a result, joined."""
    if isinstance(value, dict):
        return " ".join(words(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(words(v) for v in value)
    return value if isinstance(value, str) else ""


#: What shows that a text is in the language: Romanian letters, Cyrillic.
LETTERS = {"ro": "[ăâîșțĂÂÎȘȚ]", "bg": "[А-Яа-я]"}


def in_every_language(score: Any) -> Iterator[tuple[str, Any, Any]]:
    """``(lang, English result, result in lang)`` for each translation that exists."""
    english = score(DEFAULT)
    for lang in OTHERS:
        if locale_file(lang).is_file():
            yield lang, english, score(lang)


def check_translated(score: Any) -> None:
    """Scored in each translation: same shape, numbers and ids as English, and words in that language."""
    needs("ro")
    needs("bg")
    for lang, english, translated in in_every_language(score):
        assert shape(translated) == shape(english), lang
        assert translated["summary"] != english["summary"], lang
        assert re.search(LETTERS[lang], words(translated)), lang


def test_cbi_scored_in_every_language() -> None:
    """The CBI in Romanian and Bulgarian: the same scores and bands, the summary and notes in that language."""
    cbi = load_file(EXERCISES / "wellbeing" / "cbi.toml")
    items = cbi.describe()["items"]
    answers = {item["id"]: item["options"][n % 5]["id"] for n, item in enumerate(items) if n != 3}
    check_translated(lambda lang: cbi.score(answers, lang=lang))


def test_knowledge_check_scored_in_every_language() -> None:
    """A drawn attempt, half right, in every language: same points and verdict, feedback framing translated."""
    bank = load_file(EXERCISES / "knowledge-checks" / "kc-02-identification.toml")
    assert isinstance(bank, Quiz)
    attempt = bank.draw(7)
    answers: dict[str, object] = {}
    for n, drawn in enumerate(attempt.items):
        right = [o.id for o in drawn.options if o.id in drawn.item.correct]
        wrong = [o.id for o in drawn.options if o.id not in drawn.item.correct]
        chosen = right if n % 2 else wrong[:1]
        answers[drawn.id] = chosen[0] if drawn.item.choice.type == "single" else chosen
    check_translated(lambda lang: attempt.score(answers, lang=lang))
    check_translated(lambda lang: {**attempt.describe(lang=lang), "summary": attempt.describe(lang=lang)["before"]})


def test_checklist_scored_in_every_language() -> None:
    """A checklist half ticked: the same counts and open items, the progress in that language."""
    checklist = load_file(EXERCISES / "checklists" / "cl-referral.toml")
    checks = [i["id"] for i in checklist.describe()["items"] if i["type"] == "check"]
    answers = {ident: n % 2 == 0 for n, ident in enumerate(checks)}
    check_translated(lambda lang: checklist.score(answers, lang=lang))


def test_decision_aid_scored_in_every_language() -> None:
    """The decision aid with an unknown age: the same verdict, facts and missing facts; every notice translated."""
    aid = load_file(EXERCISES / "distinction" / "decision-aid.toml")
    answers = {"act": "yes", "means": "unknown", "exploitation_purpose": "yes", "own_livelihood_sex_work": "yes"}
    check_translated(lambda lang: aid.score(answers, lang=lang))


def test_scenario_quiz_scored_in_every_language() -> None:
    """The scenario quiz: the same points and statuses; the feedback framing in that language."""
    quiz = load_file(EXERCISES / "distinction" / "scenarios.toml")
    items = quiz.describe()["items"]
    answers: dict[str, object] = {}
    for n, item in enumerate(items[:8]):
        ids = [o["id"] for o in item["options"]]
        answers[item["id"]] = ids[n % len(ids)] if item["type"] == "single" else ids[: 1 + n % 3]
    check_translated(lambda lang: quiz.score(answers, lang=lang))


def test_every_other_kind_scored_in_every_language() -> None:
    """Plan, support plan, timeline, health insurance, reflection and rubric: same shape, own words translated."""
    needs("ro")
    needs("bg")
    for path in sorted(EXERCISES.rglob("*.toml")):
        exercise = load_file(path)
        if exercise.kind not in ("plan", "support-plan", "timeline", "insurance-route", "reflection", "observation"):
            continue
        answers = filled_answers(exercise.describe())
        check_translated(lambda lang, e=exercise, a=answers: e.score(a, lang=lang))  # type: ignore[misc]


def filled_answers(described: dict[str, Any]) -> dict[str, object]:
    """Plausible answers to every item of a form: ticks, the first option, dates a month apart, short texts."""
    answers: dict[str, object] = {}
    for n, item in enumerate(described["items"]):
        kind = item["type"]
        if kind == "check":
            answers[item["id"]] = n % 3 != 0
        elif kind == "single":
            answers[item["id"]] = item["options"][n % len(item["options"])]["id"]
        elif kind == "multiple":
            answers[item["id"]] = [item["options"][0]["id"]]
        elif kind == "date":
            answers[item["id"]] = "2026-11-30" if item["id"] in ("today", "check-date") else "2026-10-01"
        elif kind == "number":
            answers[item["id"]] = 200
        elif kind == "text" and item["id"] != "notes":
            answers[item["id"]] = "x" if n % 2 else ""
    if "checkin" in answers:
        answers["checkin"] = "2027-09-01"
    return answers


def test_answer_errors_speak_the_language() -> None:
    """A reader's mistake (a question left out) comes back in the reader's language, for the same question."""
    needs("ro")
    needs("bg")
    bank = load_file(EXERCISES / "knowledge-checks" / "kc-02-identification.toml")
    assert isinstance(bank, Quiz)
    attempt = bank.draw(3)
    messages = {}
    for lang in LANGUAGES:
        with pytest.raises(AnswerError) as caught:
            attempt.score({}, lang=lang)
        messages[lang] = caught.value
        assert [p.item for p in caught.value.problems] == attempt.item_ids()
    assert re.search(LETTERS["bg"], str(messages["bg"])) and str(messages["ro"]) != str(messages["en"])


def test_bridge_scores_in_the_requested_language() -> None:
    """The page's ``lang`` reaches the result: ``classify`` through the bridge answers in Bulgarian."""
    needs("bg")
    facts = dict.fromkeys(FACTS, False) | {"under_18": None, "act": True, "exploitation_purpose": True}
    answer = json.loads(handle(json.dumps({"op": "classify", "facts": facts, "lang": "bg"})))
    assert answer["ok"] and answer["result"] == classify(facts, lang="bg").to_json()
    assert re.search(LETTERS["bg"], answer["result"]["summary"])


def test_cli_classify_in_romanian() -> None:
    """``python -m selfcheck classify --lang ro`` prints the Romanian result."""
    needs("ro")
    facts = dict.fromkeys(FACTS, False) | {"act": True, "means": True, "exploitation_purpose": True}
    done = run_cli("classify", "-", "--lang", "ro", stdin=json.dumps(facts))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == classify(facts, lang="ro").to_json()


# ----- the safety rules in every language


@pytest.mark.parametrize("lang", OTHERS)
def test_safety_rules_have_their_words_in_every_language(lang: str) -> None:
    """The rules load in each translation with the same structure as in English, every notice worded."""
    needs(lang)
    rules = rules_in(lang)
    assert [r.id for r in rules.rules] == [r.id for r in RULES.rules]
    for ours, english in zip(rules.rules, RULES.rules, strict=True):
        assert (ours.when, ours.never, ours.presume, bool(ours.message)) == \
            (english.when, english.never, english.presume, bool(english.message))
        assert ours.title != english.title or ours.id == "no-adult-wording-for-a-child"


#: Words for an adult, by language: never shown for a person who is or may be under 18 (rule
#: no-adult-wording-for-a-child; safety.toml checks the English words on every call).
ADULT_WORDS = {
    "ro": r"adult\w*|major\w*",
    "bg": r"пълнолет\w*|възрастн\w*|възрастен",
}


@pytest.mark.parametrize("lang", OTHERS)
def test_no_adult_wording_for_a_possible_child_in_any_language(lang: str) -> None:
    """On all 3^7 fact sets where the person is or may be under 18, no translated text calls them an adult."""
    needs(lang)
    pattern = re.compile(rf"(?<![\w-])(?:{ADULT_WORDS[lang]})(?![\w-])", re.IGNORECASE)
    for values in itertools.product((True, False, None), repeat=len(FACTS)):
        facts = dict(zip(FACTS, values, strict=True))
        if facts["under_18"] is False:
            continue
        said = [t for t in classify(facts, lang=lang).texts() if pattern.search(t)]
        assert said == [], (facts, said)
