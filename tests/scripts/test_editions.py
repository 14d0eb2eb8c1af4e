"""scripts.editions and the build of editions: site.toml, ui.toml, the generated configuration.

Then the editions fixture built end to end (English at /, Romanian at /ro/): its switcher, hreflang,
lang, review notice, local help and localised exercise.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from scripts import editions, htmlcheck, paths

FIXTURE = paths.ROOT / "tests" / "fixtures" / "editions"
PAGES = ["", "about/", "modules/01-example/"]


def settings_file(tmp_path: Path, text: str) -> Path:
    """A site.toml with ``text``."""
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_repository_settings_build_the_three_editions() -> None:
    """The repository's site.toml is valid: English at the root (reviewed), then Romanian and Bulgarian.

    The translated editions say on every page that a practitioner's review is pending.
    """
    settings = editions.load_settings()
    assert [e.code for e in settings.editions] == ["en", "ro", "bg"] and settings.default == "en"
    assert settings.edition("en").reviewed
    assert not settings.edition("ro").reviewed and not settings.edition("bg").reviewed


def test_settings_errors_name_file_and_key(tmp_path: Path) -> None:
    """Each mistake in site.toml is one line naming the file and the key."""
    path = settings_file(tmp_path, """schema = 1
colour = "blue"
editions = ["en", "ro", "xx", "EN"]
default = "de"
[edition.en]
review = "reviewed"
[edition.ro]
reviw = "typo"
[[edition.ro.contacts]]
name = "Line"
what = "help"
phone = "call us"
url = "www.example.org"
[[edition.ro.contacts]]
name = "No way to reach"
what = "help"
""")
    with pytest.raises(editions.SettingsError) as caught:
        editions.load_settings(path, FIXTURE / "i18n")
    problems = str(caught.value).splitlines()
    assert "site.toml: key 'colour': unknown key (known: default, edition, editions, organisation, schema)" in problems
    assert "site.toml: key 'organisation': must be non-empty text" in problems
    assert any(p.startswith("site.toml: key 'default': 'de' is not one of the editions") for p in problems)
    assert "site.toml: key 'edition.ro.reviw': unknown key (known: contacts, review)" in problems
    assert "site.toml: key 'edition.ro.review': must be non-empty text" in problems
    phone = "site.toml: key 'edition.ro.contacts[0].phone': 'call us' is not a telephone"
    assert any(p.startswith(phone) for p in problems)
    assert "site.toml: key 'edition.ro.contacts[0].url': must start with https:// or http://" in problems
    assert "site.toml: key 'edition.ro.contacts[1]': needs a phone, email or url" in problems
    assert any(p.startswith("site.toml: key 'editions': no ") and "'xx'" in p for p in problems)
    assert "site.toml: key 'editions': 'EN' is not a language code (two or three lowercase letters)" in problems


def test_fixture_settings() -> None:
    """The fixture builds English (default, at the root) and Romanian (at /ro/) with one local contact."""
    settings = editions.load_settings(FIXTURE / "site.toml", FIXTURE / "i18n")
    assert [e.code for e in settings.in_build_order()] == ["en", "ro"]
    assert settings.prefix("en") == "" and settings.prefix("ro") == "ro/"
    assert not settings.edition("ro").reviewed and settings.edition("ro").contacts[0].phone == "0700 000 000"


def test_ui_text_is_checked_against_english_and_the_nav(tmp_path: Path) -> None:
    """A ui.toml needs every English key, every nav title, the site's name and the help box's words.

    A key's placeholders are those of the English key, in every table (labels, fragments, the scripts'
    messages); a key English does not have is extra.
    """
    nav = editions.base_config(FIXTURE / "mkdocs.yml")["nav"]
    assert editions.load_ui("ro", FIXTURE / "i18n", nav)["nav.modules"] == "Module"
    i18n = tmp_path / "i18n"
    (i18n / "en").mkdir(parents=True)
    (i18n / "ro").mkdir()
    (i18n / "en" / "ui.toml").write_text(f'schema = 1\ninherit = "{paths.I18N / "en" / "ui.toml"}"\n', encoding="utf-8")
    text = (FIXTURE / "i18n" / "ro" / "ui.toml").read_text(encoding="utf-8")
    text = text.replace('inherit = "../../../../../i18n/ro/ui.toml"', f'inherit = "{paths.I18N / "ro" / "ui.toml"}"')
    text = text.replace('about = "Despre site"\n', 'abuot = "Despre site"\n')
    text = text.replace('name = "Ediții de test"', "name = 3")
    text += ('\n[labels]\npublished_by = "Publicat de organizație."\n'
             '\n[web.selfcheck]\nfailed = "Verificarea nu a putut porni ({motiv})."\nreadyy = "Gata."\n')
    (i18n / "ro" / "ui.toml").write_text(text, encoding="utf-8")
    with pytest.raises(editions.SettingsError) as caught:
        editions.load_ui("ro", i18n, nav)
    problems = str(caught.value).splitlines()
    assert any(p.endswith("ui.toml: key 'nav.about': missing") for p in problems)
    assert any(p.endswith("ui.toml: key 'nav.abuot': extra (not used: check the spelling or the nav of mkdocs.yml)")
               for p in problems)
    assert any(p.endswith("ui.toml: key 'web.selfcheck.readyy': extra (not used: check the spelling or the nav of "
                          "mkdocs.yml)") for p in problems)
    assert any(p.endswith("ui.toml: key 'site.name': must be non-empty text") for p in problems)
    assert any(p.endswith("ui.toml: key 'labels.published_by': placeholders ['{organisation}'] must stay as they are "
                          "(found [])") for p in problems)
    assert any(p.endswith("ui.toml: key 'web.selfcheck.failed': placeholders ['{why}'] must stay as they are "
                          "(found ['{motiv}'])") for p in problems)
    assert len(problems) == 6, problems


def test_every_language_has_the_english_keys_and_placeholders() -> None:
    """The repository's ui.toml files: Romanian and Bulgarian have every English key with its placeholders.

    (Besides their nav titles, site name and help-box words.) load_ui checks it and raises otherwise; here
    the comparison is made again, independently, on the files as TOML.
    """
    nav = editions.base_config(paths.CONFIG).get("nav", [])
    english = editions.load_ui("en", paths.I18N, nav)
    fields = re.compile(r"\{\w+\}")
    for lang in ("ro", "bg"):
        ui = editions.load_ui(lang, paths.I18N, nav)
        own = {k for k in ui if k.split(".")[0] in ("site", "nav", "contacts")}
        assert set(ui) - own == set(english), lang
        assert {k for k in own if k.startswith("contacts.")} == {"contacts.112.holder", "contacts.112.what"}
        for key, value in english.items():
            assert set(fields.findall(ui[key])) == set(fields.findall(value)), (lang, key)
        assert ui.web().keys() == english.web().keys()


#: A script's own table: ``const TEXT = messages("wellbeing")`` (selfcheck.js's MESSAGES is imported by others).
TABLE_OF = re.compile(r"\b(?:const|let)\s+(TEXT|MESSAGES)\s*=\s*messages\(\"(\w+)\"\)")
#: A word a script names: ``TEXT.plan.title``, ``MESSAGES.offline[...]`` (a whole table, looked up by value).
NAMED = re.compile(r"\b(TEXT|MESSAGES)((?:\.\w+)+)(\[)?")
#: A script that takes selfcheck.js's MESSAGES.
IMPORTS_MESSAGES = re.compile(r"import \{[^}]*\bMESSAGES\b[^}]*\} from \"\./selfcheck\.js\"")
#: The opt-in panel (web/optin.js) reads the same names from each table it is given.
PANEL_TABLES = ("wellbeing", "wellbeing.plan", "wellbeing.ticks", "observation")
#: Keys a table may leave out (optin.js falls back to ``unavailable``).
OPTIONAL = {"full"}


def named_messages() -> set[str]:
    """Every [web] key (``selfcheck.ready``) or table (``selfcheck.offline``) the page scripts name."""
    named: set[str] = set()
    for script in sorted(paths.WEB.glob("*.js")):
        source = script.read_text(encoding="utf-8")
        tables = dict(TABLE_OF.findall(source))
        if "MESSAGES" not in tables and IMPORTS_MESSAGES.search(source):
            tables["MESSAGES"] = "selfcheck"
        for name, path, _ in NAMED.findall(source):
            assert name in tables, f"{script.name}: {name} is not a table of messages()"
            named.add(tables[name] + path)
    panel = set(re.findall(r"\btext\.(\w+)", (paths.WEB / "optin.js").read_text(encoding="utf-8")))
    draft = set(re.findall(r"\btext\.(\w+)", (paths.WEB / "wellbeing.js").read_text(encoding="utf-8")))
    named |= {f"{table}.{key}" for table in PANEL_TABLES for key in panel
              if key not in OPTIONAL or f"web.{table}.{key}" in editions.english_ui()}
    named |= {f"{table}.{key}" for table in ("wellbeing.plan", "wellbeing.ticks") for key in draft}
    return named


def test_every_message_a_script_names_is_in_english_and_every_one_is_named() -> None:
    """Each word a page script names is a key (or table) of [web] in i18n/en/ui.toml, and each is named.

    So a script never shows a key for want of its text, and translators get no dead text.
    """
    english = editions.english_ui()
    keys = {k.removeprefix("web.") for k in english if k.startswith("web.")}
    tables = {k.rsplit(".", 1)[0] for k in keys}
    named = named_messages()
    assert sorted(n for n in named if n not in keys and n not in tables) == []
    unused = [k for k in keys if k not in named and not any(k.startswith(n + ".") for n in named if n in tables)]
    assert sorted(unused) == []
    assert {"selfcheck.failed", "wellbeing.plan.savedOn", "observation.notKept", "selfcheck.offline"} <= named


def test_each_abbreviation_links_to_its_entry_in_the_editions_glossary() -> None:
    """A tapped abbreviation links to its glossary entry: found by the words an edition writes it in.

    Every English abbreviation has its entry; the Romanian "POS" and "SOP" and the Bulgarian "СОП" all
    lead to the SOP's entry (every edition keeps the English anchors); one with no entry has no anchor.
    """
    english = editions.glossary_anchors(paths.DOCS, [paths.INCLUDES])
    listed = re.findall(r"^\*\[([^\]]+)\]:", (paths.INCLUDES / "abbreviations.md").read_text(encoding="utf-8"), re.M)
    assert sorted(english) == sorted(listed) and english["SOP"] == "sop" and english["NRM"] == "nrm"
    for code, names in (("ro", ("POS", "SOP")), ("bg", ("СОП", "SOP"))):
        found = editions.glossary_anchors(paths.I18N / code / "docs", [paths.I18N / code / "includes", paths.INCLUDES])
        assert {name: found.get(name) for name in names} == dict.fromkeys(names, "sop"), code
    assert editions.glossary_anchors(paths.DOCS, []) == {}


def test_a_ui_toml_inherits_another_but_its_site_and_nav(tmp_path: Path) -> None:
    """``inherit`` takes another ui.toml's keys except [site] and [nav]; the file's own keys win; one level only."""
    base = tmp_path / "base.toml"
    base.write_text('schema = 1\n[labels]\nphone = "Telefon"\nemail = "E-mail"\n[site]\nname = "Alt site"\n'
                    '[nav]\nhome = "Acasă"\n', encoding="utf-8")
    child = tmp_path / "ui" / "ui.toml"
    child.parent.mkdir()
    child.write_text('schema = 1\ninherit = "../base.toml"\n[labels]\nemail = "Poștă"\n', encoding="utf-8")
    assert editions.read_ui(child) == {"labels.phone": "Telefon", "labels.email": "Poștă"}
    base.write_text('schema = 1\ninherit = "other.toml"\n', encoding="utf-8")
    with pytest.raises(editions.SettingsError, match=r"key 'inherit': \.\./base\.toml inherits in turn"):
        editions.read_ui(child)


def test_nav_titles_are_translated_by_key() -> None:
    """The nav keeps its shape and pages; each title is looked up by its slug."""
    nav = [{"Home": "index.md"}, {"Training modules": ["modules/a.md", {"Answer keys": ["k.md"]}]}, "about.md"]
    titles = {"home": "Acasă", "training-modules": "Module de formare", "answer-keys": "Grile"}
    assert editions.translate_nav(nav, titles) == [
        {"Acasă": "index.md"}, {"Module de formare": ["modules/a.md", {"Grile": ["k.md"]}]}, "about.md"]
    assert editions.nav_titles(nav) == ["Home", "Training modules", "Answer keys"]


def test_edition_links_are_relative_between_roots() -> None:
    """From the root edition to /ro/ is ro/; from /ro/ to the root ../; from /ro/ to /bg/ ../bg/."""
    assert editions.relative("", "ro/") == "ro/"
    assert editions.relative("ro/", "") == "../"
    assert editions.relative("ro/", "bg/") == "../bg/"
    assert editions.relative("ro/", "ro/") == "../ro/"


def test_generated_configuration_inherits_and_sets_only_what_differs(tmp_path: Path) -> None:
    """The Romanian configuration inherits mkdocs.yml and sets language, docs, nav, includes, switcher, notice."""
    settings = editions.load_settings(FIXTURE / "site.toml", FIXTURE / "i18n")
    nav = editions.base_config(FIXTURE / "mkdocs.yml")["nav"]
    ui = editions.load_ui("ro", FIXTURE / "i18n", nav)
    docs = tmp_path / "docs"
    values = editions.config(settings, settings.edition("ro"), ui, {"en": "English", "ro": "Română"},
                             FIXTURE / "mkdocs.yml", docs, [FIXTURE / "i18n" / "ro" / "includes", FIXTURE / "includes"])
    assert values["theme"] == {"language": "ro", "custom_dir": str(paths.ROOT / "overrides")}
    assert values["nav"][0] == {"Acasă": "index.md"} and values["site_name"] == "Ediții de test"
    assert values["extra"]["alternate"] == [{"name": "English", "link": "../", "lang": "en", "default": True},
                                            {"name": "Română", "link": "../ro/", "lang": "ro"}]
    assert values["extra"]["edition"]["shared"] == "../"
    assert values["extra"]["edition"]["review"] == settings.edition("ro").review
    assert values["copyright"] == "Material de test. Publicat de Fixture Association."
    assert "plugins" not in values  # the search language follows theme.language; Zensical accepts no other option
    snippets = next(e["pymdownx.snippets"] for e in values["markdown_extensions"]
                    if isinstance(e, dict) and "pymdownx.snippets" in e)
    assert snippets["base_path"][0] == str(FIXTURE / "i18n" / "ro" / "includes")
    written = editions.write_config(tmp_path / "edition" / "mkdocs.yml", FIXTURE / "mkdocs.yml", values)
    inherit = re.search(r"^INHERIT: (.+)$", written.read_text(encoding="utf-8"), re.MULTILINE)
    assert inherit and (written.parent / inherit.group(1)).resolve() == FIXTURE / "mkdocs.yml"
    merged = editions.base_config(written)
    assert merged["theme"]["language"] == "ro" and merged["theme"]["features"]  # the rest comes from mkdocs.yml
    assert merged["nav"] == values["nav"] and merged["markdown_extensions"] == values["markdown_extensions"]


def test_local_help_lists_the_contacts_or_nothing() -> None:
    """The local help fragment shows each contact with a tel: link; an edition without contacts shows nothing."""
    settings = editions.load_settings(FIXTURE / "site.toml", FIXTURE / "i18n")
    nav = editions.base_config(FIXTURE / "mkdocs.yml")["nav"]
    html = editions.local_help(settings, settings.edition("ro"), editions.load_ui("ro", FIXTURE / "i18n", nav))
    assert '<a href="tel:0700000000">0700 000 000</a>' in html and "Fixture Association" in html
    assert editions.local_help(settings, settings.edition("en"), editions.load_ui("en", FIXTURE / "i18n", nav)) == ""


# --- the fixture, built end to end --------------------------------------------------------------------------

def page(site: Path, url: str) -> str:
    """The HTML of a directory URL."""
    return (site / url / "index.html").read_text(encoding="utf-8")


def target(url: str, href: str) -> str:
    """The site-relative directory URL a relative link on page ``url`` leads to (``""``: the root)."""
    found = posixpath.normpath(posixpath.join("/" + url, href)).lstrip("/")
    return found + "/" if found else ""


def test_fixture_builds_both_editions_with_one_runtime(editions_build: Path) -> None:
    """English at the root, Romanian in ro/, each with all its pages; runtime and service worker only once."""
    site = editions_build / "site"
    for url in PAGES:
        assert (site / url / "index.html").is_file() and (site / "ro" / url / "index.html").is_file()
    assert (site / paths.SITE_PYODIDE).is_dir() and (site / "sw.js").is_file()
    assert not (site / "ro" / paths.SITE_PYODIDE).exists() and not (site / "ro" / paths.SITE_SELFCHECK).exists()
    assert not (site / "ro" / "sw.js").exists()
    assert 'src="../../../assets/selfcheck/selfcheck.js"' in page(site, "ro/modules/01-example/")


def test_every_page_says_its_language_and_links_to_itself_in_the_other(editions_build: Path) -> None:
    """<html lang>, the switcher and hreflang alternates go to the same page in each edition (x-default: English)."""
    site = editions_build / "site"
    for prefix, lang in (("", "en"), ("ro/", "ro")):
        for url in PAGES:
            here = prefix + url
            html = page(site, here)
            assert f'<html lang="{lang}"' in html, here
            switcher = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*class="md-select__link"', html))
            assert {code: target(here, href) for href, code in switcher.items()} == {"en": url, "ro": "ro/" + url}
            alternates = re.findall(r'<link rel=" alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
            assert {code: target(here, href) for code, href in alternates} == {
                "en": url, "x-default": url, "ro": "ro/" + url}
            assert html.count('aria-current="true"') == 1 and f'data-edition="{lang}" aria-current' in html


def test_review_notice_on_every_page_of_an_unreviewed_edition(editions_build: Path) -> None:
    """Every Romanian page (404 included) shows the review status; no English page does (it is "reviewed")."""
    site = editions_build / "site"
    notice = "<strong>Stadiul revizuirii:</strong> traducere în curs de revizuire de către un practician"
    for url in PAGES:
        assert notice in page(site, "ro/" + url)
        assert "data-review-status" not in page(site, url)
    assert notice in (site / "ro" / "404.html").read_text(encoding="utf-8")


def test_romanian_pages_carry_the_localised_exercise(editions_build: Path) -> None:
    """The Romanian page embeds the definition in Romanian text with the same ids and structure; so does its form."""
    site = editions_build / "site"
    scripts_ = re.compile(r'<script type="application/json" data-exercise-definition>(.*?)</script>', re.DOTALL)
    english = json.loads(scripts_.findall(page(site, "modules/01-example/"))[0])
    romanian_html = page(site, "ro/modules/01-example/")
    romanian = json.loads(scripts_.findall(romanian_html)[0])
    assert romanian["title"] == "Înainte de închiderea unui caz" and english["title"] == "Before closing a case"
    assert [i["id"] for i in romanian["items"]] == [i["id"] for i in english["items"]]
    assert {k: v for k, v in romanian.items() if not isinstance(v, str | list)} == \
        {k: v for k, v in english.items() if not isinstance(v, str | list)}
    assert "Supraviețuitorul știe pe cine să contacteze" in romanian_html
    assert "Ajutor local" in romanian_html and "Linia de sprijin a asociației" in romanian_html
    assert "sc-local-help" not in page(site, "modules/01-example/")  # no English contacts in the fixture
    assert "Acasă" in romanian_html  # the nav title from ui.toml


def test_romanian_edition_speaks_romanian_in_its_interface_too(editions_build: Path) -> None:
    """What the build writes around the exercise, and the page scripts' messages, come from ro/ui.toml.

    The form's buttons and status line, the paper version (its fragment), the 404 page, the search dialog's
    name and the messages file the pages load; the English edition keeps the English words.
    """
    site = editions_build / "site"
    ui = {lang: editions.load_ui(lang, FIXTURE / "i18n", editions.base_config(FIXTURE / "mkdocs.yml")["nav"])
          for lang in ("en", "ro")}
    romanian, english = page(site, "ro/modules/01-example/"), page(site, "modules/01-example/")
    for lang, html in (("ro", romanian), ("en", english)):
        words = ui[lang]
        for key in ("fragments.submit_by_kind.checklist", "fragments.clear"):
            assert f">{escape(words[key])}<" in html, (lang, key)
        assert f'data-exercise-message role="status">{escape(words["fragments.loading"])}</p>' in html
        assert escape(words["fragments.noscript"]) in html
        assert f'aria-label="{escape(words["page.search_label"])}"' in html
        assert re.search(r'<link rel="preload" as="fetch" crossorigin="anonymous" id="sc-messages" '
                         r'href="(\.\./)+assets/messages\.json">', html)
    assert ">Verificați progresul<" in romanian and "Motorul de evaluare se încarcă" in romanian
    paper = (editions_build / "fragments" / "ro" / "paper-version" / "fx-case-closing.html").read_text(encoding="utf-8")
    assert "Semnătura: ___" in paper and f"Sursa: ghidul, §5.9 · {ui['ro']['paper.site_name']}" in paper
    assert "<h1>Pagina nu a fost găsită</h1>" in (site / "ro" / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in (site / "404.html").read_text(encoding="utf-8")
    messages = json.loads((site / "ro" / editions.MESSAGES_FILE).read_text(encoding="utf-8"))
    assert messages.pop(editions.GLOSSARY_KEY) == {}  # the fixture has no glossary page
    assert messages == ui["ro"].web() and messages["selfcheck"]["ready"].startswith("Gata.")
    english = json.loads((site / editions.MESSAGES_FILE).read_text(encoding="utf-8"))
    assert english.pop(editions.GLOSSARY_KEY) == {} and english == ui["en"].web()


def test_each_edition_searches_in_its_language(editions_build: Path) -> None:
    """Material picks the search language from theme.language: Romanian stemming for /ro/."""
    site = editions_build / "site"
    config = json.loads((site / "ro" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["ro"]
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == ["en"]


def test_fixture_pages_are_valid_html(editions_build: Path) -> None:
    """The switcher, hreflang links, review notice and local help pass the Nu Html Checker."""
    assert "(mkdocs): no HTML errors" in htmlcheck.validate(editions_build / "site", "mkdocs")


def test_zensical_builds_the_same_editions(editions_build: Path, tmp_path: Path) -> None:
    """The second engine reads the same generated configurations: same pages, language, switcher and content."""
    out = tmp_path / "zensical"
    done = subprocess.run([sys.executable, "-m", "scripts", "build", "--engine", "zensical", "--project", str(FIXTURE),
                           "--out", str(out)], cwd=paths.ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    ours, theirs = editions_build / "site", out / "site"
    for url in [*PAGES, *("ro/" + p for p in PAGES)]:
        mkdocs_html, zensical_html = page(ours, url), page(theirs, url)
        for pattern in (r'<html lang="\w+"', r'<a href="[^"]+" hreflang="\w+"', r'<link rel=" alternate"[^>]+>',
                        r'<p class="sc-review-status".*?</p>', r"data-exercise-definition>.*?</script>",
                        r'<button type="submit"[^>]*>[^<]*<'):
            assert re.findall(pattern, zensical_html) == re.findall(pattern, mkdocs_html), (url, pattern)
        link = re.search(r'<link rel="preload"[^>]*id="sc-messages" href="([^"]+)"', zensical_html)
        assert link, url
        messages = target(url, link.group(1)).rstrip("/")
        assert messages == ("ro/" if url.startswith("ro/") else "") + editions.MESSAGES_FILE, (url, messages)
        assert (theirs / messages).read_bytes() == (ours / messages).read_bytes()
    assert "(zensical): no HTML errors" in htmlcheck.validate(theirs, "zensical")


def build_variant(tmp_path: Path, old: str, new: str) -> Path:
    """Build a copy of the editions fixture whose site.toml has ``old`` replaced by ``new``; returns its site."""
    from tests.scripts.test_i18n import copy_fixture, edit

    project = copy_fixture(tmp_path)
    edit(project / "site.toml", old, new)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "scripts", "build", "--project", str(project), "--out", str(out)],
                          cwd=paths.ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return out / "site"


def test_another_default_edition_goes_to_the_root(tmp_path: Path) -> None:
    """With default = "ro", Romanian is built at the root and English at /en/; links and x-default follow."""
    site = build_variant(tmp_path, 'default = "en"', 'default = "ro"')
    assert '<html lang="ro"' in page(site, "modules/01-example/")
    assert '<html lang="en"' in page(site, "en/modules/01-example/")
    assert (site / paths.SITE_SELFCHECK).is_dir() and not (site / "en" / paths.SITE_SELFCHECK).exists()
    html = page(site, "en/about/")
    assert 'src="../../assets/selfcheck/selfcheck.js"' in html
    alternates = dict(re.findall(r'<link rel=" alternate" hreflang="([\w-]+)" href="([^"]+)">', html))
    assert {code: target("en/about/", href) for code, href in alternates.items()} == {
        "en": "en/about/", "ro": "about/", "x-default": "about/"}


def test_a_single_edition_has_no_switcher_and_no_notice(tmp_path: Path) -> None:
    """A deployer who builds English only (reviewed) gets no language switcher, no hreflang and no notice."""
    site = build_variant(tmp_path, 'editions = ["en", "ro"]', 'editions = ["en"]')
    html = page(site, "modules/01-example/")
    assert "md-select__link" not in html and "hreflang" not in html and "data-review-status" not in html
    assert '<html lang="en"' in html and not (site / "ro").exists()
