"""What every exercise kind provides, and the JSON-like types they exchange."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ._locale import DEFAULT

#: A JSON object as produced by :mod:`json` (results, descriptions, answers).
JSONObject = dict[str, Any]

#: The schema version every definition must declare (``schema = 2``: knowledge checks became banks).
SCHEMA_VERSION = 2


class Exercise(Protocol):
    """A parsed, validated exercise of any kind."""

    @property
    def id(self) -> str:
        """The exercise id, unique across ``exercises/``."""

    @property
    def kind(self) -> str:
        """The kind name, such as ``quiz``."""

    @property
    def title(self) -> str:
        """A short human title."""

    @property
    def source(self) -> str:
        """The source section, such as ``guide §2.1``."""

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """The exercise as published: items and options in order, no answer key (selfcheck's own words in ``lang``)."""

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Score ``answers`` (item id to option id or list of option ids); the result's own words in ``lang``."""


@dataclass(frozen=True)
class Common:
    """The fields every definition has, read before the kind-specific ones."""

    id: str
    title: str
    source: str


#: A browser bridge operation: the JSON request in, a JSON object out (``_bridge.handle`` dispatches by ``op``).
#: The request's ``"lang"`` (``en``, ``ro`` or ``bg``; checked by the bridge) is the language of the result.
Operation = Callable[[Mapping[str, Any]], JSONObject]

#: A bridge operation on the exercise the request carries as ``definition``, parsed and validated by
#: the bridge first. Kinds declare theirs as data; they never import the bridge, which sits above them.
ExerciseOperation = Callable[[Exercise, Mapping[str, Any]], JSONObject]

#: How a kind scores a request whose answers belong to more than the definition (a drawn attempt's
#: seed): the exercise, the whole request and its answers in, the result out.
Scorer = Callable[[Exercise, Mapping[str, Any], Mapping[str, object]], JSONObject]

