"""Reasons kept as data (``Message``): why a submitted row was rejected or warned about, and
why a value did not parse — worded in English (as ``validate`` and the logs show them) and
in Chinese (for the 通报 and the spreadsheets). A wording is a template with ``{name}``
values, or a function of the values where the sentence changes with them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Wording = str | Callable[[Mapping[str, Any]], str]

MESSAGES: Mapping[str, Mapping[str, Wording]] = {}
