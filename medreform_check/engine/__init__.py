"""The rule engine: pure functions from plans and observations to verdicts (CONTRACT §2).

No file is read and nothing is printed here. Import what you need from its module
(``engine.evaluate.evaluate``, ``engine.workload.workload``): this package imports none of
them, so that ``validate``, which needs ``workload`` alone, does not pay for evaluating.
The names below are looked up in their modules when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medreform_check.engine.evaluate import evaluate_instance
    from medreform_check.engine.instances import Instance, instances_of

_HOMES = {"evaluate_instance": "evaluate", "Instance": "instances", "instances_of": "instances"}

__all__ = ["Instance", "evaluate_instance", "instances_of"]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
