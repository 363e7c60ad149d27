"""The two charts of the day summary: enrolments per hour and per occupation."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String

from app.domain.day_summary import Tally, hour_span, top_with_rest
from app.domain.money import format_number
from app.pdf import fonts
from app.pdf.palette import GREEN, GREEN_DARK, GREY, RULE
from app.pdf.text import ellipsize

TOP_OCCUPATIONS = 8  # the chart and the day summary's table group the same occupations under "Lainnya"


def _title(d: Drawing, text: str, height: float) -> None:
    d.add(String(0, height - 9, text, fontName=fonts.BOLD, fontSize=8.5, fillColor=GREEN_DARK))


def hour_chart(by_hour: Sequence[int], width: float, height: float) -> Drawing:
    """Enrolments per local hour, over the hours the counter was open."""
    hours = list(hour_span(by_hour))
    d = Drawing(width, height)
    _title(d, "Pendaftaran per jam", height)
    chart = VerticalBarChart()
    chart.x, chart.y = 22, 22
    chart.width, chart.height = width - 30, height - 42
    chart.data = [[by_hour[h] for h in hours]]
    chart.bars[0].fillColor = GREEN
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 3
    chart.categoryAxis.categoryNames = [f"{h:02d}" for h in hours]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.strokeColor = GREY
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.strokeColor = GREY
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.valueMin = 0
    top = max([*by_hour, 1])
    step = max(1, -(-top // 4))
    chart.valueAxis.valueMax = step * 4
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = lambda v: format_number(int(v))
    chart.barLabelFormat = lambda v: format_number(int(v)) if v else ""
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    d.add(chart)
    d.add(
        String(
            chart.x + chart.width / 2,
            4,
            "jam (waktu setempat)",
            fontName=fonts.REGULAR,
            fontSize=6.5,
            fillColor=GREY,
            textAnchor="middle",
        )
    )
    return d


def occupation_chart(tallies: Sequence[Tally], width: float, height: float) -> Drawing:
    """Enrolments per occupation: the seven largest and the rest together."""
    shown = list(reversed(top_with_rest(tallies, TOP_OCCUPATIONS)))
    d = Drawing(width, height)
    _title(d, "Pendaftaran per pekerjaan", height)
    if not shown:
        d.add(
            String(
                width / 2,
                height / 2,
                "Belum ada pendaftaran",
                fontName=fonts.REGULAR,
                fontSize=8,
                fillColor=GREY,
                textAnchor="middle",
            )
        )
        return d
    label_w = 70.0
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w + 4, 8
    chart.width, chart.height = width - label_w - 22, height - 26
    chart.data = [[t.count for t in shown]]
    chart.bars[0].fillColor = GREEN
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 4
    chart.categoryAxis.categoryNames = [
        ellipsize(t.label.title(), fonts.REGULAR, 6.5, label_w) for t in shown
    ]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = GREY
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(t.count for t in shown) * 1.15
    chart.barLabelFormat = lambda v: format_number(int(v))
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d
