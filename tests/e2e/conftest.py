"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

Playwright never downloads a browser here: it drives /usr/bin/chromium (or
$CHROMIUM). Without it these tests are skipped on a developer's machine, but
CI sets E2E_OBLIGATORIO=1 so a missing browser fails the run instead.
Screenshots of failed tests go to test-artifacts/ (pytest-playwright's
--screenshot=only-on-failure, set in pyproject.toml).
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by the tests themselves (creating data) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("E2E_OBLIGATORIO") == "1":
        raise pytest.UsageError(f"E2E_OBLIGATORIO=1 pero no se encontró Chromium en {CHROMIUM}")
    saltar = pytest.mark.skip(reason="Chromium no está instalado (apt-get install chromium)")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(saltar)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def movil(browser, live_server):
    """A phone-sized page (360×740, touch), as most citizens of Pasto arrive."""
    contexto = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="es-CO",
        base_url=live_server.url,
    )
    pagina = contexto.new_page()
    yield pagina
    contexto.close()


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "locale": "es-CO", "base_url": live_server.url}
