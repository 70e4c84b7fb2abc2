"""Casualty figures of the 2020 Nagorno-Karabakh war, as claims, with safe arithmetic.

>>> import nk_casualties as nk
>>> ds = nk.load("1.0.0")
>>> nk.lower_bound(ds.claim("A2.missing"))
101
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs more than the package
if TYPE_CHECKING:
    from ._data import load, load_path, versions
    from ._models import (
        Basis,
        Category,
        Claim,
        Dataset,
        DateBasis,
        Figure,
        Party,
        PartyKind,
        Period,
        Population,
        Qualifier,
        Source,
        SourceKind,
    )
    from ._queries import (
        Diff,
        Discrepancy,
        Total,
        diff,
        discrepancy,
        lower_bound,
        reconcile,
        total,
    )
    from ._range import Range
    from .exceptions import (
        ArgumentError,
        ArgumentTypeError,
        DataError,
        InconsistentFiguresError,
        IntegrityError,
        MissingDependencyError,
        NKCasualtiesError,
        NotFoundError,
        OverlapError,
        UnknownVersionError,
    )

    __version__: str

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "Basis",
    "Category",
    "Claim",
    "DataError",
    "Dataset",
    "DateBasis",
    "Diff",
    "Discrepancy",
    "Figure",
    "InconsistentFiguresError",
    "IntegrityError",
    "MissingDependencyError",
    "NKCasualtiesError",
    "NotFoundError",
    "OverlapError",
    "Party",
    "PartyKind",
    "Period",
    "Population",
    "Qualifier",
    "Range",
    "Source",
    "SourceKind",
    "Total",
    "UnknownVersionError",
    "__version__",
    "diff",
    "discrepancy",
    "load",
    "load_path",
    "lower_bound",
    "reconcile",
    "total",
    "versions",
]


#: Where each public name lives. Importing the package imports none of these modules: a
#: name's module is imported the first time the name is used (as attrs does), so
#: ``import nk_casualties`` costs next to nothing and reads no file.
_LAZY = {
    **dict.fromkeys(["load", "load_path", "versions"], "_data"),
    **dict.fromkeys(
        [
            "Basis",
            "Category",
            "Claim",
            "Dataset",
            "DateBasis",
            "Figure",
            "Party",
            "PartyKind",
            "Period",
            "Population",
            "Qualifier",
            "Source",
            "SourceKind",
        ],
        "_models",
    ),
    **dict.fromkeys(
        [
            "Diff",
            "Discrepancy",
            "Total",
            "diff",
            "discrepancy",
            "lower_bound",
            "reconcile",
            "total",
        ],
        "_queries",
    ),
    "Range": "_range",
    **dict.fromkeys(
        [
            "ArgumentError",
            "ArgumentTypeError",
            "DataError",
            "InconsistentFiguresError",
            "IntegrityError",
            "MissingDependencyError",
            "NKCasualtiesError",
            "NotFoundError",
            "OverlapError",
            "UnknownVersionError",
        ],
        "exceptions",
    ),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    if name == "__version__":
        from importlib.metadata import version

        return version("nk-casualties")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(__all__)
