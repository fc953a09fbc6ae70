"""The README documents every keyboard shortcut and every command-line option."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtGui import QKeySequence

from aipm_desktop.cli.parser import build_parser
from aipm_desktop.ui.main.window import MainWindow


def readme(repo_root: Path) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_shortcut(window: MainWindow, repo_root: Path) -> None:
    text = readme(repo_root)
    for action in window.actions():
        for key in action.shortcuts():
            shown = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert shown in text, f"{action.text()!r}: {shown} is not in the README"


def test_readme_lists_every_command_line_option(repo_root: Path) -> None:
    text = readme(repo_root)
    parser = build_parser()
    for action in parser._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in text, f"{option} is not in the README"
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices:
                assert f"`{command}" in text, f"{command} is not in the README"
