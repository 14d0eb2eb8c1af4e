"""``python -m selfcheck``: list, describe, draw and score exercises, lint the banks, make the record, printing JSON.

``--lang en|ro|bg`` (on describe, draw, score, classify and record) is the language of every
sentence selfcheck writes; the exercise's own words are those of the definitions read
(``--exercises``). Errors about using the CLI itself (a file it cannot read, a usage mistake)
stay English, like argparse's.

Errors print one line on stderr and exit with status 2; never a traceback. ``lint`` exits
with status 1 when a bank breaks a rule. When the reader stops reading
(``python -m selfcheck describe X | head``), the CLI stops quietly with status 141, as a
shell tool ended by SIGPIPE does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from ._bridge import score_exercise
from ._classify import classify
from ._errors import SelfcheckError
from ._lint import lint_quiz
from ._loader import KINDS, Catalogue, load_catalogue
from ._locale import DEFAULT, LANGUAGES
from ._quiz import Quiz, attempt_of
from ._record import onboarding_data, parse_onboarding, read_onboarding_path, record_of_file
from ._rng import check_seed
from ._settings import load_settings

EXIT_USAGE = 2
EXIT_LINT = 1
#: The status of a command whose reader closed the pipe (128 + SIGPIPE), as shells report it.
EXIT_CLOSED_PIPE = 141


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like every other error."""

    def error(self, message: str) -> NoReturn:
        raise SelfcheckError(f"{message} (see 'python -m selfcheck --help')")


def read_json_argument(path: str, stdin: TextIO) -> object:
    """Read JSON from a file path, or from standard input when ``path`` is ``-``."""
    try:
        text = stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SelfcheckError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        where = "standard input" if path == "-" else path
        raise SelfcheckError(f"{where} is not valid JSON: it is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = "standard input" if path == "-" else path
        raise SelfcheckError(f"{where} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None


def _list(catalogue: Catalogue, args: argparse.Namespace, stdin: TextIO) -> object:
    if args.kind is not None and args.kind not in KINDS:
        raise SelfcheckError(f"unknown kind {args.kind!r} (known kinds: {', '.join(sorted(KINDS))})")
    return [{"id": e.id, "kind": e.kind, "title": e.title} for e in catalogue if args.kind in (None, e.kind)]


def _describe(catalogue: Catalogue, args: argparse.Namespace, stdin: TextIO) -> object:
    return catalogue.get(args.id).describe(lang=args.lang)


def _seed(text: str) -> int:
    try:
        value = int(text, 10)
    except ValueError:
        raise SelfcheckError(f"the seed must be a whole number, got {text!r}") from None
    return check_seed(value)


def _attempt_request(args: argparse.Namespace) -> dict[str, object]:
    """The attempt the arguments name, as a bridge request would: seed, and the schedule for a refresher."""
    request: dict[str, object] = {"lang": args.lang}
    if args.seed is not None:
        request["seed"] = _seed(args.seed)
    if args.refresher:
        request["refresher"] = load_settings(Path(args.settings)).refresh.to_json()
    return request


def _quiz(catalogue: Catalogue, ident: str) -> Quiz:
    exercise = catalogue.get(ident)
    if not isinstance(exercise, Quiz):
        raise SelfcheckError(f"exercise {ident!r} is a {exercise.kind}, not a knowledge check: it is not drawn")
    return exercise


def _draw(catalogue: Catalogue, args: argparse.Namespace, stdin: TextIO) -> object:
    return attempt_of(_quiz(catalogue, args.id), _attempt_request(args), args.lang).describe(lang=args.lang)


def _score(catalogue: Catalogue, args: argparse.Namespace, stdin: TextIO) -> object:
    exercise = catalogue.get(args.id)
    request = _attempt_request(args)
    answers = read_json_argument(args.answers, stdin)
    if not isinstance(answers, dict):
        raise SelfcheckError("answers must be a JSON object mapping item ids to answers")
    return score_exercise(exercise, request, answers)


def _lint(catalogue: Catalogue, args: argparse.Namespace, stdin: TextIO) -> object:
    rules = load_settings(Path(args.settings)).lint
    banks = [_quiz(catalogue, i) for i in args.ids] if args.ids else [e for e in catalogue if isinstance(e, Quiz)]
    problems = [p.to_json() for bank in banks for p in lint_quiz(bank, rules, str(catalogue.files[bank.id]))]
    return {"banks": len(banks), "problems": problems}


def _classify(catalogue: Catalogue, args: argparse.Namespace, stdin: TextIO) -> object:
    facts = read_json_argument(args.facts, stdin)
    if not isinstance(facts, dict):
        raise SelfcheckError("facts must be a JSON object mapping fact names to true, false or null")
    return classify(facts, lang=args.lang).to_json()


def _record(catalogue: Catalogue, args: argparse.Namespace, stdin: TextIO) -> object:
    modules = read_onboarding_path(Path(args.docs))
    if not modules:
        raise SelfcheckError(f"no module pages under {Path(args.docs) / 'modules'} (give the docs folder with --docs)")
    schedule = load_settings(Path(args.settings)).refresh
    path = parse_onboarding(onboarding_data(modules, catalogue, schedule))
    return record_of_file(read_json_argument(args.results, stdin), path, date.today(), args.lang)


Command = Callable[[Catalogue, argparse.Namespace, TextIO], object]


def _attempt_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--seed", required=required, help="the attempt's seed, a whole number")
    parser.add_argument("--refresher", action="store_true", help="a short refresher instead of a full attempt")


def _lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT,
                        help="the language of selfcheck's own words (default: %(default)s)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each sub-command stores its handler in ``command``."""
    parser = _Parser(prog="python -m selfcheck", description="Validate and score the training exercises.")
    parser.add_argument("--exercises", default="exercises", help="directory of definitions (default: exercises)")
    parser.add_argument("--settings", default="content/knowledge-checks.toml",
                        help="knowledge-check settings: lint thresholds, refresher schedule (default: %(default)s)")
    sub = parser.add_subparsers(dest="name", required=True, parser_class=_Parser)
    p = sub.add_parser("list", help="every exercise: id, kind, title")
    p.add_argument("--kind", help="only exercises of this kind (for example: observation)")
    p.set_defaults(command=_list)
    p = sub.add_parser("describe", help="an exercise with its items and options, in published order")
    p.add_argument("id")
    _lang_argument(p)
    p.set_defaults(command=_describe)
    p = sub.add_parser("draw", help="one attempt at a knowledge check: the items drawn for a seed, options shuffled")
    p.add_argument("id")
    _attempt_arguments(p, required=True)
    _lang_argument(p)
    p.set_defaults(command=_draw)
    p = sub.add_parser("score", help="score answers (a JSON file, or - for standard input); a knowledge check "
                                     "scores the attempt of --seed")
    p.add_argument("id")
    p.add_argument("answers")
    _attempt_arguments(p, required=False)
    _lang_argument(p)
    p.set_defaults(command=_score)
    p = sub.add_parser("lint", help="check knowledge-check banks against the lint rules (exit 1 on problems)")
    p.add_argument("ids", nargs="*", metavar="ID", help="banks to check (default: every knowledge check)")
    p.set_defaults(command=_lint)
    p = sub.add_parser(
        "classify", help="trafficking, smuggling or prostitution from the seven case facts (JSON file, or -)"
    )
    p.add_argument("facts")
    _lang_argument(p)
    p.set_defaults(command=_classify, needs_catalogue=False)
    p = sub.add_parser("record", help="the onboarding record of an exported results file (JSON file, or -)")
    p.add_argument("results")
    p.add_argument("--docs", default="docs", help="the site's pages, for the onboarding path (default: docs)")
    _lang_argument(p)
    p.set_defaults(command=_record)
    return parser


def main(
    argv: Sequence[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the CLI; returns the exit status."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        needs_catalogue = getattr(args, "needs_catalogue", True)
        catalogue = load_catalogue(Path(args.exercises)) if needs_catalogue else Catalogue({}, {}, {})
        command: Command = args.command
        output = command(catalogue, args, stdin)
    except SelfcheckError as exc:
        print(f"error: {exc}", file=stderr)
        return EXIT_USAGE
    try:
        json.dump(output, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
        stdout.flush()
    except BrokenPipeError:
        _discard_further_output(stdout)
        return EXIT_CLOSED_PIPE
    if args.command is _lint and isinstance(output, dict) and output["problems"]:
        return EXIT_LINT
    return 0


def _discard_further_output(stream: TextIO) -> None:
    """Point a closed stream's file at the null device, so Python's flush at exit raises nothing more."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's StringIO): nothing is left to flush
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)
