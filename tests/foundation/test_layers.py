"""The code's layers hold (README, "The code"): an app may use what is below it, never what is
above it. Imports are checked by import-linter's contract (pyproject.toml, run by `make lint`
and here); these tests add what imports do not show: the URL names a template or a module of
an app reverses must belong to that app or to one below it."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

#: Highest first, as in pyproject.toml's contract; `cooperation_portal` is the foundation.
LAYERS = [
    "pages",
    "alerts",
    "news",
    "events",
    "projects",
    "funding",
    "partners",
    "taxonomy",
    "cooperation_portal",
]
#: The address every page of the site links to (the breadcrumbs' first step): the site's frame.
FRAME = {"home"}

URL_TAG = re.compile(r"""\{%\s*url\s+["']([\w:-]+)["']""")
REVERSE_CALL = re.compile(r"""\b(?:address|reverse|reverse_lazy|redirect)\(\s*["']([\w:-]+)["']""")


def owner(url_name: str) -> str:
    """The layer a URL name belongs to: its namespace's app; a name with no namespace is one of
    the root URLs, which the top layer defines; Django's own (`admin:`) are below everything."""
    namespace = url_name.split(":")[0] if ":" in url_name else "pages"
    return namespace if namespace in LAYERS else "cooperation_portal"


def upward(layer: str, names: list[str]) -> list[str]:
    """The names among `names` that belong to a layer above `layer`."""
    return [
        name
        for name in names
        if name not in FRAME and LAYERS.index(owner(name)) < LAYERS.index(layer)
    ]


def test_no_template_of_an_app_reverses_a_url_of_a_higher_app():
    templates = Path(settings.BASE_DIR) / "templates"
    found = {}
    for layer in LAYERS[1:-1]:  # the top layer's templates may link anywhere
        for template in sorted((templates / layer).rglob("*.html")):
            names = upward(layer, URL_TAG.findall(template.read_text(encoding="utf-8")))
            if names:
                found[str(template.relative_to(templates))] = names
    assert found == {}


def test_no_module_of_an_app_reverses_a_url_of_a_higher_app():
    found = {}
    for layer in LAYERS[1:]:
        for module in sorted((Path(settings.BASE_DIR) / layer).rglob("*.py")):
            if "migrations" in module.parts:
                continue
            names = upward(layer, REVERSE_CALL.findall(module.read_text(encoding="utf-8")))
            if names:
                found[str(module.relative_to(settings.BASE_DIR))] = names
    assert found == {}


def test_the_rule_catches_an_upward_url():
    assert upward("partners", ["projects:list", "partners:detail", "home"]) == ["projects:list"]
    assert upward("taxonomy", ["country_detail"]) == ["country_detail"]
    assert upward("pages", ["projects:list", "events:detail"]) == []


def test_every_import_points_down():
    """import-linter's layers contract (pyproject.toml)."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [lint_imports], cwd=settings.BASE_DIR, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 kept, 0 broken" in result.stdout
