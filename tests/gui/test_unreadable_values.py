"""Issue 14, finding 11: the history shows an attempt with a bad stored value, marked."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from aipm_desktop.core.rating import Rating
from aipm_desktop.core.records import Attempt
from aipm_desktop.ui.history.panel import AttemptDialog, HistoryColumn, HistoryModel
from tests.unit.storage.test_store import new_attempt


def stored(**changes: object) -> Attempt:
    base = new_attempt()
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(base)}
    return dataclasses.replace(Attempt(**fields, id=1), **changes)  # type: ignore[arg-type]


def test_history_marks_an_unreadable_rating_and_key_points(qtbot: QtBot) -> None:
    model = HistoryModel()
    bad = stored(rating=None, unreadable=("rating", "key_points_ticked", "started_at"))
    good = stored(id=2, rating=Rating.GOOD, key_points_ticked=("a",))
    model.set_attempts([bad, good])

    def shown(row: int, column: HistoryColumn) -> object:
        return model.data(model.index(row, column))

    assert shown(0, HistoryColumn.RATING) == "Unreadable"
    assert shown(0, HistoryColumn.COVERAGE) == "Unreadable"
    assert "(unreadable)" in str(shown(0, HistoryColumn.DATE))
    assert shown(1, HistoryColumn.RATING) == "Good"
    assert shown(1, HistoryColumn.COVERAGE) == "1/4"
    dialog = AttemptDialog(bad, "prompt", "model answer")
    qtbot.addWidget(dialog)
    assert "unreadable" in dialog.windowTitle()
