"""A small seeded random generator (SplitMix64) that gives the same numbers on every Python.

``random.Random`` promises a stable ``random()`` across Python versions, but not stable
``shuffle`` or ``sample``. A drawn attempt must be the same on the host's CPython (the CLI,
the paper test printed from the build) and in the browser's Pyodide, and the same again
next year, so knowledge checks draw with this generator instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ._errors import SelfcheckError

T = TypeVar("T")

_MASK = (1 << 64) - 1
#: Seeds are whole numbers from 0 to 2**53 - 1, so that JavaScript keeps them exactly.
MAX_SEED = (1 << 53) - 1


def check_seed(value: object) -> int:
    """``value`` as a seed, or a one-line error saying what a seed must be."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_SEED:
        raise SelfcheckError(f"the seed must be a whole number from 0 to {MAX_SEED}, got {value!r}")
    return value


class Rng:
    """SplitMix64 (Steele, Lea and Flood, 2014): small, fast and well mixed; not for secrets."""

    def __init__(self, seed: int) -> None:
        self._state = seed & _MASK

    def next64(self) -> int:
        """The next 64-bit number."""
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, bound: int) -> int:
        """A whole number from 0 to ``bound - 1``, each equally likely (rejection sampling, no modulo bias)."""
        if bound < 1:
            raise ValueError("bound must be at least 1")
        limit = ((_MASK + 1) // bound) * bound
        while True:
            value = self.next64()
            if value < limit:
                return value % bound

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A new list with ``items`` in a uniformly random order (Fisher–Yates)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.below(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, items: Sequence[T], count: int) -> list[T]:
        """``count`` distinct elements of ``items``, each subset equally likely, in random order."""
        if not 0 <= count <= len(items):
            raise ValueError("count must be between 0 and the number of items")
        pool = list(items)
        for i in range(count):
            j = i + self.below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:count]
