"""Finding the Chromium the browser tests drive: ``$CHROMIUM_PATH``, Debian's
``/usr/bin/chromium``, or a browser Playwright installed itself. Nothing is downloaded."""

from __future__ import annotations

import os
import sys
from pathlib import Path

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_GET_ONE = (
    "No Chromium found: install Debian's (apt-get install chromium) or set CHROMIUM_PATH"
)


def playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and Path(path).is_file() else None


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return playwright_chromium()


if __name__ == "__main__":
    found = find_chromium()
    if "--check" in sys.argv:
        sys.exit(0 if found else 1)
    print(found or HOW_TO_GET_ONE)
    sys.exit(0 if found else 1)
