"""Models: validators, lookups, select, cite."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import nk_casualties as nk


@pytest.fixture(scope="module")
def ds() -> nk.Dataset:
    return nk.load("1.0.0")


def test_models_are_frozen_and_keyword_only(ds: nk.Dataset) -> None:
    c = ds.claims[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.id = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        nk.Range(1, 2)  # type: ignore[call-arg]
    assert isinstance(ds.claims, tuple)
    assert isinstance(c.sources, tuple)


def test_lookups_get_returns_none_and_plain_raises(ds: nk.Dataset) -> None:
    assert ds.get_claim("nope") is None
    assert ds.get_party("nope") is None
    assert ds.get_source("nope") is None
    assert ds.party("az-mod").name == "Ministry of Defence of Azerbaijan"
    src = ds.claim("A1.killed").sources[0]
    assert ds.source(src.id) is src
    with pytest.raises(nk.NotFoundError) as info:
        ds.claim("A1.kiled")
    err = info.value
    assert isinstance(err, LookupError)
    assert err.suggestions[0] == "A1.killed"
    assert "did you mean 'A1.killed'" in str(err)
    with pytest.raises(nk.NotFoundError, match="no party with id 'zz'"):
        ds.party("zz")
    with pytest.raises(nk.ArgumentTypeError, match="'id' must be a str"):
        ds.claim(1)  # type: ignore[arg-type]


def test_party_tree(ds: nk.Dataset) -> None:
    army = ds.party("artsakh-defence-army")
    assert [p.id for p in army.lineage] == ["artsakh-defence-army", "artsakh", "am-side", "war"]
    assert army.within(ds.party("am-side"))
    assert not ds.party("am-side").within(army)
    assert army.overlaps(ds.party("am-side"))
    assert not army.overlaps(ds.party("az"))


def test_select_filters(ds: nk.Dataset) -> None:
    missing = ds.select(category="missing")
    assert missing
    assert all(c.category is nk.Category.MISSING for c in missing)
    assert ds.select(category=nk.Category.MISSING) == missing
    by_moh = ds.select(claimant=ds.party("am-moh"))
    assert {c.claimant.id for c in by_moh} == {"am-moh"}
    assert ds.select(subject="am-side") == by_moh
    within = ds.select(subject="am-side", within=True)
    assert {c.subject.id for c in within} == {"am-side", "artsakh-defence-army"}
    assert ds.select(basis="under-treatment", population="military")
    day = dt.date(2020, 11, 14)
    assert all(c.stated_on == day for c in ds.select(stated_from=day, stated_until=day))
    assert ds.select(stated_until=dt.date(2020, 11, 1)) == ()
    assert ds.select(statement="az-mod/2020-12-03/wounded")
    assert ds.select() == ds.claims


@pytest.mark.parametrize(
    ("kwargs", "error", "needle"),
    [
        ({"subject": "armenia"}, nk.ArgumentError, "'subject': no party with id 'armenia'"),
        ({"claimant": "az-mdo"}, nk.ArgumentError, "did you mean 'az-mod'"),
        ({"claimant": 5}, nk.ArgumentTypeError, "'claimant' must be a Party or a party id"),
        (
            {"category": "dead"},
            nk.ArgumentError,
            "'category' must be a Category or one of 'killed'",
        ),
        ({"population": 1}, nk.ArgumentTypeError, "'population' must be a Population"),
        ({"stated_from": "2020-12-03"}, nk.ArgumentTypeError, "'stated_from' must be a"),
        (
            {"stated_until": dt.datetime(2020, 1, 1)},
            nk.ArgumentTypeError,
            "'stated_until' must be a datetime.date",
        ),
        ({"statement": 3}, nk.ArgumentTypeError, "'statement' must be a str"),
    ],
)
def test_select_rejects_bad_arguments(
    ds: nk.Dataset, kwargs: dict[str, object], error: type[Exception], needle: str
) -> None:
    with pytest.raises(error) as info:
        ds.select(**kwargs)  # type: ignore[arg-type]
    assert needle in str(info.value)


def test_statement_lookup(ds: nk.Dataset) -> None:
    assert len(ds.statement("am-moh/2020-11-14/killed")) >= 8
    with pytest.raises(nk.NotFoundError, match="no statement"):
        ds.statement("am-moh/2020-11-15/killed")


def test_cite_names_the_data_and_library_versions(ds: nk.Dataset) -> None:
    text = ds.cite()
    assert "1.0.0" in text
    assert nk.__version__ in text
    bib = ds.cite(format="bibtex")
    assert bib.startswith("@misc{nk_casualties_1_0_0,")
    assert "version = {1.0.0}" in bib
    with pytest.raises(nk.ArgumentError, match="'format' must be"):
        ds.cite(format="apa")


def test_claim_shortcuts(ds: nk.Dataset) -> None:
    c = ds.claim("A3.wounded")
    assert c.range == c.figure.range
    assert c.estimate == 1241
    assert c.known_by == dt.date(2020, 12, 3)
    assert c.cumulative
    assert c.quantity[:2] == ("az-mod", "az-armed-forces")
    undated = attrs.evolve(c, stated_on=None, date_basis=nk.DateBasis.UNKNOWN)
    assert undated.known_by == dt.date(2020, 12, 3)  # from the RT report's date
    no_dates = attrs.evolve(undated, sources=(attrs.evolve(c.sources[0], published_on=None),))
    assert no_dates.known_by is None


def _party(**kw: object) -> nk.Party:
    base: dict[str, object] = {"id": "p", "name": "P", "kind": nk.PartyKind.STATE}
    return nk.Party(**(base | kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda: _party(id=" p"), "'id' must be an id without surrounding spaces"),
        (lambda: _party(name="  "), "'name' must be a non-empty string"),
        (
            lambda: nk.Source(id="s", publisher="P", language="EN", kind=nk.SourceKind.OFFICIAL),
            "'language' must be an ISO 639-1 code",
        ),
        (
            lambda: nk.Figure(qualifier=nk.Qualifier.BETWEEN, number=5, wording="5"),
            "'upper' must be set exactly when the qualifier is 'between'",
        ),
        (
            lambda: nk.Figure(qualifier=nk.Qualifier.EXACT, number=5, upper=6, wording="5"),
            "'upper' must be set exactly when",
        ),
        (
            lambda: nk.Figure(qualifier=nk.Qualifier.BETWEEN, number=5, upper=4, wording="5"),
            "'upper' must be a count from number (5)",
        ),
        (
            lambda: nk.Figure(qualifier=nk.Qualifier.FEWER_THAN, number=0, wording="0"),
            "'number' must be > 0 for 'fewer than'",
        ),
        (
            lambda: nk.Figure(qualifier=nk.Qualifier.EXACT, number=-3, wording="-3"),
            "'number' must be a count from 0",
        ),
        (
            lambda: nk.Period(start=dt.date(2020, 10, 2), end=dt.date(2020, 10, 1)),
            "'end' must be on or after start",
        ),
    ],
)
def test_validators_reject_domain_errors(make: object, needle: str) -> None:
    with pytest.raises(nk.ArgumentError) as info:
        make()  # type: ignore[operator]
    assert needle in str(info.value)


def test_claim_needs_a_source_and_a_consistent_date(ds: nk.Dataset) -> None:
    c = ds.claims[0]
    with pytest.raises(nk.ArgumentError, match="'sources' must name at least one source"):
        attrs.evolve(c, sources=())
    with pytest.raises(nk.ArgumentError, match="'date_basis' must be 'unknown' exactly"):
        attrs.evolve(c, stated_on=None)


def test_dataset_rejects_dangling_references_and_duplicates(ds: nk.Dataset) -> None:
    with pytest.raises(nk.DataError) as info:
        attrs.evolve(ds, parties=ds.parties[1:], claims=ds.claims + ds.claims[:1])
    problems = info.value.problems
    assert any("duplicate id 'A1.killed'" in p for p in problems)
    assert any("party 'war' is not in the dataset @ $.parties[0].part_of" in p for p in problems)
    with pytest.raises(nk.DataError, match=r"is not in the dataset @ \$\.claims\[0\]\.sources"):
        attrs.evolve(ds, sources=ds.sources[1:])
    with pytest.raises(nk.DataError, match=r"@ \$\.claims\[\d+\]\.claimant"):
        attrs.evolve(ds, parties=tuple(p for p in ds.parties if p.id != "am-moh"))


def test_data_error_message_lists_every_problem() -> None:
    err = nk.DataError(["a @ $.x", "b @ $.y"], origin="f.json")
    assert str(err) == "2 problems in f.json:\n  - a @ $.x\n  - b @ $.y"
    assert nk.DataError([]).problems == ("invalid data",)


def test_enums_have_string_values() -> None:
    assert nk.Category("killed-or-wounded").covers == {"killed", "wounded"}
    assert nk.Category.LOSSES.overlaps(nk.Category.MISSING)
    assert not nk.Category.MISSING.overlaps(nk.Category.KILLED)
    assert nk.Qualifier("more than") is nk.Qualifier.MORE_THAN


def test_package_namespace() -> None:
    assert dir(nk) == sorted(nk.__all__)
    assert nk.__all__ == sorted(nk.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = nk.nope


def test_select_skips_undated_claims_under_a_date_filter() -> None:
    ds = nk.load("1.1.0")
    undated = [c for c in ds.claims if c.stated_on is None]
    assert undated
    dated = ds.select(stated_from=dt.date(2020, 1, 1))
    assert not set(undated) & set(dated)
    assert ds.select(population="civilian", subject="az-armed-forces") == ()
