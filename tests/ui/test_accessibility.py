"""Every page of the built site, exercises answered: axe-core finds no violation, and every control has a name.

The shared crawl (``tests/ui/crawl.py``) answers every exercise of a page, runs axe-core (pinned npm
package) in it (colour contrast on one page of each kind, ``EDITION_SAMPLE``, in every edition: the
colours come from the style sheets alone), and reads from Chromium's own accessibility tree the name
a screen reader announces for each form control.
"""

from __future__ import annotations

import json
from collections import Counter

from tests.ui.crawl import Visit


def test_axe_finds_no_violations_on_any_page(visits: dict[str, Visit]) -> None:
    """Every page, in its answered state where it has exercises, passes axe-core's checks."""
    problems = {path or "/": seen.violations for path, seen in visits.items() if seen.violations}
    assert not problems, json.dumps(problems, indent=1)


def test_every_control_has_a_name_unique_on_its_page(visits: dict[str, Visit]) -> None:
    """Every form control has an accessible name, and no two controls of a page are announced alike.

    A control is told apart by its own name within its named groups (a question's fieldset, a need's
    or a vignette's section, the exercise), as a screen reader announces it: "Housing, group; Part of
    this plan, checkbox". The support plan repeats "Part of this plan" and "Duration" for every need,
    so each need must be a group of its own.
    """
    assert sum(len(seen.names) for seen in visits.values()) > 500  # the crawl really reached the exercises' controls
    unnamed = {path or "/": [n for n in seen.names if not n[-1]] for path, seen in visits.items()}
    assert not {path: n for path, n in unnamed.items() if n}, "controls without an accessible name"
    repeated = {
        path or "/": [" › ".join(name) for name, count in Counter(seen.names).items() if count > 1]
        for path, seen in visits.items()
    }
    repeated = {path: names for path, names in repeated.items() if names}
    assert not repeated, json.dumps(repeated, indent=1, ensure_ascii=False)
