"""Warm start in Chromium (web/snapshot.js): Python restored from a stored memory snapshot.

A reload scores like CPython; a damaged snapshot is deleted and the page starts the normal way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from scripts import paths
from scripts.bench import SNAPSHOT_STORED
from scripts.runtime import pyodide_version
from support import answer, attempt_answers, attempt_seed, cli_json, feedback, submit, wait_ready

MODULE = "modules/01-what-trafficking-is/"
EXERCISE = "palermo-definition"
SNAPSHOTS = """async () => (await (await caches.open("selfcheck-snapshot")).keys()).map((request) => request.url)"""
DAMAGE = """async () => {
  const cache = await caches.open("selfcheck-snapshot");
  for (const request of await cache.keys()) await cache.put(request, new Response("not a snapshot"));
}"""

STORED = """async () => {
  const cache = await caches.open("selfcheck-snapshot");
  const [request] = await cache.keys();
  const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
  const header = new DataView(bytes.buffer);
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  return { magic, memory: header.getUint32(4, true), size: bytes.length };
}"""
#: pack() and unpack() of web/snapshot.js on made-up memory: 5 pages and 100 bytes, of which pages 0, 2
#: and 4 are zeros; also from a view that starts at an odd offset, and on damaged packed bytes.
ROUND_TRIP = """async (url) => {
  const { pack, unpack } = await import(url);
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const fails = (bytes) => {
    try {
      unpack(bytes);
      return false;
    } catch {
      return true;
    }
  };
  const memory = new Uint8Array(5 * 4096 + 100);
  memory[4096 + 17] = 7;
  memory.fill(3, 3 * 4096, 4 * 4096);
  memory[5 * 4096 + 99] = 1;
  const packed = pack(memory);
  const shifted = new Uint8Array(memory.length + 1);
  shifted.set(memory, 1);
  const longer = new Uint8Array(packed.length + 1);
  longer.set(packed);
  return {
    same: same(unpack(packed), memory),
    packed: packed.length,
    ownBuffer: packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength,
    unaligned: same(unpack(pack(shifted.subarray(1))), memory),
    empty: unpack(pack(new Uint8Array(0))).length === 0,
    garbage: fails(new TextEncoder().encode("not a snapshot")),
    cut: fails(packed.subarray(0, packed.length - 1)),
    extra: fails(longer),
  };
}"""


def test_snapshots_are_packed_without_their_zero_pages(page: Page, site_url: str) -> None:
    """unpack(pack(memory)) gives the memory back, zero pages left out; damaged bytes are refused.

    Packed: an 8-byte header, one bit per 4 KiB page, then the pages that hold anything (2 whole and
    the last 100 bytes). A refused snapshot means a normal start (tested above with a real one).
    """
    page.goto(site_url)
    result = page.evaluate(ROUND_TRIP, site_url + "assets/selfcheck/snapshot.js")
    assert result == {"same": True, "packed": 8 + 1 + 2 * 4096 + 100, "ownBuffer": True, "unaligned": True,
                      "empty": True, "garbage": True, "cut": True, "extra": True}


def start_of(page: Page) -> str | None:
    """How the page's Python started: "snapshot" (warm) or "normal"."""
    return page.locator(f'[data-exercise="{EXERCISE}"]').get_attribute("data-exercise-start")


def scored_like_cpython(page: Page, lang: str = "en") -> None:
    """Answer the knowledge check's attempt on screen; the page must show exactly CPython's feedback in ``lang``."""
    seed = attempt_seed(page, EXERCISE)
    answers: dict[str, Any] = attempt_answers(EXERCISE, seed, right=None)
    expected = cli_json("score", EXERCISE, "-", "--seed", str(seed), "--lang", lang, stdin=json.dumps(answers))
    answer(page, EXERCISE, answers)
    result = submit(page, EXERCISE)
    assert result.locator(".sc-summary").inner_text() == expected["summary"]  # selfcheck's own words, in lang
    if lang == "en":  # the feedback is the definition's text: the English catalog's here, the edition's there
        assert feedback(result) == {item["id"]: item["message"] for item in expected["items"]}


def test_reload_starts_from_the_snapshot_and_a_damaged_one_is_dropped(first_visit: Page, site_url: str,
                                                                     built_site: Path) -> None:
    """A reload starts from the snapshot; a damaged snapshot falls back to a normal start and is dropped.

    First visit: normal start, then one snapshot is stored (keyed by Pyodide version and wheel).
    Reload: Python comes from the snapshot and scores as CPython does, in English and, on the
    Romanian and Bulgarian pages, in their language (the package's text was read before the
    snapshot was taken: the restored Python has no package files). Damaged snapshot: the page
    still gets ready (normal start), the snapshot is deleted and a marker stops new ones for this build.
    """
    page = first_visit  # nothing on the device yet
    page.goto(site_url + MODULE)
    wait_ready(page, EXERCISE)
    assert start_of(page) == "normal"
    page.wait_for_function(SNAPSHOT_STORED, arg=EXERCISE, polling=100, timeout=60_000)
    [wheel] = (built_site / paths.SITE_SELFCHECK / "wheels").glob("*/*.whl")
    [key] = page.evaluate(SNAPSHOTS)
    assert key.endswith(f"/{pyodide_version()}/{wheel.relative_to(built_site / paths.SITE_SELFCHECK)}.snapshot")
    stored = page.evaluate(STORED)
    assert stored["magic"] == "SCS1" and stored["size"] < 0.7 * stored["memory"], stored  # no zero pages

    page.reload()
    wait_ready(page, EXERCISE)
    assert start_of(page) == "snapshot"
    scored_like_cpython(page)
    for lang in ("ro", "bg"):  # made on an English page, the snapshot answers in each edition's language
        page.goto(site_url + f"{lang}/{MODULE}")
        wait_ready(page, EXERCISE)
        assert start_of(page) == "snapshot"
        scored_like_cpython(page, lang)
    page.goto(site_url + MODULE)
    wait_ready(page, EXERCISE)

    page.evaluate(DAMAGE)
    page.reload()
    wait_ready(page, EXERCISE)
    assert start_of(page) == "normal"
    scored_like_cpython(page)
    assert page.evaluate(SNAPSHOTS) == [key + ".failed"]  # deleted, and marked: none is made again for this build
