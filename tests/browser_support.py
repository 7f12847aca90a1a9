"""Headless Chromium for the browser tests: Debian's own browser, driven by Playwright for Python.

Playwright is given the system browser's path (never `playwright install`, which downloads one),
with the flags that keep Chromium from reaching for the network at start.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()),
                None) or shutil.which("chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def require_browser(what: str) -> None:
    """Skip the calling test module, saying why, where no browser or no Playwright is installed."""
    if CHROMIUM is None:
        pytest.skip(f"ingen chromium installerad (apt-get install chromium): {what} hoppas över",
                    allow_module_level=True)
    pytest.importorskip("playwright.sync_api",
                        reason=f"playwright saknas (pip install -e '.[test]'): {what} hoppas över")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
