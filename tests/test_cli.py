"""Tests for selfcheck._cli: ``python -m selfcheck list|describe|score`` and its one-line errors."""

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

from selfcheck._cli import EXIT_CLOSED_PIPE, EXIT_USAGE, main
from selfcheck._loader import load_catalogue
from support import EXERCISES, ROOT, cli_json, run_cli

PALERMO_FILE = EXERCISES / "knowledge-checks" / "palermo-definition.toml"
PALERMO = tomllib.loads(PALERMO_FILE.read_text(encoding="utf-8"))


def key_answers() -> dict[str, object]:
    """Answers equal to the Palermo check's own answer key."""
    return {i["id"]: (i["correct"][0] if i["type"] == "single" else i["correct"]) for i in PALERMO["items"]}


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


def test_describe_publishes_items_and_options_in_order() -> None:
    """The describe command prints items and their options (id and label) in the definition file's order."""
    described = cli_json("describe", "palermo-definition")
    assert described["id"] == "palermo-definition" and described["kind"] == "quiz"
    assert [i["id"] for i in described["items"]] == [i["id"] for i in PALERMO["items"]]
    for item, source in zip(described["items"], PALERMO["items"], strict=True):
        assert item["prompt"] == source["prompt"]
        assert item["options"] == [{"id": o["id"], "label": o["label"]} for o in source["options"]]
    assert "correct" not in json.dumps(described)


def test_score_from_file(tmp_path: Path) -> None:
    """The score command with an answers file prints the result computed by the exercise's score()."""
    answers = key_answers()
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = cli_json("score", "palermo-definition", str(path))
    assert result == json.loads(json.dumps(load_catalogue(EXERCISES).get("palermo-definition").score(answers)))
    assert result["passed"] is True


def test_score_from_stdin() -> None:
    """The score command with '-' reads the answers from standard input."""
    answers = key_answers()
    answers["elements"] = "border-means"
    result = cli_json("score", "palermo-definition", "-", stdin=json.dumps(answers))
    assert result["items"][0]["status"] == "incorrect"
    assert result["correct"] == len(PALERMO["items"]) - 1


BAD_SCORES: list[tuple[str, str, tuple[str, ...]]] = [
    ("unknown item", json.dumps({"nope": "x"}), ("unknown item id 'nope'",)),
    ("option not offered", json.dumps({"elements": "zzz"}), ("item 'elements'", "option 'zzz' is not offered")),
    ("string for multiple", json.dumps({"acts": "recruitment"}), ("item 'acts'", "expected a list", "a string")),
    ("list for single", json.dumps({"elements": ["act-purpose"]}), ("item 'elements'", "expected one option id")),
    ("number", json.dumps({"elements": 7}), ("item 'elements'", "a number")),
    ("missing answer", json.dumps({"elements": "act-purpose"}), ("missing answer", "'acts'")),
    ("invalid JSON", "{bad", ("standard input is not valid JSON",)),
    ("answers not an object", "[1, 2]", ("answers must be a JSON object",)),
]


@pytest.mark.parametrize(("case", "stdin", "fragments"), BAD_SCORES, ids=[c for c, _, _ in BAD_SCORES])
def test_bad_answers_give_one_error_line(case: str, stdin: str, fragments: tuple[str, ...]) -> None:
    """Each kind of bad answer gives exit 2 and one 'error:' line naming the problem, no traceback."""
    assert_one_line_error(("score", "palermo-definition", "-"), stdin, *fragments)


def test_unknown_exercise() -> None:
    """The describe and score commands of an unknown exercise id give one error line naming the id."""
    assert_one_line_error(("describe", "no-such"), None, "unknown exercise id 'no-such'")
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
     (("score", "palermo-definition"), "required")],
)
def test_usage_errors_are_one_line(args: tuple[str, ...], fragment: str) -> None:
    """Usage mistakes also give one 'error:' line and exit 2 (not argparse's multi-line usage)."""
    assert_one_line_error(args, None, fragment, "python -m selfcheck --help")


def write_quiz(directory: Path, ident: str, title: str) -> None:
    """Write a one-question quiz definition named ``ident``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{ident}.toml").write_text(
        f'schema = 1\nid = "{ident}"\nkind = "quiz"\ntitle = "{title}"\nsource = "guide §2.1"\n'
        '[[items]]\nid = "q"\ntype = "single"\nprompt = "P"\ncorrect = ["a"]\nexplanation = "E"\n'
        'source = "guide §2.1"\n[[items.options]]\nid = "a"\nlabel = "A"\n[[items.options]]\nid = "b"\nlabel = "B"\n',
        encoding="utf-8",
    )


def test_exercises_option_reads_another_folder(tmp_path: Path) -> None:
    """--exercises DIR lists, describes and scores the definitions of that folder instead of exercises/."""
    write_quiz(tmp_path / "x", "alpha", "Alpha quiz")
    write_quiz(tmp_path, "beta", "Beta quiz")
    folder = str(tmp_path)
    assert cli_json("--exercises", folder, "list") == [
        {"id": "beta", "kind": "quiz", "title": "Beta quiz"},
        {"id": "alpha", "kind": "quiz", "title": "Alpha quiz"},
    ]
    assert [o["id"] for o in cli_json("--exercises", folder, "describe", "alpha")["items"][0]["options"]] == ["a", "b"]
    assert cli_json("--exercises", folder, "score", "beta", "-", stdin='{"q": "b"}')["passed"] is False
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
    status, out, err = run_main("--exercises", str(EXERCISES), "score", "palermo-definition", "-", stdin="[]")
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
