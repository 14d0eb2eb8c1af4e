"""Tests for selfcheck._record: the onboarding path, the record, the results file, merging and import."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from banks import settings
from selfcheck import _bridge, load_catalogue
from selfcheck._errors import SelfcheckError
from selfcheck._observation import MESSAGES as OBSERVATION_MESSAGES
from selfcheck._record import (
    FORMAT,
    MAX_FILE_CHARS,
    MAX_OUTCOMES,
    TEXT,
    VERSION,
    Device,
    PathModule,
    Results,
    build_record,
    export_file,
    import_plan,
    merge,
    onboarding_data,
    parse_kept,
    parse_onboarding,
    parse_results_file,
    read_onboarding_path,
    record_of_file,
    rubric_module,
    slug,
)
from selfcheck._schedule import BankRecord
from support import EXERCISES
from test_observation import RUBRICS

SCHEDULE = settings().refresh
TODAY = date(2026, 12, 1)
CATALOGUE = load_catalogue(EXERCISES)
MODULE_4 = "modules/04-first-contact-and-immediate-support.md"
MODULE_5 = "modules/05-assessment-planning-referral.md"
MODULE_7 = "modules/07-long-term-psychological-support.md"
MODULE_13 = "modules/13-return-and-transnational-referral.md"
MODULE_15 = "modules/15-case-files-and-data-protection.md"


def module(number: int, check: str | None, page: str | None = None, anchors: tuple[str, ...] = ()) -> PathModule:
    """A module of a test path (the real module pages for 4, 5, 7, 13 and 15, which the rubrics link to)."""
    page = page or f"modules/{number:02d}-m{number}.md"
    url = page.removesuffix(".md") + "/"
    return PathModule(page=page, url=url, title=f"Module {number}: M{number}", check=check, anchors=anchors)


#: A path like the site's: the rubrics' modules are 4, 5, 7, 13 and 15; module 8 has no knowledge check.
MODULES = [
    module(1, "kc-1"),
    module(4, "kc-4", MODULE_4, ("the-seven-steps", "the-identification-interview")),
    module(5, "kc-5", MODULE_5),
    module(7, "kc-7", MODULE_7),
    module(8, None),
    module(13, "kc-13", MODULE_13),
    module(15, "kc-15", MODULE_15),
]
PATH = parse_onboarding(onboarding_data(MODULES, CATALOGUE, SCHEDULE))


def results_file(**change: Any) -> dict[str, Any]:
    """A valid results file: two checks passed, one refresh entry, outcomes for the referral rubric."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported": "2026-11-30",
        "passed": {"kc-1": "2026-11-03", "kc-4": "2026-11-10"},
        "refresh": {"kc-1": {"passed": "2026-11-02", "best": 0.875, "box": 2, "since": "2026-11-05",
                             "refreshers": 1}},
        "observations": {"obs-referral": [{"date": "2026-11-20", "outcome": "not-yet"},
                                          {"date": "2026-11-28", "outcome": "ready"}]},
    }
    return data | change


def device(**records: Any) -> Device:
    """What a browser keeps, as the page collects it (stored texts), read by parse_kept."""
    kept = {"progress": None, "refresh": None, "observations": {}} | records
    return parse_kept(kept, PATH)


def stored(value: dict[str, Any]) -> str:
    """A value as web/storage.js stores it: {"v": 1, ...} as JSON text."""
    return json.dumps({"v": 1, **value})


def call(request: dict[str, Any]) -> dict[str, Any]:
    """A bridge request, decoded."""
    response = json.loads(_bridge.handle(json.dumps(request)))
    assert isinstance(response, dict)
    return response


# ----- the onboarding path


def test_path_is_the_module_pages_in_file_order_with_titles_checks_and_anchors(tmp_path: Path) -> None:
    """read_onboarding_path gives every module page in file-name order: H1 title, URL, check, heading anchors."""
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "02-b.md").write_text("# Module 2: B\n\n## What it is\n\nText.\n", encoding="utf-8")
    (modules / "01-a.md").write_text(
        "# Module 1: A\n\n## Step 4: Counselling for family & close friends\n\n### Custom { #mine }\n\n"
        "## Knowledge check\n\n{{ exercise kc-a }}\n", encoding="utf-8")
    found = read_onboarding_path(tmp_path)
    assert [(m.page, m.url, m.title, m.check) for m in found] == [
        ("modules/01-a.md", "modules/01-a/", "Module 1: A", "kc-a"),
        ("modules/02-b.md", "modules/02-b/", "Module 2: B", None),
    ]
    assert found[0].anchors == ("step-4-counselling-for-family-close-friends", "mine", "knowledge-check")


def test_slug_makes_anchors_as_python_markdown_does() -> None:
    """Headings become the anchors MkDocs' toc writes: lower case, punctuation dropped, accents folded."""
    assert slug("Six factors in a good referral") == "six-factors-in-a-good-referral"
    assert slug("Step 2: Updating the risk assessment") == "step-2-updating-the-risk-assessment"
    assert slug("Focus on needs, not on investigating") == "focus-on-needs-not-on-investigating"
    assert slug("Ce spune legea — România") == "ce-spune-legea-romania"


def test_each_rubric_belongs_to_the_module_that_teaches_its_task() -> None:
    """A rubric's module is the page most of its revisit targets are on (module 4, 5, 7, 13 or 15 on this site)."""
    modules = {e.id: rubric_module(e) for e in CATALOGUE if e.id in RUBRICS}
    assert modules == {"obs-first-interview": MODULE_4, "obs-crisis-intervention": MODULE_4,
                       "obs-needs-assessment": MODULE_5, "obs-referral": MODULE_5,
                       "obs-family-involvement": MODULE_7, "obs-return-risk-assessment": MODULE_13,
                       "obs-sharing-a-case": MODULE_15}


def test_rubrics_come_in_teaching_order() -> None:
    """Rubrics are ordered by module, then by where the module teaches their first revisit section."""
    assert [r.id for r in PATH.rubrics][:2] == ["obs-crisis-intervention", "obs-first-interview"]  # anchors above
    data = onboarding_data([module(4, "kc-4", MODULE_4, ("the-identification-interview", "the-seven-steps"))],
                           CATALOGUE, SCHEDULE)
    assert [r["id"] for r in data["rubrics"]][:2] == ["obs-first-interview", "obs-crisis-intervention"]


@pytest.mark.parametrize("bad", [None, [], {"modules": [], "rubrics": []}, {"modules": [{"page": "x"}], "rubrics": []},
                                 {"modules": [], "rubrics": [7], "schedule": SCHEDULE.to_json()}])
def test_a_malformed_path_is_one_clear_error(bad: object) -> None:
    """An embedded path the page cannot use is refused with one line, never a traceback."""
    with pytest.raises(SelfcheckError) as caught:
        parse_onboarding(bad)
    assert "\n" not in str(caught.value)


# ----- the record


def test_record_from_a_results_file() -> None:
    """Rows in path order: first pass (the earlier date), best score, refreshers, practice next to its module."""
    record = record_of_file(results_file(), PATH, TODAY)
    rows = {row["step"]: row for row in record["rows"]}
    assert [row["title"] for row in record["rows"]] == [m.title for m in MODULES]
    assert rows[1]["cells"] == ["1", "Module 1: M1", "2026-11-02", "87%", "1 (latest 2026-11-05)"]
    assert rows[1]["passed"] == "2026-11-02" and rows[1]["best"] == 0.875 and rows[1]["refreshers"] == 1
    assert rows[2]["cells"][2:] == ["2026-11-10", "—", "—"]
    assert rows[3]["cells"][2:] == ["not yet", "—", "—"]
    assert rows[5]["cells"][2:] == ["no knowledge check", "—", "—"] and rows[5]["practice"] == []
    assert [p["rubric"] for p in rows[2]["practice"]] == [
        "Observed practice: crisis intervention", "Observed practice: the first interview"]
    referral = next(p for p in rows[3]["practice"] if p["outcome"])
    assert referral == {
        "rubric": "Observed practice: a referral", "outcome": "ready", "label": OBSERVATION_MESSAGES["outcome_ready"],
        "date": "2026-11-28", "count": 2,
        "line": "Observed practice: a referral: Ready to do this independently, 2026-11-28 (2 observations kept)"}
    assert rows[4]["practice"][0]["line"].endswith(": no outcome kept")
    assert [p["rubric"] for p in rows[6]["practice"]] == ["Observed practice: a joint risk assessment before a return"]
    assert [p["rubric"] for p in rows[7]["practice"]] == ["Observed practice: sharing a case with another service"]
    assert record["summary"] == ("Knowledge checks passed: 2 of 6. Observed practice: an outcome kept for 1 of 7 "
                                 "rubrics, 1 of them “Ready to do this independently”.")
    assert record["columns"][0] == "Step" and len(record["columns"]) == 6
    assert record["as_of"] == "Results as of 2026-12-01." and record["empty"] is False
    assert "not an accredited certificate" in record["statement"]
    assert TEXT["note_refresh_off"] not in record["notes"]


def test_record_without_the_refresh_opt_in_says_why_scores_are_missing() -> None:
    """With no refresh record, passes still show; best scores and refreshers show a dash, and a note says why."""
    record = record_of_file(results_file(refresh=None, observations={}), PATH, TODAY)
    assert record["rows"][0]["cells"][2:] == ["2026-11-03", "—", "—"]
    assert TEXT["note_refresh_off"] in record["notes"]
    assert all(p["outcome"] is None for row in record["rows"] for p in row["practice"])


def test_latest_outcome_is_shown_and_same_day_means_the_last_kept() -> None:
    """The practice line shows the latest date's outcome; of two on one day, the one kept last."""
    observations = {"obs-referral": [{"date": "2026-11-28", "outcome": "ready"},
                                     {"date": "2026-11-02", "outcome": "not-yet"},
                                     {"date": "2026-11-28", "outcome": "not-yet"}]}
    record = record_of_file(results_file(observations=observations), PATH, TODAY)
    line = next(p for row in record["rows"] for p in row["practice"] if p["outcome"])
    assert (line["outcome"], line["date"], line["count"]) == ("not-yet", "2026-11-28", 3)


def test_unknown_ids_are_left_out_with_a_note() -> None:
    """Results for checks or rubrics the path does not have are not shown, and a note counts them."""
    record = record_of_file(results_file(passed={"kc-gone": "2026-11-01"}), PATH, TODAY)
    assert TEXT["note_unknown"].format(count=1) in record["notes"]


# ----- the results file


@pytest.mark.parametrize("data", [[], "text", {"format": "other"}, {"version": 1}, {"passed": {}}])
def test_a_foreign_file_is_refused(data: object) -> None:
    """A file that is not our format (another program's JSON, a list) is refused as foreign."""
    with pytest.raises(SelfcheckError, match="not a results file exported from this site"):
        parse_results_file(data, SCHEDULE)


def test_a_newer_file_is_refused_with_its_version() -> None:
    """A file of a later format version says so (a newer site made it)."""
    with pytest.raises(SelfcheckError, match=r"newer version of the site \(format version 2; this version reads v"):
        parse_results_file(results_file(version=2), SCHEDULE)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"version": "1"}, "its version must be 1"),
        ({"extra": 1}, "unknown fields: extra"),
        ({"passed": {"kc-1": "3 Nov"}}, "must be a date written YYYY-MM-DD"),
        ({"passed": {"KC 1": "2026-11-03"}}, "is not a valid id"),
        ({"passed": []}, "'passed' must map"),
        ({"refresh": {"kc-1": {"best": 2}}}, "best must be a fraction"),
        ({"refresh": {"kc-1": {"answers": ["a"]}}}, "unknown fields"),
        ({"refresh": []}, "'refresh' must map"),
        ({"observations": {"obs-referral": [{"date": "2026-11-28", "outcome": "excellent"}]}}, "entries must be"),
        ({"observations": {"obs-referral": [{"date": "2026-11-28", "outcome": "ready", "notes": "x"}]}},
         "entries must be"),
        ({"exported": "yesterday"}, "'exported' must be a date"),
    ],
)
def test_a_damaged_file_is_refused_naming_what_is_wrong(change: dict[str, Any], why: str) -> None:
    """A file of our format with a bad field is refused as damaged, with the reason, on one line."""
    with pytest.raises(SelfcheckError) as caught:
        parse_results_file(results_file(**change), SCHEDULE)
    message = str(caught.value)
    assert message.startswith("This results file is damaged: ") and why in message and "\n" not in message


def test_export_holds_only_what_is_kept_and_round_trips() -> None:
    """Export: passes, the refresh record only with its opt-in, outcomes only of kept rubrics; reads back the same."""
    kept = device(
        progress=stored({"visited": {"modules/01-m1/": "2026-11-01"}, "passed": {"kc-1": "2026-11-03"}}),
        observations={"obs-referral": stored({"entries": [{"date": "2026-11-28", "outcome": "ready"}]}),
                      "obs-first-interview": stored({"entries": []})},
    )
    file = export_file(kept.results, TODAY)
    assert file == {"format": FORMAT, "version": VERSION, "exported": "2026-12-01", "passed": {"kc-1": "2026-11-03"},
                    "refresh": None, "observations": {"obs-referral": [{"date": "2026-11-28", "outcome": "ready"}]}}
    assert "visited" not in json.dumps(file)  # modules opened are not results: they stay on the device
    again, exported = parse_results_file(json.loads(json.dumps(file)), SCHEDULE)
    assert exported == TODAY and again.passed == kept.results.passed and again.refresh is None
    assert again.observations == {"obs-referral": ((date(2026, 11, 28), "ready"),)}
    full, _ = parse_results_file(results_file(), SCHEDULE)
    assert parse_results_file(export_file(full, TODAY), SCHEDULE)[0] == full


def test_kept_records_are_read_part_by_part() -> None:
    """A damaged part is named and left out; the rest of the record still shows."""
    kept = device(progress=stored({"visited": {}, "passed": {"kc-1": "2026-11-03"}}),
                  refresh='{"v": 1, "banks": {"kc-1": {"box": "three"}}}',
                  observations={"obs-referral": "{not json",
                                "obs-first-interview": json.dumps({"v": 2, "entries": []})})
    assert kept.results.passed == {"kc-1": date(2026, 11, 3)} and kept.results.refresh is None
    assert kept.unreadable == ("best scores and refreshers", "observed practice: Observed practice: a referral",
                               "observed practice: Observed practice: the first interview")
    record = build_record(PATH, kept, TODAY)
    assert record["rows"][0]["passed"] == "2026-11-03"
    assert any(note.startswith("Some results kept on this device could not be read") for note in record["notes"])


def test_nothing_kept_is_empty() -> None:
    """No record, or an opted-in refresh record without a bank, or a rubric kept with no outcome: nothing kept."""
    assert device().results.empty()
    assert device(refresh=stored({"banks": {}}), observations={"obs-referral": stored({"entries": []})}).results.empty()
    assert build_record(PATH, device(), TODAY)["empty"] is True


# ----- merging and import


def file_results(**change: Any) -> Results:
    """The results of :func:`results_file`."""
    return parse_results_file(results_file(**change), SCHEDULE)[0]


def test_merge_keeps_the_earliest_pass_the_best_score_and_the_later_schedule() -> None:
    """Two devices' results for one bank merge into the earliest pass, best score, later box, most refreshers."""
    here = Results({"kc-1": date(2026, 11, 1)},
                   {"kc-1": BankRecord(date(2026, 11, 1), 0.9, 1, date(2026, 11, 1), 0)}, {})
    merged = merge(here, file_results())
    assert merged.passed == {"kc-1": date(2026, 11, 1), "kc-4": date(2026, 11, 10)}
    assert merged.refresh == {"kc-1": BankRecord(date(2026, 11, 1), 0.9, 2, date(2026, 11, 5), 1)}


def test_merge_is_idempotent_and_counts_an_outcome_on_both_devices_once() -> None:
    """Merging a file twice changes nothing the second time; outcomes both devices hold are not doubled."""
    theirs = file_results()
    once = merge(file_results(observations={"obs-referral": [{"date": "2026-11-28", "outcome": "ready"}]}), theirs)
    assert once.observations["obs-referral"] == ((date(2026, 11, 20), "not-yet"), (date(2026, 11, 28), "ready"))
    assert merge(once, theirs) == once and merge(theirs, theirs) == theirs


def test_merge_keeps_the_latest_outcomes_up_to_the_limit() -> None:
    """A rubric keeps at most MAX_OUTCOMES outcomes after a merge, the oldest dropped first."""
    many = [{"date": f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}", "outcome": "not-yet"} for n in range(MAX_OUTCOMES)]
    merged = merge(file_results(observations={"obs-referral": many}), file_results())
    kept = merged.observations["obs-referral"]
    assert len(kept) == MAX_OUTCOMES and kept[-1] == (date(2026, 11, 28), "ready") and kept[0][0] != date(2026, 1, 1)


def test_import_on_an_empty_device_offers_one_action_that_keeps_the_file() -> None:
    """Nothing kept here: one 'Import' action; its store turns the opt-ins on with the file's results."""
    plan = import_plan(PATH, device(), json.dumps(results_file()))
    assert [a["id"] for a in plan["actions"]] == ["import"]
    action = plan["actions"][0]
    assert action["changes"][0] == TEXT["refresh_on"]
    assert "Module 1: M1: added (passed 2026-11-02, best score 87%, refreshers done: 1)." in action["changes"]
    assert "Observed practice: a referral: 2 outcomes added." in action["changes"]
    assert action["store"] == {
        "progress": {"visited": {}, "passed": {"kc-1": "2026-11-03", "kc-4": "2026-11-10"}},
        "refresh": {"banks": {"kc-1": {"passed": "2026-11-02", "best": 0.875, "box": 2, "since": "2026-11-05",
                                       "refreshers": 1}}},
        "observations": {"obs-referral": {"entries": [{"date": "2026-11-20", "outcome": "not-yet"},
                                                      {"date": "2026-11-28", "outcome": "ready"}]}},
    }
    assert plan["summary"] == ["The file was exported on 2026-11-30. It holds: knowledge checks passed, 2; best "
                               "scores and refreshers, 1; observed-practice outcomes, 2."]


def test_import_merge_or_replace_says_what_changes_and_keeps_visits() -> None:
    """With results here: merge adds and removes nothing; replace deletes what the file lacks; visits stay."""
    here = device(
        progress=stored({"visited": {"modules/01-m1/": "2026-11-01"}, "passed": {"kc-5": "2026-11-12"}}),
        refresh=stored({"banks": {"kc-5": {"passed": "2026-11-12", "best": 0.8, "box": 1, "since": "2026-11-12"}}}),
        observations={"obs-family-involvement": stored({"entries": [{"date": "2026-11-25", "outcome": "ready"}]})},
    )
    plan = import_plan(PATH, here, json.dumps(results_file()))
    merge_action, replace_action = plan["actions"]
    assert (merge_action["id"], replace_action["id"]) == ("merge", "replace")
    assert not any("deleted" in line for line in merge_action["changes"])
    assert "Module 5: M5: deleted." in replace_action["changes"]
    assert ("Observed practice: involving family and friends, and the risk assessment: 1 outcome deleted."
            in replace_action["changes"])
    for action in plan["actions"]:
        assert action["store"]["progress"]["visited"] == {"modules/01-m1/": "2026-11-01"}
    assert set(merge_action["store"]["observations"]) == {"obs-referral", "obs-family-involvement"}
    assert set(replace_action["store"]["observations"]) == {"obs-referral"}
    assert set(merge_action["store"]["progress"]["passed"]) == {"kc-1", "kc-4", "kc-5"}
    assert plan["message"] is None and plan["note"] == TEXT["optin_note"]


def test_importing_what_is_already_kept_changes_nothing() -> None:
    """A file whose results the device already keeps: no action, a message that nothing changed."""
    results = file_results()
    here = Device(results, {}, ())
    plan = import_plan(PATH, here, json.dumps(export_file(results, TODAY)))
    assert plan["actions"] == [] and plan["message"] == TEXT["same"]


def test_import_leaves_out_results_this_site_does_not_have() -> None:
    """Results for unknown checks or rubrics are counted in the summary and never stored."""
    plan = import_plan(PATH, device(), json.dumps(results_file(passed={"kc-1": "2026-11-03", "kc-zz": "2026-11-01"})))
    assert TEXT["left_out"].format(count=1) in plan["summary"]
    assert "kc-zz" not in json.dumps(plan["actions"])


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("{not json", "This file could not be read: it is not a results file exported from this site"),
        ("[1, 2]", "This file is not a results file exported from this site"),
        (json.dumps({"format": "a-spreadsheet", "rows": []}), "This file is not a results file"),
        (json.dumps(results_file(version=9)), "This results file was made by a newer version"),
        (json.dumps(results_file(passed={"kc-1": "soon"})), "This results file is damaged"),
        (" " * (MAX_FILE_CHARS + 1), "This file is too large"),
    ],
)
def test_a_bad_or_foreign_file_changes_nothing_and_says_so(text: str, start: str) -> None:
    """Any file that cannot be imported is one line that ends: nothing was changed."""
    with pytest.raises(SelfcheckError) as caught:
        import_plan(PATH, device(), text)
    message = str(caught.value)
    assert message.startswith(start) and message.endswith("Nothing was changed.") and "\n" not in message


# ----- through the bridge, as the page calls it


def request(op: str, **fields: Any) -> dict[str, Any]:
    """A record request carrying the embedded path and an empty device."""
    return {"op": op, "path": onboarding_data(MODULES, CATALOGUE, SCHEDULE),
            "kept": {"progress": None, "refresh": None, "observations": {}}, "today": "2026-12-01", **fields}


def test_bridge_view_export_and_import() -> None:
    """record-view, record-export and record-import answer the page; export refuses when nothing is kept."""
    kept = {"progress": stored({"visited": {}, "passed": {"kc-1": "2026-11-03"}}), "refresh": None,
            "observations": {}}
    view = call(request("record-view", kept=kept))
    assert view["ok"] is True and view["result"]["rows"][0]["passed"] == "2026-11-03"
    exported = call(request("record-export", kept=kept))["result"]
    assert exported["filename"] == "onboarding-results-2026-12-01.json"
    assert exported["file"]["passed"] == {"kc-1": "2026-11-03"} and "no answers, notes or names" in exported["message"]
    empty = call(request("record-export"))["result"]
    assert empty["file"] is None and empty["message"] == TEXT["nothing_to_export"]
    plan = call(request("record-import", file=json.dumps(exported["file"])))["result"]
    assert [a["id"] for a in plan["actions"]] == ["import"]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"file": "{"}, "This file could not be read"),
        ({"file": None}, "the request needs 'file'"),
        ({"kept": []}, "the request needs 'kept'"),
        ({"path": {"modules": 1}}, "the onboarding path is malformed"),
        ({"today": "today"}, "today must be a date written YYYY-MM-DD"),
    ],
)
def test_bridge_errors_are_one_line(change: dict[str, Any], error: str) -> None:
    """A bad record request is one readable line."""
    op = "record-import" if "file" in change else "record-view"
    response = call(request(op, **change))
    assert response["ok"] is False and response["error"].startswith(error) and "\n" not in response["error"]


def test_the_path_a_page_embeds_reads_back_unchanged() -> None:
    """onboarding_data and parse_onboarding agree: the browser reads exactly what the build embedded."""
    data = onboarding_data(MODULES, CATALOGUE, SCHEDULE)
    again = parse_onboarding(copy.deepcopy(data))
    assert [m.page for m in again.modules] == [m.page for m in MODULES]
    assert [r.id for r in again.rubrics] == [r["id"] for r in data["rubrics"]] and len(again.rubrics) == len(RUBRICS)
    assert again.schedule == SCHEDULE
