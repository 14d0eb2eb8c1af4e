"""Build step: the onboarding record page's panel (``{{ onboarding-record }}``).

Writes ``onboarding-record.html``: the onboarding path (modules in order, the observation rubrics
and the module that teaches each, the refresher schedule) embedded as JSON for ``web/record.js``,
the printable sheet (title, name and organisation fields that are never stored, the statement that
this is not a certificate, space for the supervisor's signature), the export and import controls
and the message shown when nothing is kept. Every word is selfcheck's record text in the edition's
language (``Words("record", lang)``) but the site's name, which is the edition's (``ui.toml``); the
record's rows come from selfcheck in the browser (bridge op ``record-view``).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from selfcheck import Catalogue, Words, onboarding_data, read_onboarding_path

from . import banks, paths
from .editions import Interface, english_ui

#: The docs page that shows the record (its links are made relative to it).
PAGE = "record.md"
#: The pages the "how to start" list links to, checked at build time.
LINKS = {"path_link": "onboarding.md", "refresh_link": "refresh.md", "practice_link": "practice/index.md"}
#: What the empty message says after each link.
STEPS = {"path_link": "start_path", "refresh_link": "start_refresh", "practice_link": "start_practice"}
#: The texts ``web/record.js`` shows itself (the rest of what it shows comes from selfcheck's replies).
SCRIPT_TEXTS = ("loading", "reading", "too_big", "unchanged", "storage_failed")


class RecordPageError(Exception):
    """A page the record links to is missing."""


def _path(target: str) -> str:
    """A docs page's directory URL from the edition's root (``practice/index.md`` -> ``practice/``).

    ``web/record.js`` makes the link from the edition's root: the engines treat a relative link inside
    raw HTML differently (MkDocs leaves it, Zensical rewrites it as if it were the source file's).
    """
    stem = target.removesuffix(".md").removesuffix("index")
    return stem if stem.endswith("/") or not stem else stem + "/"


def render(data: dict[str, object], ui: Interface | None = None) -> str:
    """The fragment: embedded data, the empty message, the printable sheet, print, export and import.

    The site's name in the sheet's footer is the edition's (``ui``); every other word is selfcheck's
    record text (``Words("record", lang)``) in the edition's language.
    """
    ui = ui or english_ui()
    site = ui["paper.site_name"]
    words = Words("record", ui.lang)

    def _text(key: str) -> str:
        return escape(words[key])

    embedded = json.dumps({**data, "text": {k: words[k] for k in SCRIPT_TEXTS}}, ensure_ascii=False,
                          separators=(",", ":")).replace("</", "<\\/")
    steps = "".join(f'<li><a data-edition-path="{_path(LINKS[link])}">{_text(link)}</a>: {_text(STEPS[link])}</li>'
                    for link in LINKS)
    field = (
        '<p class="sc-record-field"><label for="sc-record-{name}">{label}</label>'
        '<input type="text" id="sc-record-{name}" autocomplete="off" spellcheck="false" data-record-{name}></p>'
    )
    sign = "".join(f'<p class="sc-record-line"><span>{_text(key)}:</span><span class="sc-line" aria-hidden="true">'
                   "</span></p>" for key in ("supervisor_name", "signature", "date"))
    return (
        '<div class="sc-record" data-record data-record-status="idle">'
        f'<script type="application/json" data-record-data>{embedded}</script>'
        f'<p class="sc-record-message sc-screen-only" data-record-message role="status"></p>'
        '<div class="sc-record-empty" data-record-empty hidden>'
        f'<p class="sc-summary">{_text("empty")}</p><p>{_text("start")}</p><ul>{steps}'
        f'<li>{_text("start_import")}</li></ul></div>'
        '<article class="sc-record-sheet" data-record-sheet aria-labelledby="sc-record-heading" hidden>'
        f'<h2 class="sc-record-title" id="sc-record-heading">{_text("heading")}</h2>'
        '<div class="sc-record-who">'
        f'{field.format(name="name", label=_text("name"))}'
        f'{field.format(name="organisation", label=_text("organisation"))}'
        f'<p class="sc-hint sc-screen-only">{_text("fields_hint")}</p></div>'
        f'<p class="sc-record-statement" data-record-statement><strong>{_text("statement")}</strong></p>'
        '<p class="sc-record-summary" data-record-summary></p>'
        '<div class="sc-record-table" data-record-table></div>'
        '<div class="sc-record-notes" data-record-notes></div>'
        f'<section class="sc-record-sign" aria-labelledby="sc-record-supervisor">'
        f'<h3 id="sc-record-supervisor">{_text("supervisor")}</h3>{sign}'
        f'<p class="sc-record-line sc-record-comments"><span>{_text("comments")}:</span>'
        '<span class="sc-line" aria-hidden="true"></span><span class="sc-line" aria-hidden="true"></span></p>'
        "</section>"
        f'<p class="sc-record-footer"><span data-record-as-of></span> {escape(site)}</p>'
        "</article>"
        '<p class="sc-record-actions sc-screen-only" data-record-actions hidden>'
        f'<button type="button" class="md-button md-button--primary" data-record-print>{_text("print")}</button></p>'
        '<section class="sc-record-move sc-screen-only" aria-labelledby="sc-record-move">'
        f'<h2 id="sc-record-move">{_text("move_title")}</h2><p>{_text("move_text")}</p>'
        '<p class="sc-record-move-actions">'
        f'<button type="button" class="md-button" data-record-export>{_text("export_button")}</button>'
        f'<button type="button" class="md-button" data-record-import-button>{_text("import_button")}</button>'
        '<input type="file" accept=".json,application/json" hidden data-record-file '
        f'aria-label="{_text("import_button")}"></p>'
        '<p class="sc-record-move-message" data-record-move-message role="status"></p></section>'
        '<dialog class="sc-record-dialog" data-record-dialog></dialog>'
        f'<noscript><p class="sc-message">{_text("noscript")}</p></noscript>'
        "</div>"
    )


def write(catalogue: Catalogue, out: Path = paths.FRAGMENTS, docs: Path = paths.DOCS,
          ui: Interface | None = None) -> Path:
    """Write ``onboarding-record.html`` into the fragment folder; fails when a linked page is missing."""
    missing = [target for target in (PAGE, *LINKS.values()) if not (docs / target).is_file()]
    if missing:
        raise RecordPageError(f"the onboarding record links to pages that do not exist: {', '.join(missing)}")
    data = onboarding_data(read_onboarding_path(docs), catalogue, banks.settings().refresh)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "onboarding-record.html"
    target.write_text(render(data, ui), encoding="utf-8")
    return target
