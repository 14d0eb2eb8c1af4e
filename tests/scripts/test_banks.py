"""scripts.banks: the build's bank checks (page, anchors, facilitator pages, lint) and the bank fragments."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest

from banks import bank, settings, write_bank
from scripts import banks, editions, paths
from selfcheck import Catalogue, load_catalogue

PAGE = """# Module 9: Demo

Source: guide §1

## Section define

## Section spot {#section-spot}

### Section *act*

## Section [refer](other.md)

## Knowledge check

{{ exercise demo-bank }}
"""


def make_site(root: Path, page: str = PAGE, facilitator_pages: bool = True) -> tuple[Catalogue, Path]:
    """A docs folder with the demo module page (and its facilitator pages) and an exercises folder with the bank."""
    docs = root / "docs"
    (docs / "modules").mkdir(parents=True)
    (docs / "modules" / "demo.md").write_text(page, encoding="utf-8")
    if facilitator_pages:
        for pattern in (banks.ANSWER_KEY_PAGE, banks.PAPER_TEST_PAGE):
            path = docs / pattern.format(id="demo-bank")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# Demo\n", encoding="utf-8")
    data = bank()
    data["objectives"][2]["section"] = "section-act"
    data["objectives"][3]["section"] = "section-refer"
    write_bank(root / "exercises", data)
    return load_catalogue(root / "exercises"), docs


def test_anchors_are_mkdocs_heading_slugs(tmp_path: Path) -> None:
    """anchors() gives the ids MkDocs gives headings: slugs without markup, attr_list ids, duplicates numbered."""
    page = tmp_path / "p.md"
    page.write_text(PAGE + "\n## Section define\n\n{{ exercise x }}\n", encoding="utf-8")
    assert banks.anchors(page) == ["module-9-demo", "section-define", "section-spot", "section-act", "section-refer",
                                   "knowledge-check", "section-define_1"]


def test_real_module_anchors_match_the_built_pages(tmp_path: Path) -> None:
    """For a real module page, anchors() finds its known headings (the browser test follows the links on the site)."""
    found = banks.anchors(banks.paths.DOCS / "modules" / "04-first-contact-and-immediate-support.md")
    assert {"learning-objectives", "the-identification-interview", "the-seven-steps", "knowledge-check"} <= set(found)


def test_a_clean_bank_passes_the_checks(tmp_path: Path) -> None:
    """A bank whose page, anchors and facilitator pages exist and that passes the lint has no problems."""
    catalogue, docs = make_site(tmp_path)
    assert banks.check(catalogue, settings(), docs) == []


def test_a_missing_anchor_names_file_objective_and_field(tmp_path: Path) -> None:
    """An objective's section that is no heading of the page fails, naming the file, the objective and the field."""
    catalogue, docs = make_site(tmp_path, PAGE.replace("## Section define", "## Another title"))
    (problem,) = banks.check(catalogue, settings(), docs)
    assert problem.startswith(f"{catalogue.files['demo-bank']}: item 'define': field 'section': no heading with anchor "
                              "'section-define' on modules/demo.md (its anchors: module-9-demo, another-title,")


def test_a_missing_page_or_marker_is_a_problem(tmp_path: Path) -> None:
    """A bank whose page does not exist, or does not show it, fails on field 'page'."""
    catalogue, docs = make_site(tmp_path, PAGE.replace("{{ exercise demo-bank }}", ""))
    assert banks.check(catalogue, settings(), docs) == [
        f"{catalogue.files['demo-bank']}: field 'page': modules/demo.md does not show this bank "
        "(no line '{{ exercise demo-bank }}')"]
    (docs / "modules" / "demo.md").unlink()
    assert banks.check(catalogue, settings(), docs) == [
        f"{catalogue.files['demo-bank']}: field 'page': no page modules/demo.md under docs/"]


def test_missing_facilitator_pages_are_problems(tmp_path: Path) -> None:
    """Every bank has an answer-key page and a paper-test page under the facilitator notes."""
    catalogue, docs = make_site(tmp_path, facilitator_pages=False)
    problems = banks.check(catalogue, settings(), docs)
    assert [p.split(": ", 2)[1] for p in problems] == ["rule 'facilitator-pages'"] * 2
    assert "facilitators/answer-keys/demo-bank.md" in problems[0] and "paper-test demo-bank" in problems[1]


def test_write_stops_on_lint_problems_naming_file_item_and_rule(tmp_path: Path) -> None:
    """write() raises BankError with one line per problem and writes nothing when a bank breaks a rule."""
    _, docs = make_site(tmp_path)
    data = bank()
    data["objectives"][2]["section"] = "section-act"
    data["objectives"][3]["section"] = "section-refer"
    data["items"][0]["options"][1]["label"] = "All of the above"
    write_bank(tmp_path / "exercises", data)
    with pytest.raises(banks.BankError) as info:
        banks.write(load_catalogue(tmp_path / "exercises"), tmp_path / "out", docs)
    assert str(info.value).endswith("item 'q01': rule 'banned-option': option 'q01-b' says 'all of the above': "
                                    "write a real option instead")
    assert not (tmp_path / "out").exists()


def test_write_writes_keys_papers_and_refresh_fragments(tmp_path: Path) -> None:
    """write() writes the answer key, the paper test and both refresh fragments for a clean catalogue."""
    catalogue, docs = make_site(tmp_path)
    assert banks.write(catalogue, tmp_path / "out", docs) == 1
    for name in ("answer-key/demo-bank.md", "paper-test/demo-bank.html", "refresh.html", "refresh-due.html"):
        assert (tmp_path / "out" / name).is_file(), name


def test_answer_key_has_every_item_answer_feedback_and_source(tmp_path: Path) -> None:
    """The answer key lists every item in published order with each option marked right or wrong and its feedback."""
    catalogue, _ = make_site(tmp_path)
    quiz = catalogue.get("demo-bank")
    text = banks.render_answer_key(quiz, 7)
    key = quiz.answer_key()
    positions = [text.index(f"**{banks.md_text(i['prompt'])}**") for i in key["items"]]
    assert positions == sorted(positions)
    rights = sum(o["correct"] for i in key["items"] for o in i["options"])
    assert text.count("✓ **Right:**") == rights
    assert text.count("✗ **Wrong:**") == sum(len(i["options"]) for i in key["items"]) - rights
    assert "Why answer B is wrong (guide §1)." in text and "source: guide §16" in text
    assert "](../../modules/demo.md#section-spot)" in text  # MkDocs checks these links and anchors
    assert "](../../facilitators/paper-tests/demo-bank.md)" in text


def test_answer_key_gives_the_paper_test_key_by_letter(tmp_path: Path) -> None:
    """The paper test's key lists each question's right letters, as the drawn attempt orders the options."""
    catalogue, _ = make_site(tmp_path)
    quiz = catalogue.get("demo-bank")
    text = banks.render_answer_key(quiz, 7)
    rows = re.findall(r"^\| (\d+) \| ([A-E, ]+) \|", text, re.MULTILINE)
    paper = quiz.draw(7).key()
    assert rows == [(str(i["number"]), ", ".join(i["letters"])) for i in paper["items"]]


def test_paper_test_is_the_fixed_draw_without_answers(tmp_path: Path) -> None:
    """The paper test shows the attempt of the seed: its questions in order, lettered options, and no answers."""
    catalogue, _ = make_site(tmp_path)
    quiz = catalogue.get("demo-bank")
    html = banks.render_paper_test(quiz, 7)
    attempt = quiz.draw(7).describe()
    assert re.findall(r'data-item="([^"]+)"', html) == [i["id"] for i in attempt["items"]]
    assert html.count('class="sc-paper-letter"') == sum(len(i["options"]) for i in attempt["items"])
    assert 'data-seed="7"' in html and "Pass mark: 80% of the points (6.4 of 8)" in html
    assert "Why answer" not in html and "✓" not in html


def test_answer_key_and_paper_test_in_the_editions_words(tmp_path: Path) -> None:
    """Another edition's answer key and paper test: its headings, instructions and numbers (6,4: Romanian)."""
    romanian = editions.load_ui("ro", paths.I18N, editions.base_config(paths.CONFIG)["nav"])
    catalogue, _ = make_site(tmp_path)
    quiz = catalogue.get("demo-bank")
    html = banks.render_paper_test(quiz, 7, romanian)
    assert "Pragul de trecere: 80% din puncte (6,4 din 8)." in html and "(bifați un singur răspuns)" in html
    assert "Numele: ___" in html and "Test pe hârtie, numărul de extragere 7." in html
    key = banks.render_answer_key(quiz, 7, romanian)
    assert "## Obiectivele și secțiunile care le predau" in key and "puncte necesare: 6,4" in key
    assert "| Întrebarea | Răspunsul corect | Obiectivul | Sursa |" in key and "**Corect:**" in key
    assert "[Recitiți secțiunea](" in key and "Întrebări în bancă: " in key


def test_paper_test_escapes_text(tmp_path: Path) -> None:
    """Labels and prompts are HTML-escaped on the paper test; Markdown specials are escaped in the answer key."""
    assert banks.md_text("a *b* [c](d) <e> | f_g") == r"a \*b\* \[c\](d) &lt;e&gt; \| f\_g"
    data = bank()
    data["items"][0]["prompt"] = "Is <b>this</b> & that right?"
    write_bank(tmp_path, data)
    quiz = load_catalogue(tmp_path).get("demo-bank")
    html = "".join(banks.render_paper_test(quiz, seed) for seed in range(20))
    assert "<b>this</b>" not in html and "Is &lt;b&gt;this&lt;/b&gt; &amp; that right?" in html


def test_refresh_fragments_embed_schedule_and_banks(tmp_path: Path) -> None:
    """The refresh fragments embed the schedule and each bank's module title and URL; the due box starts hidden."""
    catalogue, docs = make_site(tmp_path)
    full = banks.render_refresh(catalogue, settings(), docs, full=True)
    due = banks.render_refresh(catalogue, settings(), docs, full=False)
    for html in (full, due):
        data = json.loads(re.search(r"data-refresh-data>(.*?)</script>", html).group(1))
        assert data == {"schedule": settings().refresh.to_json(), "page": "refresh/",
                        "banks": [{"id": "demo-bank", "title": "Module 9: Demo", "url": "modules/demo/"}]}
    assert 'data-refresh="page"' in full and escape(settings().refresh.describe()) in full
    assert 'data-refresh="due"' in due and " hidden>" in due


def test_form_extras_give_each_bank_the_schedule() -> None:
    """Each knowledge check's form embeds the refresher schedule (for its refresher mode); other kinds nothing."""
    catalogue = load_catalogue(banks.paths.EXERCISES)
    extras = banks.form_extras(catalogue, settings())
    assert set(extras) == {e.id for e in catalogue if e.kind == "quiz"}
    schedule = json.loads(next(iter(extras.values())).split(">", 1)[1].split("</script>")[0])
    assert schedule == settings().refresh.to_json()
