"""``validate --format text``: ``path:line:col: error|warning: message [code]``, then a summary."""

from __future__ import annotations

from medreform_check.commands.validate import Validation
from medreform_check.render import RenderOptions


def summary(validation: Validation) -> str:
    files = len(validation.files)
    return (
        f"{validation.errors} error(s), {validation.warnings} warning(s) "
        f"in {files} file{'s' if files != 1 else ''}"
    )


def render(validation: Validation, options: RenderOptions) -> str:
    lines = [str(finding) for report in validation.files for finding in report.findings]
    lines += [f"note: {note}" for note in validation.notes]
    lines += [
        f"{s.file if s.sheet is None else f'{s.file}[{s.sheet}]'}: skipped: {s.reason}"
        for s in validation.skipped
    ]
    lines.append(summary(validation))
    return "\n".join(lines) + "\n"
