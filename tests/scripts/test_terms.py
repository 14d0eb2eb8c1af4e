"""scripts.terms: the terminology of i18n/terms.toml, applied to translated text."""

from __future__ import annotations

import pytest

from scripts import terms


@pytest.fixture(scope="module")
def glossary() -> terms.Terms:
    """The repository's terminology."""
    return terms.load()


def test_terminology_loads(glossary: terms.Terms) -> None:
    """Every term has its English term and preferred Romanian and Bulgarian terms."""
    assert len(glossary.terms) > 80
    assert all(term.english[0] and term.preferred["ro"] and term.preferred["bg"] for term in glossary.terms)


def test_avoided_terms_are_found_except_in_official_titles(glossary: terms.Terms) -> None:
    """An avoided word is a problem, whatever its case, but not inside the official title that keeps it."""
    assert glossary.avoided("Cum recunoașteți Traficul de copii.", "ro") == [
        "avoided term 'traficul de copii' (terms.toml, trafficking-in-minors): write 'trafic de minori'"]
    title = "Convenția Consiliului Europei privind lupta împotriva traficului de ființe umane"
    assert glossary.avoided(f"{title} (CETS 197)", "ro") == []
    assert glossary.avoided("traficul de ființe umane", "ro")
    assert glossary.avoided("Това е търговия с хора.", "bg")


def test_preferred_term_in_any_inflected_form(glossary: terms.Terms) -> None:
    """Where the English uses a term, the translation uses the preferred term, inflected or not."""
    english = "Trafficking in persons is a crime. The recovery and reflection period protects the person."
    good = "Traficul de persoane este o infracțiune. Perioada legală de recuperare și reflecție o protejează."
    assert glossary.unused(english, good, "ro") == []
    missing = glossary.unused(english, "Traficul de persoane este o infracțiune. Perioada de gândire.", "ro")
    assert [p.split(":")[0] for p in missing] == ["preferred term missing (terms.toml, recovery-and-reflection-period)"]
    assert glossary.unused("Re-trafficking is a risk.", "Riscul retraficării.", "ro") == []  # ă in the ending


def test_english_kept_in_a_title_and_names_within_names_do_not_count(glossary: terms.Terms) -> None:
    """An English title kept in the translation, and a term inside an institution's name, ask for nothing."""
    english = "*Evaluation of services for victims of human trafficking* (2007)."
    assert glossary.unused(english, english, "ro") == []
    convention = "Council of Europe Convention on Action against Trafficking in Human Beings, art. 11."
    translated = "Convenția Consiliului Europei privind lupta împotriva traficului de ființe umane, art. 11."
    assert glossary.unused(convention, translated, "ro") == []


def test_legal_register_terms_are_not_required(glossary: terms.Terms) -> None:
    """'victim' belongs in legal contexts only: the check never asks for it."""
    assert glossary.unused("The victim has rights.", "Persoana are drepturi.", "ro") == []


def test_inflected_pattern_matches_stems() -> None:
    """Each word of a term matches by its stem, with at most one word between; a note in brackets is no part."""
    pattern = terms.inflected("trafic de persoane")
    assert pattern.search(terms.fold("traficului de persoane"))
    assert not pattern.search(terms.fold("trafic de droguri"))
    assert terms.inflected("Inspecția Muncii (Romania)").search(terms.fold("inspecției muncii"))
