"""Dataset: one release's parties, sources and claims; integrity, lookups and queries."""

from __future__ import annotations

import datetime
import functools
import html
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from ._checks import (
    as_tuple,
    date_arg,
    duplicate_ids,
    ref_arg,
    str_arg,
    suggest,
    text,
    tuple_of,
    typed,
)
from ._claim import Claim
from ._models import Event, Party, Source
from ._overview import Overview
from ._overview import overview as overview_of
from ._series import Filters
from ._series import latest as latest_of
from ._series import series as series_of
from ._vocab import Basis, Category, Population, Subgroup, member, to_subgroup
from .exceptions import ArgumentError, ArgumentTypeError, DataError, NotFoundError

__all__ = ["Dataset"]

_T = TypeVar("_T")


@attrs.frozen(kw_only=True)
class Dataset:
    """One immutable dataset release.

    Lookups by id: :meth:`claim`, :meth:`party`, ... raise :class:`NotFoundError`
    (suggesting close ids); :meth:`get_claim`, :meth:`get_party`, ... return ``None``.

    Attributes:
        version: The data version, e.g. ``"1.0.0"`` (independent of the library's version).
        released_on: The release date.
        title: The dataset's title.
        licence: SPDX identifier of the data licence, e.g. ``"CC-BY-4.0"``.
        citation: How to cite this release.
        parties: Every party.
        sources: Every source.
        claims: Every claim.

    Raises:
        DataError: If ids repeat, a claim or party refers to something not in the dataset,
            or a claim was loaded from another release.
        ArgumentTypeError: If a field has the wrong type.

    .. versionadded:: 0.1.0
    """

    version: str = attrs.field(validator=text)
    released_on: datetime.date = attrs.field(validator=typed(datetime.date))
    title: str = attrs.field(validator=text)
    licence: str = attrs.field(validator=text)
    citation: str = attrs.field(validator=text)
    events: tuple[Event, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(Event), metadata={"schema": 2}
    )
    parties: tuple[Party, ...] = attrs.field(converter=as_tuple, validator=tuple_of(Party))
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=tuple_of(Source))
    claims: tuple[Claim, ...] = attrs.field(converter=as_tuple, validator=tuple_of(Claim))

    def __attrs_post_init__(self) -> None:
        problems = []
        indexes: dict[str, Mapping[str, Any]] = {"events": self._events_by_id}
        indexes["parties"] = self._parties_by_id
        indexes |= {"sources": self._sources_by_id, "claims": self._claims_by_id}
        for kind, index in indexes.items():
            items = getattr(self, kind)
            if len(index) != len(items):
                problems += duplicate_ids(kind, ((i, x.id) for i, x in enumerate(items)))

        def missing(kind: str, item: Any, where: str, *at: int) -> None:
            found = indexes[kind].get(item.id)
            if found is not item and found != item:  # the same object, or an equal one
                one = {"events": "event", "parties": "party", "sources": "source"}[kind]
                problems.append(f"{one} {item.id!r} is not in the dataset @ {where.format(*at)}")

        for i, p in enumerate(self.parties):
            if p.part_of is not None:
                missing("parties", p.part_of, "$.parties[{}].part_of", i)
        for i, c in enumerate(self.claims):
            missing("parties", c.claimant, "$.claims[{}].claimant", i)
            missing("parties", c.subject, "$.claims[{}].subject", i)
            for j, source in enumerate(c.sources):
                missing("sources", source, "$.claims[{}].sources[{}]", i, j)
            if c.event is not None:
                missing("events", c.event, "$.claims[{}].event", i)
            if c.dataset_version not in (None, self.version):
                problems.append(
                    f"claim of release {c.dataset_version!r} in dataset {self.version!r} "
                    f"@ $.claims[{i}].dataset_version"
                )
        if problems:
            raise DataError(problems, origin=f"dataset {self.version!r}")

    # -- indexes: built on first use, kept with the (immutable) dataset -------------------

    @functools.cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in reversed(self.events)}  # the first of a repeated id wins

    @functools.cached_property
    def _parties_by_id(self) -> dict[str, Party]:
        return {p.id: p for p in reversed(self.parties)}

    @functools.cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in reversed(self.sources)}

    @functools.cached_property
    def _claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def __repr__(self) -> str:
        return (
            f"<Dataset {self.version}: {len(self.claims)} claims, "
            f"{len(self.sources)} sources, {len(self.parties)} parties>"
        )

    # -- lookups -------------------------------------------------------------------------

    def get_party(self, id: str) -> Party | None:  # noqa: A002
        """The party with this id, or ``None`` (also for an id that is not a string)."""
        return self._parties_by_id.get(id) if isinstance(id, str) else None

    def get_source(self, id: str) -> Source | None:  # noqa: A002
        """The source with this id, or ``None`` (also for an id that is not a string)."""
        return self._sources_by_id.get(id) if isinstance(id, str) else None

    def get_claim(self, id: str) -> Claim | None:  # noqa: A002
        """The claim with this id, or ``None`` (also for an id that is not a string)."""
        return self._claims_by_id.get(id) if isinstance(id, str) else None

    def get_event(self, id: str) -> Event | None:  # noqa: A002
        """The event with this id, or ``None`` (also for an id that is not a string).

        .. versionadded:: 0.2.0
        """
        return self._events_by_id.get(id) if isinstance(id, str) else None

    def party(self, id: str) -> Party:  # noqa: A002
        """The party with this id.

        Raises:
            NotFoundError: If there is none; the message suggests close ids.
            ArgumentTypeError: If *id* is not a string.
        """
        return self._lookup("party", self._parties_by_id, id)

    def source(self, id: str) -> Source:  # noqa: A002
        """The source with this id (raises as :meth:`party` does)."""
        return self._lookup("source", self._sources_by_id, id)

    def claim(self, id: str) -> Claim:  # noqa: A002
        """The claim with this id (raises as :meth:`party` does).

        >>> import nk_casualties as nk
        >>> nk.load("1.0.0").claim("A1.killed").figure.wording
        '2,783'
        """
        return self._lookup("claim", self._claims_by_id, id)

    def event(self, id: str) -> Event:  # noqa: A002
        """The event with this id (raises as :meth:`party` does).

        .. versionadded:: 0.2.0
        """
        return self._lookup("event", self._events_by_id, id)

    @staticmethod
    def _lookup(kind: str, index: Mapping[str, _T], id: object) -> _T:  # noqa: A002
        found = index.get(str_arg("id", id))
        if found is None:
            raise NotFoundError(kind, str(id), suggest(str(id), index))
        return found

    # -- queries -------------------------------------------------------------------------

    def select(
        self,
        *,
        claimant: Party | str | None = None,
        subject: Party | str | None = None,
        population: Population | str | None = None,
        category: Category | str | None = None,
        basis: Basis | str | None = None,
        event: Event | str | None = None,
        statement: str | None = None,
        stated_from: datetime.date | None = None,
        stated_until: datetime.date | None = None,
        within: bool = False,
    ) -> tuple[Claim, ...]:
        """The claims that match every filter given, in dataset order.

        Args:
            claimant: By this party (a :class:`Party` or its id).
            subject: About this party.
            population: Of this population (a member or its value, as below).
            category: Of this category.
            basis: On this basis.
            event: About this event (an :class:`Event` or its id).
            statement: The wordings of this statement.
            stated_from: Stated on or after this day (leaves out undated claims).
            stated_until: Stated on or before this day (leaves out undated claims).
            within: *claimant* and *subject* also match the parties that are part of
                them (``subject="am-side"`` then includes the Artsakh Defence Army).

        Raises:
            ArgumentError: If a party id is unknown (:class:`ArgumentTypeError` for a
                wrong type or a value outside its vocabulary).

        >>> import nk_casualties as nk
        >>> [c.id for c in nk.load("1.0.0").select(subject="artsakh-defence-army")][:2]
        ['A5.killed', 'G15a.killed']
        """
        want = {
            name: None if value is None else ref_arg(name, value, self._parties_by_id, "party")
            for name, value in (("claimant", claimant), ("subject", subject))
        }
        want_event = None if event is None else ref_arg("event", event, self._events_by_id, "event")
        vocabulary = {
            name: None if value is None else member(name, enum_type, value)
            for name, enum_type, value in (
                ("population", Population, population),
                ("category", Category, category),
                ("basis", Basis, basis),
            )
        }
        if statement is not None:
            str_arg("statement", statement)
        keep = Filters(
            claimant=want["claimant"],
            subject=want["subject"],
            within=within,
            vocabulary=vocabulary,
            event=want_event,
            statement=statement,
            stated_from=None if stated_from is None else date_arg("stated_from", stated_from),
            stated_until=None if stated_until is None else date_arg("stated_until", stated_until),
        )
        return tuple(filter(keep, self.claims))

    def as_of(self, day: datetime.date) -> Dataset:
        """The dataset as it stood on *day*: only the claims known by then.

        A claim is kept if its :attr:`Claim.known_by` date (the statement date, or for an
        undated claim the date of its earliest report) is on or before *day*; claims with no
        date at all are left out. Parties and sources are kept whole.

        Raises:
            ArgumentTypeError: If *day* is not a :class:`datetime.date`.

        >>> import datetime, nk_casualties as nk
        >>> len(nk.load("1.0.0").as_of(datetime.date(2020, 11, 30)).claims)
        15

        .. versionadded:: 0.1.0
        """
        limit = date_arg("day", day)
        kept = tuple(c for c in self.claims if (k := c.known_by) is not None and k <= limit)
        return attrs.evolve(self, claims=kept)

    def series(
        self,
        *,
        claimant: Party | str,
        category: Category | str,
        subject: Party | str | None = None,
        population: Population | str | None = None,
        basis: Basis | str | None = None,
        event: Event | str | None = None,
        subgroup: Subgroup | str | None = None,
        cumulative: bool = True,
        per_statement: bool = True,
        skip_flagged: bool = False,
    ) -> tuple[Claim, ...]:
        """One quantity from one claimant over time, oldest first.

        Only dated claims, oldest first (:attr:`Claim.known_by`). Cumulative and
        partial-period figures are never mixed, nor whole groups and sub-groups. Claims of
        different subjects, populations, events or stated bases never form one series
        silently: the error says which filter to pass (an unstated basis joins the one
        stated basis: an announced count and later lists of the buried form one series).

        Args:
            claimant: Whose statements (a :class:`Party` or its id). Required.
            category: What is counted. Required.
            subject: Only claims about this party (default: any subject).
            population: Only this population (default: any).
            basis: Only this basis (default: any, as long as one basis is stated).
            event: Only this event (default: any; claims of several events raise).
            subgroup: Only this sub-group (default: whole groups only).
            cumulative: Cumulative figures (default) or partial-period ones.
            per_statement: Keep one claim per statement: its best wording (an unflagged
                report first, then the narrowest range, then the first in dataset order),
                dated by the earliest date of any of its wordings. ``False`` keeps every
                dated wording.
            skip_flagged: Leave out the reports the research flags (misreports,
                mistranslations, conjectures, roundings, headlines).

        Raises:
            ArgumentError: For an unknown party or event, or claims that do not form one
                series (the message names the filter to add; :class:`ArgumentTypeError` for
                a wrong type, ``None`` for *claimant* or *category*, or a value outside a
                vocabulary).

        >>> import nk_casualties as nk
        >>> [c.figure.number for c in nk.load("1.0.0").series(claimant="am-moh", category="killed")]
        [2317]

        .. versionadded:: 0.1.0
        """
        for name, value, kind in (
            ("claimant", claimant, object),
            ("category", category, object),
            ("cumulative", cumulative, bool),
            ("subgroup", subgroup, (str, Subgroup, type(None))),
        ):
            if (value is None and kind is object) or not isinstance(value, kind):
                raise ArgumentTypeError(f"{name!r}: {value!r} will not do here", field=name)
        found = self.select(
            claimant=claimant, category=category, subject=subject, population=population,
            basis=basis, event=event,
        )  # fmt: skip
        return series_of(
            found, subgroup=to_subgroup(subgroup), cumulative=cumulative,
            per_statement=per_statement, skip_flagged=skip_flagged,
        )  # fmt: skip

    def latest(
        self,
        *,
        claimant: Party | str | None = None,
        subject: Party | str | None = None,
        population: Population | str | None = None,
        category: Category | str | None = None,
        basis: Basis | str | None = None,
        event: Event | str | None = None,
    ) -> tuple[Claim, ...]:
        """The newest cumulative figure for each claimant and quantity.

        Claims are grouped by :attr:`Claim.quantity` (claimant, subject, population,
        category, basis, sub-group); from each group the claim with the latest
        :attr:`Claim.known_by` is kept (the most precise wording on a tie). Filters work as
        in :meth:`select`. Undated claims and partial-period figures are left out.

        Raises:
            ArgumentError: For an unknown party or vocabulary value.

        >>> import nk_casualties as nk
        >>> [c.figure.wording for c in nk.load("1.0.0").latest(claimant="artsakh-mod")]
        ['1,383']

        .. versionadded:: 0.1.0
        """
        found = self.select(
            claimant=claimant, subject=subject, population=population, category=category,
            basis=basis, event=event,
        )  # fmt: skip
        return latest_of(found)

    def overview(
        self, *, event: Event | str | None = None, as_of: datetime.date | None = None
    ) -> Overview:
        """The headline: what each side's own officials say it lost, and what others claim.

        One :class:`OverviewRow` per side (the Azerbaijani side, the Armenian side, a group
        fighting within one, third parties), population and category: the latest figure
        of each of the side's own authorities, of each claimant of the other side and of
        each third party. Only dated, cumulative, unflagged figures of whole groups count.

        Args:
            event: Only this event (an :class:`Event` or its id; default: each in its rows).
            as_of: Only what was known by this day (see :meth:`as_of`).

        Raises:
            ArgumentError: For an unknown event (:class:`ArgumentTypeError`: wrong type).

        >>> import nk_casualties as nk
        >>> row = nk.load("2.0.0").overview().get("az-side", "military", "killed")
        >>> for c in row.own:
        ...     print(c.known_by, c.figure.wording, "-", c.claimant.name)
        2022-07-23 2908 - Military Prosecutor's Office of Azerbaijan
        2021-07-14 about three thousand - President of Azerbaijan (Ilham Aliyev)
        2021-06-30 2,906 - Ministry of Defence of Azerbaijan

        .. versionadded:: 0.2.0
        """
        chosen = None if event is None else ref_arg("event", event, self._events_by_id, "event")
        claims = self.claims if as_of is None else self.as_of(as_of).claims
        if chosen is not None:
            claims = tuple(c for c in claims if c.event is not None and c.event.id == chosen.id)
        return overview_of(claims, version=self.version, event=chosen, as_of=as_of)

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(self.title)}</b>: {html.escape(repr(self))}</p>" + (
            self.overview()._repr_html_()
        )

    def statement(self, statement: str) -> tuple[Claim, ...]:
        """Every wording of one statement (shortcut for ``select(statement=...)``).

        Raises:
            NotFoundError: If no claim has that statement id.
            ArgumentTypeError: If *statement* is not a string.
        """
        found = self.select(statement=str_arg("statement", statement))
        if not found:
            raise NotFoundError(
                "statement", statement, suggest(statement, {c.statement for c in self.claims})
            )
        return found

    def cite(self, *, format: str = "text") -> str:  # noqa: A002
        """How to cite this release: ``format="text"`` (default) or ``"bibtex"``.

        Raises:
            ArgumentError: For another format.
        """
        from importlib.metadata import version

        library = version("nk-casualties")
        if format == "text":
            return f"{self.citation} Data version {self.version}; nk-casualties {library}."
        if format == "bibtex":
            fields = {
                "title": self.title,
                "version": self.version,
                "year": self.released_on.year,
                "date": self.released_on.isoformat(),
                "note": f"Data version {self.version}, nk-casualties {library}; "
                f"licence {self.licence}",
            }
            body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
            return f"@misc{{nk_casualties_{self.version.replace('.', '_')},\n{body}\n}}"
        raise ArgumentError(f"'format' must be 'text' or 'bibtex', got {format!r}", field="format")
