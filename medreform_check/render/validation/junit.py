"""``validate --format junit``: a testcase per file and a failure per error.

Warnings are failures too with ``--strict``; otherwise they are listed in the
testcase's system-out, so a file with warnings only passes, as the exit code says.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from medreform_check.commands.validate import Validation
from medreform_check.render import RenderOptions

SUITE = "medreform-check validate"


def render(validation: Validation, options: RenderOptions) -> str:
    cases = []
    failures = 0
    for report in validation.files:
        case = ET.Element(
            "testcase", classname=report.kind or "unknown", name=report.path, file=report.path
        )
        notes = []
        for finding in report.findings:
            if finding.is_error or options.strict:
                failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=finding.code,
                    message=f"{finding.where}: {finding.message}",
                )
                failure.text = str(finding)
            else:
                notes.append(str(finding))
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
        cases.append(case)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
