"""``python -m selfcheck record``: an exported results file in, the onboarding record as JSON out, one-line errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from banks import settings
from selfcheck import load_catalogue
from selfcheck._record import onboarding_data, parse_onboarding, read_onboarding_path, record_of_file
from support import EXERCISES, ROOT, cli_json, run_cli
from test_cli_observation import one_line_error
from test_record import results_file


def test_record_of_a_results_file_matches_the_library(tmp_path: Path) -> None:
    """The CLI prints what record_of_file gives for the site's own path: modules in order, passes, practice."""
    source = tmp_path / "results.json"
    source.write_text(json.dumps(results_file(passed={"palermo-definition": "2026-11-03"}, refresh=None)),
                      encoding="utf-8")
    printed = cli_json("record", str(source))
    path = parse_onboarding(onboarding_data(read_onboarding_path(ROOT / "docs"), load_catalogue(EXERCISES),
                                            settings().refresh))
    data = json.loads(source.read_text(encoding="utf-8"))
    expected = record_of_file(data, path, date.fromisoformat(printed["today"]))
    assert printed == expected
    assert [row["href"] for row in printed["rows"]] == [m.url for m in path.modules]
    assert printed["rows"][0]["passed"] == "2026-11-03"
    assert any(p["outcome"] == "ready" for row in printed["rows"] for p in row["practice"])


def test_record_reads_standard_input() -> None:
    """``record -`` reads the file from standard input."""
    printed = cli_json("record", "-", stdin=json.dumps(results_file()))
    assert printed["title"] == "Onboarding record" and printed["rows"]


def test_a_foreign_or_damaged_file_is_one_line_exit_2(tmp_path: Path) -> None:
    """Not JSON, not our format, damaged, or missing: one 'error:' line, exit status 2, nothing on stdout."""
    assert "is not valid JSON" in one_line_error("record", "-", stdin="{oops")
    assert "not a results file exported from this site" in one_line_error("record", "-", stdin='{"rows": []}')
    damaged = json.dumps(results_file(passed={"palermo-definition": "3 Nov"}))
    assert "This results file is damaged" in one_line_error("record", "-", stdin=damaged)
    assert "cannot read" in one_line_error("record", str(tmp_path / "missing.json"))


def test_a_docs_folder_without_modules_is_one_line(tmp_path: Path) -> None:
    """``--docs`` pointing at a folder with no module pages is refused, naming the folder."""
    line = one_line_error("record", "-", "--docs", str(tmp_path), stdin=json.dumps(results_file()))
    assert "no module pages under" in line and str(tmp_path) in line


def test_record_is_in_the_help() -> None:
    """``--help`` lists the record sub-command."""
    done = run_cli("--help")
    assert done.returncode == 0 and "record" in done.stdout
