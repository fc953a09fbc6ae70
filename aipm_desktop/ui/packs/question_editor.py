"""The question editor: prompt, Markdown model answer with a live preview, key points,
category, level, tags and time limit, with a message under each field that is wrong."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aipm_desktop.core.question_edit import (
    MAX_TIME_LIMIT_SECONDS,
    Field,
    QuestionFields,
    validate_fields,
)
from aipm_desktop.ui.widgets.accessible import describe_control
from aipm_desktop.ui.widgets.dialog_layout import settle_layout
from aipm_desktop.ui.widgets.markdown_view import MarkdownView

PREVIEW_DELAY_MS = 150
"""The preview follows the typing this long after the last key."""
_ERROR_STYLE = "color: #a4262c;"


class QuestionEditorDialog(QDialog):
    """Write or change one of your own questions.

    The dialog does not save anything itself: Save emits ``save_requested`` with
    the fields, and the owner calls :meth:`accept` once they are safely stored
    (so a failed write never loses what was typed).

    Signals:
        save_requested(QuestionFields): the fields are valid and the user pressed Save.
    """

    save_requested = Signal(object)

    def __init__(
        self,
        title: str,
        fields: QuestionFields,
        *,
        categories: Sequence[str] = (),
        levels: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors: dict[Field, QLabel] = {}
        self._row_labels: list[QLabel] = []

        self.prompt_edit = self._plain_text(
            "Question", fields.prompt, 3, "The interview question, as the interviewer asks it."
        )
        self.prompt_edit.setPlaceholderText("The interview question, as the interviewer asks it")
        self.answer_edit = self._plain_text(
            "Model answer (Markdown)",
            fields.model_answer,
            description="The model answer in Markdown; the preview beside it shows how it reads.",
        )
        self.answer_edit.setPlaceholderText(
            "The model answer in Markdown: **bold**, lists, and tables like\n"
            "| Option | When |\n| --- | --- |\n| A | ... |"
        )
        self.preview = MarkdownView()
        self.preview.setAccessibleName("Model answer preview")
        # Read-only: Tab goes from the answer to the key points, not into the preview,
        # where typed keys would be lost; a click still selects text there.
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.key_points_edit = self._plain_text(
            "Key points, one per line",
            "\n".join(fields.key_points),
            5,
            "What a good answer covers, one point per line; they become the checklist.",
        )
        self.key_points_edit.setPlaceholderText("One key point per line: what a good answer covers")
        self.category_box = self._combo("Category", categories, fields.category)
        self.level_box = self._combo("Level", levels, fields.level)
        self.tags_edit = QLineEdit(", ".join(fields.tags))
        self.tags_edit.setAccessibleName("Tags, separated by commas")
        self.tags_edit.setPlaceholderText("Optional, separated by commas")
        self.time_limit_box = QSpinBox()
        self.time_limit_box.setRange(0, 99_999)
        self.time_limit_box.setSuffix(" seconds")
        self.time_limit_box.setValue(
            300 if fields.time_limit_seconds is None else fields.time_limit_seconds
        )
        self.time_limit_box.setAccessibleName("Time limit in seconds")
        self.time_limit_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.time_limit_box.setToolTip(f"From 10 seconds to {MAX_TIME_LIMIT_SECONDS // 60} minutes")

        answer_split = QSplitter(Qt.Orientation.Horizontal)
        answer_split.addWidget(_titled("Model answer (Markdown)", self.answer_edit))
        answer_split.addWidget(_titled("Preview", self.preview))
        answer_split.setChildrenCollapsible(False)

        top = self._form()
        self._add_row(top, "&Question:", self.prompt_edit, Field.PROMPT)
        bottom = self._form()
        self._add_row(
            bottom, "&Key points\n(one per line):", self.key_points_edit, Field.KEY_POINTS
        )
        self._add_row(bottom, "&Category:", self.category_box, Field.CATEGORY)
        self._add_row(bottom, "&Level:", self.level_box, Field.LEVEL)
        self._add_row(bottom, "&Tags:", self.tags_edit, Field.TAGS)
        self._add_row(bottom, "T&ime limit:", self.time_limit_box, Field.TIME_LIMIT)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save question")
        self.save_button.setToolTip("Save the question (Ctrl+S)")
        self.save_button.setShortcut("Ctrl+S")
        describe_control(
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            "Cancel",
            "Close the editor without saving (Escape).",
        )
        self.buttons.accepted.connect(self.request_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(answer_split, 1)
        layout.addWidget(self._error_label(Field.MODEL_ANSWER))
        layout.addLayout(bottom)
        layout.addWidget(self.buttons)
        settle_layout(self)  # sized before it is shown, so showing it resizes nothing
        self.resize(1000, 760)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.answer_edit.textChanged.connect(self._preview_timer.start)
        for edit in (self.prompt_edit, self.answer_edit, self.key_points_edit):
            edit.textChanged.connect(self.validate)
        self.tags_edit.textChanged.connect(self.validate)
        self.time_limit_box.valueChanged.connect(self.validate)
        for box in (self.category_box, self.level_box):
            box.currentTextChanged.connect(self.validate)
        self.update_preview()
        self.validate()
        self._as_opened = self.fields()

    # -- building ------------------------------------------------------
    def _plain_text(
        self, name: str, text: str, lines: int = 0, description: str = ""
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        describe_control(edit, name, description or f"{name}. Tab moves on.", tooltip=False)
        edit.setTabChangesFocus(True)
        if lines:
            height = edit.fontMetrics().lineSpacing() * lines + 14
            edit.setFixedHeight(height)
        return edit

    def _combo(self, name: str, values: Sequence[str], current: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(sorted(set(values) | ({current} if current else set())))
        combo.setCurrentText(current)
        combo.setAccessibleName(name)
        combo.setToolTip(f"Pick or type a {name.lower()}")
        return combo

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _error_label(self, field: Field) -> QLabel:
        label = QLabel()
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        label.setWordWrap(True)
        label.setStyleSheet(_ERROR_STYLE)
        label.setAccessibleName(f"Problem with {field.value.replace('_', ' ')}")
        label.hide()
        self.errors[field] = label
        return label

    def _add_row(self, form: QFormLayout, text: str, widget: QWidget, field: Field) -> None:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(widget)
        box_layout.addWidget(self._error_label(field))
        label = QLabel(text)
        label.setBuddy(widget)
        self._row_labels.append(label)
        width = max(each.sizeHint().width() for each in self._row_labels)
        for each in self._row_labels:  # line the two forms' fields up
            each.setMinimumWidth(width)
        form.addRow(label, box)

    # -- state -------------------------------------------------------------
    def fields(self) -> QuestionFields:
        """What is typed now."""
        return QuestionFields(
            prompt=self.prompt_edit.toPlainText(),
            model_answer=self.answer_edit.toPlainText(),
            key_points=tuple(self.key_points_edit.toPlainText().splitlines()),
            category=self.category_box.currentText(),
            level=self.level_box.currentText(),
            tags=tuple(self.tags_edit.text().split(",")),
            time_limit_seconds=self.time_limit_box.value(),
        ).cleaned()

    def validate(self) -> dict[Field, str]:
        """Show a message under each wrong field; Save works only when there is none."""
        problems = validate_fields(self.fields())
        for field, label in self.errors.items():
            message = problems.get(field)
            label.setText(f"⚠ {message}" if message else "")
            label.setVisible(message is not None)
        self.save_button.setEnabled(not problems)
        return problems

    def update_preview(self) -> None:
        """Render the model answer now."""
        self._preview_timer.stop()
        self.preview.set_markdown(self.answer_edit.toPlainText())

    def has_changes(self) -> bool:
        """True when something was typed or chosen since the editor opened."""
        return self.fields() != self._as_opened

    def reject(self) -> None:
        """Escape, Cancel or closing the window: ask first when that would lose work."""
        if self.has_changes():
            answer = QMessageBox.question(
                self,
                "Discard your changes?",
                "This question has changes that are not saved.\n\n"
                "Discard them and close the editor?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def request_save(self) -> None:
        """Emit ``save_requested`` if the fields are valid."""
        if not self.validate():
            self.save_requested.emit(self.fields())


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    title_label = QLabel(title)
    title_label.setBuddy(widget)
    layout.addWidget(title_label)
    layout.addWidget(widget)
    return box
