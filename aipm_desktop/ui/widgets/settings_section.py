"""One titled group of the Settings dialog; features with settings of their own add one."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from aipm_desktop.ui.widgets.settings import AppSettings


class SettingsSection(QGroupBox):
    """One titled group of settings: shows the saved values, ``save`` writes them back."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.captions: list[QLabel] = []

    def add_row(
        self, label: str, field: QWidget, hint: str = "", *, extra: QWidget | None = None
    ) -> None:
        """A labelled row, with an optional hint under the field and a widget beside it.

        The label's mnemonic (``&``) moves focus to the field.
        """
        caption = QLabel(label)
        caption.setBuddy(field)
        self.captions.append(caption)
        column = QVBoxLayout()
        column.setSpacing(2)
        if extra is None:
            column.addWidget(field)
        else:
            row = QHBoxLayout()
            row.addWidget(field, 1)
            row.addWidget(extra)
            column.addLayout(row)
        if hint:
            note = QLabel(hint)  # one line, never wrapped: the dialog grows to fit it
            column.addWidget(note)
        self.form.addRow(caption, column)

    def save(self, settings: AppSettings) -> None:
        """Write this section's values."""
        raise NotImplementedError
