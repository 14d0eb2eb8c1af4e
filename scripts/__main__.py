"""``python -m scripts build|check|validate|serve|bench``: the one entry point of the build.

build: validate definitions, render fragments, check links from definitions,
page markers and wording (``content/wording.toml``), build the wheel, run
MkDocs (or Zensical), install the browser runtime into ``site/``. validate: the
built pages through the Nu Html Checker. Errors are one line (the wording check
and validate list every problem, one per line), exit 2.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from selfcheck import SelfcheckError

from . import csp, fragments, htmlcheck, links, offline, paths, runtime, serve, site, wheel, wording
from .banks import BankError
from .markers import MarkerError, check_pages
from .record import RecordPageError


def build(
    site_dir: Path = paths.SITE,
    fragment_dir: Path = paths.FRAGMENTS,
    wheel_dir: Path = paths.WHEEL_DIR,
    engine: str = "mkdocs",
) -> None:
    """Every build step, in order (``engine``: mkdocs or zensical turns the pages into HTML)."""
    catalogue = fragments.run(fragment_dir)
    print(f"validated {len(catalogue)} exercise definitions", flush=True)
    print(f"checked {links.check(catalogue)} links from definitions to module sections", flush=True)
    print(f"checked {check_pages(paths.DOCS, fragment_dir)} page markers", flush=True)
    print(f"checked the wording of {wording.check()} pages and definitions", flush=True)
    built = wheel.build(wheel_dir)
    site.build(site_dir, fragment_dir, engine)
    print(f"pages built with {engine}", flush=True)
    wheel_path = runtime.install(site_dir, built)
    print(f"moved {csp.lock(site_dir)} inline scripts into files (Content-Security-Policy)", flush=True)
    print(f"service worker written for build {offline.write(site_dir)}", flush=True)
    print(f"site written to {site_dir} (wheel {wheel_path})", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m scripts")
    parser.add_argument("command", choices=["build", "check", "validate", "serve", "bench"])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--out", type=Path, help="build, validate: private output folder (DIR/site, DIR/fragments)")
    parser.add_argument("--runs", type=int, default=5, help="bench: runs per measurement")
    parser.add_argument("--engine", choices=site.ENGINES, default="mkdocs", help="build, validate: the site engine")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            if args.out:
                build(args.out / "site", args.out / "fragments", args.out / "wheel", args.engine)
            else:
                build(engine=args.engine)
        elif args.command == "check":
            catalogue = fragments.run()
            print(f"validated {len(catalogue)} exercise definitions")
            print(f"checked the wording of {wording.check()} pages and definitions")
            print(f"checked {links.check(catalogue)} links from definitions to module sections")
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
        htmlcheck.HtmlCheckError,
        BankError,
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
