"""scripts.catalogs: text keys from the ids, localised definitions, catalog checks and the skeleton writer."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from scripts import catalogs, paths
from selfcheck import Catalogue, load_catalogue

CBI_KEYS = {"title", "notes.0", "bands.50.label", "response_scales.frequency.options.always.label",
            "scales.personal.title", "items.q13.prompt"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """Every definition of the repository."""
    return load_catalogue(paths.EXERCISES)


def test_every_definition_has_text_keys_and_localising_with_them_changes_nothing(catalogue: Catalogue) -> None:
    """Each definition's text fields get unique keys; replacing every text by itself gives the definition back."""
    total = 0
    for exercise in catalogue:
        texts = catalogs.text_fields(catalogue.data[exercise.id])
        assert texts, exercise.id
        assert catalogs.localise(catalogue.data[exercise.id], texts) == catalogue.data[exercise.id]
        total += len(texts)
    assert total > 3000


def test_keys_come_from_ids_and_structure_has_none(catalogue: Catalogue) -> None:
    """Keys follow ids (``min`` for bands, position for notes); ids, answers, points and references have none."""
    keys = set(catalogs.text_fields(catalogue.data["cbi"]))
    assert keys >= CBI_KEYS
    assert not [k for k in keys if k.rsplit(".", 1)[-1] in ("id", "points", "reverse", "min", "scale", "response")]
    quiz = catalogs.text_fields(catalogue.data["palermo-definition"])
    assert not [k for k in quiz if k.rsplit(".", 1)[-1] in catalogs.STRUCTURAL or k.endswith((".pass_mark", ".draw"))]
    assert any(k.endswith(".feedback") for k in quiz) and any(k.startswith("objectives.") for k in quiz)
    aid = catalogs.text_fields(catalogue.data["decision-aid"])
    assert "questions.under_18.prompt" in aid  # the decision aid's questions are keyed by their fact
    rubric = catalogs.text_fields(catalogue.data["obs-referral"])
    assert "levels.independently.label" in rubric and not [k for k in rubric if "critical_level" in k]


def test_localise_replaces_text_only() -> None:
    """A localised definition keeps every id, answer and number and takes the catalog's text."""
    definition = {"schema": 2, "id": "x", "kind": "quiz", "title": "T", "pass_mark": 0.8,
                  "items": [{"id": "a", "type": "single", "correct": ["b"], "prompt": "P",
                             "options": [{"id": "b", "label": "L", "feedback": "F"}]}],
                  "notes": ["N0", "N1"]}
    texts = {"title": "t", "items.a.prompt": "p", "items.a.options.b.label": "l", "items.a.options.b.feedback": "f",
             "notes.0": "n0", "notes.1": "n1"}
    assert set(catalogs.text_fields(definition)) == set(texts)
    local = catalogs.localise(definition, texts)
    assert local["items"][0] == {"id": "a", "type": "single", "correct": ["b"], "prompt": "p",
                                 "options": [{"id": "b", "label": "l", "feedback": "f"}]}
    assert (local["title"], local["notes"], local["pass_mark"]) == ("t", ["n0", "n1"], 0.8)
    assert definition["title"] == "T"  # the definition itself is untouched


def write(path: Path, text: str) -> Path:
    """Write a catalog file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_problems_name_file_and_key(tmp_path: Path, catalogue: Catalogue) -> None:
    """Missing, extra, empty and non-text keys, a wrong schema and an unknown exercise are each named."""
    english = catalogs.text_fields(catalogue.data["cl-referral"])
    lines = [f'"{k}" = "x"' for k in list(english)[1:]]  # the first key missing
    lines[0] = lines[0].replace('"x"', '""')  # one empty
    lines.append('"items.nowhere.prompt" = "x"')  # one extra
    folder = tmp_path / "xx" / "exercises"
    write(folder / "cl-referral.toml", 'schema = 1\nexercise = "cl-referral"\n[text]\n' + "\n".join(lines) + "\n")
    write(folder / "no-such-exercise.toml", 'schema = 1\nexercise = "no-such-exercise"\n[text]\n"title" = "x"\n')
    write(folder / "cbi.toml", 'schema = 2\nexercise = "cbi"\nstatus = "draft"\n[text]\n"title" = 3\n')
    found, problems = catalogs.check_language(catalogue, "xx", tmp_path, complete=False)
    text = "\n".join(problems)
    first = next(iter(english))
    assert f"cl-referral.toml: key '{first}': missing" in text
    assert f"cl-referral.toml: key '{list(english)[1]}': empty: not translated yet" in text
    assert "cl-referral.toml: key 'items.nowhere.prompt': extra" in text
    assert "no-such-exercise.toml: key 'exercise': no exercise 'no-such-exercise'" in text
    assert "cbi.toml: key 'schema': must be 1" in text
    assert "cbi.toml: key 'status': unknown top-level key" in text
    assert "cbi.toml: key 'title': not text (int)" in text
    assert set(found) == {"cl-referral", "cbi"}
    _, complete = catalogs.check_language(catalogue, "xx", tmp_path, complete=True)
    assert any("missing: no catalog for exercise 'palermo-definition'" in p for p in complete)


def test_back_translation_needs_the_same_keys(tmp_path: Path, catalogue: Catalogue) -> None:
    """``<id>.back.toml`` is checked like a catalog (same keys as the definition) but never used as one."""
    english = catalogs.text_fields(catalogue.data["cl-referral"])
    body = "\n".join(f'"{k}" = "x"' for k in english)
    folder = tmp_path / "xx" / "exercises"
    write(folder / "cl-referral.toml", f'schema = 1\nexercise = "cl-referral"\n[text]\n{body}\n')
    write(folder / "cl-referral.back.toml", f'schema = 1\nexercise = "cl-referral"\n[text]\n{body}\n"extra" = "y"\n')
    found, problems = catalogs.check_language(catalogue, "xx", tmp_path, complete=False)
    back = folder / "cl-referral.back.toml"
    assert problems == [f"{back}: key 'extra': extra: the definition has no such text field"]
    assert found["cl-referral"].path.name == "cl-referral.toml"


def test_the_cbi_translations_and_back_translations_fit_the_definition(catalogue: Catalogue) -> None:
    """The Romanian and Bulgarian CBI catalogs and their back-translations have exactly the definition's keys."""
    for lang in ("ro", "bg"):
        found, problems = catalogs.check_language(catalogue, lang, complete=False)
        assert problems == [], problems
        assert "cbi" in found and (catalogs.catalog_dir(lang) / "cbi.back.toml").is_file()


def test_localised_catalogue_is_validated_and_names_the_catalog(tmp_path: Path) -> None:
    """The localised definitions parse again; a catalog that breaks a kind's rule is named in the error."""
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    (exercises / "cl-referral.toml").write_bytes((paths.EXERCISES / "checklists" / "cl-referral.toml").read_bytes())
    small = load_catalogue(exercises)
    english = catalogs.text_fields(small.data["cl-referral"])
    body = "\n".join(f'"{k}" = {catalogs._toml_string("RO " + v)}' for k, v in english.items())
    write(tmp_path / "xx" / "exercises" / "cl-referral.toml", f'schema = 1\nexercise = "cl-referral"\n[text]\n{body}\n')
    local = catalogs.localised(small, "xx", tmp_path)
    assert local.get("cl-referral").title == "RO " + small.get("cl-referral").title
    assert local.files["cl-referral"].name == "cl-referral.toml" and "xx" in str(local.files["cl-referral"])
    (tmp_path / "xx" / "exercises" / "cl-referral.toml").unlink()
    with pytest.raises(catalogs.CatalogError, match="missing: no catalog for exercise 'cl-referral'"):
        catalogs.localised(small, "xx", tmp_path)


def test_skeleton_writes_every_key_and_never_overwrites(tmp_path: Path, catalogue: Catalogue) -> None:
    """A new catalog has every key, empty, under its English text; a second run only appends new keys."""
    report = catalogs.skeleton(catalogue, "xx", ["cl-referral"], tmp_path)
    path = tmp_path / "xx" / "exercises" / "cl-referral.toml"
    english = catalogs.text_fields(catalogue.data["cl-referral"])
    assert report == [f"{path}: written, {len(english)} keys to translate"]
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["exercise"] == "cl-referral" and list(data["text"]) == list(english)
    assert set(data["text"].values()) == {""}
    assert f"# en: {catalogue.get('cl-referral').title}\n\"title\" = \"\"" in text
    first, second = list(english)[:2]
    kept = text.replace(f'"{first}" = ""', f'"{first}" = "tradus"', 1)
    kept = "\n".join(line for line in kept.splitlines() if not line.startswith(f'"{second}"')) + '\n"old" = "x"\n'
    path.write_text(kept, encoding="utf-8")
    report = catalogs.skeleton(catalogue, "xx", ["cl-referral"], tmp_path)
    assert report == [f"{path}: 1 missing keys added; extra keys (remove them): old"]
    again = tomllib.loads(path.read_text(encoding="utf-8"))["text"]
    assert again[first] == "tradus" and again[second] == "" and again["old"] == "x"


def test_a_rubrics_revisit_titles_are_text_but_a_criterions_revisit_ids_are_structure(catalogue: Catalogue) -> None:
    """``[[revisit]]`` tables carry titles a reader sees (keys); a criterion's ``revisit`` list names ids (no keys)."""
    data = catalogue.data["obs-referral"]
    keys = catalogs.text_fields(data)
    assert {f"revisit.{target['id']}.title" for target in data["revisit"]} <= set(keys)
    assert not [key for key in keys if key.startswith("criteria.") and ".revisit" in key]
    texts = {key: f"<{key}>" for key in keys}
    local = catalogs.localise(data, texts)
    assert local["revisit"][0]["title"] == f"<revisit.{data['revisit'][0]['id']}.title>"
    assert local["revisit"][0]["page"] == data["revisit"][0]["page"]
    assert local["criteria"][0]["revisit"] == data["criteria"][0]["revisit"]
