"""Tests for selfcheck._rng: the seeded generator that makes draws the same on every Python."""

from __future__ import annotations

from collections import Counter

import pytest

from selfcheck._errors import SelfcheckError
from selfcheck._rng import MAX_SEED, Rng, check_seed


def test_splitmix64_reference_values() -> None:
    """The generator is SplitMix64: seed 0 gives the published first outputs (so draws never change silently)."""
    rng = Rng(0)
    assert [rng.next64() for _ in range(3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    """Two generators with one seed agree; another seed gives other numbers."""
    assert [Rng(7).next64() for _ in range(2)] == [Rng(7).next64() for _ in range(2)]
    assert Rng(7).next64() != Rng(8).next64()


def test_below_stays_in_range_and_is_roughly_uniform() -> None:
    """below(n) gives 0..n-1, each about equally often (within 10 % over 30 000 draws of 3)."""
    rng = Rng(42)
    counts = Counter(rng.below(3) for _ in range(30_000))
    assert set(counts) == {0, 1, 2}
    assert all(abs(c - 10_000) < 1_000 for c in counts.values()), counts


def test_below_refuses_an_empty_range() -> None:
    """below(0) is a programming error, not a silent zero."""
    with pytest.raises(ValueError, match="bound"):
        Rng(1).below(0)


def test_shuffled_is_a_permutation_and_uniform() -> None:
    """shuffled() keeps every element; each of the 6 orders of 3 elements comes up about equally often."""
    rng = Rng(3)
    orders = Counter(tuple(rng.shuffled("abc")) for _ in range(12_000))
    assert len(orders) == 6
    assert all(abs(c - 2_000) < 300 for c in orders.values()), orders


def test_sample_is_distinct_and_bounded() -> None:
    """sample() returns distinct elements; asking for more than there are is an error."""
    rng = Rng(5)
    picked = rng.sample(range(10), 4)
    assert len(set(picked)) == 4 and set(picked) <= set(range(10))
    assert rng.sample("ab", 0) == []
    with pytest.raises(ValueError, match="count"):
        rng.sample("ab", 3)


@pytest.mark.parametrize("bad", [-1, MAX_SEED + 1, 1.5, "7", True, None])
def test_check_seed_refuses_what_is_not_a_safe_whole_number(bad: object) -> None:
    """A seed must be a whole number from 0 to 2**53 - 1 (JavaScript keeps those exactly)."""
    with pytest.raises(SelfcheckError, match="the seed must be a whole number from 0 to 9007199254740991"):
        check_seed(bad)
    assert check_seed(MAX_SEED) == MAX_SEED and check_seed(0) == 0
