"""What changed between two releases: claims added, removed and changed, field by field."""

from __future__ import annotations

import attrs

from ._claim import Claim
from ._dataset import Dataset
from ._models import Figure, Period
from .exceptions import ArgumentTypeError

__all__ = ["Diff", "diff"]


@attrs.frozen(kw_only=True)
class Diff:
    """What changed between two datasets, by claim id.

    Attributes:
        added: Claims only in the new dataset.
        removed: Claims only in the old dataset.
        changed: ``(old, new)`` pairs of claims whose id is in both but whose content differs.
        unchanged: Ids of claims that are equal in both.

    .. versionadded:: 0.1.0
    """

    added: tuple[Claim, ...]
    removed: tuple[Claim, ...]
    changed: tuple[tuple[Claim, Claim], ...]
    unchanged: tuple[str, ...]

    def fields(self, claim_id: str) -> tuple[str, ...]:
        """The names of the fields that changed in one changed claim.

        Nested fields are dotted (``figure.wording``); parties, sources and events are
        compared by id. ``()`` for a claim that is not in :attr:`changed`.

        .. versionadded:: 0.2.0
        """
        for old, new in self.changed:
            if old.id == claim_id:
                return changed_fields(old, new)
        return ()


def _schema(c: Claim) -> int | None:
    version = c.dataset_version
    major = version.split(".", 1)[0] if version else ""
    return int(major) if major.isdigit() else None


def _comparable(value: object) -> object:
    """What a field is compared by: ids for parties, sources and events."""
    if isinstance(value, tuple):
        return tuple(_comparable(v) for v in value)
    return getattr(value, "id", value) if not isinstance(value, (Figure, Period)) else value


def changed_fields(old: Claim, new: Claim) -> tuple[str, ...]:
    """The dotted names of the fields in which *new* differs from *old*.

    A field that the old claim's schema did not have (an event, a wording's language, in a
    claim of a schema-1 release) is not a change: it was unknown, not different.
    """
    skip_added = _schema(old) == 1
    out: list[str] = []
    for a in attrs.fields(Claim):
        if a.name == "dataset_version" or (skip_added and a.metadata.get("schema") == 2):
            continue
        before, after = getattr(old, a.name), getattr(new, a.name)
        if isinstance(before, (Figure, Period)) and type(after) is type(before):
            for f in attrs.fields(type(before)):
                if skip_added and f.metadata.get("schema") == 2:
                    continue
                if getattr(before, f.name) != getattr(after, f.name):
                    out.append(f"{a.name}.{f.name}")
        elif _comparable(before) != _comparable(after):
            out.append(a.name)
    return tuple(out)


def diff(old: Dataset, new: Dataset) -> Diff:
    """Claims added, removed and changed from *old* to *new*, matched by id.

    Raises:
        ArgumentTypeError: If either argument is not a :class:`Dataset`.

    >>> import nk_casualties as nk
    >>> d = nk.diff(nk.load("1.0.0"), nk.load("1.0.0"))
    >>> d.added, d.removed, d.changed
    ((), (), ())

    .. versionadded:: 0.1.0
    """
    for name, ds in (("old", old), ("new", new)):
        if not isinstance(ds, Dataset):
            raise ArgumentTypeError(f"{name!r} must be a Dataset, got {type(ds).__name__}")
    added, changed, unchanged = [], [], []
    for c in new.claims:
        before = old.get_claim(c.id)
        if before is None:
            added.append(c)
        elif not changed_fields(before, c):
            unchanged.append(c.id)
        else:
            changed.append((before, c))
    removed = tuple(c for c in old.claims if new.get_claim(c.id) is None)
    return Diff(
        added=tuple(added), removed=removed, changed=tuple(changed), unchanged=tuple(unchanged)
    )
