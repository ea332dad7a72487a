"""Charts where a reader would rather look than read, each with a text alternative that says the same in words.

PNG for DOCX, SVG (text drawn as paths, so no font is needed) for PDF. Matplotlib is imported only when a chart
is drawn, and the output bytes are the same for the same data: no dates, a fixed SVG hash salt.
"""
from __future__ import annotations

import io
import textwrap
from datetime import date, timedelta

from ..evidence import taxonomies as tx
from ..evidence.dates import months_between
from ..i18n import format_money, format_month, format_number, gettext_for, ngettext_for
from ..paths import shipped
from .content import Chart

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]  # Okabe-Ito
WIDTH_CM = 16.0


def _figure(height_cm: float):
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    fonts = shipped("templates") / "fonts"
    if "Noto Sans" not in {f.name for f in font_manager.fontManager.ttflist}:
        for path in sorted(fonts.glob("NotoSans-*.ttf")):
            font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({"font.family": "Noto Sans", "font.size": 9, "svg.hashsalt": "bidkit",
                                "svg.fonttype": "none", "axes.spines.top": False, "axes.spines.right": False,
                                "axes.titlesize": 10, "axes.titleweight": "bold"})
    return Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=200, facecolor="white")


def _chart(fig, chart_id: str, title: str, alt: str, height_cm: float) -> Chart:
    if fig.get_layout_engine() is None:
        fig.tight_layout()
    png, svg = io.BytesIO(), io.StringIO()
    fig.savefig(png, format="png", metadata={"Software": None})
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return Chart(chart_id, title, alt, png.getvalue(), svg.getvalue(), WIDTH_CM, height_cm)


def _empty(chart_id: str, title: str, lang: str) -> Chart:
    _ = gettext_for(lang)
    fig = _figure(4)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, _("No data yet"), ha="center", va="center", fontsize=11)
    ax.set_title(title)
    return _chart(fig, chart_id, title, f"{title}: " + _("no data yet."), 4)


def _bars(chart_id: str, title: str, rows: list[tuple[str, int, int]], lang: str, note: str = "") -> Chart:
    """Horizontal bars of meetings, labelled with meetings and people, for reach by nation or characteristic.
    The title is the figure's caption, not drawn again in the image (it read three times in a row with the
    table's caption)."""
    _ = gettext_for(lang)
    if not rows:
        return _empty(chart_id, title, lang)
    height = max(4.0, 1.6 + 0.8 * len(rows) + (0.6 if note else 0))
    fig = _figure(height)
    ax = fig.add_subplot()
    labels = [textwrap.fill(label, 28) for label, _m, _p in rows][::-1]
    meetings = [m for _l, m, _p in rows][::-1]
    bars = ax.barh(labels, meetings, color=PALETTE[0])
    for bar, (_l, m, p) in zip(bars, rows[::-1]):       # a gap of 4 points between a bar's end and its label
        ax.annotate(_counts(m, p, lang), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=8.5)
    ax.set_xlabel(_("Meetings held"))
    ax.set_xlim(0, max(meetings) * 1.7 or 1)
    if note:
        fig.text(0.01, 0.01, textwrap.fill(note, 110), fontsize=7.5, color="#555555", va="bottom")
        fig.tight_layout(rect=(0, 1.0 / height, 1, 1))
        fig.set_layout_engine("none")
    alt = title + ": " + "; ".join(f"{label}, {_counts(m, p, lang)}" for label, m, p in rows) + "." + \
        (" " + note if note else "")
    return _chart(fig, chart_id, title, alt, height)


def _counts(meetings: int, people: int, lang: str) -> str:
    """`1 meeting, 6 attendances`, with plurals from the catalogue: people who came twice count twice."""
    n_ = ngettext_for(lang)
    return (n_("{n} meeting", "{n} meetings", meetings).format(n=meetings) + ", " +
            n_("{n} attendance", "{n} attendances", people).format(n=format_number(people, lang)))


def engagement_over_time(months: list[tuple[date, int, int]], lang: str = "en") -> Chart:
    _ = gettext_for(lang)
    title = _("Meetings held and attendances each month")
    if not months:
        return _empty("engagement", title, lang)
    # two panels over the same months, each axis from zero: a second axis on one panel did not share the first's
    # zero, so the line's height against the bars meant nothing
    fig = _figure(7)
    people_ax, ax = fig.subplots(2, 1, sharex=True, height_ratios=(1, 1.3))
    labels = [format_month(m, lang) for m, _n, _p in months]
    meetings = [n for _m, n, _p in months]
    people = [p for _m, _n, p in months]
    from matplotlib.ticker import MaxNLocator

    bars = ax.bar(labels, meetings, color=PALETTE[0])
    ax.bar_label(bars, padding=3, fontsize=8.5)
    ax.set_ylabel(_("Meetings held"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(meetings) * 1.3 or 1)
    people_ax.plot(labels, people, color=PALETTE[5], marker="o", linewidth=2)
    for x, y in zip(labels, people):
        people_ax.annotate(format_number(y, lang), (x, y), textcoords="offset points", xytext=(0, 6),
                           ha="center", fontsize=8.5, color=PALETTE[5])
    people_ax.set_ylabel(_("Attendances"))
    people_ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    people_ax.set_ylim(0, max(people) * 1.35 or 1)
    alt = title + ": " + "; ".join(f"{label}, {_counts(n, p, lang)}" for label, n, p in zip(labels, meetings, people))
    return _chart(fig, "engagement", title, alt + ".", 7)


def reach_by_nation(rows: list[tuple[str, int, int]], lang: str = "en") -> Chart:
    _ = gettext_for(lang)
    return _bars("nations", _("Reach by nation"), rows, lang)


def reach_by_characteristic(rows: list[tuple[str, int, int]], lang: str = "en") -> Chart:
    _ = gettext_for(lang)
    note = _("A meeting counts towards every characteristic it reached, so these figures add up to more than the "
             "meetings held and the attendances.")
    return _bars("characteristics", _("Reach by protected characteristic"), rows, lang, note)


def action_plan_timeline(bars: list[tuple[str, str, date | None, date | None, str, bool]], as_of: date,
                         lang: str = "en") -> Chart:
    """A Gantt of activities grouped by work stream. Every activity is a row: ongoing work (no start) is hatched
    across the whole range, work with no dates at all is dotted there, and the legend says so. Names wrap onto
    two lines rather than being cut, and the legend sits in the figure's own space (constrained layout)."""
    _ = gettext_for(lang)
    title = _("Action plan timeline")
    if not bars:
        return _empty("timeline", title, lang)
    dated = [b for b in bars if b[2] is not None]
    starts = [b[2] for b in dated] or [as_of]
    ends = [b[3] for b in dated] or [as_of]
    first, last = min(min(starts), as_of), max(max(ends), as_of)
    first, last = first - timedelta(days=15), last + timedelta(days=15)
    streams = list(dict.fromkeys(b[0] for b in bars))
    height = min(23.0, 4.5 + 0.6 * len(bars) + 0.4 * len(streams))
    fig = _figure(height)
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot()
    kinds = set()
    for row, (stream, activity, start, end, status, has_dates) in enumerate(bars):
        colour = PALETTE[streams.index(stream) % len(PALETTE)]
        if start is None:
            hatch = "///" if has_dates else "..."
            kinds.add(hatch)
            ax.barh(row, (last - first).days, left=0, color="white", edgecolor=colour, hatch=hatch, height=0.6)
        else:
            ax.barh(row, max((end - start).days, 6), left=(start - first).days, color=colour, height=0.6)
    labels = ["\n".join(textwrap.wrap(b[1], 56, max_lines=2, placeholder="…")) for b in bars]
    ax.set_yticks(range(len(bars)), labels, fontsize=6.5, linespacing=1.0)
    ax.invert_yaxis()
    ticks = _month_starts(first, last)
    step = max(1, -(-len(ticks) // 6))
    ax.set_xticks([(d - first).days for d in ticks[::step]],
                  [format_month(d, lang).replace(" ", "\n") for d in ticks[::step]], fontsize=7.5)
    ax.set_xlim(0, (last - first).days)
    today = ax.axvline((as_of - first).days, color="black", linestyle="--", linewidth=1)
    from matplotlib.patches import Patch

    handles = [Patch(color=PALETTE[i % len(PALETTE)]) for i in range(len(streams))] + [today]
    names = [textwrap.fill(s, 80) for s in streams] + [_("as of {date}").format(date=format_month(as_of, lang))]
    if "///" in kinds:
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="///"))
        names.append(_("Ongoing: no start or end, shown across the whole plan"))
    if "..." in kinds:
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="..."))
        names.append(_("No dates given yet, shown across the whole plan"))
    fig.legend(handles, names, loc="outside lower left", ncol=1, frameon=False, fontsize=7.5)
    parts = []
    for stream in streams:
        items = [f"{b[1]} ({b[4]}, {_span_text(b[2], b[3], b[5], lang)})" for b in bars if b[0] == stream]
        parts.append(f"{stream}: " + "; ".join(items))
    return _chart(fig, "timeline", title, title + ". " + ". ".join(parts) + ".", height)


def _span_text(start: date | None, end: date | None, has_dates: bool, lang: str) -> str:
    _ = gettext_for(lang)
    if start is None:
        return _("ongoing") if has_dates else _("no dates given")
    first, last = format_month(start, lang), format_month(end, lang)
    return first if first == last else _("{start} to {end}").format(start=first, end=last)


def _month_starts(first: date, last: date) -> list[date]:
    return [month for month in months_between(first, last) if month >= first]


def delivery_plan_chart(bars: list[tuple[str, str, int, int, bool]], quarters: list[str], lang: str = "en") -> Chart:
    """The funded years by quarter: one row per activity across the quarters it runs (a whole-year activity spans
    four), coloured by work stream, a diamond at the end of a milestone. `bars`: (work stream, activity, first
    and last quarter counted from 0, milestone); `quarters`: each quarter's label, the
    first of a year giving the year's name over its first month."""
    _ = gettext_for(lang)
    title = _("Delivery plan by quarter")
    if not bars:
        return _empty("delivery", title, lang)
    height = min(22.0, 5.0 + 0.7 * len(bars))
    fig = _figure(height)
    fig.set_layout_engine("constrained")            # the names and the legend in the figure's own space
    ax = fig.add_subplot()
    streams = sorted(dict.fromkeys(b[0] for b in bars), key=lambda s: (int(s.split(".")[0]) if s.split(".")[0].isdigit()
                                                                      else 999, s))
    for row, (stream, _activity, first, last, milestone) in enumerate(bars):
        colour = PALETTE[streams.index(stream) % len(PALETTE)]
        ax.barh(row, last - first + 1, left=first, color=colour, height=0.6)
        if milestone:
            ax.plot(last + 1, row, marker="D", color="black", markersize=6)
    labels = ["\n".join(textwrap.wrap(b[1], 56, max_lines=2, placeholder="…")) for b in bars]    # not cut short
    ax.set_yticks(range(len(bars)), labels, fontsize=6.5, linespacing=1.0)
    ax.invert_yaxis()
    ax.set_xticks([i + 0.5 for i in range(len(quarters))], [_("Q{n}").format(n=i % 4 + 1)
                                                            for i in range(len(quarters))], fontsize=7.5)
    ax.set_xlim(0, len(quarters) + 0.3)
    for year_start in range(4, len(quarters), 4):
        ax.axvline(year_start, color="grey", linewidth=0.8)
    years = ax.secondary_xaxis("top")                    # each year's name and first month over its quarters
    years.set_xticks([start + 2 for start in range(0, len(quarters), 4)], quarters[::4], fontsize=7.5)
    years.tick_params(length=0)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(color=PALETTE[i % len(PALETTE)]) for i in range(len(streams))]
    labels = [textwrap.fill(s or _("No work stream"), 80) for s in streams]
    if any(b[4] for b in bars):
        handles.append(Line2D([], [], marker="D", color="black", linestyle=""))
        labels.append(_("Milestone"))
    fig.legend(handles, labels, loc="outside lower left", ncol=1, frameon=False, fontsize=7.5)   # the caption
    # under the figure names it: no title drawn inside it too

    def when(i: int) -> str:
        return quarters[i - i % 4].split("\n")[0] + " " + _("Q{n}").format(n=i % 4 + 1)

    parts = [f"{b[1]}: " + (_("{start} to {end}").format(start=when(b[2]), end=when(b[3])) if b[3] != b[2]
                            else when(b[2]))
             + (f" ({_('milestone')})" if b[4] else "") for b in bars]
    return _chart(fig, "delivery", title, title + ". " + "; ".join(parts) + ".", height)


def budget_by_heading(rows: list[tuple[str, int]], lang: str = "en") -> Chart:
    _ = gettext_for(lang)
    title = _("Budget by heading")
    if not rows:
        return _empty("budget", title, lang)
    rows = sorted(rows, key=lambda r: -r[1])
    height = max(4.0, 1.6 + 0.75 * len(rows))
    fig = _figure(height)
    ax = fig.add_subplot()
    bars = ax.barh([textwrap.fill(h, 28) for h, _a in rows][::-1], [a for _h, a in rows][::-1], color=PALETTE[2])
    ax.bar_label(bars, [format_money(a, lang) for _h, a in rows][::-1], padding=5, fontsize=8.5)
    ax.set_xlim(0, max(a for _h, a in rows) * 1.3 or 1)
    ax.xaxis.set_major_formatter(lambda value, _pos: format_money(int(value), lang))
    total = sum(a for _h, a in rows)
    alt = title + ": " + "; ".join(f"{h}, {format_money(a, lang)}" for h, a in rows) + ". " + \
        _("Total {total}.").format(total=format_money(total, lang))
    return _chart(fig, "budget", title, alt, height)


def specs(w) -> dict[str, tuple[str, tuple]]:
    """Each chart as (function in this module, plain arguments): what the build draws in parallel and caches."""
    from .blocks import reach_rows

    f, lang = w.fig, w.lang

    bars = [(stream, a.activity, a.when.start if a.when else None, a.when.end if a.when else None,
             w.label(tx.ACTION_STATUSES, a.status or "planned"), a.when is not None)
            for stream, actions in f.workstreams for a in actions]
    return {
        "engagement": ("engagement_over_time", (f.by_month, lang)),
        "nations": ("reach_by_nation", (reach_rows(w, f.by_nation, tx.NATIONS), lang)),
        "characteristics": ("reach_by_characteristic", (reach_rows(w, f.by_characteristic, tx.CHARACTERISTICS), lang)),
        "timeline": ("action_plan_timeline", (bars, w.ev.project.as_of, lang)),
        "budget": ("budget_by_heading", (f.budget_by_heading, lang)),
        "delivery": ("delivery_plan_chart", delivery_bars(w)),
    }


def delivery_bars(w) -> tuple[list, list[str], str]:
    """The delivery plan as `delivery_plan_chart` takes it: each quarter of the grant labelled with its year
    and (from start_date) the year's first month."""
    from .funded_blocks import year_label

    years = w.ev.project.duration_years or max((y for y, _items in w.fig.delivery_years), default=0)
    quarters = [year_label(w, y) for y in range(1, years + 1) for _q in range(4)]
    bars = [(a.workstream or "", a.activity, (y - 1) * 4 + (a.quarter or 1) - 1, (y - 1) * 4 + (a.quarter or 4) - 1,
             a.is_milestone) for y, items in w.fig.delivery_years for a in items if y <= years]
    return bars, quarters, w.lang
