"""``python -m scripts build|check|validate|serve|bench|i18n``: the one entry point of the build.

build: read ``site.toml``, validate definitions, check the translations of every
edition to build (pages, exercise catalogs, interface text), render each
edition's fragments from its localised definitions, check links from
definitions, page markers and wording (``content/wording.toml``), build the
wheel, run MkDocs (or Zensical) once per edition (the default edition into
``site/``, the others into ``site/<code>/``), install the browser runtime once
into ``site/``. validate: the built pages through the Nu Html Checker. i18n:
``page LANG PAGE…``, ``skeleton LANG [ID…]``, ``check [LANG…]``, ``status`` (see ``scripts/i18n.py``).
Errors are one line (the checks that list every problem print one per line), exit 2.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selfcheck import SelfcheckError, load_catalogue

from . import (
    catalogs,
    csp,
    editions,
    fragments,
    htmlcheck,
    i18n,
    links,
    offline,
    paths,
    runtime,
    search,
    serve,
    site,
    terms,
    wheel,
    wording,
)
from .banks import BankError
from .markers import MarkerError, check_pages
from .record import RecordPageError


def fragments_of(fragment_dir: Path, code: str) -> Path:
    """An edition's fragment folder: ``fragment_dir`` for English, ``fragment_dir/<code>`` for another language."""
    return fragment_dir if code == paths.SOURCE_LANG else fragment_dir / code


def build(
    site_dir: Path = paths.SITE,
    fragment_dir: Path = paths.FRAGMENTS,
    wheel_dir: Path = paths.WHEEL_DIR,
    engine: str = "mkdocs",
    project: paths.Project | None = None,
) -> None:
    """Every build step, in order (``engine``: mkdocs or zensical turns the pages into HTML).

    ``project`` (default: this repository) names the sources; the site gets one edition per
    language that ``site.toml`` lists.
    """
    project = project or paths.repository()
    settings = editions.load_settings(project.settings, project.i18n)
    catalogue = load_catalogue(project.exercises)
    print(f"validated {len(catalogue)} exercise definitions", flush=True)
    prepared = i18n.prepare(project, settings, catalogue)
    codes = [edition.code for edition in settings.in_build_order()]
    print(f"checked the translations of the editions {', '.join(codes)} (default: {settings.default})", flush=True)
    names = {code: ready.ui["edition.name"] for code, ready in prepared.items()}
    docs_of = {paths.SOURCE_LANG: project.docs}
    paths.BUILD.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="editions-", dir=paths.BUILD))  # inside the project root (Zensical)
    try:
        for edition in settings.in_build_order():
            code, ready = edition.code, prepared[edition.code]
            docs = docs_of.get(code) or editions.assemble_docs(code, staging / code / "docs", project.docs,
                                                               project.i18n)
            docs_of[code] = docs
            out = fragments_of(fragment_dir, code)
            fragments.run(out, ready.catalogue, docs, ready.ui)
            editions.write_local_help(out, settings, edition, ready.ui)
            print(f"[{code}] checked {links.check(ready.catalogue, docs)} links from definitions to module sections, "
                  f"{check_pages(docs, out)} page markers", flush=True)
        if project.root == paths.ROOT:  # the wording rules (and their allow list) are this repository's
            print(f"checked the wording of {wording.check()} pages and definitions", flush=True)
        built = wheel.build(wheel_dir)
        for edition in settings.in_build_order():
            code = edition.code
            includes = [project.i18n / code / "includes", project.includes] if code != paths.SOURCE_LANG \
                else [project.includes]
            values = editions.config(settings, edition, prepared[code].ui, names, project.config, docs_of[code],
                                     includes)
            config = editions.write_config(staging / code / "mkdocs.yml", project.config, values)
            site.build(site_dir / settings.prefix(code), fragments_of(fragment_dir, code), engine, config)
            editions.write_messages(site_dir / settings.prefix(code), prepared[code].ui,
                                    editions.glossary_anchors(docs_of[code], includes))
            print(f"[{code}] pages built with {engine} into {settings.prefix(code) or 'the root'}", flush=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    wheel_path = runtime.install(site_dir, built)
    pages, saved = search.defer(site_dir)
    print(f"search indexes built once a page is settled ({pages} pages); indexes {saved / 1e6:.1f} MB smaller",
          flush=True)
    print(f"moved {csp.lock(site_dir)} inline scripts into files (Content-Security-Policy)", flush=True)
    print(f"service worker written for build {offline.write(site_dir)}", flush=True)
    print(f"site written to {site_dir} (wheel {wheel_path})", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m scripts")
    parser.add_argument("command", choices=["build", "check", "validate", "serve", "bench", "i18n"])
    parser.add_argument("args", nargs="*", help="i18n: page LANG PAGE... | skeleton LANG [ID...] | check | status")
    parser.add_argument("--partial", action="store_true", help="i18n check: missing pages and catalogs are no problem")
    parser.add_argument("--project", type=Path, help="build, i18n: sources laid out like the repository")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--out", type=Path, help="build, validate: private output folder (DIR/site, DIR/fragments)")
    parser.add_argument("--runs", type=int, default=5, help="bench: runs per measurement")
    parser.add_argument("--engine", choices=site.ENGINES, default="mkdocs", help="build, validate: the site engine")
    args = parser.parse_args(argv)
    try:
        project = paths.Project.at(args.project.resolve()) if args.project else None
        if args.command == "build":
            if args.out:
                build(args.out / "site", args.out / "fragments", args.out / "wheel", args.engine, project)
            else:
                build(engine=args.engine, project=project)
        elif args.command == "check":
            catalogue = fragments.run()
            print(f"validated {len(catalogue)} exercise definitions")
            print(f"checked the wording of {wording.check()} pages and definitions")
            print(f"checked {links.check(catalogue)} links from definitions to module sections")
            settings = editions.load_settings()
            i18n.prepare(paths.repository(), settings, catalogue)
            print(f"checked the translations of the editions {', '.join(e.code for e in settings.editions)}")
        elif args.command == "i18n":
            if not args.args or args.args[0] not in ("page", "skeleton", "check", "status"):
                parser.error("i18n needs one of: page LANG PAGE ..., skeleton LANG [ID ...], check [LANG ...], "
                             "status [LANG ...]")
            for line in i18n.main(args.args[0], args.args[1:], partial=args.partial, project=project):
                print(line)
        elif args.command == "validate":
            print(htmlcheck.validate(args.out / "site" if args.out else paths.SITE, args.engine))
        elif args.command == "serve":
            serve.serve_forever(paths.SITE, args.port)
        else:
            from . import bench

            bench.main(args.runs)
    except (
        SelfcheckError,
        MarkerError,
        wording.WordingError,
        runtime.RuntimeMissingError,
        csp.CspError,
        search.SearchError,
        htmlcheck.HtmlCheckError,
        BankError,
        editions.SettingsError,
        i18n.I18nError,
        catalogs.CatalogError,
        terms.TermsError,
        RecordPageError,
    ) as exc:
        for line in str(exc).splitlines():  # one line per problem (bank and wording checks report them all)
            print(f"error: {line}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"error: build step failed: {' '.join(map(str, exc.cmd[:4]))} (exit {exc.returncode})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
