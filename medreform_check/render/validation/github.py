"""``validate --format github``: workflow commands that annotate the lines in a pull request.

GitHub shows at most ten errors and ten warnings per step, so a summary line follows.
"""

from __future__ import annotations

from medreform_check.commands.validate import Validation
from medreform_check.errors import Finding
from medreform_check.render import RenderOptions
from medreform_check.render.validation.text import summary
from medreform_check.vocabulary import escape_controls


def _data(text: str) -> str:
    """GitHub's own escapes for a line break (so a message can never end the command and
    start a forged one), every other control character written out (``\\x1b``)."""
    text = escape_controls(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    where = [f"file={_property(finding.where.path)}"]
    if finding.where.line is not None:
        where.append(f"line={finding.where.line}")
        if finding.where.col is not None:
            where.append(f"col={finding.where.col}")
    where.append(f"title={_property(finding.code)}")
    return f"::{finding.severity.value} {','.join(where)}::{_data(finding.message)}"


def render(validation: Validation, options: RenderOptions) -> str:
    lines = [annotation(f) for report in validation.files for f in report.findings]
    lines += [f"::notice::{_data(note)}" for note in validation.notes]
    lines.append(f"medreform-check validate: {summary(validation)}")
    return "\n".join(lines) + "\n"
