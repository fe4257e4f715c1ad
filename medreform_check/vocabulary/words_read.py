"""Words of the submission readers: skipped files and sheets (issues 13, 15, 16)."""

from __future__ import annotations

from collections.abc import Mapping

WORDS: Mapping[str, Mapping[str, str]] = {
    "skipped": {"en": "Skipped files and sheets", "zh": "未读取的文件和工作表"},
    "bulletin.skipped": {"en": "Files and sheets not read", "zh": "未读取的文件和工作表"},
    "skipped_note": {
        "en": "Listed so that nothing is lost silently; they do not change the exit code.",
        "zh": "列出以免遗漏；不影响退出码。",
    },
}
