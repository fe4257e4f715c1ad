"""The rule engine: pure functions from plans and observations to verdicts (CONTRACT §2).

No file is read and nothing is printed here.
"""

from medreform_check.engine.evaluate import evaluate, evaluate_instance
from medreform_check.engine.instances import Instance, instances_of
from medreform_check.engine.workload import workload

__all__ = ["Instance", "evaluate", "evaluate_instance", "instances_of", "workload"]
