"""``validate --format json``: every file, its kind and its findings."""

from __future__ import annotations

import json

from medreform_check.commands.validate import Validation
from medreform_check.render import RenderOptions


def render(validation: Validation, options: RenderOptions) -> str:
    data = {
        "ok": validation.exit_code(options.strict) == 0,
        "summary": {
            "files": len(validation.files),
            "errors": validation.errors,
            "warnings": validation.warnings,
        },
        "files": [
            {
                "path": report.path,
                "kind": report.kind,
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity.value,
                        "line": f.where.line,
                        "col": f.where.col,
                        "message": f.message,
                    }
                    for f in report.findings
                ],
            }
            for report in validation.files
        ],
        "notes": list(validation.notes),
        "skipped": [
            {"file": s.file, "sheet": s.sheet, "reason": str(s.reason)} for s in validation.skipped
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
