"""Argument parsing: good arguments parse, bad ones exit with code 2 and a usage line."""

from __future__ import annotations

import pytest

from aipm_desktop import __version__
from aipm_desktop.app import main
from aipm_desktop.cli.parser import parse_args


def test_defaults() -> None:
    args = parse_args([])
    assert args.command is None
    assert args.data_dir is None
    assert not args.self_test
    assert not args.exit_when_ready


def test_options_and_command() -> None:
    args = parse_args(["--data-dir", "/tmp/x", "--exit-when-ready"])
    assert args.data_dir == "/tmp/x"
    assert args.exit_when_ready
    assert parse_args(["check-pack", "a.json", "b.json"]).files == ["a.json", "b.json"]


@pytest.mark.parametrize("argv", [["--bogus"], ["check-pack"], ["--data-dir"], ["unknown-command"]])
def test_bad_arguments_exit_2_with_usage(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(argv)
    assert exit_info.value.code == 2
    assert "usage: aipm-desktop" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"AIPM Desktop {__version__}"
