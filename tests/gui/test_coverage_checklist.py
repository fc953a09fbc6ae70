"""The checklist shows the automatic coverage check: verdict, score, evidence, suggestion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from aipm_desktop.core.coverage import LexicalMatcher, LoadedMatcher, PointMatch
from aipm_desktop.core.questions import Question
from aipm_desktop.core.rating import Rating
from aipm_desktop.services.coverage import CoverageChecker, CoverageReport
from aipm_desktop.ui.practice.coverage_check import check_answer, highlight_span
from aipm_desktop.ui.practice.reveal_panel import RevealPanel

POINTS = ("Distribution shift degrades performance silently; needs monitoring", "Edge cases")
QUESTION = Question(
    "q-limits", 1, "What limits models?", "Tech", "Mid", "", POINTS, None, (), "p", "1"
)
ANSWER = "Intro. Drift <b>quietly</b> hurts accuracy <img src='x.png'>, so we monitor it."


def report(matches: tuple[PointMatch, ...], reason: str | None = None) -> CoverageReport:
    return CoverageReport("q-limits", "minilm-int8", matches, Rating.HARD, reason)


def shown_panel(qtbot: QtBot) -> RevealPanel:
    panel = RevealPanel()
    qtbot.addWidget(panel)
    panel.show_question(QUESTION)
    panel.set_revealed(True)
    panel.set_assessable(True)
    return panel


def evidence_match() -> PointMatch:
    start = ANSWER.index("Drift")
    return PointMatch(POINTS[0], True, 0.92, ANSWER[start:], (start, len(ANSWER)))


def test_points_show_verdict_score_and_escaped_evidence(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    ticket = panel.begin_coverage()
    assert "Checking your answer" in panel._checklist_title.text()
    matches = (evidence_match(), PointMatch(POINTS[1], False, 0.1, None))
    assert panel.show_coverage(report(matches), ticket)

    checklist = panel.checklist
    assert checklist.hint_texts() == ["covered (92 %)", "not found"]
    first = checklist.model().index(0, 0)
    text = first.data()
    assert "✓ covered (92 %)" in text
    assert "\n" not in text  # one row per point: the evidence is in the tooltip
    tip = first.data(Qt.ItemDataRole.ToolTipRole)
    assert "“Drift &lt;b&gt;quietly&lt;/b&gt; hurts accuracy" in tip  # shown as typed
    assert "&lt;img src=&#x27;x.png&#x27;&gt;" in tip
    assert "<img" not in tip
    assert "? not found" in checklist.model().index(1, 0).data()
    assert not panel.suggested_label.isHidden()
    assert panel.suggested_label.text() == "Suggested: 2 Hard (1 of 2 key points found)"
    assert "minilm-int8" in panel._checklist_title.text()
    assert checklist.ticked() == []  # the check never ticks anything


def test_choosing_a_point_announces_its_evidence(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    matches = (evidence_match(), PointMatch(POINTS[1], False, 0.1, None))
    panel.show_coverage(report(matches), panel.begin_coverage())
    model = panel.checklist.model()
    with qtbot.waitSignal(panel.evidence_chosen) as chosen:
        panel.checklist.setCurrentIndex(model.index(0, 0))
    assert chosen.args == [(ANSWER.index("Drift"), len(ANSWER))]
    with qtbot.waitSignal(panel.evidence_chosen) as chosen:
        panel.checklist.setCurrentIndex(model.index(1, 0))
    assert chosen.args == [None]


def test_a_late_result_for_another_question_is_dropped(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    ticket = panel.begin_coverage()
    panel.show_question(QUESTION)
    assert not panel.show_coverage(report((evidence_match(),)), ticket)
    assert panel.checklist.hint_texts() == ["", ""]
    assert panel.suggested_label.isHidden()


def test_check_runs_in_the_background_and_fills_the_checklist(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)
    reason = "Word match only: test."
    checker = CoverageChecker(lambda: LoadedMatcher(LexicalMatcher(), reason))
    check_answer(panel, checker, QUESTION, ANSWER)
    qtbot.waitUntil(lambda: not panel.suggested_label.isHidden())
    assert panel.checklist.hint_texts()[1] == "not found"
    assert reason in panel._checklist_title.text()


def test_a_failing_check_falls_back_to_the_word_match(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot)

    def broken() -> LoadedMatcher:
        raise RuntimeError("model exploded")

    check_answer(panel, CoverageChecker(broken), QUESTION, ANSWER)
    qtbot.waitUntil(lambda: not panel.suggested_label.isHidden())
    assert "model exploded" in panel._checklist_title.text()
    assert "Word match only" in panel._checklist_title.text()


def test_the_chosen_evidence_is_highlighted_in_the_answer(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    text = "Emoji 😀 first. Drift quietly hurts accuracy."
    editor.setPlainText(text)
    start = text.index("Drift")
    highlight_span(editor, (start, len(text)))
    [selection] = editor.extraSelections()
    assert selection.cursor.selectedText() == "Drift quietly hurts accuracy."
    assert editor.textCursor().selectedText() == ""  # the user's own cursor is untouched
    highlight_span(editor, None)
    assert editor.extraSelections() == []
