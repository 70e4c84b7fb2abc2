"""The built documentation site in a real browser (headless Chromium): explorer and anchors.

Runs when ``NK_SITE`` names a built HTML site (``.ci/run`` builds one and sets it), with
Playwright driving the system's Chromium (``NK_CHROMIUM``, default ``/usr/bin/chromium``).
Pages are opened from disk (``file://``), as a reader who downloaded the site would.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SITE = os.environ.get("NK_SITE")
pytestmark = pytest.mark.skipif(not SITE, reason="NK_SITE names no built site")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=os.environ.get("NK_CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that fails the test on any JavaScript error or console error."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    page.close()
    assert errors == []


def url(path: str) -> str:
    assert SITE is not None
    return (Path(SITE) / path).resolve().as_uri()


def shown(page: Any) -> list[str]:
    return list(page.locator("#nk-results li").evaluate_all("els => els.map(e => e.dataset.claim)"))


def test_a_number_in_the_address_finds_its_claims_and_hides_the_rest(page: Any) -> None:
    page.goto(url("explorer.html") + "?q=2906")
    ids = shown(page)
    assert {"C10.killed", "C10b.killed", "X15.killed"} <= set(ids)
    assert "A2.missing" not in ids
    assert page.locator("#nk-explorer input[name=q]").input_value() == "2906"


def test_typing_an_armenian_word_shows_armenian_wordings(page: Any) -> None:
    page.goto(url("explorer.html"))
    everything = len(shown(page))
    page.locator("#nk-explorer input[name=q]").fill("հազար")
    ids = shown(page)
    assert 0 < len(ids) < everything
    texts = page.locator("#nk-results li").all_inner_texts()
    assert all("հազար" in t for t in texts)


def test_filters_narrow_the_claims(page: Any) -> None:
    page.goto(url("explorer.html") + "?flag=misreport")
    flagged = page.locator("#nk-results li").all_inner_texts()
    assert flagged
    assert all("misreport" in t for t in flagged)


def test_every_claim_link_lands_on_its_anchor(page: Any, browser: Any) -> None:
    page.goto(url("explorer.html"))
    links = page.locator("#nk-results li a").evaluate_all("els => els.map(e => e.href)")
    assert links
    by_page: dict[str, set[str]] = {}
    for link in links:
        target, _, anchor = link.partition("#")
        by_page.setdefault(target, set()).add(anchor)
    other = browser.new_page()
    try:
        for target, anchors in by_page.items():
            other.goto(target)
            ids = set(other.locator(".nk-claim").evaluate_all("els => els.map(e => e.id)"))
            assert anchors <= ids, target
    finally:
        other.close()


def test_a_permalink_shows_its_claim(page: Any) -> None:
    page.goto(url("_generated/data/index.html"))
    page.goto(url("_generated/data/release-1.0.0-az-side.html") + "#A2.missing")
    card = page.locator('[id="A2.missing"]')
    assert card.is_visible()
    assert "More than 100" in card.inner_text()


def test_a_release_page_carries_its_json_ld(page: Any) -> None:
    import json

    page.goto(url("_generated/data/release-2.0.0.html"))
    text = page.locator('script[type="application/ld+json"]').text_content()
    doc = json.loads(text)
    assert doc["@type"] == "Dataset"
    assert doc["version"] == "2.0.0"
    assert {part["@type"] for part in doc["hasPart"]} == {"Claim"}
