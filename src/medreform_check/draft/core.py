"""Everything the draft package takes from the rest of medreform_check, in one place.

The drafting modules import core names only from here, so that when the core modules move
(``periods`` and ``targets`` into a language layer, ``loading`` elsewhere) only these
imports change.
"""

from __future__ import annotations

from ..errors import Location, MedreformError, ParseError, cannot_read
from ..limits import MIB, size_problem
from ..loading.rules import find_rules_dir, read_catalogue
from ..model import Catalogue, Indicator
from ..output import emit
from ..periods import Deadline, parse_deadline
from ..targets import Target, TargetError, parse_target
from ..values import format_number, normalise

__all__ = [
    "MIB",
    "Catalogue",
    "Deadline",
    "Indicator",
    "Location",
    "MedreformError",
    "ParseError",
    "Target",
    "TargetError",
    "cannot_read",
    "emit",
    "find_rules_dir",
    "format_number",
    "normalise",
    "parse_deadline",
    "parse_target",
    "read_catalogue",
    "size_problem",
]
