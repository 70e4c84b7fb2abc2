"""Public constructors check what they keep; errors and datasets cross process boundaries."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nk_casualties as nk

from .strategies import datasets

#: Untyped on purpose: these are the calls a type checker would reject, made anyway.
NK: Any = nk


@given(st.sampled_from(nk.Qualifier), st.integers(min_value=1, max_value=10**6))
def test_figure_from_a_qualifier_string_equals_the_figure_from_its_member(
    q: nk.Qualifier, n: int
) -> None:
    """Figure(qualifier=q.value) == Figure(qualifier=q), so its range is never silently wrong."""
    upper = n + 5 if q is nk.Qualifier.BETWEEN else None
    by_member = nk.Figure(qualifier=q, number=n, upper=upper, wording="w")
    by_value = NK.Figure(qualifier=q.value, number=n, upper=upper, wording="w")
    assert by_value == by_member
    assert by_value.range == by_member.range
    assert by_value.qualifier is q


def test_more_than_100_from_a_string_is_101_and_up() -> None:
    f = NK.Figure(qualifier="more than", number=100, wording="more than 100")
    assert f.range == nk.Range(low=101, high=None)
    assert nk.lower_bound(f) == 101


def test_every_vocabulary_field_takes_its_string_value(ds: nk.Dataset) -> None:
    c = ds.claims[0]
    rebuilt = NK.Claim(
        **{
            **{a.name: getattr(c, a.name) for a in attrs.fields(nk.Claim)},
            "population": c.population.value,
            "category": c.category.value,
            "date_basis": c.date_basis.value,
        }
    )
    assert rebuilt == c
    party = NK.Party(id="x", name="X", kind="state")
    assert party.kind is nk.PartyKind.STATE
    source = NK.Source(id="s", publisher="P", language="en", kind="news-site")
    assert source.kind is nk.SourceKind.NEWS_SITE


@pytest.fixture(scope="module")
def ds() -> nk.Dataset:
    return nk.load("1.0.0")


BAD_CONSTRUCTORS = [
    (lambda: NK.Figure(qualifier="roughly", number=1, wording="x"), "qualifier"),
    (lambda: NK.Figure(qualifier=None, number=1, wording="x"), "qualifier"),
    (lambda: NK.Figure(qualifier="exact", number="1", wording="x"), "number"),
    (lambda: NK.Figure(qualifier="exact", number=True, wording="x"), "number"),
    (lambda: NK.Figure(qualifier="exact", number=1, wording=None), "wording"),
    (lambda: NK.Period(start="2020-10-01", end=dt.date(2020, 10, 2)), "start"),
    (lambda: NK.Period(start=dt.date(2020, 10, 1), end=None), "end"),
    (lambda: NK.Period(start=dt.datetime(2020, 10, 1), end=dt.date(2020, 10, 2)), "start"),
    (lambda: NK.Party(id=None, name="X", kind="state"), "id"),
    (lambda: NK.Party(id="x", name=1, kind="state"), "name"),
    (lambda: NK.Party(id="x", name="X", kind="planet"), "kind"),
    (lambda: NK.Party(id="x", name="X", kind="state", part_of="az"), "part_of"),
    (lambda: NK.Source(id="s", publisher="P", language="en", kind="blog"), "kind"),
    (lambda: NK.Source(id="s", publisher="P", language=None, kind="official"), "language"),
    (lambda: NK.Source(id="s", publisher="P", language="en", kind="official", url=3), "url"),
    (
        lambda: NK.Source(
            id="s", publisher="P", language="en", kind="official", published_on="2020-01-01"
        ),
        "published_on",
    ),
]


@pytest.mark.parametrize(("make", "field"), BAD_CONSTRUCTORS)
def test_a_wrong_type_raises_argument_type_error_naming_the_field(make: Any, field: str) -> None:
    with pytest.raises(nk.ArgumentTypeError) as info:
        make()
    assert info.value.field == field
    assert repr(field) in str(info.value)


def test_collections_become_tuples_and_wrong_items_are_refused(ds: nk.Dataset) -> None:
    rebuilt = NK.Dataset(
        **{
            **{a.name: getattr(ds, a.name) for a in attrs.fields(nk.Dataset)},
            "claims": list(ds.claims),
            "parties": list(ds.parties),
        }
    )
    assert isinstance(rebuilt.claims, tuple)
    assert rebuilt == ds
    with pytest.raises(nk.ArgumentTypeError, match=r"claims\[0\] must be a Claim"):
        NK.Dataset(**{**{a.name: getattr(ds, a.name) for a in attrs.fields(nk.Dataset)},
                      "claims": ["A1.killed"]})  # fmt: skip
    with pytest.raises(nk.ArgumentTypeError) as info:
        NK.Dataset(**{**{a.name: getattr(ds, a.name) for a in attrs.fields(nk.Dataset)},
                      "claims": "A1.killed"})  # fmt: skip
    assert info.value.field == "claims"
    c = ds.claims[0]
    with pytest.raises(nk.ArgumentTypeError) as info:
        attrs.evolve(c, sources=c.sources[0])  # type: ignore[arg-type]
    assert info.value.field == "sources"


@pytest.mark.parametrize("bad", [[], {}, None, 3, ("A1.killed",)])
def test_lookups_by_a_non_string_return_none(ds: nk.Dataset, bad: Any) -> None:
    assert ds.get_claim(bad) is None
    assert ds.get_party(bad) is None
    assert ds.get_source(bad) is None
    with pytest.raises(nk.ArgumentTypeError):
        ds.claim(bad)


def _every_error() -> list[nk.NKCasualtiesError]:
    ds = nk.load("1.0.0")
    errors: list[nk.NKCasualtiesError] = [
        nk.DataError(["a @ $.x", "b @ $.y"], origin="f.json"),
        nk.IntegrityError("f.json", expected="ab", actual="cd"),
        nk.IntegrityError("manifest.json", expected=None, actual=None),
        nk.UnknownVersionError("9.9.9", ["1.0.0"]),
        nk.NotFoundError("claim", "A1.kiled", ["A1.killed"]),
        nk.ArgumentError("'x' is bad", field="x"),
        nk.ArgumentTypeError("'x' must be an int", field="x"),
        nk.OverlapError("A1.killed", "B2.killed", "same quantity"),
        nk.InconsistentFiguresError("no count satisfies every figure"),
        nk.MissingDependencyError("pandas", extra="pandas", feature="to_pandas()"),
    ]
    for call in (
        lambda: nk.total([ds.claim("A1.killed"), ds.claim("B2.killed")]),
        lambda: nk.load("0.0.1"),
        lambda: ds.claim("nope"),
    ):
        try:
            call()
        except nk.NKCasualtiesError as e:
            errors.append(e)
    return errors


@pytest.mark.parametrize("error", _every_error(), ids=lambda e: type(e).__name__)
def test_every_error_round_trips_through_pickle(error: nk.NKCasualtiesError) -> None:
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(back) is type(error)
    assert vars(back) == vars(error)
    assert str(back) == str(error)
    assert back.args == error.args
    if isinstance(error, ImportError):
        assert isinstance(back, ImportError)
        assert (back.name, back.path) == (error.name, error.path)


def test_every_error_class_is_covered() -> None:
    covered = {type(e) for e in _every_error()}
    public = {
        getattr(nk, n)
        for n in nk.__all__
        if isinstance(getattr(nk, n), type) and issubclass(getattr(nk, n), nk.NKCasualtiesError)
    }
    assert public - {nk.NKCasualtiesError} <= covered


def test_errors_cross_a_process_pool() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(nk.load, "9.9.9")
        with pytest.raises(nk.UnknownVersionError) as info:
            future.result(timeout=60)
    assert info.value.available == nk.versions()


@pytest.mark.parametrize("version", nk.versions())
def test_a_released_dataset_pickles_and_deep_copies_equal(version: str) -> None:
    ds = nk.load(version)
    for other in (pickle.loads(pickle.dumps(ds)), copy.deepcopy(ds)):  # noqa: S301
        assert other == ds
        assert other.claim("A1.killed") == ds.claim("A1.killed")
        assert other.claim("A1.killed").dataset_version == version


@given(datasets(max_claims=5))
def test_any_dataset_pickles_equal(ds: nk.Dataset) -> None:
    """pickle.loads(pickle.dumps(ds)) == ds."""
    assert pickle.loads(pickle.dumps(ds)) == ds  # noqa: S301
