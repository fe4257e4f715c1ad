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
    shared: Catalogue | None = None  # a plan's own indicators may refer to the catalogue's


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


@rule("ratio-of", E, "catalogue")
def ratio_of(ctx: CatalogueContext) -> Iterator[Problem]:
    """A `ratio_of` that cannot make a rate: on an indicator that is not a rate, naming an
    unknown indicator, a composition, the rate itself, or one indicator twice.
    Example: `ratio_of: [local_visits, all_visit]` when the catalogue says `all_visits`"""
    known = {**(ctx.shared.indicators if ctx.shared else {}), **ctx.catalogue.indicators}
    for ident, indicator in ctx.catalogue.indicators.items():
        if indicator.ratio_of is None:
            continue
        where = ctx.doc.locate(("indicators", ident, "ratio_of"))
        if indicator.kind != "rate":
            yield where, f"ratio_of on a {indicator.kind}: only a rate is 100 × a ratio"
        numerator, denominator = indicator.ratio_of
        if numerator == denominator:
            yield where, f"numerator and denominator are both '{numerator}'"
        for k, part in enumerate(indicator.ratio_of):
            at = ctx.doc.locate(("indicators", ident, "ratio_of", k))
            if part == ident:
                yield at, f"{ident} cannot be a ratio of itself"
            elif part not in known:
                yield at, f"unknown indicator '{part}' in ratio_of"
            elif known[part].kind == "composition":
                yield at, f"{part} is a composition: a numerator or denominator is one number"
