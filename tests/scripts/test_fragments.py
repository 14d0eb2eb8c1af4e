"""Tests for scripts.fragments: the build-time HTML form of each exercise and its DOM contract."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from scripts import editions, paths
from scripts.editions import english_ui
from scripts.fragments import help_contacts, html_id, render_form, render_item, write_fragments
from selfcheck import Catalogue, load_catalogue, parse_definition
from support import EXERCISES

VOID = {"input", "br", "img", "hr", "meta", "link"}


@dataclass
class Node:
    """An element of a parsed fragment."""

    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    content: list[Node | str] = field(default_factory=list)

    def walk(self) -> list[Node]:
        """The node itself and all its descendants, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def find(self, tag: str | None = None, **attrs: str | None) -> list[Node]:
        """Descendants with this tag and these attribute values (None: attribute present)."""
        def matches(node: Node) -> bool:
            if tag is not None and node.tag != tag:
                return False
            return all(k in node.attrs and (v is None or node.attrs[k] == v) for k, v in attrs.items())
        return [n for n in self.walk()[1:] if matches(n)]

    def ancestors(self) -> list[Node]:
        """Parent, grandparent, ... up to the document."""
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def all_text(self) -> str:
        """The text of this node and its descendants, in document order."""
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.content)


class TreeBuilder(HTMLParser):
    """A minimal DOM from HTML text (raises on unbalanced tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element."""
        node = Node(tag, {k.replace("_", "-"): v for k, v in attrs}, self.current)
        self.current.children.append(node)
        self.current.content.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        """Close the current element, which must be ``tag``."""
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        """Keep text."""
        self.current.content.append(data)


def parse(html: str) -> Node:
    """Parse ``html`` and assert every element was closed."""
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root
    return builder.root


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real catalogue of exercises/."""
    return load_catalogue(EXERCISES)


@pytest.fixture(scope="module")
def palermo(catalogue: Catalogue) -> tuple[str, Node]:
    """The rendered HTML of the Palermo knowledge check, and its parsed tree."""
    html = render_form(catalogue.get("palermo-definition"), catalogue.data["palermo-definition"])
    return html, parse(html)


def test_root_carries_exercise_id_and_loading_status(palermo: tuple[str, Node]) -> None:
    """The single root element carries data-exercise=ID, the kind, and data-exercise-status="loading"."""
    _, tree = palermo
    (root,) = tree.children
    assert root.attrs["data-exercise"] == "palermo-definition"
    assert root.attrs["data-exercise-kind"] == "quiz"
    assert root.attrs["data-exercise-status"] == "loading"


def test_native_inputs_inside_a_form_with_labels(palermo: tuple[str, Node], catalogue: Catalogue) -> None:
    """Every option is a native radio (single) or checkbox (multiple) input in the form, with a <label for>."""
    _, tree = palermo
    (form,) = tree.find("form")
    described = catalogue.get("palermo-definition").describe()
    labels = {n.attrs.get("for"): n.all_text() for n in tree.find("label")}
    for item in described["items"]:
        (fieldset,) = tree.find("fieldset", **{"data-item": item["id"]})
        assert form in fieldset.ancestors()
        assert item["prompt"] in fieldset.find("legend")[0].all_text()
        inputs = fieldset.find("input")
        expected_type = "radio" if item["type"] == "single" else "checkbox"
        assert [i.attrs["type"] for i in inputs] == [expected_type] * len(item["options"])
        assert [i.attrs["value"] for i in inputs] == [o["id"] for o in item["options"]]
        assert {i.attrs["name"] for i in inputs} == {item["id"]}
        for node, option in zip(inputs, item["options"], strict=True):
            assert labels[node.attrs["id"]] == option["label"]


def test_input_ids_are_unique(palermo: tuple[str, Node]) -> None:
    """No two elements of a fragment share an id (labels point to exactly one control)."""
    _, tree = palermo
    ids = [n.attrs["id"] for n in tree.walk() if n.attrs.get("id")]
    assert len(ids) == len(set(ids))


def test_result_region_is_live(palermo: tuple[str, Node]) -> None:
    """The result region is marked data-exercise-result and aria-live, outside the form, inside the root."""
    _, tree = palermo
    (result,) = tree.find(**{"data-exercise-result": None})
    assert result.attrs["aria-live"] in ("polite", "assertive")
    (root,) = tree.children
    assert root in result.ancestors()
    assert all(a.tag != "form" for a in result.ancestors())


def test_submit_button_and_status_message(palermo: tuple[str, Node]) -> None:
    """The form has the kind's submit button and a status message region."""
    _, tree = palermo
    buttons = tree.find("button", type="submit")
    assert [b.all_text() for b in buttons] == [english_ui()["fragments.submit_by_kind.quiz"]]
    (message,) = tree.find(**{"data-exercise-message": None})
    assert message.attrs["role"] == "status"


def test_embedded_definition_equals_catalogue_data(palermo: tuple[str, Node], catalogue: Catalogue) -> None:
    """The embedded JSON definition parses and equals the validated source data of the catalogue."""
    _, tree = palermo
    (script,) = tree.find("script", type="application/json")
    assert "data-exercise-definition" in script.attrs
    assert json.loads(script.all_text()) == catalogue.data["palermo-definition"]


def test_no_answer_key_in_visible_form(palermo: tuple[str, Node], catalogue: Catalogue) -> None:
    """Outside the embedded definition, the form shows no explanation text from the answer key."""
    html, _ = palermo
    visible = html.split("<script", 1)[0] + html.split("</script>", 1)[1]
    items = catalogue.data["palermo-definition"]["items"]
    assert isinstance(items, list)
    for item in items:
        assert item["explanation"] not in visible


def tricky_exercise() -> tuple[Any, dict[str, Any]]:
    """A quiz whose texts contain HTML special characters and a closing script tag."""
    data: dict[str, Any] = {
        "schema": 2, "id": "tricky", "kind": "quiz", "title": "Tags <b>& co</b>", "source": "guide §2.1",
        "intro": "Intro </script><script>alert(1)</script>", "page": "modules/x.md", "draw": 1,
        "objectives": [{"id": "o", "text": "<em>Know</em>", "section": "s"}],
        "items": [{
            "id": "q", "type": "single", "objective": "o", "style": "recall", "prompt": 'Is <i>"A & B"</i> safe?',
            "correct": ["a"], "explanation": "E </script>", "source": "guide §2.1",
            "options": [{"id": "a", "label": "<script>x</script>", "feedback": "</script>"},
                        {"id": "b", "label": "O'Brien & Co", "feedback": "F"}],
        }],
    }
    return parse_definition(data, "tricky"), data


def test_prompts_and_labels_are_escaped() -> None:
    """Prompts, labels, title and intro are HTML-escaped: their text survives, no element is injected."""
    exercise, data = tricky_exercise()
    html = render_form(exercise, data)
    tree = parse(html)
    assert [n.tag for n in tree.walk() if n.tag in ("i", "b")] == []
    assert len(tree.find("script")) == 1
    assert tree.find("legend")[0].all_text() == '1. Is <i>"A & B"</i> safe?'
    assert [n.all_text() for n in tree.find("label")] == ["<script>x</script>", "O'Brien & Co"]
    assert "Tags <b>& co</b>" in tree.find("strong")[0].all_text()
    assert json.loads(tree.find("script")[0].all_text()) == data


def test_a_bank_shows_how_attempts_are_drawn_and_carries_extra_data() -> None:
    """A knowledge check's form states its drawing rules (from describe()) and embeds the extra data it is given."""
    exercise, data = tricky_exercise()
    extra = '<script type="application/json" data-refresh-schedule>{"intervals":[2]}</script>'
    tree = parse(render_form(exercise, data, extra))
    (rules,) = tree.find("div", **{"data-exercise-rules": None})
    assert [p.all_text() for p in rules.find("p", **{"class": "sc-rule"})] == exercise.describe()["rules"]
    scripts = tree.find("script")
    assert ["data-refresh-schedule" in s.attrs for s in scripts] == [False, True]


def test_render_item_other_types() -> None:
    """check, text, date and number items render a labelled native control with the item's data attributes."""
    for kind, tag in (("check", "input"), ("text", "textarea"), ("date", "input"), ("number", "input")):
        item = {"id": "f", "type": kind, "prompt": "P & Q", "hint": "H", "required": True}
        tree = parse(render_item("ex", item, None))
        (wrapper,) = tree.children
        assert wrapper.attrs["data-item"] == "f" and wrapper.attrs["data-type"] == kind
        assert wrapper.attrs["data-required"] == "true"
        (control,) = tree.find(tag)
        assert control.attrs["id"] == html_id("ex", "f")
        assert control.attrs["aria-describedby"] == html_id("ex", "f") + "--hint"
        (label,) = tree.find("label", **{"for": control.attrs["id"]})
        assert label.all_text().endswith("P & Q")
        if kind == "check":
            assert control.attrs["type"] == "checkbox"


def test_render_item_unknown_type() -> None:
    """An item type the renderer does not know raises ValueError naming exercise, item and type."""
    with pytest.raises(ValueError, match=r"exercise 'ex': item 'f': unknown item type 'slider'"):
        render_item("ex", {"id": "f", "type": "slider", "prompt": "P"}, None)


def test_html_id_is_safe() -> None:
    """html_id() keeps only safe characters and joins parts so exercise, item and option ids stay distinct."""
    assert html_id("ex", "q 1", "a/b") == "sc-ex--q-1--a-b"


def test_write_fragments_writes_every_exercise(tmp_path: Path, catalogue: Catalogue) -> None:
    """write_fragments() writes exercise/ID.html for every exercise (the same HTML as render_form) and counts them."""
    count = write_fragments(catalogue, tmp_path)
    assert count == len(catalogue)
    for exercise in catalogue:
        written = (tmp_path / "exercise" / f"{exercise.id}.html").read_text(encoding="utf-8")
        assert written == render_form(exercise, catalogue.data[exercise.id])


def test_rubric_form_shows_rules_levels_and_notes_box(catalogue: Catalogue) -> None:
    """A rubric's form: levels and rule under the intro, a radio group per criterion, notes box last, own label."""
    exercise = catalogue.get("obs-referral")
    described = exercise.describe()
    tree = parse(render_form(exercise, catalogue.data[exercise.id]))
    assert [p.all_text() for p in tree.find("p", **{"class": "sc-rule"})] == described["rules"]
    groups = tree.find("fieldset", **{"data-type": "single"})
    assert len(groups) == len(described["items"]) - 1
    assert all(len(g.find("input", type="radio")) == 3 for g in groups)
    items = tree.find(**{"data-item": None})
    assert items[-1].attrs["data-item"] == "notes" and items[-1].find("textarea")
    submit = english_ui()["fragments.submit_by_kind.observation"]
    assert [b.all_text() for b in tree.find("button", type="submit")] == [submit]
def test_every_section_is_a_group_named_by_its_heading(catalogue: Catalogue) -> None:
    """Each need of the support plan (and every section of any exercise) is a group named by its own heading.

    The name is the heading's text (a span inside the h3 holds the id), so no heading of a form carries an id:
    the search index starts a section at every heading with an id, and a form is not a place to land on.
    """
    for exercise in catalogue:
        tree = parse(render_form(exercise, catalogue.data[exercise.id]))
        sections = tree.find("section", **{"data-section": None})
        assert len(sections) == len(exercise.describe().get("sections", [])), exercise.id
        for section in sections:
            assert section.attrs["role"] == "group"
            name = tree.find(id=section.attrs["aria-labelledby"])
            assert len(name) == 1 and name[0].parent is not None
            heading = name[0].parent
            assert heading.tag == "h3" and "id" not in heading.attrs and heading in section.children
    plan = parse(render_form(catalogue.get("cl-support-plan"), catalogue.data["cl-support-plan"]))
    housing = plan.find("section", **{"data-section": "housing"})[0]
    assert plan.find(id=housing.attrs["aria-labelledby"])[0].all_text() == "Housing"
    assert {n.attrs["name"] for n in housing.find("input") + housing.find("textarea")} == {
        "housing-chosen", "housing-provider", "housing-duration", "housing-monitoring"}


def test_a_form_in_the_editions_words(catalogue: Catalogue) -> None:
    """Another edition's form: submit and clear buttons, source, loading and no-JavaScript lines, help box words.

    Romanian here; the help box's number keeps its digits, date and countries, with its words from ui.toml.
    """
    romanian = editions.load_ui("ro", paths.I18N, editions.base_config(paths.CONFIG)["nav"])
    html = render_form(catalogue.get("cbi"), catalogue.data["cbi"], ui=romanian)
    tree = parse(html)
    assert [b.all_text() for b in tree.find("button")] == ["Afișați scorurile", "Ștergeți răspunsurile"]
    assert tree.find("p", **{"data-exercise-message": None})[0].all_text().startswith("Motorul de evaluare se încarcă")
    assert "JavaScript este dezactivat" in tree.find("noscript")[0].all_text()
    assert "Sursa: " in tree.find("span", **{"class": "sc-source"})[0].all_text()
    contacts = help_contacts(romanian)
    assert contacts["numbers"][0]["holder"] == "Numărul unic european pentru apeluri de urgență"
    assert contacts["numbers"][0]["number"] == help_contacts()["numbers"][0]["number"] == "112"
    assert [p["text"] for p in contacts["pages"]] == ["România", "Bulgaria"]
    assert json.dumps(contacts, ensure_ascii=False, separators=(",", ":")) in html
