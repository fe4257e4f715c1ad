"""``validate --format junit``: a testcase per file, failed when the file has an error.

Shaped to the schema that Jenkins' xunit plugin checks before importing (``junit-10.xsd``):
``<testsuites>`` carries only ``name, tests, failures, errors``; a ``<testsuite>`` its required
``name, tests, failures, errors``; a ``<testcase>`` only ``name`` and ``classname``. A file's
errors make ONE ``<failure>`` (its message the count and the first error, its text every
error), so ``failures`` counts failed files and never exceeds ``tests``, as junitparser and
GitLab count them. Warnings are failures too with ``--strict``; otherwise they are listed in
the testcase's ``system-out``, so a file with warnings only passes, as the exit code says.

Text from input may hold characters XML 1.0 cannot carry at all (control characters, lone
surrogates): they are written escaped (``\\x1b``), so the document is well-formed whatever the
input.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from medreform_check.commands.validate import FileReport, Validation
from medreform_check.render import RenderOptions

SUITE = "medreform-check validate"

# Everything outside XML 1.0's Char production: C0 controls but tab, LF and CR; surrogates;
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML cannot hold spelt out as ``\\xNN`` / ``\\uNNNN``."""

    def spell(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _NOT_XML.sub(spell, text)


def _case(report: FileReport, strict: bool) -> tuple[ET.Element, bool]:
    """The testcase of one file, and whether it failed."""
    case = ET.Element("testcase", classname=report.kind or "unknown", name=xml_text(report.path))
    failing = [f for f in report.findings if f.is_error or strict]
    passing = [f for f in report.findings if not (f.is_error or strict)]
    if failing:
        first = failing[0]
        message = f"{first.where}: {first.message}"
        if len(failing) > 1:
            message = f"{len(failing)} problems; first: {message}"
        failure = ET.SubElement(case, "failure", type=first.code, message=xml_text(message))
        failure.text = xml_text("\n".join(str(f) for f in failing))
    if passing:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(str(f) for f in passing))
    return case, bool(failing)


def render(validation: Validation, options: RenderOptions) -> str:
    cases = [_case(report, options.strict) for report in validation.files]
    failed = sum(failing for _, failing in cases)
    counts = {"tests": str(len(cases)), "failures": str(failed), "errors": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    suite.extend(case for case, _ in cases)
    if validation.notes:
        ET.SubElement(suite, "system-out").text = xml_text("\n".join(validation.notes))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
