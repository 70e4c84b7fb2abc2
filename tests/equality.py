"""Equality of datasets down to what ``==`` does not compare: indexes and dataset tags."""

from __future__ import annotations

import nk_casualties as nk


def same_dataset(a: nk.Dataset, b: nk.Dataset) -> bool:
    """``a == b``, their id indexes equal, and each claim tagged with the same version."""
    return (
        a == b
        and dict(a._parties_by_id) == dict(b._parties_by_id)
        and dict(a._sources_by_id) == dict(b._sources_by_id)
        and dict(a._claims_by_id) == dict(b._claims_by_id)
        and [c.dataset_version for c in a.claims] == [c.dataset_version for c in b.claims]
    )
