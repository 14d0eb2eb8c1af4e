"""Build step: printable paper versions of exercises, and the checklist booklet.

A paper version is plain HTML made from ``describe()``: title, source, intro,
every item with an empty box (□) or lines to write on, the options of choice
items, lines for notes, date and signature fields, and, when the exercise has a
``scoring_key()`` method, a table for scoring by hand. On screen the paper
version is hidden (``print.css``); when printing, it replaces the interactive
form. The booklet is every checklist in site order, one per printed page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from selfcheck import Catalogue, Exercise

from .fragments import grouped

#: The site's name as printed in the footer of every paper version.
SITE_NAME = "Supporting survivors of trafficking – training site"

#: The checklist ids in site order (the order of the site map and the booklet).
CHECKLIST_ORDER = (
    "cl-trafficking-signs",
    "cl-identification-information",
    "cl-interview-recommendations",
    "cl-immediate-intervention",
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
    "cl-online-safety",
    "cl-interpreter",
    "cl-self-care",
)

BOX = '<span class="sc-box" aria-hidden="true">□</span>'
CIRCLE = '<span class="sc-box sc-box--round" aria-hidden="true">○</span>'


def _lines(count: int) -> str:
    return '<span class="sc-line" aria-hidden="true"></span>' * count


def _hint(item: Mapping[str, Any]) -> str:
    hint = item.get("hint")
    return f' <span class="sc-paper-hint">{escape(hint)}</span>' if hint else ""


def render_paper_item(item: Mapping[str, Any]) -> str:
    """One item on paper: a box to tick, options with boxes, or a labelled writing line."""
    kind = item["type"]
    prompt = escape(item["prompt"])
    if kind == "check":
        return f'<li class="sc-paper-item sc-paper-item--check">{BOX} <span>{prompt}{_hint(item)}</span></li>'
    if kind in ("single", "multiple"):
        mark = CIRCLE if kind == "single" else BOX
        how = "tick one" if kind == "single" else "tick all that apply"
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


def _table(described: Mapping[str, Any], items: Mapping[str, Mapping[str, Any]]) -> tuple[str, set[str]]:
    """An optional grid layout (``describe()['table']``): rows of items under column headers."""
    table = described.get("table")
    if not table:
        return "", set()
    used: set[str] = set()
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table["header"])
    rows = []
    for row in table["rows"]:
        cells = [f'<th scope="row">{escape(row["label"])}</th>']
        for ident in row["items"]:
            used.add(ident)
            item = items[ident]
            cells.append(f"<td>{BOX}</td>" if item["type"] == "check" else "<td></td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="sc-paper-grid"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>',
        used,
    )


def _key(exercise: Exercise) -> str:
    """The manual scoring key, for kinds that have one."""
    scoring_key = getattr(exercise, "scoring_key", None)
    if not callable(scoring_key):
        return ""
    key: Mapping[str, Any] = scoring_key()
    head = "".join(f'<th scope="col">{escape(str(h))}</th>' for h in key.get("header", []))
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in key.get("rows", [])
    )
    notes = "".join(f'<p class="sc-paper-note">{escape(n)}</p>' for n in key.get("notes", []))
    title = escape(key.get("title", "Scoring key"))
    return (
        f'<section class="sc-paper-key"><h3>{title}</h3>'
        f'<table class="sc-paper-keytable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}</section>'
    )


def _groups(described: Mapping[str, Any], skip: set[str]) -> Iterable[tuple[Mapping[str, Any] | None, list[Any]]]:
    items = [i for i in described["items"] if i["id"] not in skip]
    for section, members in grouped(items, described.get("sections", [])):
        if section is None or members or section.get("text"):  # a section left empty by the grid goes
            yield section, members


def render_paper(exercise: Exercise, definition: Mapping[str, Any], site: str = SITE_NAME) -> str:
    """The printable paper version of one exercise (an ``<article class="sc-paper">``).

    ``definition`` is the validated source data; the paper shows only what
    ``describe()`` publishes (never an answer key), plus the scoring key when
    the kind offers one.
    """
    described = exercise.describe()
    by_id = {i["id"]: i for i in described["items"]}
    grid, in_grid = _table(described, by_id)
    parts: list[str] = []
    for section, members in _groups(described, in_grid):
        body = "".join(render_paper_item(i) for i in members)
        listing = f'<ul class="sc-paper-items">{body}</ul>' if body else ""
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
    notes = f'<div class="sc-paper-notes"><p class="sc-paper-label">Notes</p>{_lines(3)}</div>'
    signature = (
        '<div class="sc-paper-sign"><span>Date: ___ / ___ / ______</span>'
        "<span>Signature: ______________________________</span></div>"
    )
    footer = (
        f'<p class="sc-paper-footer">Source: {escape(exercise.source)} · {escape(site)}'
        " · Keep completed sheets confidential.</p>"
    )
    return (
        f'<article class="sc-paper" data-paper="{escape(exercise.id)}" data-site="{escape(site)}">'
        f'<header class="sc-paper-head"><h2 class="sc-paper-title">{escape(exercise.title)}</h2>'
        f'<p class="sc-paper-source">Source: {escape(exercise.source)}</p></header>'
        f'{intro}{"".join(parts)}{_key(exercise)}{notes}{signature}{footer}</article>'
    )


def booklet_ids(catalogue: Catalogue) -> list[str]:
    """The checklists of the catalogue in site order; unknown checklist-like ids come last, sorted."""
    known = [i for i in CHECKLIST_ORDER if i in catalogue]
    extra = sorted(e.id for e in catalogue if e.id.startswith("cl-") and e.id not in CHECKLIST_ORDER)
    return known + extra


def render_booklet(catalogue: Catalogue) -> str:
    """Every checklist in site order, each starting on a new printed page."""
    ids = booklet_ids(catalogue)
    contents = "".join(f"<li>{escape(catalogue.get(i).title)}</li>" for i in ids)
    papers = "".join(render_paper(catalogue.get(i), catalogue.data[i]) for i in ids)
    return (
        f'<div class="sc-booklet" data-checklists="{len(ids)}">'
        f'<nav class="sc-booklet-contents" aria-label="Checklists in this booklet"><ol>{contents}</ol></nav>'
        f"{papers}</div>"
    )
