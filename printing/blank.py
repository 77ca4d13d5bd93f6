"""Blank forms (空白表): the data of a form with nothing filled in, for applicants to fill at home.

Built from the renderer's data type, so a form becomes printable blank by being registered with
``blank=True`` (printing/__init__.py): every text is empty, every optional value None, every list
empty, no box ticked, dates print as ``年 月 日`` blanks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any


def data_type(renderer: Callable[..., bytes]) -> type:
    """The dataclass a ``render_x(data, options)`` takes (from its annotation)."""
    first = next(iter(inspect.signature(renderer).parameters))
    hint = typing.get_type_hints(renderer)[first]
    if not (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
        raise TypeError(f"{renderer.__name__} does not take a dataclass")
    return hint


def _blank_value(hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        return None
    if hint is str:
        return ""
    if hint is bool:
        return False
    if origin is tuple or hint is tuple:
        return ()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return blank_data(hint)
    if hint in (int, Decimal, dt.date, dt.datetime):
        raise TypeError(f"a required {hint.__name__} has no blank value: make the field optional")
    raise TypeError(f"no blank value for {hint!r}")


def blank_data(cls: type) -> Any:
    """An instance of the dataclass ``cls`` with every field blank (defaults too: a default such
    as 证件类型 居民身份证 or 新增 would tick a box the applicant has not chosen)."""
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _blank_value(hints[f.name]) for f in dataclasses.fields(cls) if f.init})
