"""scripts.pagecheck: a translated page keeps its English page's structure, and uses its language's letters."""

from __future__ import annotations

from pathlib import Path

from scripts import pagecheck, terms

ENGLISH = """# Module 1: an example

Source: guide §5.9

## Who this is for

Read the [home page](../index.md) and [section two](#the-checklist), then <https://example.org>.

!!! note "Content note"
    Text.

```text
[not a link](nowhere.md)
{{ not a marker }}
```

## The checklist

{{ exercise cl-referral }}

### Details

??? example "Worked case"
    Text.

{{ paper-version cl-referral }}
"""

ROMANIAN = """# Modulul 1: un exemplu {#module-1-an-example}

Sursa: ghidul, §5.9

## Cui se adresează {#who-this-is-for}

Citiți [pagina principală](../index.md) și [secțiunea a doua](#the-checklist).

!!! note "Notă privind conținutul"
    Text.

## Lista de verificare {#the-checklist}

{{ exercise cl-referral }}

### Detalii {#details}

??? example "Caz practic"
    Text.

{{ paper-version cl-referral }}
"""


def test_a_faithful_translation_passes() -> None:
    """Same markers, links, admonitions and headings with the English anchors: no problem."""
    assert pagecheck.structure(ENGLISH, ROMANIAN) == []
    assert pagecheck.script(ROMANIAN, "ro") == []


def test_each_structural_change_is_named() -> None:
    """A marker moved, a link target changed, an admonition type changed, a heading level or anchor changed."""
    moved = ROMANIAN.replace("{{ exercise cl-referral }}\n", "").replace("{{ paper-version cl-referral }}",
                                                                        "{{ paper-version cl-referral }}\n\n"
                                                                        "{{ exercise cl-referral }}")
    assert "markers differ" in pagecheck.structure(ENGLISH, moved)[0]
    assert "link targets differ from the English page: missing ['../index.md'], extra ['../acasa.md']" in \
        pagecheck.structure(ENGLISH, ROMANIAN.replace("(../index.md)", "(../acasa.md)"))[0]
    assert "admonition types differ" in pagecheck.structure(ENGLISH, ROMANIAN.replace("??? example", "??? tip"))[0]
    assert "heading levels differ" in pagecheck.structure(ENGLISH, ROMANIAN.replace("### Detalii", "## Detalii"))[0]
    assert pagecheck.structure(ENGLISH, ROMANIAN.replace("{#details}", "{#detalii}")) == [
        "heading #detalii: needs the English anchor, written {#details}"]
    assert pagecheck.structure(ENGLISH, ROMANIAN.replace(" {#details}", "").replace("Detalii", "Details")) == [
        "heading #details: needs the English anchor, written {#details}"]  # same words, still explicit


def test_fenced_code_is_not_checked() -> None:
    """Headings, links and markers inside fenced code are left out on both sides."""
    assert pagecheck.without_code("a\n```\n## b\n```\nc") == ["a", "c"]


def test_romanian_needs_comma_below_letters() -> None:
    """ş and ţ (cedilla) are refused in Romanian; ș and ț are right."""
    assert pagecheck.script("Aşa se întâmplă: ţară", "ro") == [
        "cedilla letters ş ţ: use the comma-below ș ț Ș Ț"]
    assert pagecheck.script("Așa se întâmplă: țară", "ro") == []


def test_bulgarian_prose_is_cyrillic() -> None:
    """Bulgarian text is mostly Cyrillic; link targets, attributes, URLs, code and tags do not count."""
    good = "Прочетете [страницата](../modules/01-what-trafficking-is.md) {#anchor} на https://example.org/page `code`."
    assert pagecheck.script(good, "bg") == []
    problems = pagecheck.script("This page was left in English by mistake, с малко думи.", "bg")
    assert problems and problems[0].startswith("too little Cyrillic")


def make_tree(root: Path, pages: dict[str, str]) -> Path:
    """Write pages under ``root``."""
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_missing_and_extra_pages_are_named(tmp_path: Path) -> None:
    """Every English page needs its translation at the same path, and no translation may lack an English page."""
    docs = make_tree(tmp_path / "docs", {"index.md": "# Home\n", "modules/a.md": ENGLISH})
    make_tree(tmp_path / "i18n" / "ro" / "docs", {"index.md": "# Acasă {#home}\n", "modules/b.md": ROMANIAN})
    includes = make_tree(tmp_path / "includes", {"abbreviations.md": "*[EU]: European Union\n"})
    glossary = terms.Terms([])
    problems = pagecheck.check_edition("ro", docs, tmp_path / "i18n", includes, glossary)
    assert any(p.endswith("i18n/ro/docs/modules/a.md: missing: no translation of docs/modules/a.md") for p in problems)
    assert any(p.endswith("i18n/ro/docs/modules/b.md: extra: no English page docs/modules/b.md") for p in problems)
    assert any(p.endswith("i18n/ro/includes/abbreviations.md: missing: no translation of includes/abbreviations.md")
               for p in problems)
    partial = pagecheck.check_edition("ro", docs, tmp_path / "i18n", includes, glossary, complete=False)
    assert not [p for p in partial if ": missing:" in p]
    assert [p for p in partial if ": extra:" in p]
