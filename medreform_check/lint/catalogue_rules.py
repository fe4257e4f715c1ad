"""Rules over an indicator catalogue (or a plan's own indicators)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from medreform_check.errors import Severity
from medreform_check.lint.rule import Problem, rule
from medreform_check.loading.yamldoc import YamlDocument
from medreform_check.model import Catalogue
from medreform_check.vocabulary import format_number

E = Severity.ERROR


@dataclass(frozen=True)
class CatalogueContext:
    catalogue: Catalogue
    doc: YamlDocument


@rule("indicator-bounds", E, "catalogue")
def indicator_bounds(ctx: CatalogueContext) -> Iterator[Problem]:
    """An indicator whose `min` is above its `max`: no value could ever be accepted.
    Example: `min: 100, max: 0`"""
    for ident, indicator in ctx.catalogue.indicators.items():
        low, high = indicator.bounds
        if low is not None and high is not None and low > high:
            where = ctx.doc.locate(("indicators", ident, "min"))
            yield where, f"min {format_number(low)} is above max {format_number(high)}"


@rule("indicator-fields", E, "catalogue")
def indicator_fields(ctx: CatalogueContext) -> Iterator[Problem]:
    """A key that does not fit the indicator's kind: `parts` on a non-composition, `better`,
    `integer` or bounds on a composition.
    Example: `kind: rate` with `parts: [a, b]`"""
    for ident, indicator in ctx.catalogue.indicators.items():
        keys = ctx.doc.data["indicators"][ident]
        if indicator.kind != "composition" and "parts" in keys:
            yield (
                ctx.doc.locate_key(("indicators", ident, "parts")),
                f"'parts' on a {indicator.kind}",
            )
        if indicator.kind == "composition":
            for key in ("better", "integer", "min", "max"):
                if key in keys:
                    where = ctx.doc.locate_key(("indicators", ident, key))
                    yield where, f"'{key}' does not apply to a composition (its parts are shares)"
