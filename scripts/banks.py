"""Build step: knowledge-check banks: checks, answer keys, paper tests and the refresh fragments.

For every bank (kind ``quiz``) the build checks that its ``page`` exists and shows the bank,
that each objective's ``section`` is a heading anchor of that page (the slugs MkDocs makes),
that the facilitator pages exist, and that the bank passes the lint (thresholds in
``content/knowledge-checks.toml``). Every problem names the file, the item and the rule or
field; the build stops on any of them.

It then writes:

- ``answer-key/ID.md``: every item with its answer, each option's feedback and the source,
  and the key to the paper test (Markdown, so MkDocs checks its links and anchors);
- ``paper-test/ID.html``: the printable paper test, the attempt drawn with the seed of
  ``[paper]`` (numbered questions, lettered options);
- ``refresh.html`` and ``refresh-due.html``: the Refresh page's panel and the "due" box of
  the home and onboarding pages, with the schedule and the list of banks embedded for
  ``web/refresh.js`` (which asks selfcheck what is due);
- the schedule embedded in each knowledge check's form (:func:`form_extras`), for refreshers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Any

import markdown

from selfcheck import Catalogue, Quiz, Settings, lint_quiz, load_settings

from . import paths
from .editions import Interface, english_ui
from .markers import MARKER_LINE

TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)
#: Where each bank's facilitator pages live (docs-relative; ``{id}`` is the bank id).
ANSWER_KEY_PAGE = "facilitators/answer-keys/{id}.md"
PAPER_TEST_PAGE = "facilitators/paper-tests/{id}.md"
#: The Markdown extensions that shape heading anchors on the site (as in mkdocs.yml).
ANCHOR_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "pymdownx.details", "tables", "def_list"]

class BankError(Exception):
    """One or more banks break a rule; the message has one problem per line."""


def settings() -> Settings:
    """The knowledge-check settings of this repository."""
    return load_settings(paths.BANK_SETTINGS)


def quizzes(catalogue: Catalogue) -> list[Quiz]:
    """Every knowledge-check bank, in the order of their module pages."""
    return sorted((e for e in catalogue if isinstance(e, Quiz)), key=lambda q: (q.page, q.id))


def anchors(page: Path) -> list[str]:
    """The heading anchors MkDocs gives ``page`` (its toc extension, markers left out)."""
    text = "\n".join(line for line in page.read_text(encoding="utf-8").splitlines() if not MARKER_LINE.match(line))
    md = markdown.Markdown(extensions=ANCHOR_EXTENSIONS)
    md.convert(text)
    found: list[str] = []

    def walk(tokens: Iterable[Mapping[str, Any]]) -> None:
        for token in tokens:
            found.append(str(token["id"]))
            walk(token.get("children", []))

    walk(md.toc_tokens)  # type: ignore[attr-defined]
    return found


def check(catalogue: Catalogue, rules: Settings, docs: Path = paths.DOCS) -> list[str]:
    """Every problem of every bank: page, anchors, facilitator pages, then the lint."""
    problems: list[str] = []
    for quiz in quizzes(catalogue):
        origin = str(catalogue.files[quiz.id])
        page = docs / quiz.page
        if not page.is_file():
            problems.append(f"{origin}: field 'page': no page {quiz.page} under {docs.name}/")
        else:
            if not any((m := MARKER_LINE.match(line)) and m.group("body").split() == ["exercise", quiz.id]
                       for line in page.read_text(encoding="utf-8").splitlines()):
                problems.append(f"{origin}: field 'page': {quiz.page} does not show this bank "
                                f"(no line '{{{{ exercise {quiz.id} }}}}')")
            known = anchors(page)
            for objective in quiz.objectives:
                if objective.section not in known:
                    problems.append(
                        f"{origin}: item {objective.id!r}: field 'section': no heading with anchor "
                        f"{objective.section!r} on {quiz.page} (its anchors: {', '.join(known)})"
                    )
        for pattern, marker in ((ANSWER_KEY_PAGE, "answer-key"), (PAPER_TEST_PAGE, "paper-test")):
            facilitator = pattern.format(id=quiz.id)
            if not (docs / facilitator).is_file():
                problems.append(f"{origin}: rule 'facilitator-pages': no page {facilitator} "
                                f"(it shows '{{{{ {marker} {quiz.id} }}}}')")
        problems.extend(str(p) for p in lint_quiz(quiz, rules.lint, origin))
    return problems


def _relative(page: str, target: str) -> str:
    """A Markdown link from docs page ``page`` to docs page ``target`` (MkDocs resolves ``.md`` links)."""
    up = page.count("/")
    return "../" * up + target


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")


def md_text(text: str) -> str:
    """Plain text safe inside a Markdown paragraph or table cell (no markup, no raw HTML)."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def render_answer_key(quiz: Quiz, seed: int, ui: Interface | None = None) -> str:
    """The facilitator's answer key of one bank (a Markdown fragment), worded in ``ui`` (English by default)."""
    ui = ui or english_ui()
    page = ANSWER_KEY_PAGE.format(id=quiz.id)
    key = quiz.answer_key(lang=ui.lang)
    paper = quiz.draw(seed).key(lang=ui.lang)
    objectives = {o["id"]: o for o in key["objectives"]}
    lines = [
        f'<div class="sc-key" data-answer-key="{escape(quiz.id)}" markdown>',
        "",
        md_text(ui.text("banks.key_intro", rules=quiz.rules(lang=ui.lang), needed=ui.decimal(paper["needed"]),
                        size=paper["size"])),
        "",
        f"## {md_text(ui['banks.objectives'])} {{ #objectives-and-the-sections-that-teach-them }}",
        "",
    ]
    for number, objective in enumerate(key["objectives"], start=1):
        count = sum(1 for i in key["items"] if i["objective"] == objective["id"])
        href = f"{_relative(page, quiz.page)}#{objective['section']}"
        line = ui.text("banks.objective_line", text=md_text(objective["text"]), href=href, count=count)
        lines.append(f"{number}. {line}")
    columns = ("question_col", "answer_col", "objective_col", "source_col")
    lines += [
        "",
        f"## {md_text(ui['banks.paper_key'])} {{ #key-to-the-paper-test }}",
        "",
        ui.text("banks.paper_key_intro", paper=_relative(page, PAPER_TEST_PAGE.format(id=quiz.id)), seed=seed),
        "",
        "| " + " | ".join(md_text(ui[f"banks.{column}"]) for column in columns) + " |",
        "| --- | --- | --- | --- |",
    ]
    by_id = {i["id"]: i for i in key["items"]}
    for shown in paper["items"]:
        objective = objectives[by_id[shown["id"]]["objective"]]["text"]
        lines.append(f"| {shown['number']} | {', '.join(shown['letters'])} | {md_text(objective)} "
                     f"| {md_text(shown['source'])} |")
    lines += ["", f"## {md_text(ui['banks.items'])} {{ #every-item-of-the-bank-in-published-order }}", ""]
    for number, item in enumerate(key["items"], start=1):
        meta = ui.text(
            "banks.meta",
            type=md_text(ui[f"banks.type_{item['type']}"]),
            style=md_text(ui[f"banks.style_{item['style']}"]),
            objective=md_text(objectives[item["objective"]]["text"]),
            source=md_text(item["source"]),
        )
        lines += [
            f"### {md_text(ui.text('banks.item', number=number))} {{ #{quiz.id}--{item['id']} }}",
            "",
            f"**{md_text(item['prompt'])}**",
            "",
            f"*{meta}*",
            "",
        ]
        for option in item["options"]:
            verdict = md_text(ui["banks.right"] if option["correct"] else ui["banks.wrong"])
            mark = "✓" if option["correct"] else "✗"
            lines.append(f"- {mark} **{verdict}:** {md_text(option['label'])} — {md_text(option['feedback'])}")
        lines += ["", f"{md_text(ui['banks.why'])}: {md_text(item['explanation'])}", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def render_paper_test(quiz: Quiz, seed: int, ui: Interface | None = None) -> str:
    """The printable paper test: the attempt of ``seed``, numbered questions, lettered options (HTML)."""
    ui = ui or english_ui()
    attempt = quiz.draw(seed).describe(lang=ui.lang)
    items = []
    for shown in attempt["items"]:
        mark = "○" if shown["type"] == "single" else "□"
        how = escape(ui["paper.tick_one"] if shown["type"] == "single" else ui["paper.tick_all"])
        options = "".join(
            f'<li class="sc-paper-option"><span class="sc-box" aria-hidden="true">{mark}</span> '
            f'<span class="sc-paper-letter">{chr(ord("A") + n)}.</span> {escape(o["label"])}</li>'
            for n, o in enumerate(shown["options"])
        )
        items.append(
            f'<li class="sc-paper-item sc-paper-item--{shown["type"]}" data-item="{escape(shown["id"])}">'
            f'<span>{escape(shown["prompt"])} <span class="sc-paper-how">({how})</span></span>'
            f'<ul class="sc-paper-options">{options}</ul></li>'
        )
    how = ui.text("banks.paper_how", percent=attempt["pass_percent"], needed=ui.decimal(attempt["needed"]),
                  size=attempt["size"])
    footer = ui.text("banks.paper_footer", source=quiz.source, site=ui["paper.site_name"], seed=seed)
    return (
        f'<article class="sc-paper sc-paper--shown sc-paper-test" data-paper-test="{escape(quiz.id)}"'
        f' data-search-exclude data-seed="{seed}">'
        f'<header class="sc-paper-head"><h2 class="sc-paper-title">{escape(quiz.title)}</h2>'
        f'<p class="sc-paper-source">{escape(ui.text("paper.source", source=quiz.source))}</p></header>'
        f'<div class="sc-paper-sign"><span>{escape(ui["banks.paper_name"])}</span>'
        f'<span>{escape(ui["paper.date"])}</span></div>'
        f'<p class="sc-paper-intro">{escape(how)}</p>'
        f'<ol class="sc-paper-items sc-paper-questions">{"".join(items)}</ol>'
        f'<p class="sc-paper-footer">{escape(footer)}</p></article>'
    )


def module_title(docs: Path, page: str) -> str:
    """The H1 title of a module page."""
    found = TITLE.search((docs / page).read_text(encoding="utf-8"))
    return found.group("title") if found else page


def bank_index(catalogue: Catalogue, docs: Path = paths.DOCS) -> list[dict[str, str]]:
    """Each bank as the refresh pages list it: id, module title, module page URL."""
    return [{"id": q.id, "title": module_title(docs, q.page), "url": q.page_url()} for q in quizzes(catalogue)]


def _json_script(attribute: str, data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" {attribute}>{text}</script>'


def form_extras(catalogue: Catalogue, rules: Settings) -> dict[str, str]:
    """HTML each knowledge check's form carries besides its definition: the refresher schedule."""
    schedule = _json_script("data-refresh-schedule", rules.refresh.to_json())
    return {q.id: schedule for q in quizzes(catalogue)}


def render_refresh(catalogue: Catalogue, rules: Settings, docs: Path, *, full: bool,
                   ui: Interface | None = None) -> str:
    """The Refresh page's panel (``full``) or the home and onboarding pages' "due" box.

    Both stay empty and hidden until ``web/refresh.js`` finds stored results (with the reader's
    opt-in) and selfcheck says what is due; the Refresh page's panel also holds the opt-in.
    """
    data = {"schedule": rules.refresh.to_json(), "banks": bank_index(catalogue, docs), "page": "refresh/"}
    if full:
        return (
            '<div class="sc-refresh" data-refresh="page">'
            f"{_json_script('data-refresh-data', data)}"
            f'<p class="sc-refresh-schedule">{escape(rules.refresh.describe(lang=(ui or english_ui()).lang))}</p>'
            f'<noscript><p class="sc-message">{escape((ui or english_ui())["banks.refresh_noscript"])}</p></noscript>'
            "</div>"
        )
    return (
        '<div class="sc-refresh sc-refresh--due sc-screen-only" data-refresh="due" hidden>'
        f"{_json_script('data-refresh-data', data)}</div>"
    )


def write(catalogue: Catalogue, out: Path, docs: Path = paths.DOCS, ui: Interface | None = None) -> int:
    """Check every bank, then write its fragments; returns how many banks. Raises :class:`BankError`."""
    ui = ui or english_ui()
    rules = settings()
    problems = check(catalogue, rules, docs)
    if problems:
        raise BankError("\n".join(problems))
    keys, papers = out / "answer-key", out / "paper-test"
    keys.mkdir(parents=True, exist_ok=True)
    papers.mkdir(parents=True, exist_ok=True)
    banks = quizzes(catalogue)
    for quiz in banks:
        (keys / f"{quiz.id}.md").write_text(render_answer_key(quiz, rules.paper_seed, ui), encoding="utf-8")
        (papers / f"{quiz.id}.html").write_text(render_paper_test(quiz, rules.paper_seed, ui), encoding="utf-8")
    (out / "refresh.html").write_text(render_refresh(catalogue, rules, docs, full=True, ui=ui), encoding="utf-8")
    (out / "refresh-due.html").write_text(render_refresh(catalogue, rules, docs, full=False, ui=ui), encoding="utf-8")
    return len(banks)
