"""Shapes the API's answers share: exact amounts as decimal strings, one page of a
list, an error. Plain Pydantic, so domain schemas can use them without the web app."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from extractors.money import decimal_str

T = TypeVar("T")

#: an amount as a decimal string to the øre at least ("1250.00"), never a float
Amount = Annotated[
    Decimal,
    PlainSerializer(decimal_str, return_type=str),
    Field(description='decimal string, e.g. "1250.00"'),
]
#: a quantity, unit price or tier bound: as many decimals as it has ("40", "33.333333")
Quantity = Annotated[
    Decimal,
    PlainSerializer(lambda v: decimal_str(v, min_places=0), return_type=str),
    Field(description='decimal string, e.g. "40"'),
]


class ErrorOut(BaseModel):
    """Every error answer: ``error`` in English; ``error_da`` in Danish where the
    message has one; ``detail``: the validation problems (422);
    ``confirmation_required``: the amounts a 409 asks to confirm."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"error": "finding 424242 does not exist"}]}
    )

    error: str
    error_da: str | None = None
    detail: list[dict[str, Any]] | None = None
    confirmation_required: dict[str, Any] | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list (see the module docstring)."""

    items: list[T]
    total: int = Field(description="rows matching the filters, on every page")
    limit: int
    offset: int
    next: str | None = Field(description="path and query of the next page; null on the last")
