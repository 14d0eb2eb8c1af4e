"""Build step: every page a definition links to exists, and so does the heading it points at.

Observation rubrics send the reader to module sections to revisit (``links()`` on an
exercise: target id, docs page, heading anchor). Those links are shown by the browser
after scoring, so MkDocs never sees them; this step checks them instead, before MkDocs
runs. Anchors are computed the way MkDocs computes them: Python-Markdown's ``toc``
extension with its default slugify (the site's ``toc`` setting changes only the
permalink), plus ``attr_list`` for explicit ``{#id}`` anchors. An error names the
definition file, the target and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import markdown

from selfcheck import Catalogue, DefinitionError

from . import paths


def _ids(tokens: Iterable[Mapping[str, Any]]) -> Iterable[str]:
    for token in tokens:
        yield str(token["id"])
        yield from _ids(token.get("children", []))


def anchors(page: Path) -> set[str]:
    """The heading anchors of a Markdown page, as MkDocs writes them."""
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert(page.read_text(encoding="utf-8"))
    return set(_ids(getattr(md, "toc_tokens", [])))


def check(catalogue: Catalogue, docs: Path = paths.DOCS) -> int:
    """Check every page link of every definition; returns how many were checked."""
    cache: dict[Path, set[str]] = {}
    count = 0
    for exercise in catalogue:
        links = getattr(exercise, "links", None)
        if not callable(links):
            continue
        origin = str(catalogue.files[exercise.id])
        for item, page, anchor in links():
            path = docs / page
            if not path.is_file():
                raise DefinitionError(origin, f"no page {page!r} under docs/", item=item, field="page")
            if path not in cache:
                cache[path] = anchors(path)
            if anchor not in cache[path]:
                known = ", ".join(sorted(cache[path]))
                raise DefinitionError(
                    origin, f"{page} has no heading with anchor {anchor!r} (anchors: {known})", item=item,
                    field="anchor",
                )
            count += 1
    return count
