"""The supervision pack's overview page: what the person has been working on.

A supervisor's first question, answered before any reflection is read: the focus
values week by week as a small inline SVG chart (weeks along, values down; a circle
where a value was a new focus, a square where it was kept from the week before, so it
reads in black and white), the areas visited, and the CHIME elements noted as most and
least present each week. The chart is drawn here, with no script and nothing loaded,
and its only words are value names and week numbers, escaped; a table gives a screen
reader the same.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refleks.journal.labels import Labels
    from refleks.journal.pack_facts import PackFacts, Week

LABEL_WIDTH_MAX = 210  # the chart's column of value names, in its own units
COLUMN, ROW, TOP = 30, 24, 34


def _short(name: str, limit: int = 30) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[:limit - 1] + "…"


def _chart(weeks: list[Week], values: list[tuple[str, str]], labels: Labels) -> str:
    """The focus values as SVG: rows of values, a column a week, shapes for marks."""
    t = labels.t
    label_width = min(LABEL_WIDTH_MAX, 20 + 7 * max(len(_short(name)) for _, name in values))
    legend = max(len(t("html.legend_new")), len(t("html.legend_kept")))
    width = max(label_width + COLUMN * len(weeks) + 10, label_width + 30 + 7 * legend)
    height = TOP + ROW * len(values) + 44
    out = [f'<svg class="chart" role="img" aria-labelledby="chart-label" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'xmlns="http://www.w3.org/2000/svg">\n'
           f'<title id="chart-label">{escape(t("html.chart_label"))}</title>\n']
    for j, week in enumerate(weeks):
        x = label_width + COLUMN * j + COLUMN // 2
        number = week.monday.isocalendar().week
        out.append(f'<text x="{x}" y="{TOP - 14}" text-anchor="middle" class="week">'
                   f'{escape(t("html.week_short", number=number))}</text>\n')
    for i, (value_id, name) in enumerate(values):
        y = TOP + ROW * i + ROW // 2
        out.append(f'<line x1="{label_width}" y1="{y}" x2="{width - 10}" y2="{y}" '
                   'class="grid"/>\n'
                   f'<text x="{label_width - 8}" y="{y + 4}" text-anchor="end">'
                   f'{escape(_short(name))}</text>\n')
        for j, week in enumerate(weeks):
            if value_id not in week.focus:
                continue
            x = label_width + COLUMN * j + COLUMN // 2
            out.append(_mark(x, y, kept=week.focus[value_id]))
    y = TOP + ROW * len(values) + 22
    for kept, key in ((False, "html.legend_new"), (True, "html.legend_kept")):
        out.append(_mark(label_width + 6, y, kept=kept)
                   + f'<text x="{label_width + 18}" y="{y + 4}">{escape(t(key))}</text>\n')
        y += 18
    out.append("</svg>\n")
    return "".join(out)


def _mark(x: int, y: int, *, kept: bool) -> str:
    """A square where the value was kept from the week before, else a circle."""
    if kept:
        return f'<rect x="{x - 6}" y="{y - 6}" width="12" height="12" class="kept"/>\n'
    return f'<circle cx="{x}" cy="{y}" r="6" class="new"/>\n'


def _week_label(week: Week, labels: Labels) -> str:
    iso = week.monday.isocalendar()
    return escape(labels.t("html.week_long", number=iso.week, year=iso.year))


def _focus_table(weeks: list[Week], values: list[tuple[str, str]], labels: Labels) -> str:
    """The chart's data as a table: a row a week, a cell a value."""
    t = labels.t
    head = "".join(f'<th scope="col">{escape(name)}</th>' for _, name in values)
    rows = []
    for week in weeks:
        cells = "".join(
            "<td>" + (escape(t("html.cell_kept") if week.focus[value_id] else t("html.cell_new"))
                      if value_id in week.focus else "") + "</td>"
            for value_id, _ in values)
        rows.append(f'<tr><th scope="row">{_week_label(week, labels)}</th>{cells}</tr>\n')
    return (f'<table class="sr-only">\n<caption>{escape(t("html.focus_by_week"))}</caption>\n'
            f'<tr><th scope="col">{escape(t("html.week"))}</th>{head}</tr>\n'
            + "".join(rows) + "</table>\n")


def overview(facts: PackFacts, labels: Labels) -> str:
    """The overview section; an empty period says so, without a chart."""
    t = labels.t
    out = [f'<section class="overview">\n<h2>{escape(t("html.overview"))}</h2>\n']
    if not facts.count:
        out.append(f'<p class="empty">{escape(t("html.nothing_in_period"))}</p>\n</section>\n')
        return "".join(out)
    weeks = facts.weeks()
    stored = facts.value_names()
    values = [(value_id, labels.name("value", value_id, stored[value_id]))
              for value_id in dict.fromkeys(v for week in weeks for v in week.focus)]
    out.append(f'<h3>{escape(t("html.focus_by_week"))}</h3>\n')
    if values:
        out.append('<figure class="focus-chart">\n' + _chart(weeks, values, labels)
                   + "</figure>\n" + _focus_table(weeks, values, labels))
    else:
        out.append(f'<p class="empty">{escape(t("html.no_chart"))}</p>\n')

    out.append(f'<h3>{escape(t("html.areas"))}</h3>\n')
    areas: dict[str, int] = {}
    for (area_id, area_title), count in facts.areas.items():
        if area_id or area_title.strip():
            name = " ".join(labels.name("area", area_id, area_title).split())
            areas[name] = areas.get(name, 0) + count
    if areas:
        out.append("<ul>\n" + "".join(
            f"<li>{escape(t.count('html.area_count', count, area=name))}</li>\n"
            for name, count in areas.items()) + "</ul>\n")
    else:
        out.append(f'<p class="empty">{escape(t("html.no_areas"))}</p>\n')

    out.append(f'<h3>{escape(t("html.chime_by_week"))}</h3>\n')
    noted = [week for week in weeks if week.present or week.missing]
    if noted:
        def names(items: list[tuple[str, str]]) -> str:
            return escape(", ".join(" ".join(labels.name("chime", i, n).split())
                                    for i, n in items))
        out.append(
            f'<table class="chime">\n<tr><th scope="col">{escape(t("html.week"))}</th>'
            f'<th scope="col">{escape(t("journal.md.chime_present"))}</th>'
            f'<th scope="col">{escape(t("journal.md.chime_missing"))}</th></tr>\n'
            + "".join(f'<tr><th scope="row">{_week_label(week, labels)}</th>'
                      f"<td>{names(week.present)}</td><td>{names(week.missing)}</td></tr>\n"
                      for week in noted) + "</table>\n")
    else:
        out.append(f'<p class="empty">{escape(t("html.no_chime"))}</p>\n')
    out.append("</section>\n")
    return "".join(out)
