"""``validate``: every file checked on its own and against the others it refers to.

Plans, catalogues, checks and submissions may be mixed; the kind of each YAML file is
read from its content. A file that cannot be parsed is a finding like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medreform_check.engine.workload import workload
from medreform_check.errors import Finding, Severity
from medreform_check.lint import lint_catalogue, lint_plans
from medreform_check.loading.catalogue import catalogue_from
from medreform_check.loading.checks import CHECKS_FILE, Check, checks_from
from medreform_check.loading.paths import files_under
from medreform_check.loading.plan import plan_from
from medreform_check.loading.readers import SUFFIXES
from medreform_check.loading.rules import CATALOGUE_FILE, find_rules_dir
from medreform_check.loading.yamldoc import YamlDocument, load_yaml
from medreform_check.model import Catalogue, Indicator, Plan, Skipped, Submissions

YAML_SUFFIXES = (".yaml", ".yml")
# The top-level key that says what a YAML file is.
_UNKNOWN_KIND = (
    "not a plan, catalogue, checks or submission file "
    "(expected one top-level key of: plan, indicators, checks, values)"
)
KIND_KEYS = {"plan": "plan", "indicators": "indicators", "checks": "checks", "values": "submission"}


@dataclass(frozen=True)
class FileReport:
    path: str
    kind: str | None  # plan, indicators, checks, submission; None when it could not be told
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(not f.is_error for f in self.findings)


@dataclass(frozen=True)
class Validation:
    files: tuple[FileReport, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    skipped: tuple[Skipped, ...] = ()  # files and sheets not read, and why

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    def exit_code(self, strict: bool) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0


def detect_kind(doc: YamlDocument) -> str | None:
    """The first of plan, indicators, checks, values at the top (plans may hold indicators)."""
    if not isinstance(doc.data, dict):
        return None
    return next((kind for key, kind in KIND_KEYS.items() if key in doc.data), None)


class _Validator:
    def __init__(self, rules_dir: Path | None) -> None:
        self.rules_dir = rules_dir
        self.findings: dict[str, list[Finding]] = {}
        self.kinds: dict[str, str | None] = {}
        self.notes: list[str] = []
        self.skipped: list[Skipped] = []

    def add(self, path: str, kind: str | None, findings: Iterable[Finding]) -> None:
        self.kinds.setdefault(path, kind)
        self.findings.setdefault(path, []).extend(findings)

    def catalogue(self, docs: list[YamlDocument]) -> Catalogue | None:
        """The catalogue among the files, else the one from --rules, ./rules or the package."""
        catalogues = []
        for doc in docs:
            catalogue, found = catalogue_from(doc)
            if catalogue is not None:
                found += lint_catalogue(catalogue, doc)
            self.add(doc.path, "indicators", found)
            if catalogue is not None and not any(f.is_error for f in found):
                catalogues.append(catalogue)
        if docs:
            if not catalogues:
                return None
            merged: dict[str, Indicator] = {}
            for catalogue in catalogues:
                merged.update(catalogue.indicators)
            return Catalogue(merged, catalogues[0].path)
        path = find_rules_dir(self.rules_dir) / CATALOGUE_FILE
        catalogue, found = catalogue_from(load_yaml(path))
        if catalogue is None or any(f.is_error for f in found):
            self.add(str(path), "indicators", found)
            return None
        return catalogue

    def plans(self, docs: list[YamlDocument], catalogue: Catalogue | None) -> list[Plan]:
        loaded: list[tuple[YamlDocument, Plan]] = []
        for doc in docs:
            plan, found = plan_from(doc)
            self.add(doc.path, "plan", found)
            if plan is not None:
                loaded.append((doc, plan))
        if catalogue is None:
            if docs:
                self.notes.append("plans were not linted: the indicator catalogue has errors")
        else:
            for finding in lint_plans(loaded, catalogue):
                self.add(finding.where.path, "plan", [finding])
        for finding in workload([plan for _, plan in loaded]):
            self.add(finding.where.path, "plan", [finding])
        return [plan for _, plan in loaded]

    def checks(self, docs: list[YamlDocument], catalogue: Catalogue | None) -> list[Check]:
        """The checks among the files (else those of the rules directory), for submissions."""
        usable: list[Check] = []
        for doc in docs:
            checks, found = checks_from(doc, catalogue)
            self.add(doc.path, "checks", found)
            if checks is not None and not any(f.is_error for f in found):
                usable += checks
        if docs or catalogue is None:
            return usable
        path = find_rules_dir(self.rules_dir) / CHECKS_FILE
        if not path.exists():
            return []
        checks, found = checks_from(load_yaml(path), catalogue)
        if checks is None or any(f.is_error for f in found):
            self.add(str(path), "checks", found)
            return []
        return checks

    def submissions(
        self,
        paths: list[Path],
        plans: Sequence[Plan],
        catalogue: Catalogue | None,
        checks: Sequence[Check],
    ) -> None:
        if not paths:
            return  # (and the readers are not even imported)
        from medreform_check.loading.submissions import read_submissions

        if not plans:
            self.notes.append(
                "submissions were checked without a plan: units and tasks were not checked"
            )
        for path in paths:
            self.add(str(path), "submission", [])
        read = read_submissions(
            paths, plans, catalogue or Catalogue({}), checks, know_units=bool(plans)
        )
        for finding in _row_findings(read):
            self.add(finding.where.path, "submission", [finding])
        self.skipped += read.skipped


def _position(finding: Finding) -> tuple[int, int, str]:
    return (finding.where.line or 0, finding.where.col or 0, finding.code)


SHOWN_LINES = 3


def merge_repeats(findings: Sequence[Finding], kind: str | None) -> list[Finding]:
    """One finding per distinct problem: the same code and message again and again in a file
    (one misspelt unit on every row) becomes one finding at the first place, saying how many
    and where the first few are — ``unknown unit 'x' on 13 rows (lines 2, 3, 4, …)``. GitHub
    shows ten errors per step; thirteen copies of one would hide every other file's."""
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for finding in findings:
        key = (finding.where.path, finding.code, finding.severity.value, finding.message)
        groups.setdefault(key, []).append(finding)
    merged = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            merged.append(first)
            continue
        lines = sorted({f.where.line for f in group if f.where.line is not None})
        shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
        more = ", …" if len(lines) > SHOWN_LINES else ""
        places = f"on {len(group)} rows" if kind == "submission" else f"{len(group)} times"
        where = f" (line{'s' if len(lines) > 1 else ''} {shown}{more})" if lines else ""
        message = f"{first.message} {places}{where}"
        merged.append(Finding(first.code, first.severity, first.where, message))
    return merged


def _row_findings(out: Submissions) -> list[Finding]:
    rejected = [Finding(i.code, Severity.ERROR, i.at, i.reason) for i in out.rejected]
    warnings = [Finding(i.code, Severity.WARNING, i.at, i.reason) for i in out.warnings]
    return rejected + warnings


def validate_paths(paths: Sequence[Path], rules_dir: Path | None = None) -> Validation:
    validator = _Validator(rules_dir)
    unsupported = "cannot validate a '{suffix}' file (expected {expected})"
    files = files_under(paths, SUFFIXES, unsupported, skipped=validator.skipped)
    by_kind: dict[str, list[YamlDocument]] = {"plan": [], "indicators": [], "checks": []}
    tables: list[Path] = []
    for path in files:
        if path.suffix.lower() not in YAML_SUFFIXES:
            tables.append(path)
            continue
        doc = load_yaml(path)
        kind = detect_kind(doc)
        if kind == "submission":
            tables.append(path)
        elif kind is not None:
            by_kind[kind].append(doc)
        elif doc.data is None:
            validator.add(doc.path, None, doc.findings)
        else:
            unknown = Finding("unknown-kind", Severity.ERROR, doc.locate(), _UNKNOWN_KIND)
            validator.add(doc.path, None, [*doc.findings, unknown])
    needed = any(by_kind.values()) or tables
    catalogue = validator.catalogue(by_kind["indicators"]) if needed else None
    plans = validator.plans(by_kind["plan"], catalogue)
    checks = validator.checks(by_kind["checks"], catalogue) if needed else []
    validator.submissions(tables, plans, catalogue, checks)
    order = {str(p): k for k, p in enumerate(files)}
    reports = []
    for name, found in validator.findings.items():
        kind = validator.kinds[name]
        ordered = sorted(found, key=_position)
        reports.append(FileReport(name, kind, tuple(merge_repeats(ordered, kind))))
    reports.sort(key=lambda r: order.get(r.path, -1))
    return Validation(tuple(reports), tuple(validator.notes), tuple(validator.skipped))
