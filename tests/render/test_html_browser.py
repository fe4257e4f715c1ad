"""The HTML report in a real browser (issue 14): headless Chromium, driven by playwright.

The demo report (84 tasks, 102 results) is loaded on screen and in print emulation. Measured
with Debian's Chromium and the Noto CJK fonts, its A4 print is 16 pages in English and in
Chinese; the range below allows for other fonts and browser releases while still catching a
layout that falls apart (one row per page) or loses content.

The browser is the distribution's (``.ci/run`` installs Debian's ``chromium`` when it is
missing): playwright never downloads one of its own here. Where there is none, every test
below is skipped, saying why.
"""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from helpers import demo_audit

A4_PAGES = range(10, 25)  # measured: 16 (en), 16 (zh)
# A4 less the report's 12 mm side margins: 186 mm at 96 px per inch.
A4_CONTENT_PX = 703
SMALLEST_PRINT_PX = 7 * 96 / 72  # 7 pt: the smallest text a printed page should carry
# The flags the machine notes list for headless Chromium as root in a closed network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def chromium() -> str:
    """The browser to use, or a skip that says why there is none."""
    path = os.environ.get("MEDREFORM_CHROMIUM") or next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
    )
    if path is None:
        pytest.skip(
            "no Chromium on this machine (.ci/run installs Debian's chromium; "
            "or set MEDREFORM_CHROMIUM to a browser)"
        )
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module", params=["en", "zh"])
def report(request: pytest.FixtureRequest) -> str:
    html: str = demo_audit("html", request.param)
    return html


class Page:
    """A tab holding the report, with everything it logged or tried to fetch."""

    def __init__(self, browser: Any, html: str, width: int) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 1000})
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.route("**/*", self._refuse)
        self.page.set_content(html, wait_until="load")

    def _refuse(self, route: Any) -> None:
        self.requests.append(route.request.url)
        route.abort()

    def evaluate(self, script: str) -> Any:
        return self.page.evaluate(script)


def test_on_screen_no_console_message_and_no_network_request(browser: Any, report: str) -> None:
    page = Page(browser, report, 1200)
    page.page.screenshot()  # laid out and painted
    assert page.console == []
    assert page.requests == []


def test_an_800_px_window_keeps_everything_in_view_and_titles_readable(
    browser: Any, report: str
) -> None:
    page = Page(browser, report, 800)
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    # Nothing is wider than the window, not even inside a table cell.
    overflowing = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > document.documentElement.clientWidth + 0.5).map(e => e.tagName + '.' + e.className)"
    )
    assert overflowing == []
    widths = page.evaluate(
        "[...document.querySelectorAll('td .title')].map(e => e.getBoundingClientRect().width)"
    )
    rows = page.evaluate("document.querySelectorAll('tr.result').length")
    assert len(widths) == rows > 80  # every result has its title
    assert min(widths) >= 300  # a title gets most of the window, not a 150 px sliver
    sizes = page.evaluate(
        "[...document.querySelectorAll('td .title, h1, h2, h3')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 14


TEXT_SIZES = """
(() => {
  const sizes = [];
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    if (e instanceof SVGElement) {
      const svg = e.ownerSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      sizes.push([parseFloat(e.getAttribute('font-size')) * scale, e.textContent]);
    } else {
      sizes.push([parseFloat(getComputedStyle(e).fontSize), e.textContent.slice(0, 30)]);
    }
  }
  return sizes;
})()
"""


def test_printed_on_a4_every_label_is_readable_and_nothing_overflows(
    browser: Any, report: str
) -> None:
    page = Page(browser, report, A4_CONTENT_PX)
    page.page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_PX
    sizes = page.evaluate(TEXT_SIZES)
    chart_labels = page.evaluate("document.querySelectorAll('svg text').length")
    assert chart_labels > 20  # the trend and structure labels are there to measure
    small = [(round(size, 2), text) for size, text in sizes if size < SMALLEST_PRINT_PX]
    assert small == []


def pdf_pages(page: Page) -> list[str]:
    from pypdf import PdfReader

    data = page.page.pdf(prefer_css_page_size=True, print_background=True)
    reader = PdfReader(io.BytesIO(data))
    # NFKC: the PDF's text may map a glyph to a compatibility character (⾦ for 金).
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]


def test_the_a4_print_has_a_sane_page_count_and_no_stranded_heading(
    browser: Any, report: str
) -> None:
    page = Page(browser, report, 1200)
    page.page.emulate_media(media="print")
    headings = [
        unicodedata.normalize("NFKC", " ".join(h.split()))
        for h in page.evaluate("[...document.querySelectorAll('h2, h3')].map(e => e.innerText)")
    ]
    pages = pdf_pages(page)
    assert page.console == []  # printing logged nothing and fetched nothing either
    assert page.requests == []
    assert len(pages) in A4_PAGES
    for number, text in enumerate(pages[:-1], 1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        last = lines[-1]
        # A heading (or the end of one that wraps) is never the last line of a page.
        stranded = [h for h in headings if len(last) >= 2 and h.endswith(last)]
        assert stranded == [], (number, last)
