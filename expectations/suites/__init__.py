"""One module per gated table, named <layer>__<table>; each defines TABLE and expectations(con)."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def suites(layer: str) -> list[ModuleType]:
    """The suite modules of a layer (raw or marts), in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith(f"{layer}__"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
