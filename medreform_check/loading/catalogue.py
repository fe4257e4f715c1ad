"""The indicator catalogue (``rules/indicators.yaml``) and plan-local indicators."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medreform_check.errors import Finding
from medreform_check.loading.yamldoc import YamlDocument, load_yaml
from medreform_check.model import Catalogue, Indicator
from medreform_check.schemas.validation import check_document


def indicators_from(
    doc: YamlDocument, keys: tuple[Any, ...], raw: Mapping[str, Any]
) -> dict[str, Indicator]:
    """Build indicators from a schema-valid ``{id: {...}}`` mapping found at ``keys`` in ``doc``."""
    indicators = {}
    for ident, spec in raw.items():
        indicators[ident] = Indicator(
            id=ident,
            name=spec["name"],
            kind=spec["kind"],
            unit=spec.get("unit", ""),
            name_en=spec.get("name_en"),
            aliases=tuple(spec.get("aliases", ())),
            min=spec.get("min"),
            max=spec.get("max"),
            integer=spec.get("integer", False),
            better=spec.get("better"),
            parts=tuple(spec.get("parts", ())),
            definition=spec.get("definition"),
            ratio_of=tuple(spec["ratio_of"]) if "ratio_of" in spec else None,
            cumulative=spec.get("cumulative"),
            at=doc.locate_key((*keys, ident)),
        )
    return indicators


def catalogue_from(doc: YamlDocument) -> tuple[Catalogue | None, list[Finding]]:
    findings = list(doc.findings)
    if doc.data is None:
        return None, findings
    findings += check_document(doc, "indicators")
    if any(f.is_error for f in findings):
        return None, findings
    indicators = indicators_from(doc, ("indicators",), doc.data["indicators"])
    return Catalogue(indicators, doc.path), findings


def load_catalogue(path: Path) -> tuple[Catalogue | None, list[Finding]]:
    return catalogue_from(load_yaml(path))
