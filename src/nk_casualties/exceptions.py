"""The public error hierarchy.

Every error the library raises on purpose is a :class:`NKCasualtiesError`, and each concrete
error also subclasses the built-in exception that fits it, so ``except LookupError`` and
``except ValueError`` keep working in code that does not know this library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
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
]


class NKCasualtiesError(Exception):
    """Base class of every error raised by :mod:`nk_casualties`.

    Catch it to handle any error of this library; each concrete error is also the fitting
    built-in exception:

    >>> import nk_casualties as nk
    >>> try:
    ...     nk.load("0.9")
    ... except nk.NKCasualtiesError as e:
    ...     print(type(e).__name__, isinstance(e, LookupError))
    UnknownVersionError True

    Every error pickles and unpickles with equal type, attributes and message, so it can
    cross a process boundary (``multiprocessing``, ``concurrent.futures``).

    .. versionadded:: 0.1.0
    """

    def __reduce__(self) -> tuple[object, ...]:
        # pickle's default calls cls(*self.args), which the keyword-only constructors of
        # the subclasses refuse: rebuild from the message and the attributes instead.
        state = dict(self.__dict__)
        if isinstance(self, ImportError):  # kept in C slots, not in __dict__
            state.update(name=self.name, path=self.path)
        return (_rebuild, (type(self), self.args, state))


def _rebuild(
    cls: type[NKCasualtiesError], args: tuple[object, ...], state: dict[str, object]
) -> NKCasualtiesError:
    error = cls.__new__(cls)
    error.args = args
    for key, value in state.items():
        setattr(error, key, value)
    return error


class DataError(NKCasualtiesError, ValueError):
    """A dataset file, or an object built by hand, breaks the schema or a domain rule.

    The message lists every problem found, one per line, each with its JSON path in
    cattrs' ``transform_error`` form (``... @ $.claims[3].figure.number``).

    Attributes:
        problems: Every problem found, in document order.
        origin: Where the data came from (a path or a release name), if known.

    >>> e = DataError(
    ...     [
    ...         "'number' must be an int, got str: '100' @ $.claims[3].figure.number",
    ...         "duplicate id 'A1.killed' @ $.claims[7].id",
    ...     ],
    ...     origin="my-claims.json",
    ... )
    >>> print(e)
    2 problems in my-claims.json:
      - 'number' must be an int, got str: '100' @ $.claims[3].figure.number
      - duplicate id 'A1.killed' @ $.claims[7].id

    .. versionadded:: 0.1.0
    """

    problems: tuple[str, ...]
    origin: str | None

    def __init__(self, problems: Iterable[str], *, origin: str | None = None) -> None:
        self.problems = tuple(problems) or ("invalid data",)
        self.origin = origin
        where = f" in {origin}" if origin else ""
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''}{where}:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class IntegrityError(NKCasualtiesError, ValueError):
    """A packaged release file is missing or does not match the SHA-256 of the manifest.

    Attributes:
        file: The release file's name.
        expected: The SHA-256 recorded in the manifest (None for the manifest itself).
        actual: The SHA-256 of the file as found (None if the file is missing).

    :func:`~nk_casualties.load` raises it instead of returning data that differs from the
    release; reinstall the package.

    .. versionadded:: 0.1.0
    """

    file: str
    expected: str | None
    actual: str | None

    def __init__(self, file: str, *, expected: str | None, actual: str | None) -> None:
        self.file, self.expected, self.actual = file, expected, actual
        if actual is None:
            msg = f"release file {file!r} is missing from the package"
            if expected is not None:
                msg += f" (expected sha256 {expected})"
        else:
            msg = (
                f"release file {file!r} does not match its manifest: "
                f"expected sha256 {expected}, got {actual}"
            )
        super().__init__(msg)


class UnknownVersionError(NKCasualtiesError, LookupError):
    """No dataset release of that version ships in this package.

    Attributes:
        version: The version asked for.
        available: The versions that do ship, oldest first.

    >>> import nk_casualties as nk
    >>> try:
    ...     nk.load("0.9")
    ... except nk.UnknownVersionError as e:
    ...     print(e.version, e.available[0])
    0.9 1.0.0

    .. versionadded:: 0.1.0
    """

    version: str
    available: tuple[str, ...]

    def __init__(self, version: str, available: Sequence[str]) -> None:
        self.version, self.available = version, tuple(available)
        super().__init__(
            f"no dataset release {version!r} in this package; "
            f"available: {', '.join(self.available) or 'none'}"
        )

    def __str__(self) -> str:  # LookupError would repr() a single argument
        return str(self.args[0])


class NotFoundError(NKCasualtiesError, LookupError):
    """No party, source or claim has that id in the dataset.

    Attributes:
        kind: ``"party"``, ``"source"`` or ``"claim"``.
        id: The id asked for.
        suggestions: Close ids that do exist, best first.

    >>> import nk_casualties as nk
    >>> try:
    ...     nk.load("1.0.0").claim("A2.misisng")
    ... except nk.NotFoundError as e:
    ...     print(e.kind, e.id, e.suggestions)
    claim A2.misisng ('A2.missing', 'B2.missing', 'B12.missing')

    .. versionadded:: 0.1.0
    """

    kind: str
    id: str
    suggestions: tuple[str, ...]

    def __init__(self, kind: str, id: str, suggestions: Sequence[str] = ()) -> None:  # noqa: A002
        self.kind, self.id, self.suggestions = kind, id, tuple(suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if suggestions else ""
        super().__init__(f"no {kind} with id {id!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class ArgumentError(NKCasualtiesError, ValueError):
    """A public function or constructor was called with an argument it cannot use.

    The message names the argument. Wrong types raise :class:`ArgumentTypeError`.

    Attributes:
        field: The argument or model field that was wrong, where one is to blame
            (``"upper"`` for a :class:`~nk_casualties.Figure` whose upper number is below
            its number), else ``None``.

    >>> import nk_casualties as nk
    >>> nk.total([])
    Traceback (most recent call last):
        ...
    nk_casualties.exceptions.ArgumentError: 'claims' is empty: a total needs at least one claim

    .. versionadded:: 0.1.0
    """

    field: str | None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument has the wrong type (also a :class:`TypeError`).

    >>> import nk_casualties as nk
    >>> nk.lower_bound(100)
    Traceback (most recent call last):
        ...
    nk_casualties.exceptions.ArgumentTypeError: 'x' must be a Claim, Figure or Range, got int: 100

    .. versionadded:: 0.1.0
    """


class OverlapError(ArgumentError):
    """:func:`~nk_casualties.total` was asked to add claims that may count the same people.

    Attributes:
        first: The id of the first claim of the overlapping pair.
        second: The id of the second claim.

    Two reports of the Azerbaijani Defence Ministry's 2,783 dead count the same people:

    >>> import nk_casualties as nk
    >>> ds = nk.load("1.0.0")
    >>> try:
    ...     nk.total([ds.claim("A1.killed"), ds.claim("B2.killed")])
    ... except nk.OverlapError as e:
    ...     print(e.first, e.second)
    A1.killed B2.killed

    .. versionadded:: 0.1.0
    """

    first: str
    second: str

    def __init__(self, first: str, second: str, reason: str) -> None:
        self.first, self.second = first, second
        super().__init__(
            f"claims {first!r} and {second!r} may count the same people ({reason}); "
            "adding them would double count",
            field="claims",
        )


class InconsistentFiguresError(ArgumentError):
    """:func:`~nk_casualties.reconcile` was given figures that no single count satisfies.

    "Exactly 100" and "more than 100" cannot describe one count:

    >>> import nk_casualties as nk
    >>> try:
    ...     nk.reconcile([nk.Range.exact(100), nk.Range.at_least(101)])
    ... except nk.InconsistentFiguresError as e:
    ...     print(str(e).split(":")[0], "- also a ValueError:", isinstance(e, ValueError))
    no count satisfies every figure - also a ValueError: True

    .. versionadded:: 0.1.0
    """


class MissingDependencyError(NKCasualtiesError, ImportError):
    """An optional feature needs a package that is not installed.

    The message names the extra that installs it, e.g. ``pip install "nk-casualties[pandas]"``.

    Attributes:
        package: The missing package, e.g. ``"pandas"``.
        extra: The extra of ``nk-casualties`` that installs it.

    .. versionadded:: 0.2.0
    """

    package: str
    extra: str

    def __init__(self, package: str, *, extra: str, feature: str) -> None:
        self.package, self.extra = package, extra
        super().__init__(
            f"{feature} needs {package}, which is not installed; "
            f'install it with: pip install "nk-casualties[{extra}]"',
            name=package,
        )
