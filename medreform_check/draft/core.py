"""Everything the draft package takes from the rest of medreform_check, in one place.

The drafting modules import the rest of the program only through here: the plan language
(deadline and target phrases), the catalogue, errors and limits.
"""

from __future__ import annotations

from medreform_check.errors import Location, MedreformError, ParseError, cannot_read
from medreform_check.language.periods import Deadline, parse_deadline
from medreform_check.language.targets import Target, TargetError, parse_target
from medreform_check.language.values import normalise
from medreform_check.limits import MIB, size_problem
from medreform_check.loading.rules import find_rules_dir, read_catalogue
from medreform_check.model import Catalogue, Indicator
from medreform_check.vocabulary import format_number

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
    "find_rules_dir",
    "format_number",
    "normalise",
    "parse_deadline",
    "parse_target",
    "read_catalogue",
    "size_problem",
]
