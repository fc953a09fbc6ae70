"""The reveal panel: model answer, key-point checklist and self-rating."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.hints import KeyPointHint
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.services.coverage import CoverageReport
from aipm_desktop.ui.practice.checklist import KeyPointChecklist
from aipm_desktop.ui.widgets.markdown_view import MarkdownView

HIDDEN_HINT = (
    "The model answer stays hidden until you submit your answer (Ctrl+Return).\n\n"
    "Need a hint? Peek (Ctrl+Shift+M) shows it now; the attempt is then marked as peeked."
)

CHECKLIST_TITLE = "Key points: tick what your answer covered (Space)"
HINTS_TITLE = (
    "Key points: tick what your answer covered (Space). "
    "The “Hint:” lines are an automatic word match, not your score: only your ticks count."
)
CHECKING_TITLE = "Key points: tick what your answer covered (Space). Checking your answer…"
COVERAGE_TITLE = (
    "Key points: tick what your answer covered (Space). "
    "✓ and ? are an automatic check by meaning, run on this computer ({matcher}), "
    "not your score: only your ticks count."
)
FALLBACK_TITLE = (
    "Key points: tick what your answer covered (Space). "
    "✓ and ? are an automatic word match, not your score: only your ticks count. {reason}"
)


class RevealPanel(QWidget):
    """Model answer, checklist and rating for the current question.

    Signals:
        key_points_changed(list): the ticked key points, after each tick.
        rated(int): a rating button was pressed (a :class:`Rating` value).
    """

    key_points_changed = Signal(list)
    rated = Signal(int)
    revealed_changed = Signal(bool)
    """The model answer was shown (True) or hidden (False)."""
    evidence_chosen = Signal(object)
    """The chosen key point's evidence in the answer, (start, end), or None: the answer
    editor can highlight it."""

    def __init__(self, parent: QWidget | None = None, *, own_layout: bool = True) -> None:
        """``own_layout=False``: the host lays out :attr:`model_answer`, :attr:`assessment`
        and :attr:`hidden_hint` itself; the panel still shows and hides them."""
        super().__init__(parent)
        self._own_layout = own_layout
        self._revealed = False

        self._hidden_label = QLabel(HIDDEN_HINT)
        self._hidden_label.setWordWrap(True)
        self._hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hidden_label.setObjectName("hiddenAnswerHint")
        self.answer_view = MarkdownView()
        self.answer_view.setAccessibleName("Model answer")
        self._answer_markdown = ""
        self._answer_rendered = False
        self.hidden_hint = self._hidden_label
        if not own_layout:
            self.set_hidden_hint(HIDDEN_HINT)
        """Said (and read) while the model answer is hidden."""
        self._stack = QStackedWidget()
        if own_layout:
            self._stack.addWidget(self._hidden_label)
        self._stack.addWidget(self.answer_view)
        self.model_answer: QWidget = self._stack
        """The model answer, the hidden hint in its place when this panel lays itself out."""

        self.checklist = KeyPointChecklist()
        self.checklist.ticked_changed.connect(self.key_points_changed.emit)
        self.checklist.evidence_chosen.connect(self.evidence_chosen.emit)
        self._coverage_ticket = 0
        self._checklist_title = QLabel(CHECKLIST_TITLE)
        self._checklist_title.setWordWrap(True)
        self._checklist_title.setBuddy(self.checklist)

        self.rating_buttons: dict[Rating, QPushButton] = {}
        self._rating_group = QButtonGroup(self)
        self._rating_group.setExclusive(True)
        rating_row = QHBoxLayout()
        self._rating_prompt = QLabel("Rate:")
        rating_row.addWidget(self._rating_prompt)
        for rating in Rating:
            button = QPushButton(rating_text(rating, chosen=False))
            button.setCheckable(True)
            button.setToolTip(f"Rate this answer {rating.label} ({rating.value})")
            button.setAccessibleName(f"Rate {rating.label}")
            button.setAccessibleDescription(f"Rate this answer {rating.label}; key {rating.value}")
            self._rating_group.addButton(button, rating.value)
            self.rating_buttons[rating] = button
            rating_row.addWidget(button)
        self._rating_group.idClicked.connect(self.rated.emit)
        self.suggested_label = QLabel()
        self.suggested_label.setObjectName("suggestedRating")
        self.suggested_label.setTextFormat(Qt.TextFormat.PlainText)
        self.suggested_label.setToolTip(
            "From the share of key points the automatic check found. "
            "You choose the rating; only yours is stored."
        )
        rating_row.addStretch(1)
        rating_row.addWidget(self.suggested_label)

        self._assessment = bottom = QWidget()
        self.assessment: QWidget = bottom
        """The key points and the rating."""
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self._checklist_title)
        bottom_layout.addWidget(self.checklist, 1)
        bottom_layout.addLayout(rating_row)

        if own_layout:
            splitter = QSplitter(Qt.Orientation.Vertical)
            splitter.addWidget(self._stack)
            splitter.addWidget(bottom)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setSizes([400, 260])
            splitter.setChildrenCollapsible(False)
            layout = QVBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(splitter)
        self.show_question(None)

    # -- what the panel shows ------------------------------------------
    def show_question(self, question: Question | None) -> None:
        """Load a question's answer and key points, hidden and locked.

        The Markdown is rendered only when the answer is revealed: browsing the
        list does not pay for answers nobody sees.
        """
        self._answer_markdown = question.model_answer if question else ""
        self._answer_rendered = False
        self.checklist.set_key_points(question.key_points if question else ())
        self.set_revealed(False)
        self.set_assessable(False)
        self.set_rating(None)
        self.show_hints(None)

    def show_hints(self, hints: Sequence[KeyPointHint] | None) -> None:
        """Mark which key points the answer seems to mention (None: no hints)."""
        self._coverage_ticket += 1  # a check still running is now out of date
        self.checklist.set_hints(hints)
        self._checklist_title.setText(HINTS_TITLE if hints else CHECKLIST_TITLE)
        self.suggested_label.clear()
        self.suggested_label.hide()

    def begin_coverage(self) -> int:
        """Say the answer is being checked; returns the ticket :meth:`show_coverage` needs."""
        self.show_hints(None)
        self._checklist_title.setText(CHECKING_TITLE)
        return self._coverage_ticket

    def show_coverage(self, report: CoverageReport, ticket: int) -> bool:
        """Show the check's result, unless the panel moved on since ``ticket`` was given
        (another question, another answer). Returns True when shown."""
        if ticket != self._coverage_ticket:
            return False
        self.checklist.set_matches(report.matches)
        if report.fallback_reason:
            title = FALLBACK_TITLE.format(reason=report.fallback_reason)
        else:
            title = COVERAGE_TITLE.format(matcher=report.matcher_name)
        self._checklist_title.setText(title)
        self.suggested_label.setText(suggestion_text(report))
        self.suggested_label.setAccessibleName(suggestion_text(report))
        self.suggested_label.show()
        return True

    def set_revealed(self, revealed: bool) -> None:
        """Show or hide the model answer, and with it the key points (they are part of it)."""
        if revealed and not self._answer_rendered:
            self.answer_view.set_markdown(self._answer_markdown)
            self._answer_rendered = True
        if revealed and not self.is_revealed:
            self.answer_view.scroll_to_top()
        self._revealed = revealed
        if self._own_layout:
            self._stack.setCurrentWidget(self.answer_view if revealed else self._hidden_label)
        else:
            self._hidden_label.setVisible(not revealed)
        self._assessment.setVisible(revealed)
        self.revealed_changed.emit(revealed)

    @property
    def is_revealed(self) -> bool:
        """True when the model answer is visible."""
        return self._revealed

    def assessment_height(self) -> int:
        """The height the key points and the rating need to show every point."""
        layout = self._assessment.layout()
        assert layout is not None
        others = layout.sizeHint().height() - self.checklist.sizeHint().height()
        return others + self.checklist.content_height()

    def set_assessable(self, enabled: bool) -> None:
        """Allow ticking and rating (after submitting)."""
        self.checklist.setEnabled(enabled)
        self._checklist_title.setEnabled(enabled)
        for button in self.rating_buttons.values():
            button.setEnabled(enabled)
        self._rating_prompt.setEnabled(enabled)

    def set_hidden_hint(self, text: str) -> None:
        """What is shown (and read) in place of the model answer while it is hidden."""
        if not self._own_layout:  # a line under the editor, not a page of its own
            text = " ".join(text.split("\n\n"))
        self._hidden_label.setText(text)

    def set_ticked(self, ticked: Sequence[str]) -> None:
        """Tick exactly these key points, without emitting."""
        self.checklist.set_ticked(ticked)

    def set_rating(self, rating: Rating | None) -> None:
        """Show a rating as chosen (None: none chosen)."""
        self._rating_group.setExclusive(False)
        for value, button in self.rating_buttons.items():
            button.setChecked(value == rating)
            button.setText(rating_text(value, chosen=value == rating))
            button.setAccessibleDescription(
                f"Rate this answer {value.label}; key {value.value}"
                + ("; your rating" if value == rating else "")
            )
        self._rating_group.setExclusive(True)

    def set_text_font(self, font: QFont) -> None:
        """The font of the model answer and the key points (zoom changes it)."""
        self.answer_view.setFont(font)
        self.checklist.setFont(font)
        if self._own_layout:  # otherwise a line of the window's own text
            self._hidden_label.setFont(font)

    def focus_checklist(self) -> None:
        """Put keyboard focus on the first key point."""
        self.checklist.focus_first()


def suggestion_text(report: CoverageReport) -> str:
    """ "Suggested: 3 Good (4 of 6 key points found)"."""
    rating = report.suggested
    return (
        f"Suggested: {rating.value} {rating.label} "
        f"({report.covered_count} of {len(report.matches)} key points found)"
    )


def rating_text(rating: Rating, *, chosen: bool) -> str:
    """A rating button's text; the chosen one is ticked, so colour isn't the only sign."""
    return f"{'✓ ' if chosen else ''}{rating.value} {rating.label}"
