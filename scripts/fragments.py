"""Build step: render every exercise into an accessible HTML form fragment.

Forms are plain HTML made here, at build time, from ``describe()``: readable
and fillable before (or without) the in-browser Python. The definition travels
with the form as JSON data so the browser's selfcheck scores exactly what the
build validated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from selfcheck import Catalogue, Exercise, load_catalogue

from . import banks, offline, onboarding, paths, record
from .editions import Interface, contact_key, english_ui, wellbeing_contacts
from .paper import render_booklet, render_paper
from .sections import grouped


def html_id(*parts: str) -> str:
    """A safe, unique HTML id from exercise, item and option ids."""
    return "sc-" + "--".join(re.sub(r"[^A-Za-z0-9_-]", "-", p) for p in parts)


def _attrs(**attributes: str | None) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attributes.items() if v is not None)


def render_item(exercise_id: str, item: Mapping[str, Any], number: int | None) -> str:
    """One question or field: a fieldset for choices, a labelled control otherwise."""
    kind = item["type"]
    ident = html_id(exercise_id, item["id"])
    prompt = escape(item["prompt"])
    hint = item.get("hint", "")
    hint_id = f"{ident}--hint" if hint else None
    hint_html = f'<p class="sc-hint" id="{hint_id}">{escape(hint)}</p>' if hint else ""
    required = ' data-required="true"' if item.get("required") else ""
    label_prefix = f'<span class="sc-number">{number}.</span> ' if number is not None else ""
    if kind in ("single", "multiple"):
        input_type = "radio" if kind == "single" else "checkbox"
        options = []
        for option in item["options"]:
            oid = html_id(exercise_id, item["id"], option["id"])
            options.append(
                f'<div class="sc-option"><input type="{input_type}" id="{oid}" name="{escape(item["id"])}"'
                f' value="{escape(option["id"])}"><label for="{oid}">{escape(option["label"])}</label></div>'
            )
        described = _attrs(aria_describedby=hint_id)
        return (
            f'<fieldset class="sc-item sc-item--{kind}" data-item="{escape(item["id"])}" data-type="{kind}"'
            f"{required}{described}><legend>{label_prefix}{prompt}</legend>{hint_html}"
            f'<div class="sc-options">{"".join(options)}</div></fieldset>'
        )
    if kind == "check":
        return (
            f'<div class="sc-item sc-item--check" data-item="{escape(item["id"])}" data-type="check"{required}>'
            f'<input type="checkbox" id="{ident}" name="{escape(item["id"])}"{_attrs(aria_describedby=hint_id)}>'
            f'<label for="{ident}">{prompt}</label>{hint_html}</div>'
        )
    if kind in ("text", "date", "number"):
        control = (
            f'<textarea id="{ident}" name="{escape(item["id"])}" rows="2" autocomplete="off"'
            f'{_attrs(aria_describedby=hint_id)}></textarea>'
            if kind == "text"
            else f'<input type="{kind}" id="{ident}" name="{escape(item["id"])}" autocomplete="off"'
            f'{_attrs(aria_describedby=hint_id)}>'
        )
        return (
            f'<div class="sc-item sc-item--{kind}" data-item="{escape(item["id"])}" data-type="{kind}"{required}>'
            f'<label for="{ident}">{label_prefix}{prompt}</label>{hint_html}{control}'
            '<span class="sc-paper-line" aria-hidden="true"></span></div>'
        )
    raise ValueError(f"exercise {exercise_id!r}: item {item['id']!r}: unknown item type {kind!r}")


def _json(data: object) -> str:
    """JSON for a ``<script type="application/json">`` element (no ``</`` that would close it)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render_form(exercise: Exercise, definition: Mapping[str, Any], extra: str = "", ui: Interface | None = None) -> str:
    """The whole exercise: root element with the DOM contract, form, status and result regions.

    ``definition`` is the validated source data, embedded for the browser's selfcheck; ``extra``
    is more embedded data for the page's script (a knowledge check's refresher schedule); ``ui`` the
    edition's interface text (English by default).
    """
    ui = ui or english_ui()
    described = exercise.describe(lang=ui.lang)
    items: list[Mapping[str, Any]] = described["items"]
    sections: list[Mapping[str, Any]] = described.get("sections", [])
    numbered = exercise.kind in ("quiz", "cbi", "decision-aid")
    parts: list[str] = []
    number = 0
    for section, members in grouped(items, sections):
        body = []
        for item in members:
            number += 1
            body.append(render_item(exercise.id, item, number if numbered else None))
        if section is None:
            parts.extend(body)
            continue
        text = f'<p class="sc-section-text">{escape(section["text"])}</p>' if section.get("text") else ""
        heading_id = html_id(exercise.id, section["id"]) + "--section"
        # A named group: a screen reader says "Housing, group" before the need's repeated labels
        # ("Part of this plan", "Duration"), so each control is told apart by its section. The id is on
        # the heading's text, not the heading: the search index starts a section at every heading with
        # an id, and a form's headings are not places to land on.
        parts.append(
            f'<section class="sc-section" data-section="{escape(section["id"])}" role="group"'
            f' aria-labelledby="{heading_id}"><h3 class="sc-section-title"><span id="{heading_id}">'
            f'{escape(section["title"])}</span></h3>{text}{"".join(body)}</section>'
        )
    intro = f'<p class="sc-intro">{escape(described["intro"])}</p>' if described.get("intro") else ""
    if described.get("rules"):  # how it is decided: a rubric's levels and readiness rule, a drawn check's pass mark
        lines = "".join(f'<p class="sc-rule">{escape(line)}</p>' for line in described["rules"])
        intro += f'<div class="sc-rules" data-exercise-rules>{lines}</div>'
    data = _json(definition)
    submit = escape(ui.get(f"fragments.submit_by_kind.{exercise.kind}") or ui["fragments.submit"])
    title_id = html_id(exercise.id, "title")
    if exercise.kind in HELP_KINDS:
        extra += f'<script type="application/json" data-help-contacts>{_json(help_contacts(ui))}</script>'
    # The form and its status line are left out of the search index (data-search-exclude on elements that
    # never hold one of their own kind: Material's index parser matches closing tags by name only).
    return (
        f'<div class="sc-exercise" data-exercise="{escape(exercise.id)}" data-exercise-kind="{escape(exercise.kind)}"'
        f' data-exercise-status="loading" role="group" aria-labelledby="{title_id}">'
        f'<p class="sc-title" id="{title_id}"><strong>{escape(exercise.title)}</strong>'
        f' <span class="sc-source">{escape(ui.text("fragments.source", source=exercise.source))}</span></p>'
        f'<script type="application/json" data-exercise-definition>{data}</script>{extra}'
        f'<form class="sc-form" novalidate data-search-exclude>{intro}{"".join(parts)}'
        f'<div class="sc-actions"><button type="submit" class="md-button md-button--primary">{submit}</button>'
        f'<button type="reset" class="md-button">{escape(ui["fragments.clear"])}</button></div>'
        f'<p class="sc-message" data-exercise-message role="status">{escape(ui["fragments.loading"])}</p></form>'
        f'<noscript data-search-exclude><p class="sc-message">{escape(ui["fragments.noscript"])}</p></noscript>'
        f'<div class="sc-result" data-exercise-result aria-live="polite" tabindex="-1"></div></div>'
    )


#: The kinds whose results say where to get help (self-checks about the reader's own wellbeing).
HELP_KINDS = ("cbi", "reflection")


def help_contacts(ui: Interface | None = None, contacts: Path = paths.CONTENT / "contacts.toml") -> dict[str, Any]:
    """The numbers a self-check's help box shows: those marked ``wellbeing`` in ``content/contacts.toml``.

    Each with who answers, what for (in another language: the edition's ``[contacts.<digits>]``), its
    countries and the date it was checked (the page shows the date in the reader's format), and the
    country pages that list every number.
    """
    ui = ui or english_ui()
    translated = ui.lang != paths.SOURCE_LANG
    numbers = []
    for entry in wellbeing_contacts(contacts):
        shown = {k: entry[k] for k in ("number", "holder", "what", "countries", "checked")}
        if translated:
            shown |= {field: ui[f"{contact_key(entry['number'])}.{field}"] for field in ("holder", "what")}
        numbers.append(shown)
    pages = [
        {"text": ui[f"web.selfcheck.contactCountries.{country}"], "href": f"countries/{country}/#who-does-what"}
        for country in ("romania", "bulgaria")
    ]
    return {"numbers": numbers, "pages": pages}


def write_fragments(catalogue: Catalogue, out: Path, extras: Mapping[str, str] | None = None,
                    ui: Interface | None = None) -> int:
    """Write every fragment; returns how many exercises.

    ``out/exercise/ID.html`` (the form, with ``extras[ID]`` embedded) and ``out/paper-version/ID.html``
    (the printable version) for every exercise, and ``out/checklist-booklet.html`` (all checklists),
    worded in ``ui`` (English by default).
    """
    ui = ui or english_ui()
    target = out / "exercise"
    target.mkdir(parents=True, exist_ok=True)
    paper = out / "paper-version"
    paper.mkdir(parents=True, exist_ok=True)
    for exercise in catalogue:
        html = render_form(exercise, catalogue.data[exercise.id], (extras or {}).get(exercise.id, ""), ui)
        (target / f"{exercise.id}.html").write_text(html, encoding="utf-8")
        printable = render_paper(exercise, catalogue.data[exercise.id], ui)
        (paper / f"{exercise.id}.html").write_text(printable, encoding="utf-8")
    (out / "checklist-booklet.html").write_text(render_booklet(catalogue, ui), encoding="utf-8")
    return len(catalogue)


def run(out: Path = paths.FRAGMENTS, catalogue: Catalogue | None = None, docs: Path = paths.DOCS,
        ui: Interface | None = None) -> Catalogue:
    """Validate every definition and bank, and write the exercise, bank, onboarding and record fragments.

    ``catalogue``, ``docs`` and ``ui`` are an edition's (localised) definitions, pages and interface
    text; by default, the definitions under ``exercises/``, the English pages and English words.
    """
    catalogue = load_catalogue(paths.EXERCISES) if catalogue is None else catalogue
    ui = ui or english_ui()
    banks.write(catalogue, out, docs, ui)  # first: a bank that breaks a rule stops the build here
    write_fragments(catalogue, out, banks.form_extras(catalogue, banks.settings()), ui)
    onboarding.write(out, docs, ui)
    if (docs / record.PAGE).is_file():  # a project without the record page (the editions fixture) has no panel
        record.write(catalogue, out, docs, ui)
    offline.write_status(out, ui)
    return catalogue
