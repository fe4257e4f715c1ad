"""Drafting a plan file from a policy document (CONTRACT §3.2, ``medreform-check draft``).

``draft_plan(path, catalogue, plan_id=None)`` returns a ``Draft``: the tasks, units and
indicators as data and ``.text``, the commented YAML plan file.
"""

from medreform_check.draft.plan import Draft, draft_plan

__all__ = ["Draft", "draft_plan"]
