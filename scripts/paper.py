"""Build step: printable paper versions of exercises, and the checklist booklet.

A paper version is plain HTML made from ``describe()``: title, source, intro,
every item with an empty box (□) or lines to write on, the options of choice
items (questions that share their answers, as in the CBI, as one grid: a row
per question, a column per answer), lines for notes, date and signature fields,
and, when the exercise has a ``scoring_key()`` method, a table for scoring by
hand. A kind may lay its items out as a grid (``describe()['table']``: an
observation rubric puts one criterion per row and a circle per level), print its
decision rules under the intro (``describe()['rules']``), and keep an item off
paper (``"paper": false``, such as a notes box that paper replaces with lines).
On screen the paper
version is hidden (``print.css``); when printing, it replaces the interactive
form. The booklet is every checklist in site order, one per printed page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from itertools import groupby
from typing import Any

from selfcheck import Catalogue, Exercise

from .editions import Interface, english_ui
from .sections import grouped

#: The checklist ids in site order (the order of the site map and the booklet).
CHECKLIST_ORDER = (
    "cl-trafficking-signs",
    "cl-identification-information",
    "cl-interview-recommendations",
    "cl-child-pathway",
    "cl-immediate-intervention",
    "cl-suicide-risk",
    "cl-needs-assessment",
    "cl-support-plan",
    "cl-recovery-principles",
    "cl-referral",
    "cl-reintegration",
    "cl-monitoring",
    "cl-case-completion",
    "cl-social-services-access",
    "cl-risk-assessment-update",
    "cl-family-involvement",
    "cl-skills-empowerment",
    "cl-health-insurance",
    "cl-safe-return",
    "cl-sharing-a-case",
    "cl-online-safety",
    "cl-interpreter",
    "cl-home-visit-safety",
    "cl-self-care",
)

BOX = '<span class="sc-box" aria-hidden="true">□</span>'
CIRCLE = '<span class="sc-box sc-box--round" aria-hidden="true">○</span>'


def _lines(count: int) -> str:
    return '<span class="sc-line" aria-hidden="true"></span>' * count


def _hint(item: Mapping[str, Any]) -> str:
    hint = item.get("hint")
    return f' <span class="sc-paper-hint">{escape(hint)}</span>' if hint else ""


def render_paper_item(item: Mapping[str, Any], ui: Interface | None = None) -> str:
    """One item on paper: a box to tick, options with boxes, or a labelled writing line."""
    ui = ui or english_ui()
    kind = item["type"]
    prompt = escape(item["prompt"])
    if kind == "check":
        return f'<li class="sc-paper-item sc-paper-item--check">{BOX} <span>{prompt}{_hint(item)}</span></li>'
    if kind in ("single", "multiple"):
        mark = CIRCLE if kind == "single" else BOX
        how = escape(ui["paper.tick_one"] if kind == "single" else ui["paper.tick_all"])
        options = "".join(
            f'<li class="sc-paper-option">{mark} {escape(o["label"])}</li>' for o in item.get("options", [])
        )
        return (
            f'<li class="sc-paper-item sc-paper-item--{kind}"><span>{prompt}{_hint(item)}'
            f' <span class="sc-paper-how">({how})</span></span><ul class="sc-paper-options">{options}</ul></li>'
        )
    if kind == "date":
        return (
            f'<li class="sc-paper-item sc-paper-item--field"><span class="sc-paper-label">{prompt}{_hint(item)}</span>'
            ' <span class="sc-paper-fill">___ / ___ / ______</span></li>'
        )
    if kind == "number":
        return (
            f'<li class="sc-paper-item sc-paper-item--field"><span class="sc-paper-label">{prompt}{_hint(item)}</span>'
            ' <span class="sc-paper-fill">__________</span></li>'
        )
    if kind == "text":
        return (
            f'<li class="sc-paper-item sc-paper-item--text"><span class="sc-paper-label">{prompt}{_hint(item)}</span>'
            f"{_lines(2)}</li>"
        )
    raise ValueError(f"item {item.get('id')!r}: unknown item type {kind!r}")


def _cells(item: Mapping[str, Any]) -> list[str]:
    """A grid row's cells for one item: a box to tick, a circle per option of a single choice, or space to write."""
    if item["type"] == "check":
        return [f"<td>{BOX}</td>"]
    if item["type"] == "single":
        return [f'<td class="sc-paper-choice">{CIRCLE}</td>' for _ in item["options"]]
    return ["<td></td>"]
def _labels(item: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The option labels of a single-choice item (the columns it would share in a grid), else None."""
    return tuple(o["label"] for o in item["options"]) if item["type"] == "single" else None


def answer_grid(items: list[Mapping[str, Any]], ui: Interface | None = None) -> str:
    """Single-choice items that share their answers, as one table: a row per question, a column per answer.

    The questionnaire layout of paper instruments (the CBI): every question on one line with a circle to
    tick under each answer, instead of each question followed by its own list of answers.
    """
    ui = ui or english_ui()
    labels = _labels(items[0]) or ()
    head = f'<th scope="col">{escape(ui["paper.question"])}</th>'
    head += "".join(f'<th scope="col">{escape(label)}</th>' for label in labels)
    rows = []
    for item in items:
        number = f'<span class="sc-paper-number">{item["number"]}.</span> ' if item.get("number") else ""
        circles = f"<td>{CIRCLE}</td>" * len(labels)
        rows.append(f'<tr><th scope="row">{number}{escape(item["prompt"])}{_hint(item)}</th>{circles}</tr>')
    return (
        f'<table class="sc-paper-answers"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def render_items(items: list[Mapping[str, Any]], ui: Interface | None = None) -> str:
    """Items on paper: two or more single-choice items in a row with the same answers as a grid, others listed."""
    ui = ui or english_ui()
    parts: list[str] = []
    listed: list[str] = []
    for labels, run in groupby(items, key=_labels):
        members = list(run)
        if labels and len(members) >= 2:
            if listed:
                parts.append(f'<ul class="sc-paper-items">{"".join(listed)}</ul>')
                listed = []
            parts.append(answer_grid(members, ui))
        else:
            listed.extend(render_paper_item(i, ui) for i in members)
    if listed:
        parts.append(f'<ul class="sc-paper-items">{"".join(listed)}</ul>')
    return "".join(parts)


def _table(described: Mapping[str, Any], items: Mapping[str, Mapping[str, Any]]) -> tuple[str, set[str]]:
    """An optional grid layout (``describe()['table']``): rows of items under column headers.

    A row is ``{"label", "items"}`` (a single-choice item spreads its options over the columns),
    or ``{"heading"}``, a sub-heading across the whole grid.
    """
    table = described.get("table")
    if not table:
        return "", set()
    used: set[str] = set()
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table["header"])
    rows = []
    for row in table["rows"]:
        if "heading" in row:
            span = len(table["header"])
            rows.append(f'<tr class="sc-paper-grid-heading"><th colspan="{span}" scope="colgroup">'
                        f'{escape(row["heading"])}</th></tr>')
            continue
        cells = [f'<th scope="row">{escape(row["label"])}</th>']
        for ident in row["items"]:
            used.add(ident)
            cells.extend(_cells(items[ident]))
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="sc-paper-grid"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>',
        used,
    )


def _key(exercise: Exercise, ui: Interface) -> str:
    """The manual scoring key, for kinds that have one (selfcheck's words in the edition's language)."""
    scoring_key = getattr(exercise, "scoring_key", None)
    if not callable(scoring_key):
        return ""
    key: Mapping[str, Any] = scoring_key(lang=ui.lang)
    head = "".join(f'<th scope="col">{escape(str(h))}</th>' for h in key.get("header", []))
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in key.get("rows", [])
    )
    notes = "".join(f'<p class="sc-paper-note">{escape(n)}</p>' for n in key.get("notes", []))
    title = escape(key.get("title", ui["paper.scoring_key"]))
    table = (
        f'<table class="sc-paper-keytable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>' if body else ""
    )
    return f'<section class="sc-paper-key"><h3>{title}</h3>{table}{notes}</section>'


def _groups(described: Mapping[str, Any], skip: set[str]) -> Iterable[tuple[Mapping[str, Any] | None, list[Any]]]:
    items = [i for i in described["items"] if i["id"] not in skip and i.get("paper", True)]  # paper=False: screen only
    for section, members in grouped(items, described.get("sections", [])):
        if section is None or members or section.get("text"):  # a section left empty by the grid goes
            yield section, members


def render_paper(exercise: Exercise, definition: Mapping[str, Any], ui: Interface | None = None) -> str:
    """The printable paper version of one exercise (an ``<article class="sc-paper">``).

    ``definition`` is the validated source data; the paper shows only what
    ``describe()`` publishes (never an answer key), plus the scoring key when
    the kind offers one. ``ui``: the edition's words (English by default), the site's name among them.
    """
    ui = ui or english_ui()
    site = ui["paper.site_name"]
    described = exercise.describe(lang=ui.lang)
    by_id = {i["id"]: i for i in described["items"]}
    grid, in_grid = _table(described, by_id)
    parts: list[str] = []
    for section, members in _groups(described, in_grid):
        listing = render_items(members, ui)
        if section is None:
            parts.append(f'<div class="sc-paper-fields">{listing}</div>')
            continue
        text = f'<p class="sc-paper-text">{escape(section["text"])}</p>' if section.get("text") else ""
        parts.append(
            f'<section class="sc-paper-section"><h3>{escape(section["title"])}</h3>{text}{listing}</section>'
        )
    if grid:  # the grid comes right after the loose fields (case reference, date), before other sections
        parts.insert(1 if parts and parts[0].startswith('<div class="sc-paper-fields">') else 0, grid)
    intro = f'<p class="sc-paper-intro">{escape(described["intro"])}</p>' if described.get("intro") else ""
    intro += "".join(f'<p class="sc-paper-rule">{escape(line)}</p>' for line in described.get("rules", []))
    notes = f'<div class="sc-paper-notes"><p class="sc-paper-label">{escape(ui["paper.notes"])}</p>{_lines(3)}</div>'
    signature = (
        f'<div class="sc-paper-sign"><span>{escape(ui["paper.date"])}</span>'
        f'<span>{escape(ui["paper.signature"])}</span></div>'
    )
    footer = f'<p class="sc-paper-footer">{escape(ui.text("paper.footer", source=exercise.source, site=site))}</p>'
    return (
        f'<article class="sc-paper" data-paper="{escape(exercise.id)}" data-site="{escape(site)}" data-search-exclude>'
        f'<header class="sc-paper-head"><h2 class="sc-paper-title">{escape(exercise.title)}</h2>'
        f'<p class="sc-paper-source">{escape(ui.text("paper.source", source=exercise.source))}</p></header>'
        f'{intro}{"".join(parts)}{_key(exercise, ui)}{notes}{signature}{footer}</article>'
    )


def booklet_ids(catalogue: Catalogue) -> list[str]:
    """The checklists of the catalogue in site order; unknown checklist-like ids come last, sorted."""
    known = [i for i in CHECKLIST_ORDER if i in catalogue]
    extra = sorted(e.id for e in catalogue if e.id.startswith("cl-") and e.id not in CHECKLIST_ORDER)
    return known + extra


def render_booklet(catalogue: Catalogue, ui: Interface | None = None) -> str:
    """Every checklist in site order, each starting on a new printed page."""
    ui = ui or english_ui()
    ids = booklet_ids(catalogue)
    contents = "".join(f"<li>{escape(catalogue.get(i).title)}</li>" for i in ids)
    papers = "".join(render_paper(catalogue.get(i), catalogue.data[i], ui) for i in ids)
    return (
        f'<div class="sc-booklet" data-checklists="{len(ids)}">'
        f'<nav class="sc-booklet-contents" aria-label="{escape(ui["paper.booklet_contents"])}">'
        f"<ol>{contents}</ol></nav>"
        f"{papers}</div>"
    )
