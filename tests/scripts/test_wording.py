"""Tests for scripts.wording: the discouraged-wording list (content/wording.toml) and the SOP-names-Bulgaria check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts import fragments, paths, wording
from scripts.__main__ import main
from scripts.wording import WordingError

RULES = """schema = 1

[[phrase]]
id = "full-burning"
pattern = '\\bfull burning\\b'
preferred = "'burnout'"
why = "A literal translation."
quote_ok = true

[[phrase]]
id = "raid"
pattern = '\\braids?\\b'
preferred = "'a police operation'"
why = "Sensational."
"""


def make_repo(tmp_path: Path, files: dict[str, str], rules: str = RULES) -> Path:
    """A minimal repository: the given files (path -> text) and content/wording.toml holding ``rules``."""
    for name, text in {"content/wording.toml": rules, **files}.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for folder in ("docs", "includes", "exercises/checklists"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    return tmp_path


def problems(root: Path) -> str:
    """The message of the WordingError that check() raises for ``root`` (fails the test if none is raised)."""
    with pytest.raises(WordingError) as info:
        wording.check(root, root / "content" / "wording.toml")
    return str(info.value)


def test_the_repository_passes_the_check() -> None:
    """Every page, include and definition of this repository is free of discouraged wording and names Bulgaria."""
    assert wording.check() == len(wording.checked_files()) > 50


def test_the_real_list_has_rules_with_preferred_wording_and_reasons() -> None:
    """content/wording.toml loads, and holds the phrasings issue 13 names, each with what to write instead and why."""
    rules, _ = wording.load(paths.WORDING)
    ids = {r.id for r in rules}
    assert {"attitude-of-a-victim", "invented-answers", "full-burning", "raid", "fell-for"} <= ids
    assert all(r.preferred.strip() and r.why.strip() for r in rules)


def test_a_discouraged_phrase_fails_naming_file_line_and_preferred_wording(tmp_path: Path) -> None:
    """A page using a listed phrase is reported with its path, line number, the phrase and the preferred wording."""
    root = make_repo(tmp_path, {"docs/modules/m.md": "# M\n\nFound after a raid on a farm.\n"})
    message = problems(root)
    assert "docs/modules/m.md:3: 'raid'" in message
    assert "'a police operation'" in message and "Sensational." in message


def test_an_exercise_definition_is_checked_too(tmp_path: Path) -> None:
    """A TOML definition under exercises/ is scanned like a page, and the finding names its line."""
    definition = 'schema = 1\ntext = "They left after the raid."\n'
    root = make_repo(tmp_path, {"exercises/knowledge-checks/q.toml": definition})
    assert "exercises/knowledge-checks/q.toml:2: 'raid'" in problems(root)


def test_matching_ignores_case_and_reports_every_occurrence(tmp_path: Path) -> None:
    """Matches are case-insensitive, and two occurrences on two lines give two findings."""
    root = make_repo(tmp_path, {"docs/p.md": "Raids.\n\nAnother raid.\n"})
    message = problems(root)
    assert "docs/p.md:1: 'Raids'" in message and "docs/p.md:3: 'raid'" in message
    assert message.startswith("2 wording problem(s)")


def test_quote_ok_allows_the_phrase_in_quotation_marks_only(tmp_path: Path) -> None:
    """With quote_ok, a Markdown page may quote the source's words; the same phrase unquoted still fails."""
    quoted = make_repo(tmp_path / "a", {"docs/p.md": 'The guide calls it "full burning"; we say burnout.\n'})
    assert wording.check(quoted, quoted / "content" / "wording.toml") == 1
    bare = make_repo(tmp_path / "b", {"docs/p.md": "Burnout, or full burning, is exhaustion.\n"})
    assert "docs/p.md:1: 'full burning'" in problems(bare)


def test_quote_ok_does_not_apply_to_rules_without_it(tmp_path: Path) -> None:
    """A rule without quote_ok fails even inside quotation marks."""
    root = make_repo(tmp_path, {"docs/p.md": 'The report says "after a raid".\n'})
    assert "docs/p.md:1: 'raid'" in problems(root)


def test_in_toml_straight_quotes_delimit_the_text_and_do_not_count_as_quoting(tmp_path: Path) -> None:
    """In a definition, only typographic or escaped quotes make a quotation; the value's own quotes do not."""
    root = make_repo(tmp_path, {"exercises/a.toml": 'text = "full burning is exhaustion"\n'})
    assert "exercises/a.toml:1: 'full burning'" in problems(root)
    fine = make_repo(tmp_path / "ok", {"exercises/a.toml": 'text = "the guide says “full burning”; we say burnout"\n'})
    assert wording.check(fine, fine / "content" / "wording.toml") == 1


def test_fenced_code_in_markdown_is_not_checked(tmp_path: Path) -> None:
    """A phrase inside a fenced code block (an example of what not to write) is not reported."""
    root = make_repo(tmp_path, {"docs/p.md": "Example:\n\n```\nafter a raid\n```\n"})
    assert wording.check(root, root / "content" / "wording.toml") == 1


def test_an_allow_entry_tolerates_one_rule_in_one_file(tmp_path: Path) -> None:
    """An [[allow]] entry silences that rule in that file only: the same phrase elsewhere still fails."""
    rules = RULES + '\n[[allow]]\nfile = "docs/a.md"\nrule = "raid"\nreason = "Being rewritten."\n'
    root = make_repo(tmp_path, {"docs/a.md": "after a raid\n", "docs/b.md": "after a raid\n"}, rules)
    message = problems(root)
    assert "docs/b.md:1" in message and "docs/a.md" not in message


def test_a_stale_allow_entry_fails(tmp_path: Path) -> None:
    """An allow entry that no longer matches anything is itself an error, so the list of exceptions only shrinks."""
    rules = RULES + '\n[[allow]]\nfile = "docs/a.md"\nrule = "raid"\nreason = "Being rewritten."\n'
    root = make_repo(tmp_path, {"docs/a.md": "after a police operation\n"}, rules)
    message = problems(root)
    assert "allow entry for 'raid' in docs/a.md no longer matches anything" in message


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ("schema = 2\n", "field 'schema' must be 1"),
        ("schema = 1\n", "no [[phrase]] rules"),
        ('schema = 1\n[[phrase]]\nid = "x"\npattern = "a"\npreferred = "b"\n', "phrase 1: missing field 'why'"),
        ('schema = 1\n[[phrase]]\nid = "x"\npattern = "a"\npreferred = "b"\nwhy = "c"\nsee = "d"\n',
         "unknown field 'see'"),
        ('schema = 1\n[[phrase]]\nid = "x"\npattern = "(a"\npreferred = "b"\nwhy = "c"\n',
         "phrase 'x': field 'pattern'"),
        ('schema = 1\n[[phrase]]\nid = "x"\npattern = "a"\npreferred = "b"\nwhy = "c"\nquote_ok = "yes"\n',
         "field 'quote_ok' must be true or false"),
        ('schema = 1\n[[phrase]]\nid = "x"\npattern = "a"\npreferred = "b"\nwhy = "c"\n'
         '[[phrase]]\nid = "x"\npattern = "b"\npreferred = "b"\nwhy = "c"\n', "phrase 'x': duplicate id"),
        ('schema = 1\n[[phrase]]\nid = "x"\npattern = "a"\npreferred = "b"\nwhy = "c"\n'
         '[[allow]]\nfile = "f"\nrule = "y"\nreason = "r"\n', "allow 1: field 'rule': no phrase with id 'y'"),
    ],
)
def test_a_malformed_list_is_rejected_naming_entry_and_field(tmp_path: Path, rules: str, expected: str) -> None:
    """The wording list is content as data: a wrong schema, field, pattern or reference fails with a precise message."""
    path = tmp_path / "wording.toml"
    path.write_text(rules, encoding="utf-8")
    with pytest.raises(WordingError, match=expected.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        wording.load(path)


def test_a_page_citing_the_sop_must_name_bulgaria(tmp_path: Path) -> None:
    """A page that cites the SOP without naming Bulgaria fails; naming Bulgaria (or 'Bulgarian') passes."""
    root = make_repo(tmp_path, {"docs/a.md": "Source: SOP measure 3.1, step 2.\n"})
    assert "docs/a.md: cites the SOP but does not say it is Bulgarian" in problems(root)
    ok = make_repo(tmp_path / "ok", {"docs/a.md": "Source: SOP measure 3.1 (the Bulgarian SOP), step 2.\n"})
    assert wording.check(ok, ok / "content" / "wording.toml") == 1


def test_an_sop_checklist_must_name_bulgaria_in_the_first_sentence_of_its_intro(tmp_path: Path) -> None:
    """A checklist whose source is the SOP must say it is Bulgarian at once, not at the end of its intro."""
    late = 'source = "SOP measure 3.1, step 2"\nintro = "Update the risks. This is a Bulgarian procedure."\n'
    root = make_repo(tmp_path, {"exercises/checklists/c.toml": late})
    assert "exercises/checklists/c.toml: source is the SOP" in problems(root)
    early = 'source = "SOP measure 3.1, step 2"\nintro = "In Bulgaria, under the SOP, update the risks. Then tick."\n'
    ok = make_repo(tmp_path / "ok", {"exercises/checklists/c.toml": early})
    assert wording.check(ok, ok / "content" / "wording.toml") == 1


def test_the_check_command_runs_the_wording_step() -> None:
    """``python -m scripts check`` runs the wording step: on this repository it passes and says what it checked."""
    done = subprocess.run([sys.executable, "-m", "scripts", "check"], capture_output=True, text=True,
                          cwd=paths.ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert "checked the wording of" in done.stdout


def test_the_entry_point_stops_with_exit_2_and_names_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the wording step finds a phrase, ``main`` prints the file and line on stderr and returns 2."""
    root = make_repo(tmp_path, {"docs/p.md": "after a raid\n"})
    real = wording.check
    monkeypatch.setattr(wording, "check", lambda: real(root, root / "content" / "wording.toml"))
    monkeypatch.setattr(fragments, "run", lambda *args: [])
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: 1 wording problem(s)") and "docs/p.md:1: 'raid'" in err
