"""Charts drawn at build time from a shipped release (matplotlib, docs extra only).

Each point is a claim found through the library's own queries (:meth:`Dataset.series` and
:meth:`Dataset.select`), drawn by what its figure allows:

* an exact figure is a filled dot;
* an open-ended figure ("more than N", "at least N") is a dot at its lowest count with an
  arrow pointing up: the interval has no upper end;
* a figure capped from above ("up to N", "fewer than N") is a dot at its highest count with an
  arrow pointing down;
* "about N" allows any count: it is a hollow dot at its estimate, never joined to the line;
* "between a and b" is a bar from a to b.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import matplotlib as mpl

mpl.use("Agg")  # no display: charts are files

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

import nk_casualties as nk

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Files are byte-identical from build to build: no creation date or software version inside.
_PNG_META = {"Software": None}

_ARROW = 0.045  # arrow length, as a share of the y axis


class Series:
    """One line of the time chart: a label, a colour and the claims it draws."""

    def __init__(self, label: str, colour: str, marker: str, claims: Sequence[nk.Claim]):
        self.label, self.colour, self.marker, self.claims = label, colour, marker, tuple(claims)


def official_series(ds: nk.Dataset) -> list[Series]:
    """The four main official series of killed, found with the library's queries."""
    az = ds.series(claimant="az-mod", category="killed", event="war-2020")
    # The forensic counts are of servicemen at first, later of everyone examined (population
    # "unspecified"): the library will not make one series of both, so the chart joins them.
    am_moh = sorted(
        (
            c
            for population in ("military", "unspecified")
            for c in ds.series(
                claimant="am-moh",
                category="killed",
                basis="forensic-examination",
                population=population,
                event="war-2020",
            )
        ),
        key=lambda c: c.known_by or dt.date.min,
    )
    # The Armenian government's whole-population totals: the Prime Minister, the
    # Investigative Committee and the Speaker, counted on several bases (announced, death
    # certificates), without forecasts of the final toll: one line the chart joins by hand
    # (series() would refuse to mix the bases), one wording per statement.
    am_gov_claims = [
        c
        for claimant in ("am-pm", "am-investigative-committee", "am-parliament-speaker")
        for c in ds.select(
            claimant=claimant, category="killed", population="unspecified", event="war-2020"
        )
        if c.basis is not nk.Basis.FORECAST and c.cumulative and c.known_by is not None
    ]
    by_statement = {c.statement: c for c in am_gov_claims}
    am_gov = sorted(by_statement.values(), key=lambda c: c.known_by or dt.date.min)
    artsakh = ds.series(
        event="war-2020",
        claimant="artsakh-mod",
        category="killed",
        subject="artsakh-defence-army",
        basis="running-list",
    )
    return [
        Series(
            "Azerbaijan, Defence Ministry: servicemen killed (announced, then lists of the buried)",
            "#3b7dd8",
            "o",
            az,
        ),
        Series("Armenia, Health Ministry: bodies forensically examined", "#c0392b", "s", am_moh),
        Series(
            "Armenia, government totals (PM, Investigative Committee, Speaker)",
            "#e67e22",
            "D",
            am_gov,
        ),
        Series("Artsakh Defence Ministry: running list of soldiers", "#2e8b57", "^", artsakh),
    ]


def _num(day: dt.date) -> float:
    """A date as matplotlib's number of days (``matplotlib.dates`` has no type hints)."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _quarters(ax: Axes, months: tuple[int, ...]) -> None:
    """Ticks on the first day of *months*, labelled with the month and year."""
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=months))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))  # type: ignore[no-untyped-call]


def _thousands(x: float, _pos: object) -> str:
    return f"{x:,.0f}"


def _draw_point(ax: Axes, when: dt.date, c: nk.Claim, colour: str, marker: str) -> None:
    """Draw one claim at date *when* according to its range (see the module docstring)."""
    r, q = c.range, c.figure.qualifier
    span = ax.get_ylim()[1] - ax.get_ylim()[0]
    x = _num(when)
    if q is nk.Qualifier.ABOUT:
        ax.plot(x, c.estimate, marker=marker, mfc="white", mec=colour, mew=1.6, ms=8, zorder=4)
    elif r.is_exact:
        ax.plot(x, r.low, marker=marker, color=colour, ms=6, zorder=4)
    elif r.high is None:
        ax.plot(x, r.low, marker=marker, color=colour, ms=6, zorder=4)
        ax.annotate(
            "",
            xy=(x, r.low + span * _ARROW * 1.6),
            xytext=(x, r.low),
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.6},
            zorder=4,
        )
    elif r.low == 0:
        ax.plot(x, r.high, marker=marker, color=colour, ms=6, zorder=4)
        ax.annotate(
            "",
            xy=(x, r.high - span * _ARROW * 1.6),
            xytext=(x, r.high),
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.6},
            zorder=4,
        )
    else:
        ax.vlines(x, r.low, r.high, color=colour, lw=3, zorder=4)


#: The time axis is broken in two: the war and the 18 months after it, then 2025.
_SPANS = (
    (dt.date(2020, 9, 15), dt.date(2022, 5, 31)),
    (dt.date(2024, 12, 1), dt.date(2025, 12, 31)),
)


def _joins_line(c: nk.Claim) -> bool:
    """True if the claim's lowest count belongs on the line (not "about", not capped)."""
    return c.figure.qualifier is not nk.Qualifier.ABOUT and c.range.low > 0


def _draw_series(ax: Axes, s: Series, dated: Sequence[tuple[dt.date, nk.Claim]]) -> None:
    """Draw a series' claims at their dates, joined by a line where their lowest count is sound."""
    line = [(d, c.range.low) for d, c in dated if _joins_line(c)]
    ax.plot(
        [_num(d) for d, _ in line],
        [y for _, y in line],
        color=s.colour,
        lw=1.4,
        alpha=0.55,
        zorder=3,
    )
    for d, c in dated:
        _draw_point(ax, d, c, s.colour, s.marker)


def _finish(fig: Figure, path: Path, credit: str) -> None:
    """Sign the chart with its data release and licence, inside the image, and save it."""
    fig.text(0.995, 0.995, credit, ha="right", va="top", fontsize=8, alpha=0.75)
    fig.savefig(path, metadata=_PNG_META)
    plt.close(fig)


def chart_series(ds: nk.Dataset, path: Path, credit: str) -> list[Series]:
    """The official series of killed over time; returns the series drawn."""
    series = official_series(ds)
    fig, axes = plt.subplots(
        1, 2, figsize=(9, 8.8), dpi=150, sharey=True, gridspec_kw={"width_ratios": (5, 1)}
    )
    for ax, (start, end) in zip(axes, _SPANS, strict=True):
        ax.set_ylim(0, 4300)
        ax.set_xlim(_num(start), _num(end))
        for s in series:
            dated = [
                (c.known_by, c)
                for c in s.claims
                if c.known_by is not None and start <= c.known_by <= end
            ]
            _draw_series(ax, s, dated)
        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        ax.grid(True, axis="y", color="#dddddd", zorder=0)
        ax.tick_params(labelsize=10)
        ax.spines["top"].set_visible(False)
    left, right = axes
    left.spines["right"].set_visible(False)
    right.spines["left"].set_visible(False)
    right.tick_params(left=False)
    for ax, xs in ((left, (1,)), (right, (0,))):  # diagonal marks where the axis is broken
        for x in xs:
            ax.plot(
                [x],
                [0],
                marker=[(-1, -2), (1, 2)],
                ms=10,
                mew=1,
                color="k",
                transform=ax.transAxes,
                clip_on=False,
            )
    _quarters(left, (1, 4, 7, 10))
    right.spines["right"].set_visible(False)
    _quarters(right, (1, 11))
    left.axvspan(
        _num(dt.date(2020, 9, 27)),
        _num(dt.date(2020, 11, 10)),
        color="#999999",
        alpha=0.15,
        zorder=1,
    )
    left.text(
        _num(dt.date(2020, 9, 22)),
        4250,
        "the war\n27 Sep \N{EN DASH}\n10 Nov 2020",
        fontsize=9,
        va="top",
        color="#555555",
    )
    left.set_ylabel("people killed (as stated)", fontsize=11)
    fig.supxlabel(
        "date of the statement (of its earliest report when undated)", fontsize=11, y=0.215
    )
    handles = [
        Line2D([], [], color=s.colour, marker=s.marker, lw=1.4, label=s.label) for s in series
    ]
    handles += [
        Line2D(
            [],
            [],
            color="#444444",
            marker="$\\uparrow$",
            ms=11,
            lw=0,
            label="“more than N”, “at least N”: the least it allows; no upper end",
        ),
        Line2D(
            [],
            [],
            color="#444444",
            marker="$\\downarrow$",
            ms=11,
            lw=0,
            label="“fewer than N”, “up to N”: the most it allows",
        ),
        Line2D(
            [],
            [],
            color="#444444",
            marker="o",
            mfc="white",
            lw=0,
            ms=8,
            label="“about N”: no sound bound, shown at its estimate",
        ),
    ]
    # Below the axes: inside, it would hide the wartime counts at the bottom left.
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.005), fontsize=9.5)
    fig.suptitle(
        f"Official counts of the dead over time (data release {ds.version})",
        fontsize=13,
        x=0.01,
        ha="left",
    )
    fig.tight_layout()
    fig.subplots_adjust(wspace=0.06, bottom=0.3)
    _finish(fig, path, credit)
    return series


#: The statements of 3 Dec 2020, in the order the chart shows them.
DEC3_STATEMENTS = (
    ("az-mod/2020-12-03/killed", "killed"),
    ("az-mod/2020-12-03/wounded", "wounded (in treatment)"),
    ("az-mod/2020-12-03/missing", "missing"),
    ("az-mod/2020-12-03/unidentified", "killed, not yet identified"),
)


def _wordings(claims: Sequence[nk.Claim]) -> list[tuple[nk.Claim, int]]:
    """One row per distinct wording and range, with how many reports used it."""
    seen: dict[tuple[str, nk.Range], list[nk.Claim]] = {}
    for c in claims:
        seen.setdefault((c.figure.wording.casefold(), c.range), []).append(c)
    rows = [(group[0], len(group)) for group in seen.values()]
    rows.sort(key=lambda row: (row[0].range.low, row[0].range.high or 10**9))
    return rows


def chart_dec3(ds: nk.Dataset, path: Path, credit: str) -> dict[str, nk.Range | None]:
    """The range of every wording of the 3 Dec 2020 statement; returns the reconciled ranges."""
    panels = [(sid, title, ds.statement(sid)) for sid, title in DEC3_STATEMENTS]
    heights = [len(_wordings(claims)) + 1.6 for _, _, claims in panels]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(9, 0.4 * sum(heights) + 1.4),
        dpi=150,
        gridspec_kw={"height_ratios": heights},
    )
    reconciled: dict[str, nk.Range | None] = {}
    for ax, (sid, title, claims) in zip(axes, panels, strict=True):
        rows = _wordings(claims)
        try:
            rec: nk.Range | None = nk.reconcile(claims)
        except nk.InconsistentFiguresError:
            rec = None
        reconciled[sid] = rec
        numbers = [c.figure.number for c, _ in rows]
        top = max(numbers) * 1.35
        ax.set_xlim(0, top)
        labels: list[str] = []
        for y, (c, n) in enumerate(rows):
            r, q = c.range, c.figure.qualifier
            times = f", \N{MULTIPLICATION SIGN}{n} reports" if n > 1 else ""
            labels.append(f"“{c.figure.wording}” ({q.value}{times})  {r}")
            if q is nk.Qualifier.ABOUT:
                ax.hlines(y, 0, top, color="#999999", lw=2, linestyles=":")
                ax.plot(c.estimate, y, "o", mfc="white", mec="#555555", ms=8)
            elif r.is_exact:
                ax.plot(r.low, y, "o", color="#1f5fa8", ms=8)
            elif r.high is None:
                ax.hlines(y, r.low, top * 0.97, color="#1f5fa8", lw=6)
                ax.annotate(
                    "",
                    xy=(top, y),
                    xytext=(top * 0.96, y),
                    arrowprops={"arrowstyle": "-|>", "color": "#1f5fa8", "lw": 2.5},
                )
            else:
                ax.hlines(y, r.low, r.high, color="#1f5fa8", lw=6)
        y = len(rows)
        if rec is None:
            labels.append("reconciled: no count fits every wording")
            ax.text(
                top * 0.02,
                y,
                "inconsistent wordings: reconcile() raises",
                va="center",
                fontsize=9,
                color="#c0392b",
                style="italic",
            )
        else:
            labels.append(f"reconciled (what every wording allows)  {rec}")
            ax.plot(rec.low, y, "D", color="#c0392b", ms=8)
        ax.set_yticks(range(len(labels)), labels, fontsize=10)
        ax.set_ylim(len(labels) - 0.4, -0.7)
        ax.set_title(title, fontsize=12, loc="left", fontweight="bold")
        ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
        ax.grid(True, axis="x", color="#e5e5e5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    axes[-1].set_xlabel("people (count the wording allows)", fontsize=10)
    fig.suptitle(
        "Azerbaijan's Defence Ministry, 3 Dec 2020: the range each wording allows\n"
        f"(one row per wording; data release {ds.version})",
        fontsize=13,
        x=0.01,
        ha="left",
    )
    fig.tight_layout()
    _finish(fig, path, credit)
    return reconciled


def write_all(folder: Path, version: str | None = None) -> dict[str, Path]:
    """Draw every chart of release *version* (default: the latest) into *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    ds = nk.load(version)
    credit = f"nk_casualties data release {ds.version}, {ds.licence.replace('-', ' ')}"
    out = {}
    for theme, style in (("", "default"), ("-dark", "dark_background")):
        series, dec3 = folder / f"official-series{theme}.png", folder / f"dec-3-ranges{theme}.png"
        after = folder / f"after-the-war{theme}.png"
        with plt.style.context(style):  # a dark variant for the site's dark theme
            chart_series(ds, series, credit)
            chart_dec3(ds, dec3, credit)
            chart_aftermath(ds, after, credit)
        out[f"series{theme}"], out[f"dec3{theme}"] = series, dec3
        out[f"after{theme}"] = after
    return out


def _one_per_statement(claims: Sequence[nk.Claim]) -> list[nk.Claim]:
    """The earliest dated, unflagged wording of each statement, in date order."""
    picked: dict[str, nk.Claim] = {}
    for c in sorted(claims, key=_when):
        if c.known_by is not None and not c.flagged:
            picked.setdefault(c.statement, c)
    return sorted(picked.values(), key=_when)


def _when(c: nk.Claim) -> dt.date:
    """Where a claim goes on the time axis: the end of its count if stated, else its date."""
    if c.period is not None and c.period.end is not None:
        return c.period.end
    return c.known_by or dt.date.min


def aftermath_series(ds: nk.Dataset) -> dict[str, list[Series]]:
    """The panels of the wider-conflict chart, each a list of series, found with queries."""

    def own(
        event: str,
        claimants: Sequence[str],
        side: str,
        category: str = "killed",
        subject: str | None = None,
    ) -> list[nk.Claim]:
        """What *claimants* say their own *side* lost in *event*, one claim per statement."""
        found = [
            c
            for claimant in claimants
            for c in ds.select(event=event, claimant=claimant, category=category, subject=subject)
            if c.subgroup is None
            and c.population is not nk.Population.CIVILIAN
            and c.subject.within(ds.party(side))
        ]
        return _one_per_statement(found)

    # The state's own running counts since 10 Nov 2020: claims by Azerbaijan or its bodies.
    az = ds.party("az")
    mines = [
        c
        for c in ds.select(event="landmines", subject="az", population="unspecified")
        if c.cumulative and c.subgroup is None and c.claimant.within(az)
    ]
    return {
        "The September 2022 border clashes": [
            Series(
                "Armenia (Prime Minister, Defence Ministry): killed",
                "#c0392b",
                "s",
                own("border-2022-09", ("am-pm", "am-mod"), "am-side", category="killed"),
            ),
            Series(
                "Armenia (Security Council, Prime Minister): dead or missing, one count",
                "#e67e22",
                "D",
                own(
                    "border-2022-09",
                    ("am-security-council", "am-pm"),
                    "am-side",
                    category="dead-or-missing",
                ),
            ),
            Series(
                "Azerbaijan, Defence Ministry: servicemen killed",
                "#3b7dd8",
                "o",
                own(
                    "border-2022-09",
                    ("az-mod",),
                    "az-side",
                    category="killed",
                    subject="az-armed-forces",
                ),
            ),
        ],
        "The September 2023 offensive": [
            Series(
                "Artsakh Ombudsman, Armenia's Investigative Committee: killed",
                "#c0392b",
                "s",
                own(
                    "offensive-2023",
                    ("artsakh-ombudsman", "am-investigative-committee"),
                    "am-side",
                    category="killed",
                    subject="am-side",
                ),
            ),
            Series(
                "Azerbaijan, Health Ministry: servicemen killed",
                "#3b7dd8",
                "o",
                own("offensive-2023", ("az-moh",), "az-side", category="killed", subject="az"),
            ),
        ],
        "Mines and UXO since the ceasefire": [
            Series(
                "Azerbaijan (official): killed and injured together",
                "#7d3c98",
                "o",
                _one_per_statement([c for c in mines if c.category is nk.Category.MINE_VICTIMS]),
            ),
            Series(
                "Azerbaijan (official): killed",
                "#3b7dd8",
                "s",
                _one_per_statement([c for c in mines if c.category is nk.Category.KILLED]),
            ),
        ],
    }


def chart_aftermath(ds: nk.Dataset, path: Path, credit: str) -> dict[str, list[Series]]:
    """The wider conflict: one panel per episode, each official count over time."""
    panels = aftermath_series(ds)
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 12), dpi=150)
    for ax, (title, series) in zip(axes, panels.items(), strict=True):
        claims = [c for s in series for c in s.claims]
        days = [_when(c) for c in claims]
        top = max(c.range.high or c.range.low for c in claims)
        ax.set_ylim(0, top * 1.3)
        pad = max((max(days) - min(days)).days // 20, 1)
        ax.set_xlim(_num(min(days)) - pad, _num(max(days)) + pad)
        for s in series:
            _draw_series(ax, s, [(_when(c), c) for c in s.claims])
        locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        ax.grid(True, axis="y", color="#dddddd", zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(title, fontsize=12, loc="left", fontweight="bold")
        ax.set_ylabel("people (as stated)", fontsize=10)
        handles = [
            Line2D([], [], color=s.colour, marker=s.marker, lw=1.4, label=s.label) for s in series
        ]
        ax.legend(handles=handles, loc="best", fontsize=9, framealpha=0.95)
    axes[-1].set_xlabel(
        "date of the statement, or the day its count runs to (of its earliest report when undated)",
        fontsize=10,
    )
    fig.suptitle(
        f"Official counts after the 2020 war (data release {ds.version})\n"
        "arrow up: “more than N”, “at least N”; hollow: “about N”",
        fontsize=13,
        x=0.01,
        ha="left",
    )
    fig.tight_layout()
    _finish(fig, path, credit)
    return panels
