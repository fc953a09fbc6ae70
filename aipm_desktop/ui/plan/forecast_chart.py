"""A line chart of readiness per day up to an interview (QtCharts is imported on first use)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QWidget

from aipm_desktop.core.plan import InterviewForecast


def forecast_chart(forecast: InterviewForecast, parent: QWidget | None = None) -> QWidget:
    """Two lines, "Following the plan" and "Without practice", in % per day.

    Only fixed text goes into the chart (its labels are rich text); the interview's
    own name is shown by the caller in a plain-text label. Without QtCharts a plain
    note is returned instead, so the dialog still works.
    """
    try:
        from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
    except ImportError:  # a build without the QtCharts module
        note = QLabel("The chart needs the QtCharts module.", parent)
        note.setTextFormat(Qt.TextFormat.PlainText)
        return note
    chart = QChart()
    chart.setTitle("Questions ready (%) per day until the interview")
    lines = (("Following the plan", True), ("Without practice", False))
    days = len(forecast.readiness) - 1
    x_axis = QValueAxis()
    x_axis.setRange(0, max(1, days))
    x_axis.setLabelFormat("%d")
    x_axis.setTitleText("Days from today")
    x_axis.setTickCount(min(max(2, days + 1), 8))
    y_axis = QValueAxis()
    y_axis.setRange(0, 100)
    y_axis.setLabelFormat("%d")
    y_axis.setTitleText("Ready (%)")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for name, planned in lines:
        series = QLineSeries()
        series.setName(name)
        for offset, point in enumerate(forecast.readiness):
            share = point.with_plan if planned else point.without_practice
            series.append(float(offset), 100.0 * share)
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName("Readiness chart")
    view.setAccessibleDescription(forecast.sentence())
    return view
