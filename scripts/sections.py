"""What the on-screen form and the paper version share: items in published order, by section.

The lowest layer of the fragment steps: ``fragments`` (the form) and ``paper``
(the printable version) both import it, and it imports neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Group = tuple[Mapping[str, Any] | None, list[Mapping[str, Any]]]


def grouped(items: list[Mapping[str, Any]], sections: list[Mapping[str, Any]]) -> Iterable[Group]:
    """Items without a section first, then each section with its items, in published order."""
    by_section: dict[str | None, list[Mapping[str, Any]]] = {}
    for item in items:
        by_section.setdefault(item.get("section"), []).append(item)
    if None in by_section:
        yield None, by_section.pop(None)
    for section in sections:
        yield section, by_section.pop(section["id"], [])
    if by_section:
        raise ValueError(f"items refer to unknown sections: {', '.join(map(str, by_section))}")
