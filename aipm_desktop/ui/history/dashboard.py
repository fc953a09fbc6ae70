"""The statistics window: QtCharts views of numbers computed by ``core/stats.py``.

QtCharts is loaded only when this module is imported, which the main window
does the first time the statistics are opened, so start-up never pays for it.
The numbers are computed on a pool thread (see `run_in_background`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, QModelIndex, QObject, Qt, QTime, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.stats import (
    COVERAGE_BANDS,
    RANGES,
    Dashboard,
    DayCount,
    GroupScore,
    SpokenPoint,
    TrendPoint,
)
from aipm_desktop.ui.history.chart_gaps import chart_gaps
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.background import run_in_background
from aipm_desktop.ui.widgets.inert import tooltip_text
from aipm_desktop.ui.widgets.row_table_model import AnyIndex, RowTableModel
from aipm_desktop.ui.widgets.theme import is_dark

EMPTY_TEXT = (
    "No statistics yet.\n\nAnswer a question in the main window (Return starts, Ctrl+Return "
    "submits), tick the key points you covered and rate yourself 1–4. Your progress, "
    "strengths and due questions appear here."
)
CHART_HEIGHT = 280
BAND_COLOURS = ("#d73027", "#fc8d59", "#91cf60", "#1a9850")
RATING_COLOUR = "#3b6fb6"
COVERAGE_COLOUR = "#e08214"

DashboardSource = Callable[[int], Dashboard]
"""Computes the dashboard for a period in days; safe to call on a pool thread."""


def _qdatetime(day: date, hour: int) -> QDateTime:
    """Local time ``hour``:00 on ``day``."""
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0))


def _msecs(day: date) -> float:
    return float(_qdatetime(day, 12).toMSecsSinceEpoch())


def _bucket_x(point: TrendPoint) -> float:
    """The middle of a trend bucket, on the date axis."""
    return _msecs(point.start) + (point.days - 1) / 2 * 86_400_000


def _date_axis(first: date, last: date) -> QDateTimeAxis:
    axis = QDateTimeAxis()
    axis.setFormat("MMM d" if (last - first).days < 200 else "MMM yy")
    axis.setRange(_qdatetime(first, 0), _qdatetime(last, 23))
    axis.setTickCount(6)
    return axis


def _value_axis(low: float, high: float, title: str, label_format: str = "%d") -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(low, high)
    axis.setTitleText(title)
    axis.setLabelFormat(label_format)
    return axis


def _chart(title: str) -> QChart:
    chart = QChart()
    if is_dark(QApplication.palette()):  # the charts follow the app's light or dark theme
        chart.setTheme(QChart.ChartTheme.ChartThemeDark)
    chart.setTitle(f"<b>{title}</b>")
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def _line(name: str, colour: str, points: Sequence[tuple[float, float]]) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    pen = QPen(QColor(colour))
    pen.setWidth(2)
    series.setPen(pen)
    for x, y in points:
        series.append(x, y)
    series.setPointsVisible(len(points) < 40)
    return series


def attempts_chart(per_day: Sequence[DayCount]) -> QChart:
    """Attempts per day as bars with their counts; over a month, per week (Monday first)."""
    buckets = _weekly(per_day) if len(per_day) > BARS_BY_DAY else list(per_day)
    by_week = len(per_day) > BARS_BY_DAY
    chart = _chart("Attempts per week" if by_week else "Attempts per day")
    series = QBarSeries()
    bar = QBarSet("Attempts")
    bar.setColor(QColor(RATING_COLOUR))
    for bucket in buckets:
        bar.append(bucket.count)
    series.append(bar)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append([_bucket_name(i) for i in range(len(buckets))])
    x.setLabelsVisible(False)  # a bar is too narrow for its date: the date axis below says
    x.setGridLineVisible(False)
    top = max((b.count for b in buckets), default=0)
    y = _value_axis(0, max(4, top + 1), "Attempts")
    y.applyNiceNumbers()
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    dates = _date_axis(buckets[0].day, buckets[-1].day)
    dates.setTitleText("Weeks, from Monday" if by_week else "Days")
    chart.addAxis(dates, Qt.AlignmentFlag.AlignBottom)
    chart.legend().hide()
    return chart


BARS_BY_DAY = 31
"""Up to a month, one bar a day; longer periods get one bar a week."""


def _weekly(per_day: Sequence[DayCount]) -> list[DayCount]:
    weeks: dict[date, int] = {}
    for item in per_day:
        monday = item.day - timedelta(days=item.day.weekday())
        weeks[monday] = weeks.get(monday, 0) + item.count
    return [DayCount(day, count) for day, count in sorted(weeks.items())]


def _bucket_name(index: int) -> str:
    """A category axis needs unique names; the bars' names are never shown."""
    return str(index)


def rating_coverage_chart(trend: Sequence[TrendPoint], first: date, last: date) -> QChart:
    """Average self-rating (left axis) and key-point coverage (right axis) per bucket."""
    chart = _chart("Average self-rating and key points covered")
    rating = _line(
        "Self-rating (1 Again – 4 Easy)",
        RATING_COLOUR,
        [(_bucket_x(p), p.average_rating) for p in trend if p.average_rating is not None],
    )
    coverage = _line(
        "Key points covered (%)",
        COVERAGE_COLOUR,
        [(_bucket_x(p), p.average_coverage * 100) for p in trend if p.average_coverage is not None],
    )
    chart.addSeries(rating)
    chart.addSeries(coverage)
    x = _date_axis(first, last)
    left = _value_axis(1, 4, "Rating")
    left.setTickCount(4)
    right = _value_axis(0, 100, "Covered %")
    right.setTickCount(5)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
    for series, axis in ((rating, left), (coverage, right)):
        series.attachAxis(x)
        series.attachAxis(axis)
    return chart


def time_chart(trend: Sequence[TrendPoint], first: date, last: date) -> QChart:
    """Average time used against the average limit, in minutes."""
    chart = _chart("Time used against the limit (average minutes)")
    used = [
        (_bucket_x(p), p.average_seconds_used / 60)
        for p in trend
        if p.average_seconds_used is not None
    ]
    limit = [
        (_bucket_x(p), p.average_limit_seconds / 60)
        for p in trend
        if p.average_limit_seconds is not None
    ]
    used_series = _line("Time used", RATING_COLOUR, used)
    limit_series = _line("Limit", "#888888", limit)
    limit_series.setPen(QPen(QColor("#888888"), 2, Qt.PenStyle.DashLine))
    chart.addSeries(used_series)
    chart.addSeries(limit_series)
    x = _date_axis(first, last)
    top = max((y for _x, y in used + limit), default=5)
    y = _value_axis(0, max(1.0, top * 1.15), "Minutes")
    y.applyNiceNumbers()
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for series in (used_series, limit_series):
        series.attachAxis(x)
        series.attachAxis(y)
    return chart


def speaking_chart(spoken: Sequence[SpokenPoint], first: date, last: date) -> QChart:
    """Words and fillers per minute of each spoken answer (pace: the 130–160 band dashed)."""
    chart = _chart("Spoken answers: words and fillers per minute")
    pace = [(_msecs(p.day), p.words_per_minute) for p in spoken if p.words_per_minute is not None]
    fillers = [
        (_msecs(p.day), p.fillers_per_minute) for p in spoken if p.fillers_per_minute is not None
    ]
    pace_series = _line("Words per minute", RATING_COLOUR, pace)
    filler_series = _line("Fillers per minute", COVERAGE_COLOUR, fillers)
    band = [
        _line(name, "#888888", [(_msecs(first), value), (_msecs(last), value)])
        for name, value in (("130 (usual pace)", 130), ("160", 160))
    ]
    for guide in band:
        guide.setPen(QPen(QColor("#888888"), 1, Qt.PenStyle.DashLine))
        guide.setPointsVisible(False)
    x = _date_axis(first, last)
    top = max((y for _x, y in pace), default=160)
    words_axis = _value_axis(0, max(200.0, top * 1.15), "Words per minute")
    fillers_axis = _value_axis(
        0, max(5.0, max((y for _x, y in fillers), default=0) * 1.2), "Fillers per minute", "%.1f"
    )
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(words_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(fillers_axis, Qt.AlignmentFlag.AlignRight)
    for series, axis in ((pace_series, words_axis), *((g, words_axis) for g in band)):
        chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(axis)
    chart.addSeries(filler_series)
    filler_series.attachAxis(x)
    filler_series.attachAxis(fillers_axis)
    chart.legend().markers(band[1])[0].setVisible(False)
    return chart


def category_chart(categories: Sequence[GroupScore]) -> QChart:
    """Per category: self-rating and coverage, both as 0–100 %."""
    chart = _chart("By category (weakest at the bottom)")
    series = QHorizontalBarSeries()
    rating = QBarSet("Self-rating (Again 0 % – Easy 100 %)")
    rating.setColor(QColor(RATING_COLOUR))
    coverage = QBarSet("Key points covered")
    coverage.setColor(QColor(COVERAGE_COLOUR))
    names = []
    for group in categories:
        names.append(f"{group.label} ({group.rated})")
        rating.append(0 if group.average_rating is None else (group.average_rating - 1) / 3 * 100)
        coverage.append(0 if group.average_coverage is None else group.average_coverage * 100)
    series.append(rating)
    series.append(coverage)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value %")
    series.setLabelsPrecision(2)
    chart.addSeries(series)
    y = QBarCategoryAxis()
    y.append(names)
    x = _value_axis(0, 100, "%")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y)
    series.attachAxis(x)
    return chart


def calibration_chart(dashboard: Dashboard) -> QChart:
    """Attempts per self-rating, stacked by the share of key points covered."""
    calibration = dashboard.calibration
    chart = _chart("Calibration: self-rating against key points covered")
    series = QStackedBarSeries()
    for band, (label, colour) in enumerate(zip(COVERAGE_BANDS, BAND_COLOURS, strict=True)):
        bar = QBarSet(f"{label} covered")
        bar.setColor(QColor(colour))
        for rating in Rating:
            bar.append(calibration.counts[rating][band])
        series.append(bar)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append([rating.label for rating in Rating])
    x.setTitleText("Your self-rating")
    top = max((sum(calibration.counts[r]) for r in Rating), default=0)
    y = _value_axis(0, max(4, top), "Rated attempts")
    y.applyNiceNumbers()
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart


def due_chart(due: Sequence[DayCount]) -> QChart:
    """Questions due on each of the next 14 days (overdue ones count today)."""
    chart = _chart("Due in the next 14 days")
    series = QBarSeries()
    bar = QBarSet("Questions due")
    bar.setColor(QColor(RATING_COLOUR))
    names = []
    for item in due:
        names.append(str(item.day.day))
        bar.append(item.count)
    series.append(bar)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(names)
    x.setTitleText(
        f"Day of the month, from today ({due[0].day.strftime('%b %d')}; overdue ones count today)"
    )
    top = max((d.count for d in due), default=0)
    y = _value_axis(0, max(4, top), "Questions")
    y.applyNiceNumbers()
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.legend().hide()
    return chart


def calibration_text(dashboard: Dashboard) -> str:
    """Over- and under-confidence in words."""
    calibration = dashboard.calibration
    if calibration.total == 0:
        return "Rate answers to questions that have key points to see your calibration."
    good_easy = sum(sum(calibration.counts[r]) for r in (Rating.GOOD, Rating.EASY))
    again_hard = sum(sum(calibration.counts[r]) for r in (Rating.AGAIN, Rating.HARD))
    averages = ", ".join(
        f"{r.label} {'–' if a is None else f'{round(a * 100)} %'}"
        for r, a in calibration.average_coverage.items()
    )
    return (
        f"Average key points covered per rating: {averages}.<br>"
        f"<b>Generous:</b> {calibration.generous} of {good_easy} answers rated Good or Easy "
        "covered under half the key points. "
        f"<b>Harsh:</b> {calibration.harsh} of {again_hard} answers rated Again or Hard "
        "covered three quarters or more."
    )


class ScoreModel(RowTableModel[GroupScore]):
    """Questions with their average rating, coverage and score, weakest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(("Question", "Rated", "Average rating", "Key points", "Score"), [], parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        group = self.object_at(index)
        if group is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return tooltip_text(group.label)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignCenter
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return group.label
        if column == 1:
            return group.rated
        if column == 2:
            return "–" if group.average_rating is None else f"{group.average_rating:.1f}"
        if column == 3:
            coverage = group.average_coverage
            return "–" if coverage is None else f"{round(coverage * 100)} %"
        return f"{round(group.score * 100)}"


CHART_TEXT = {
    "attempts": (
        "Attempts per day chart",
        "Bars of how many answers you gave on each day (or week) of the period.",
    ),
    "due": (
        "Due questions chart",
        "Bars of how many questions fall due on each of the next 14 days; overdue ones "
        "count today.",
    ),
    "rating": (
        "Rating and key points chart",
        "Your average self-rating (1 Again to 4 Easy) and the share of key points covered, "
        "over the period.",
    ),
    "time": (
        "Time used chart",
        "Your average minutes used against the average time limit, over the period.",
    ),
    "categories": (
        "Categories chart",
        "Per category, your self-rating and the key points covered as 0 to 100 percent; "
        "the weakest category is at the bottom.",
    ),
    "speaking": (
        "Spoken answers chart",
        "Words per minute of each spoken answer, with the usual 130 to 160 as a guide, "
        "and fillers per minute.",
    ),
    "calibration": (
        "Calibration chart",
        "Attempts per self-rating, split by the share of key points covered; the note "
        "below says how well the two agree.",
    ),
}
"""Each chart view's accessible name and description, by chart name."""

CHART_TITLES = {
    "attempts": "Attempts per day",
    "due": "Due in the next 14 days",
    "rating": "Average self-rating and key points covered",
    "time": "Time used against the limit",
    "categories": "By category",
    "calibration": "Calibration: self-rating against key points covered",
    "speaking": "Spoken answers: words and fillers per minute",
}
"""Each chart's title, heading the words shown when it has too little data."""


class DashboardWindow(QWidget):
    """Statistics for the last 30, 90 or 365 days.

    Signals:
        loaded(): the numbers for the chosen period are on screen.
        failed(str): they could not be computed; the message is shown too.
    """

    loaded = Signal()
    failed = Signal(str)
    practise_requested = Signal(str)

    def __init__(
        self, source: DashboardSource, *, background: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Statistics")
        self._source = source
        self._background = background
        self._request = 0
        self.dashboard: Dashboard | None = None

        self.range_choice = QComboBox()
        for days in RANGES:
            self.range_choice.addItem(f"Last {days} days", days)
        describe_control(
            self.range_choice,
            "Period",
            "The period the statistics cover: the last 30, 90 or 365 days (Alt+P).",
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        top = QHBoxLayout()
        period_label = QLabel("&Period:")
        period_label.setBuddy(self.range_choice)
        top.addWidget(period_label)
        top.addWidget(self.range_choice)
        top.addWidget(self.summary, 1)

        self.message = QLabel("Computing your statistics…")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName("Statistics status")

        self.views = {
            name: self._chart_view(name)
            for name in (
                "attempts",
                "due",
                "rating",
                "time",
                "categories",
                "calibration",
                "speaking",
            )
        }
        self.gap_notes = {name: self._gap_note(name) for name in self.views}
        """Per chart, the words shown instead of it when it has too little data."""
        self.slots = {name: self._chart_slot(name) for name in self.views}
        self.calibration_note = QLabel()
        self.calibration_note.setWordWrap(True)
        self.scores = ScoreModel(self)
        self.score_view = QTableView()
        self.score_view.setModel(self.scores)
        describe_control(
            self.score_view,
            "Questions, weakest first",
            "Each question you attempted in the period with its score (the mean of your "
            "average rating and the share of key points covered), weakest first.",
            tooltip=False,
        )
        self.score_view.verticalHeader().hide()
        self.score_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.score_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.score_view.setMinimumHeight(220)
        self.score_view.activated.connect(self._practise_row)
        header = self.score_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Widths from the rows in view (one format for all): with 10,000 questions Qt
        # would otherwise ask for 1,000 rows' texts on every resize.
        header.setResizeContentsPrecision(0)

        grid = QGridLayout()
        grid.addWidget(self.slots["attempts"], 0, 0)
        grid.addWidget(self.slots["due"], 0, 1)
        grid.addWidget(self.slots["rating"], 1, 0)
        grid.addWidget(self.slots["time"], 1, 1)
        grid.addWidget(self.slots["categories"], 2, 0)
        calibration_box = QWidget()
        calibration_layout = QVBoxLayout(calibration_box)
        calibration_layout.setContentsMargins(0, 0, 0, 0)
        calibration_layout.addWidget(self.slots["calibration"], 1)
        calibration_layout.addWidget(self.calibration_note)
        grid.addWidget(calibration_box, 2, 1)
        grid.addWidget(self.slots["speaking"], 3, 0, 1, 2)  # shown once an answer is spoken
        scores_title = QLabel(
            "<b>Questions, weakest first</b> — score: the mean of your average rating "
            "(Again 0 – Easy 100) and the share of key points covered"
        )
        scores_title.setWordWrap(True)
        grid.addWidget(scores_title, 4, 0, 1, 2)
        grid.addWidget(self.score_view, 5, 0, 1, 2)
        charts = QWidget()
        charts.setLayout(grid)
        self.charts_area = QScrollArea()
        self.charts_area.setWidget(charts)
        self.charts_area.setWidgetResizable(True)
        self.charts_area.setAccessibleName("Charts")

        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.charts_area)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        close = QAction("Close", self)
        close.setShortcuts([QKeySequence("Esc"), QKeySequence("Ctrl+W")])
        close.triggered.connect(self.close)
        self.addAction(close)
        self.range_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.setMinimumSize(900, 560)  # fixed: contents never resize a shown window
        self.resize(1200, 860)

    def _chart_view(self, name: str) -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(CHART_HEIGHT)
        view.setMinimumWidth(420)
        title, description = CHART_TEXT[name]
        describe_control(view, title, description, tooltip=False)
        return view

    def _gap_note(self, name: str) -> QLabel:
        title, _description = CHART_TEXT[name]
        note = QLabel()
        note.setTextFormat(Qt.TextFormat.RichText)  # the app's own words, escaped
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setFrameShape(QFrame.Shape.StyledPanel)
        note.setMargin(24)
        note.setAccessibleName(title.replace(" chart", ""))
        return note

    def _chart_slot(self, name: str) -> QStackedWidget:
        """The chart, or in its place the words saying it has too little data yet."""
        slot = QStackedWidget()
        slot.addWidget(self.views[name])
        slot.addWidget(self.gap_notes[name])
        return slot

    def shows_chart(self, name: str) -> bool:
        """True when the chart is drawn, False when words stand in for it."""
        return self.slots[name].currentWidget() is self.views[name]

    def _show_gaps(self, dashboard: Dashboard) -> None:
        gaps = chart_gaps(dashboard)
        for name, slot in self.slots.items():
            words = gaps.get(name)
            if words is None:
                slot.setCurrentWidget(self.views[name])
            else:
                self.gap_notes[name].setText(
                    f"<p><b>{html.escape(CHART_TITLES[name])}</b></p><p>{html.escape(words)}</p>"
                )
                slot.setCurrentWidget(self.gap_notes[name])

    @property
    def range_days(self) -> int:
        """The chosen period in days."""
        return int(self.range_choice.currentData())

    def set_range_days(self, days: int) -> None:
        """Choose the period (30, 90 or 365 days); recomputes."""
        self.range_choice.setCurrentIndex(max(0, self.range_choice.findData(days)))

    def refresh(self) -> None:
        """Compute the numbers again (off the UI thread when a data file is used)."""
        self._request += 1
        request, days = self._request, self.range_days
        if self.dashboard is None:
            self.message.setText("Computing your statistics…")
            self.stack.setCurrentWidget(self.message)
        self.summary.setText("Computing…")
        if not self._background:
            try:
                result = self._source(days)
            except Exception as error:  # shown, never fatal
                self._show_error(request, str(error))
                return
            self._show(request, result)
            return
        run_in_background(
            lambda: self._source(days),
            lambda result: self._show(request, result),
            lambda message: self._show_error(request, message),
            self,
        )

    def _show(self, request: int, result: object) -> None:
        if request != self._request or not isinstance(result, Dashboard):
            return  # a newer request is on its way
        self.show_dashboard(result)

    def _show_error(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self.summary.setText("")
        self.message.setText(f"Your statistics could not be computed: {message}")
        self.stack.setCurrentWidget(self.message)
        self.failed.emit(message)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        """Put these numbers on screen."""
        self.dashboard = dashboard
        if dashboard.is_empty:
            self.summary.setText("")
            self.message.setText(EMPTY_TEXT)
            self.stack.setCurrentWidget(self.message)
            self.loaded.emit()
            return
        first, last = dashboard.per_day[0].day, dashboard.today
        streak_days = "day" if dashboard.current_streak == 1 else "days"
        self.summary.setText(
            f"<b>{dashboard.attempts_in_range}</b> "
            f"attempt{'' if dashboard.attempts_in_range == 1 else 's'} in the last "
            f"{dashboard.range_days} days ({dashboard.total_attempts} in all) · "
            f"streak <b>{dashboard.current_streak}</b> {streak_days} "
            f"(longest in this period {dashboard.longest_streak}) · "
            f"<b>{dashboard.due_now}</b> due now"
        )
        self._show_gaps(dashboard)
        self._set_chart("attempts", attempts_chart(dashboard.per_day))
        self._set_chart("due", due_chart(dashboard.due_per_day))
        self._set_chart("rating", rating_coverage_chart(dashboard.trend, first, last))
        self._set_chart("time", time_chart(dashboard.trend, first, last))
        self._set_chart("categories", category_chart(list(reversed(dashboard.categories))))
        self._set_chart("calibration", calibration_chart(dashboard))
        self.calibration_note.setText(calibration_text(dashboard))
        self.calibration_note.setVisible(self.shows_chart("calibration"))
        self.slots["speaking"].setVisible(bool(dashboard.spoken))
        if dashboard.spoken:
            self._set_chart("speaking", speaking_chart(dashboard.spoken, first, last))
        self.scores.set_rows(dashboard.questions)
        self.stack.setCurrentWidget(self.charts_area)
        self.loaded.emit()

    def _practise_row(self, index: QModelIndex) -> None:
        """Return or a double-click on a question: practise it in the main window."""
        row = self.scores.object_at(index)
        if row is not None:
            self.practise_requested.emit(row.key)

    def _set_chart(self, name: str, chart: QChart) -> None:
        view = self.views[name]
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def chart(self, name: str) -> QChart:
        """One of the charts: attempts, due, rating, time, categories, calibration."""
        return self.views[name].chart()
