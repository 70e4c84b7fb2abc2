"""Sphinx extension: generate the data reference, the charts and the offline inventories.

Everything is written into ``docs/_generated/`` (git-ignored) on ``config-inited``, that is
before intersphinx loads its inventories and before any page is read, from the package that
is installed, so the pages and charts always show the shipped data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import nk_cli
import nk_pages
import offline_inventories

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def generate(app: Sphinx, config: Config) -> None:
    """Write every generated file under ``<srcdir>/_generated``."""
    out = Path(app.srcdir) / "_generated"
    offline_inventories.write_all(out / "inv")
    nk_pages.write_all(out / "data", out / "static")
    nk_cli.write(out / "cli.md")
    # Every builder needs the images (a missing one is a warning), so charts are drawn for
    # the doctest builder too. matplotlib is a docs-only dependency: import it only here.
    import nk_charts

    nk_charts.write_all(out / "charts", config.data_release)


def no_inline_attribute_types(  # noqa: PLR0917  (Sphinx's event signature)
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Keep napoleon from reading "Summary: more text" as "type: description".

    For an attribute or property, napoleon takes the part of the first line before a colon
    as the attribute's type (its inline ``type: description`` form). This project's
    docstrings never use that form (types come from annotations), and several summaries
    contain a colon ("The smallest gap the figures allow: 0 when consistent."). An empty
    reST comment as the first line makes napoleon find no type and keep the summary as
    written (an empty line would not do: napoleon skips leading blank lines).
    """
    del app, name, obj, options
    if what in {"attribute", "property", "data"} and lines and ":" in lines[0]:
        lines[:0] = ["..", ""]


#: Module aliases that the package's annotations use under ``if TYPE_CHECKING:``. autodoc
#: cannot evaluate them, so it prints them as written (``pd.DataFrame``).
MODULE_ALIASES = {"pd.": "pandas."}


def expand_module_alias(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: object
) -> None:
    """Rewrite ``pd.DataFrame`` to ``pandas.DataFrame`` so intersphinx can resolve it.

    Runs before intersphinx on ``missing-reference`` and returns nothing, so the next
    handler (intersphinx) resolves the rewritten target.
    """
    del app, env, contnode
    target = node.get("reftarget", "")
    for alias, module in MODULE_ALIASES.items():
        if target.startswith(alias):
            node["reftarget"] = module + target.removeprefix(alias)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the generator, the docstring fix and the ``data_release`` config value."""
    app.add_config_value("data_release", None, "env", types=(str,))
    app.connect("config-inited", generate)
    # Before napoleon (priority 500), which rewrites the docstring on the same event.
    app.connect("autodoc-process-docstring", no_inline_attribute_types, priority=400)
    app.connect("missing-reference", expand_module_alias, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
