"""The knowledge-check settings file (``content/knowledge-checks.toml``): lint thresholds, schedule, paper seed.

Structure lives once, as data: the build reads the lint thresholds and the paper test's
seed from here, and embeds the refresher schedule in the pages that need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ._base import SCHEMA_VERSION
from ._fields import Table
from ._lint import LintRules, parse_lint_rules
from ._loader import read_toml
from ._rng import MAX_SEED
from ._schedule import Schedule, parse_schedule


@dataclass(frozen=True)
class Settings:
    """Everything ``content/knowledge-checks.toml`` holds."""

    lint: LintRules
    refresh: Schedule
    paper_seed: int


def parse_settings(data: object, origin: str) -> Settings:
    """Validate the settings; errors name the file, the table and the field."""
    table = Table(data, origin)
    schema = table.integer("schema")
    if schema != SCHEMA_VERSION:
        raise table.error(
            "schema", f"unsupported schema version {schema} (this selfcheck reads version {SCHEMA_VERSION})"
        )
    lint = parse_lint_rules(table.table("lint").data, f"{origin} [lint]")
    refresh = parse_schedule(table.table("refresh").data, f"{origin} [refresh]")
    paper = Table(table.table("paper").data, f"{origin} [paper]")
    seed = paper.integer("seed")
    if not 0 <= seed <= MAX_SEED:
        raise paper.error("seed", f"must be a whole number from 0 to {MAX_SEED}")
    paper.finish()
    table.finish()
    return Settings(lint=lint, refresh=refresh, paper_seed=seed)


def load_settings(path: Path) -> Settings:
    """Read and validate the settings file."""
    return parse_settings(read_toml(path), str(path))
