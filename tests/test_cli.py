"""Tests for selfcheck._cli: ``python -m selfcheck list|describe|draw|score|lint`` and its one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from banks import bank, key_for, to_toml, write_bank
from selfcheck._cli import EXIT_CLOSED_PIPE, EXIT_USAGE, main
from selfcheck._loader import load_catalogue
from support import EXERCISES, ROOT, cli_json, run_cli

PALERMO_FILE = EXERCISES / "knowledge-checks" / "palermo-definition.toml"
PALERMO = tomllib.loads(PALERMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def folder(tmp_path: Path) -> str:
    """An exercises folder with the synthetic bank and one checklist (a kind that is not drawn)."""
    write_bank(tmp_path)
    (tmp_path / "cl-demo.toml").write_text(
        'schema = 2\nid = "cl-demo"\nkind = "checklist"\ntitle = "Demo"\nsource = "guide §5"\n'
        '[[sections]]\nid = "s"\ntitle = "S"\n[[items]]\nid = "a"\nsection = "s"\nprompt = "Done"\n',
        encoding="utf-8")
    return str(tmp_path)


def attempt_key(folder: str, seed: int) -> dict[str, object]:
    """The right answers to the synthetic bank's attempt of ``seed`` (from the library, not the CLI)."""
    return key_for(load_catalogue(Path(folder)).get("demo-bank").draw(seed).key())


def assert_one_line_error(args: tuple[str, ...], stdin: str | None, *fragments: str) -> str:
    """Run the CLI; assert exit 2, empty stdout, one 'error:' line on stderr containing every fragment."""
    done = run_cli(*args, stdin=stdin)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def test_list_gives_every_exercise() -> None:
    """The list command prints id, kind and title of every definition under exercises/, in catalogue order."""
    listed = cli_json("list")
    catalogue = load_catalogue(EXERCISES)
    assert listed == [{"id": e.id, "kind": e.kind, "title": e.title} for e in catalogue]
    assert {"id": "palermo-definition", "kind": "quiz", "title": PALERMO["title"]} in listed


def test_describe_prints_the_whole_bank_in_published_order() -> None:
    """The describe command prints every item and option (id and label) of a bank in file order, no key."""
    described = cli_json("describe", "palermo-definition")
    assert described["id"] == "palermo-definition" and described["kind"] == "quiz"
    assert [i["id"] for i in described["items"]] == [i["id"] for i in PALERMO["items"]]
    for item, source in zip(described["items"], PALERMO["items"], strict=True):
        assert item["prompt"] == source["prompt"]
        assert item["options"] == [{"id": o["id"], "label": o["label"]} for o in source["options"]]
    assert '"correct"' not in json.dumps(described)


def test_draw_prints_one_attempt(folder: str) -> None:
    """The command draw ID --seed N prints the attempt the library draws for that seed, the same every time."""
    drawn = cli_json("--exercises", folder, "draw", "demo-bank", "--seed", "42")
    expected = load_catalogue(Path(folder)).get("demo-bank").draw(42).describe()
    assert drawn == json.loads(json.dumps(expected))
    assert len(drawn["items"]) == 8 and drawn["seed"] == 42
    assert cli_json("--exercises", folder, "draw", "demo-bank", "--seed", "42") == drawn
    assert cli_json("--exercises", folder, "draw", "demo-bank", "--seed", "43") != drawn


def test_draw_a_refresher(folder: str) -> None:
    """The command draw --refresher prints a short refresher sized by the schedule (one item per objective here)."""
    drawn = cli_json("--exercises", folder, "draw", "demo-bank", "--seed", "42", "--refresher")
    assert drawn["mode"] == "refresher" and len(drawn["items"]) == 4


def test_score_an_attempt_from_file(folder: str, tmp_path: Path) -> None:
    """The command score ID FILE --seed N scores the answers of that attempt, exactly as the library does."""
    answers = attempt_key(folder, 42)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = cli_json("--exercises", folder, "score", "demo-bank", str(path), "--seed", "42")
    library = load_catalogue(Path(folder)).get("demo-bank").draw(42).score(answers)
    assert result == json.loads(json.dumps(library))
    assert result["passed"] is True and result["score"] == 8


def test_score_from_stdin(folder: str) -> None:
    """The score command with '-' reads the answers from standard input."""
    answers = attempt_key(folder, 7)
    result = cli_json("--exercises", folder, "score", "demo-bank", "-", "--seed", "7", stdin=json.dumps(answers))
    assert result["correct"] == 8


def bad_scores(folder: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Bad answer sets for the synthetic bank's attempt of seed 7, and what the error must say."""
    attempt = load_catalogue(Path(folder)).get("demo-bank").draw(7)
    single = next(d for d in attempt.items if d.item.choice.type == "single")
    multiple = next(d for d in attempt.items if d.item.choice.type == "multiple")
    undrawn = next(i.choice.id for i in attempt.quiz.items if i.choice.id not in attempt.item_ids())
    key = key_for(attempt.key())
    return [
        ("item not drawn", json.dumps({**key, undrawn: "x"}), (f"item '{undrawn}' is not part of this attempt",)),
        ("option not offered", json.dumps({**key, single.id: "zzz"}), (f"item '{single.id}'", "'zzz' is not offered")),
        ("string for multiple", json.dumps({**key, multiple.id: "x"}), (f"item '{multiple.id}'", "expected a list")),
        ("list for single", json.dumps({**key, single.id: ["x"]}), (f"item '{single.id}'", "expected one option id")),
        ("number", json.dumps({**key, single.id: 7}), (f"item '{single.id}'", "a number")),
        ("missing answer", json.dumps({k: v for k, v in key.items() if k != single.id}),
         ("Not every question has an answer yet", f"question {single.number}")),
        ("invalid JSON", "{bad", ("standard input is not valid JSON",)),
        ("answers not an object", "[1, 2]", ("answers must be a JSON object",)),
    ]


def test_bad_answers_give_one_error_line(folder: str) -> None:
    """Each kind of bad answer gives exit 2 and one 'error:' line naming the problem, no traceback."""
    for _case, stdin, fragments in bad_scores(folder):
        assert_one_line_error(("--exercises", folder, "score", "demo-bank", "-", "--seed", "7"), stdin, *fragments)


@pytest.mark.parametrize(("seed", "fragment"), [("abc", "the seed must be a whole number, got 'abc'"),
                                                ("1.5", "got '1.5'"), ("-1", "got -1"),
                                                ("9007199254740992", "from 0 to 9007199254740991")])
def test_a_seed_that_is_not_a_whole_number_is_one_error_line(folder: str, seed: str, fragment: str) -> None:
    """The draw and score commands refuse a seed that is not a whole number in range, with one line and exit 2."""
    assert_one_line_error(("--exercises", folder, "draw", "demo-bank", "--seed", seed), None, fragment)
    assert_one_line_error(("--exercises", folder, "score", "demo-bank", "-", "--seed", seed), "{}", fragment)


def test_a_bank_is_scored_only_for_an_attempt(folder: str) -> None:
    """The score command without --seed is refused for a bank; --seed is refused for a kind that is not drawn."""
    assert_one_line_error(("--exercises", folder, "score", "demo-bank", "-"), "{}",
                          "scored for one drawn attempt")
    assert_one_line_error(("--exercises", folder, "score", "cl-demo", "-", "--seed", "1"), "{}",
                          "'cl-demo' is not drawn from a seed")
    assert_one_line_error(("--exercises", folder, "draw", "cl-demo", "--seed", "1"), None,
                          "'cl-demo' is a checklist, not a knowledge check")
    assert_one_line_error(("--exercises", folder, "draw", "demo-bank"), None, "--seed", "required")


def test_lint_command(folder: str, tmp_path: Path) -> None:
    """The lint command prints the banks checked and their problems; exit 0 when clean, 1 when a rule is broken."""
    done = run_cli("--exercises", folder, "lint")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"banks": 1, "problems": []}
    broken = bank(size=14)
    write_bank(tmp_path, broken)
    done = run_cli("--exercises", folder, "lint", "demo-bank")
    assert done.returncode == 1
    problems = json.loads(done.stdout)["problems"]
    assert [(p["rule"], p["item"]) for p in problems] == [("min-items", None)]
    assert problems[0]["file"].endswith("demo-bank.toml")
    assert_one_line_error(("--exercises", folder, "lint", "cl-demo"), None, "not a knowledge check")


def test_unknown_exercise() -> None:
    """describe, draw and score of an unknown exercise id give one error line naming the id."""
    assert_one_line_error(("describe", "no-such"), None, "unknown exercise id 'no-such'")
    assert_one_line_error(("draw", "no-such", "--seed", "1"), None, "unknown exercise id 'no-such'")
    assert_one_line_error(("score", "no-such", "-"), "{}", "unknown exercise id 'no-such'")


def test_missing_answers_file(tmp_path: Path) -> None:
    """A missing answers file gives one error line naming the path."""
    missing = tmp_path / "absent.json"
    assert_one_line_error(("score", "palermo-definition", str(missing)), None, f"cannot read {missing}")


def test_invalid_json_file_names_file_and_position(tmp_path: Path) -> None:
    """An answers file with a JSON syntax error is named, with line and column."""
    path = tmp_path / "answers.json"
    path.write_text('{\n  "elements": \n}', encoding="utf-8")
    line = assert_one_line_error(("score", "palermo-definition", str(path)), None, f"{path} is not valid JSON")
    assert "(line 3, column 1)" in line


def test_non_utf8_answers_file(tmp_path: Path) -> None:
    """An answers file that is not UTF-8 text gives one error line, not a traceback."""
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xff\xfe{}")
    assert_one_line_error(("score", "palermo-definition", str(path)), None, f"{path} is not valid JSON")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [((), "required"), (("frobnicate",), "invalid choice"), (("describe",), "required"),
     (("score", "palermo-definition"), "required"), (("draw", "palermo-definition"), "required")],
)
def test_usage_errors_are_one_line(args: tuple[str, ...], fragment: str) -> None:
    """Usage mistakes also give one 'error:' line and exit 2 (not argparse's multi-line usage)."""
    assert_one_line_error(args, None, fragment, "python -m selfcheck --help")


def write_quiz(directory: Path, ident: str, title: str) -> None:
    """Write a synthetic bank named ``ident`` into ``directory``."""
    data = bank(ident=ident)
    data["title"] = title
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{ident}.toml").write_text(to_toml(data), encoding="utf-8")


def test_exercises_option_reads_another_folder(tmp_path: Path) -> None:
    """--exercises DIR lists, describes and scores the definitions of that folder instead of exercises/."""
    write_quiz(tmp_path / "x", "alpha", "Alpha quiz")
    write_quiz(tmp_path, "beta", "Beta quiz")
    folder = str(tmp_path)
    assert cli_json("--exercises", folder, "list") == [
        {"id": "beta", "kind": "quiz", "title": "Beta quiz"},
        {"id": "alpha", "kind": "quiz", "title": "Alpha quiz"},
    ]
    options = cli_json("--exercises", folder, "describe", "alpha")["items"][0]["options"]
    assert [o["id"] for o in options] == ["q01-a", "q01-b", "q01-c", "q01-d"]
    drawn = cli_json("--exercises", folder, "draw", "beta", "--seed", "3")
    first = {i["id"]: i["options"][0]["id"] if i["type"] == "single" else [i["options"][0]["id"]]
             for i in drawn["items"]}
    assert cli_json("--exercises", folder, "score", "beta", "-", "--seed", "3", stdin=json.dumps(first))["passed"] \
        is False
    assert_one_line_error(("--exercises", folder, "describe", "palermo-definition"), None, "unknown exercise id")


def test_exercises_option_with_bad_definition(tmp_path: Path) -> None:
    """A malformed definition in the folder makes every command fail with one line naming file and field."""
    write_quiz(tmp_path, "beta", "Beta quiz")
    path = tmp_path / "beta.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind = \"quiz\"", "kind = \"riddle\""), encoding="utf-8")
    assert_one_line_error(("--exercises", str(tmp_path), "list"), None, str(path), "field 'kind'", "'riddle'")


def test_exercises_option_missing_folder(tmp_path: Path) -> None:
    """--exercises naming a missing folder gives one error line naming it."""
    missing = tmp_path / "none"
    assert_one_line_error(("--exercises", str(missing), "list"), None, str(missing), "not a directory")


def run_main(*argv: str, stdin: str = "") -> tuple[int, Any, str]:
    """Call main() in-process; returns exit status, parsed stdout (or raw text when empty) and stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    text = out.getvalue()
    return status, json.loads(text) if text else text, err.getvalue()


def test_main_in_process() -> None:
    """main() writes JSON to the given stdout and returns 0; errors go to the given stderr with EXIT_USAGE."""
    status, listed, err = run_main("--exercises", str(EXERCISES), "list")
    assert status == 0 and err == ""
    assert any(e["id"] == "palermo-definition" for e in listed)
    status, out, err = run_main("--exercises", str(EXERCISES), "score", "palermo-definition", "-", "--seed", "1",
                                stdin="[]")
    assert status == EXIT_USAGE == 2
    assert out == ""
    assert err == "error: answers must be a JSON object mapping item ids to answers\n"


def test_closed_pipe_ends_quietly() -> None:
    """``describe X | head``: when the reader has gone, the CLI prints no traceback and exits 141, like SIGPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head) has already gone: every write meets a closed pipe
    try:
        done = subprocess.run([sys.executable, "-m", "selfcheck", "describe", "palermo-definition"], cwd=ROOT,
                              stdout=write_end, stderr=subprocess.PIPE, check=False, timeout=60)
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == EXIT_CLOSED_PIPE == 141


class ClosedPipe(io.StringIO):
    """A stdout whose reader has gone: every write fails as a closed pipe does."""

    def write(self, text: str) -> int:
        """Refuse, like a pipe whose reading end is closed."""
        raise BrokenPipeError(32, "Broken pipe")


def test_closed_pipe_in_process() -> None:
    """main() given a closed stdout returns EXIT_CLOSED_PIPE and writes nothing to stderr."""
    err = io.StringIO()
    status = main(["--exercises", str(EXERCISES), "list"], stdin=io.StringIO(), stdout=ClosedPipe(), stderr=err)
    assert status == EXIT_CLOSED_PIPE
    assert err.getvalue() == ""
