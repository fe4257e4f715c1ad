"""The rules directory: ``indicators.yaml`` (and ``checks.yaml``), from ``--rules``,
``./rules``, or the copy installed with the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from medreform_check.errors import InvalidInput, Location, MedreformError
from medreform_check.loading.catalogue import load_catalogue
from medreform_check.loading.checks import CHECKS_FILE, Check, load_checks
from medreform_check.model import Catalogue

CATALOGUE_FILE = "indicators.yaml"


def shipped_rules_dir() -> Path | None:
    """The rules that come with the program, in every way it can be installed: inside the
    package (a wheel ships a copy in ``medreform_check/rules``), or beside it in the checkout
    it runs from (an editable install, or ``python -m`` in a checkout)."""
    package = Path(str(resources.files("medreform_check")))
    for candidate in (package / "rules", package.parent / "rules"):
        if (candidate / CATALOGUE_FILE).is_file():
            return candidate
    return None


def find_rules_dir(explicit: Path | None) -> Path:
    if explicit is not None:
        if explicit.exists() and not explicit.is_dir():
            raise MedreformError(
                "--rules must be a directory (got a file)", Location(str(explicit))
            )
        if not explicit.exists():
            raise MedreformError("no such directory", Location(str(explicit)))
        if not (explicit / CATALOGUE_FILE).is_file():
            raise MedreformError(
                f"no {CATALOGUE_FILE} in the rules directory", Location(str(explicit))
            )
        return explicit
    local = Path("rules")
    if (local / CATALOGUE_FILE).is_file():
        return local
    shipped = shipped_rules_dir()
    if shipped is None:
        raise MedreformError(
            f"no rules found: pass --rules DIR (a directory with {CATALOGUE_FILE})"
        )
    return shipped


def read_catalogue(rules_dir: Path) -> Catalogue:
    """The indicator catalogue; raises ``InvalidInput`` with every finding if it has errors."""
    path = rules_dir / CATALOGUE_FILE
    catalogue, findings = load_catalogue(path)
    if catalogue is None or any(f.is_error for f in findings):
        raise InvalidInput(findings)
    return catalogue


def read_checks(rules_dir: Path, catalogue: Catalogue) -> list[Check]:
    """The consistency checks, if the rules directory has them; ``InvalidInput`` on errors."""
    path = rules_dir / CHECKS_FILE
    if not path.exists():
        return []
    checks, findings = load_checks(path, catalogue)
    if checks is None or any(f.is_error for f in findings):
        raise InvalidInput(findings)
    return checks
