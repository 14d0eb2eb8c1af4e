"""Typed access to one table of a definition, with errors that say where.

Every kind parses its definition through a :class:`Table`, so a missing or
mistyped field always names the file, the item and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ._errors import DefinitionError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: A docs-relative Markdown page a definition links to (``modules/04-name.md``) and a heading anchor on it.
PAGE_PATTERN = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.md$")
ANCHOR_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def page_href(page: str, anchor: str = "") -> str:
    """The site-relative address of a docs page (directory URLs: ``a/b.md`` is served at ``a/b/``)."""
    stem = page[: -len(".md")] if page.endswith(".md") else page
    folder = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    return f"{folder}#{anchor}" if anchor else folder


class Table:
    """A mapping read from a definition, remembering where it came from."""

    def __init__(self, data: object, origin: str, item: str | None = None, field: str | None = None) -> None:
        if not isinstance(data, Mapping):
            raise DefinitionError(origin, "must be a table", item=item, field=field)
        self.data: Mapping[str, object] = data
        self.origin = origin
        self.item = item
        self._used: set[str] = set()

    def error(self, field: str | None, message: str) -> DefinitionError:
        """An error located at this table's item and the given field."""
        return DefinitionError(self.origin, message, item=self.item, field=field)

    def _get(self, field: str, required: bool) -> object:
        self._used.add(field)
        if field not in self.data:
            if required:
                raise self.error(field, "is missing")
            return None
        return self.data[field]

    def text(self, field: str) -> str:
        """A required, non-empty string."""
        value = self._get(field, True)
        if not isinstance(value, str) or not value.strip():
            raise self.error(field, "must be a non-empty string")
        return value.strip()

    def opt_text(self, field: str, default: str = "") -> str:
        """An optional string."""
        value = self._get(field, False)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.error(field, "must be a string")
        return value.strip()

    def ident(self, field: str = "id") -> str:
        """A required identifier: lower-case letters, digits, '-' and '_'."""
        value = self.text(field)
        if not ID_PATTERN.match(value):
            raise self.error(field, f"{value!r} is not a valid id (use a-z, 0-9, '-' and '_')")
        return value

    def integer(self, field: str, default: int | None = None) -> int:
        """An integer, required unless a default is given."""
        value = self._get(field, default is None)
        if value is None and default is not None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(field, "must be an integer")
        return value

    def number(self, field: str, default: float | None = None) -> float:
        """A number (integer or float), required unless a default is given."""
        value = self._get(field, default is None)
        if value is None and default is not None:
            return default
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise self.error(field, "must be a number")
        return float(value)

    def raw(self, field: str) -> object:
        """An optional value of any shape, or None when absent (the caller validates it)."""
        return self._get(field, False)

    def boolean(self, field: str, default: bool) -> bool:
        """An optional boolean."""
        value = self._get(field, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(field, "must be true or false")
        return value

    def choice(self, field: str, allowed: Sequence[str], default: str | None = None) -> str:
        """A string from a fixed set."""
        value = self._get(field, default is None)
        if value is None and default is not None:
            return default
        if value not in allowed:
            raise self.error(field, f"must be one of {', '.join(allowed)} (got {value!r})")
        assert isinstance(value, str)
        return value

    def texts(self, field: str, required: bool = True) -> list[str]:
        """A list of non-empty strings (an empty list when optional and absent)."""
        value = self._get(field, required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(field, "must be a list of non-empty strings")
        return [v.strip() for v in value]

    def integers(self, field: str) -> list[int]:
        """A required, non-empty list of integers."""
        value = self._get(field, True)
        if not isinstance(value, list) or not value or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise self.error(field, "must be a non-empty list of integers")
        return list(value)

    def tables(self, field: str, required: bool = True) -> list[Table]:
        """A non-empty list of tables, each labelled by its own id when it has one."""
        value = self._get(field, required)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            raise self.error(field, "must be a non-empty list of tables")
        out: list[Table] = []
        for index, entry in enumerate(value, start=1):
            label = entry.get("id") if isinstance(entry, Mapping) else None
            name = str(label) if isinstance(label, str) else f"{field}[{index}]"
            if self.item is not None and field != "items":
                name = f"{self.item}/{name}"
            out.append(Table(entry, self.origin, item=name, field=field))
        return out

    def table(self, field: str) -> Table:
        """A required sub-table."""
        return Table(self._get(field, True), self.origin, item=self.item, field=field)

    def finish(self) -> None:
        """Reject fields nobody read: a typo must not pass silently."""
        unknown = sorted(set(self.data) - self._used)
        if unknown:
            raise self.error(unknown[0], "is not a known field")


def unique_ids(tables: Sequence[Table], owner: Table) -> list[str]:
    """Read the ids of ``tables``, failing on the first duplicate."""
    seen: list[str] = []
    for t in tables:
        ident = t.ident()
        if ident in seen:
            raise DefinitionError(owner.origin, f"duplicate id {ident!r}", item=t.item, field="id")
        seen.append(ident)
    return seen


@dataclass(frozen=True)
class Link:
    """A link from a result to a section of the site: its words, a docs page and a heading anchor.

    ``scripts/links.py`` checks at build time that the page and the heading exist.
    """

    text: str
    page: str
    anchor: str

    @property
    def href(self) -> str:
        """The site-relative address the browser resolves against the site root."""
        return page_href(self.page, self.anchor)

    def to_json(self) -> dict[str, str]:
        """The link as results carry it."""
        return {"text": self.text, "href": self.href}


def read_links(table: Table, field: str, required: bool = True) -> tuple[Link, ...]:
    """A list of ``{id, text, page, anchor}`` tables (see :class:`Link`), each page and anchor well formed.

    The ``id`` (unique in the list) keys the link's words in a translation's text catalog.
    """
    links = []
    tables = table.tables(field, required)
    unique_ids(tables, table)
    for t in tables:
        page = t.text("page")
        if not PAGE_PATTERN.match(page):
            raise t.error("page", f"{page!r} must be a Markdown page under docs/, such as 'modules/04-name.md'")
        anchor = t.text("anchor")
        if not ANCHOR_PATTERN.match(anchor):
            raise t.error("anchor", f"{anchor!r} must be a heading anchor such as 'the-seven-steps'")
        links.append(Link(t.text("text"), page, anchor))
        t.finish()
    return tuple(links)


@dataclass(frozen=True)
class Help:
    """Where to get help (the self-checks): a title, the usual text, and the words put first on distress."""

    title: str
    text: str
    urgent: str


def read_help(table: Table) -> Help:
    """The definition's ``[help]`` table (title, text, urgent), every field required, nothing else."""
    t = table.table("help")
    found = Help(title=t.text("title"), text=t.text("text"), urgent=t.text("urgent"))
    t.finish()
    return found
