"""``python -m scripts i18n`` and the build's translation checks, on copies of the editions fixture."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import i18n, pagecheck, paths

FIXTURE = paths.ROOT / "tests" / "fixtures" / "editions"


def copy_fixture(tmp_path: Path) -> Path:
    """The editions fixture copied to ``tmp_path/project``, its configuration and ui.toml pointing to the repository."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("INHERIT: ../../../mkdocs.yml", f"INHERIT: {paths.CONFIG}")
    config = config.replace("custom_dir: ../../../overrides", f"custom_dir: {paths.ROOT / 'overrides'}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for lang in ("en", "ro"):  # its interface text inherits the repository's
        edit(project / "i18n" / lang / "ui.toml", f'inherit = "../../../../../i18n/{lang}/ui.toml"',
             f'inherit = "{paths.I18N / lang / "ui.toml"}"')
    return project


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m scripts ARGS`` from the repository root."""
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=paths.ROOT, capture_output=True, text=True,
                          check=False, timeout=300)


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file (the text must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_fixture_passes_every_check(tmp_path: Path) -> None:
    """The fixture's Romanian edition is complete: i18n check says so, status counts it all."""
    project = copy_fixture(tmp_path)
    done = run("i18n", "check", "--project", str(project))
    assert done.returncode == 0, done.stderr
    assert "ro: every page, exercise catalog and interface text checked" in done.stdout
    status = run("i18n", "status", "--project", str(project))
    assert status.stdout.strip() == ("ro: pages 3/3, includes 1/1, exercise catalogs 1/1 (1 complete), ui.toml yes")


def test_every_broken_rule_is_one_line_naming_the_file(tmp_path: Path) -> None:
    """Each broken rule is one error line naming its file, and the build stops before any page (exit 2).

    Missing and extra pages, a changed heading anchor, cedillas, an avoided term, a catalog with a missing
    key and one for an unknown exercise, a back-translation with an extra key.
    """
    project = copy_fixture(tmp_path)
    ro = project / "i18n" / "ro"
    (ro / "docs" / "about.md").rename(ro / "docs" / "despre.md")
    edit(ro / "docs" / "index.md", "{#where-to-start}", "{#de-unde-incepeti}")
    edit(ro / "docs" / "modules" / "01-example.md", "Managerilor de caz", "Managerilor de caz şi asistenţilor")
    edit(ro / "exercises" / "fx-case-closing.toml", '"notes.0" = ', '"note.0" = ')
    edit(ro / "exercises" / "fx-case-closing.back.toml", '[text]\n', '[text]\n"extra" = "x"\n')
    (ro / "exercises" / "cl-referral.toml").write_text('schema = 1\nexercise = "cl-referral"\n[text]\n',
                                                       encoding="utf-8")
    edit(ro / "docs" / "modules" / "01-example.md", "care închid un caz", "care închid un caz de trafic de copii")
    done = run("i18n", "check", "ro", "--project", str(project))
    assert done.returncode == 2
    errors = done.stderr.splitlines()
    assert all(line.startswith("error: ") for line in errors)
    expected = [
        "i18n/ro/docs/about.md: missing: no translation of docs/about.md",
        "i18n/ro/docs/despre.md: extra: no English page docs/despre.md",
        "i18n/ro/docs/index.md: heading #de-unde-incepeti: needs the English anchor, written {#where-to-start}",
        "i18n/ro/docs/modules/01-example.md: cedilla letters ş ţ: use the comma-below ș ț Ș Ț",
        "i18n/ro/docs/modules/01-example.md: avoided term 'trafic de copii' (terms.toml, trafficking-in-minors)",
        "i18n/ro/exercises/fx-case-closing.toml: key 'notes.0': missing",
        "i18n/ro/exercises/fx-case-closing.toml: key 'note.0': extra",
        "i18n/ro/exercises/fx-case-closing.back.toml: key 'extra': extra",
        "i18n/ro/exercises/cl-referral.toml: key 'exercise': no exercise 'cl-referral' under exercises/",
    ]
    for part in expected:
        assert any(part in line for line in errors), (part, errors)
    build = run("build", "--project", str(project), "--out", str(tmp_path / "out"))
    assert build.returncode == 2 and not (tmp_path / "out" / "site").exists()  # stopped before any page is built
    assert set(build.stderr.splitlines()) >= set(errors)


def test_partial_check_ignores_what_is_not_translated_yet(tmp_path: Path) -> None:
    """``--partial``: a missing page or catalog is no problem, a broken one still is."""
    project = copy_fixture(tmp_path)
    ro = project / "i18n" / "ro"
    (ro / "docs" / "about.md").unlink()
    (ro / "exercises" / "fx-case-closing.toml").unlink()
    assert run("i18n", "check", "ro", "--partial", "--project", str(project)).returncode == 0
    edit(ro / "docs" / "index.md", "{#where-to-start}", "")
    partial = run("i18n", "check", "ro", "--partial", "--project", str(project))
    assert partial.returncode == 2 and "needs the English anchor, written {#where-to-start}" in partial.stderr


def test_skeleton_from_the_command_line(tmp_path: Path) -> None:
    """``i18n skeleton LANG ID`` writes the catalog; English is no language to translate into."""
    project = copy_fixture(tmp_path)
    (project / "i18n" / "ro" / "exercises" / "fx-case-closing.toml").unlink()
    done = run("i18n", "skeleton", "ro", "fx-case-closing", "--project", str(project))
    assert done.returncode == 0 and "written, 10 keys to translate" in done.stdout
    refused = run("i18n", "skeleton", "en", "--project", str(project))
    assert refused.returncode == 2 and "give the code of a language to translate into" in refused.stderr


def test_repository_languages_are_found() -> None:
    """The languages being translated are the folders of i18n/ other than English."""
    assert i18n.languages(paths.repository()) == ["bg", "ro"]


def test_unknown_subcommand_is_refused() -> None:
    """``i18n`` needs skeleton, check or status."""
    done = run("i18n", "translate")
    assert done.returncode == 2 and "i18n needs one of" in done.stderr


@pytest.mark.parametrize("lang", ["ro", "bg"])
def test_repository_translations_so_far_pass_the_partial_check(lang: str) -> None:
    """What the translators have committed (pages, the CBI catalog and its back-translation, ui.toml) passes."""
    done = run("i18n", "check", lang, "--partial")
    assert done.returncode == 0, done.stderr


def test_page_skeleton_keeps_the_english_anchors(tmp_path: Path) -> None:
    """``i18n page LANG docs/X.md`` writes the English page with every heading's anchor written out.

    The skeleton passes the structure check as it is, and an existing translation is never overwritten.
    """
    project = copy_fixture(tmp_path)
    target = project / "i18n" / "ro" / "docs" / "about.md"
    target.unlink()
    done = run("i18n", "page", "ro", str(project / "docs" / "about.md"), "--project", str(project))
    assert done.returncode == 0 and "written; translate it in place" in done.stdout
    assert target.read_text(encoding="utf-8").startswith("# About this site {#about-this-site}\n")
    assert pagecheck.structure((project / "docs" / "about.md").read_text(encoding="utf-8"),
                               target.read_text(encoding="utf-8")) == []
    again = run("i18n", "page", "ro", str(project / "docs" / "about.md"), "--project", str(project))
    assert "exists, left as it is" in again.stdout


def test_every_english_page_gets_a_skeleton_that_passes_the_structure_check() -> None:
    """For every page of the site, the skeleton keeps markers, links, admonitions and the English anchors."""
    for page in sorted(paths.DOCS.rglob("*.md")):
        english = page.read_text(encoding="utf-8")
        assert pagecheck.structure(english, pagecheck.page_skeleton(english)) == [], page
