"""Casualty figures of the Nagorno-Karabakh conflict, as claims, with safe arithmetic.

>>> import nk_casualties as nk
>>> ds = nk.load("1.0.0")
>>> nk.lower_bound(ds.claim("A2.missing"))
101
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs more than the package
if TYPE_CHECKING:  # what type checkers see: each module's __all__, re-exported
    from ._claim import *  # noqa: F403
    from ._data import *  # noqa: F403
    from ._dataset import *  # noqa: F403
    from ._diff import *  # noqa: F403
    from ._export import *  # noqa: F403
    from ._models import *  # noqa: F403
    from ._overview import *  # noqa: F403
    from ._package import *  # noqa: F403
    from ._queries import *  # noqa: F403
    from ._range import *  # noqa: F403
    from ._vocab import *  # noqa: F403
    from .exceptions import *  # noqa: F403

    __version__: str
    __all__: list[str]

#: The modules whose ``__all__`` make up the public API, in the order they are searched:
#: a name's module is imported the first time the name is used (as attrs does), so
#: ``import nk_casualties`` imports none of them and reads no file.
_MODULES = (
    "_data",
    "exceptions",
    "_range",
    "_vocab",
    "_models",
    "_claim",
    "_overview",
    "_dataset",
    "_queries",
    "_diff",
    "_export",
    "_package",
)


def _module(name: str) -> object:
    from importlib import import_module

    return import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> object:
    if name == "__version__":
        from importlib.metadata import version

        return version("nk-casualties")
    if name == "__all__":
        return sorted({n for m in _MODULES for n in _module(m).__all__} | {"__version__"})  # type: ignore[attr-defined]
    if not name.startswith("__"):
        for m in _MODULES:
            module = _module(m)
            if name in module.__all__:  # type: ignore[attr-defined]
                value = getattr(module, name)
                globals()[name] = value  # later look-ups skip this function
                return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    names: list[str] = __getattr__("__all__")  # type: ignore[assignment]
    return names
