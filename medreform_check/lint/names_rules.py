"""Names two things answer to (CONTRACT §1.1 "Names": an alias may not be shared). A
submission that writes such a name could mean either: the reader chooses neither, and these
rules say where the name is given twice. Names are compared folded (NFKC, spaces, case)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from medreform_check.errors import Location, Severity
from medreform_check.lint.catalogue_rules import CatalogueContext
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.rule import Problem, rule
from medreform_check.loading.names import fold
from medreform_check.model import Indicator

E = Severity.ERROR

Named = tuple[str, str, tuple[Any, ...]]  # (owner id, name as written, where in the file)


def _indicator_names(indicators: dict[str, Indicator], top: str) -> Iterator[Named]:
    for ident, indicator in indicators.items():
        yield ident, ident, (top, ident)
        yield ident, indicator.name, (top, ident, "name")
        if indicator.name_en:
            yield ident, indicator.name_en, (top, ident, "name_en")
        for k, alias in enumerate(indicator.aliases):
            yield ident, alias, (top, ident, "aliases", k)


def _shared(
    names: Iterable[Named], taken: dict[str, str] | None = None
) -> Iterator[tuple[Named, str]]:
    """Each name given to a second thing, with the first thing it names."""
    owners: dict[str, str] = dict(taken or {})
    for named in names:
        key = fold(named[1])
        first = owners.setdefault(key, named[0])
        if first != named[0]:
            yield named, first


@rule("name-shared", E, "catalogue")
def name_shared(ctx: CatalogueContext) -> Iterator[Problem]:
    """A name or alias that two indicators of the catalogue answer to (compared after
    folding full-width characters, spaces and case).
    Example: `aliases: [就诊率]` on two indicators"""
    indicators = dict(ctx.catalogue.indicators)
    for (owner, name, keys), first in _shared(_indicator_names(indicators, "indicators")):
        yield ctx.doc.locate(keys), f"'{name}' names both '{first}' and '{owner}'; give it to one"


@rule("plan-name-shared", E, "plan")
def plan_name_shared(ctx: PlanContext) -> Iterator[Problem]:
    """A name or alias that two units of the plan answer to, or a plan indicator's name that
    a catalogue indicator answers to.
    Example: two units with `aliases: [卫生院]`"""
    catalogue = {
        fold(name): owner
        for owner, name, _ in _indicator_names(dict(ctx.catalogue.indicators), "")
        if owner not in ctx.plan.indicators
    }
    own = _indicator_names(dict(ctx.plan.indicators), "indicators")
    for (owner, name, keys), first in _shared(own, catalogue):
        yield _at(ctx, keys), f"'{name}' names both '{first}' and '{owner}'; give it to one"
    for (owner, name, keys), first in _shared(_unit_names(ctx)):
        yield _at(ctx, keys), f"'{name}' names both units '{first}' and '{owner}'; give it to one"


def _unit_names(ctx: PlanContext) -> Iterator[Named]:
    for k, unit in enumerate(ctx.plan.units.values()):
        yield unit.id, unit.id, ("units", k, "id")
        yield unit.id, unit.name, ("units", k, "name")
        for j, alias in enumerate(unit.aliases):
            yield unit.id, alias, ("units", k, "aliases", j)


def _at(ctx: PlanContext, keys: tuple[Any, ...]) -> Location:
    return ctx.at(
        ctx.plan.units[next(iter(ctx.plan.units))].at
        if ctx.plan.units
        else Location(ctx.plan.path),
        *keys,
    )
