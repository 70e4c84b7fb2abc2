"""Sphinx configuration of the nk-casualties documentation.

Build: ``sphinx-build -n -W --keep-going -b html docs docs/_build/html`` (and ``-b doctest``).
The data reference pages, the charts and the offline fallback inventories are generated
into ``docs/_generated/`` (git-ignored) from the installed package each time, before Sphinx
reads any page.
"""

from __future__ import annotations

import sys
from importlib.metadata import version as dist_version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import nk_casualties as nk  # noqa: E402  (after the path set-up, like every extension)

GENERATED = HERE / "_generated"

# -- Project ----------------------------------------------------------------------------------

project = "nk-casualties"
author = "nk_casualties contributors"
copyright = "2026, nk_casualties contributors"  # noqa: A001  (Sphinx's name for it)
release = dist_version("nk-casualties")
version = ".".join(release.split(".")[:2])
#: The data release the tutorial pins and the charts show.
data_release = nk.versions()[-1]

# -- General ----------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "nk_docs",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = True
# Every cross-reference must resolve (-n); add (role, target) pairs here only with a reason.
nitpick_ignore: list[tuple[str, str]] = []

# -- MyST -------------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "substitution", "attrs_inline"]
myst_heading_anchors = 3
myst_substitutions = {"data_release": data_release}

# -- autodoc / napoleon -----------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- intersphinx ------------------------------------------------------------------------------
# The online inventory first; an offline fallback (docs/_ext/offline_inventories.py) second,
# so sandboxed CI builds without network still resolve the links, to the same addresses.

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", (None, "_generated/inv/python-objects.inv")),
    "attrs": ("https://www.attrs.org/en/stable", (None, "_generated/inv/attrs-objects.inv")),
    "cattrs": ("https://catt.rs/en/stable", (None, "_generated/inv/cattrs-objects.inv")),
    "pandas": ("https://pandas.pydata.org/docs", (None, "_generated/inv/pandas-objects.inv")),
}
intersphinx_timeout = 10

# -- doctest ----------------------------------------------------------------------------------

doctest_global_setup = """
import datetime
import nk_casualties as nk
from nk_casualties import *
"""
# Sphinx's default flags (ELLIPSIS, IGNORE_EXCEPTION_DETAIL, DONT_ACCEPT_TRUE_FOR_1); the
# pages use no "..." in printed output, so what they show is what a reader gets.
trim_doctest_flags = True

# -- HTML -------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"nk-casualties {release}"
html_static_path = ["_static", "_generated/static"]
#: The project's addresses, as pyproject.toml's [project.urls] gives them.
REPOSITORY = "https://github.com/nk-casualties/nk-casualties"
html_theme_options = {
    "source_repository": REPOSITORY,
    "source_branch": "main",
    "source_directory": "docs/",
    "footer_icons": [
        {"name": "Source", "url": REPOSITORY, "html": "Source", "class": ""},
        {"name": "Issues", "url": f"{REPOSITORY}/issues", "html": "Issues", "class": ""},
    ],
}
html_css_files = ["nk.css"]
