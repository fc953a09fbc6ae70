"""Entry point: ``aipm-desktop`` and ``python -m aipm_desktop``."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aipm_desktop.cli.parser import parse_args
from aipm_desktop.services.startup_trace import TRACE

if TYPE_CHECKING:
    from aipm_desktop.storage.sound_check import EarlySoundCheck


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line or the app; returns the exit code."""
    args = parse_args(argv)
    if args.command is not None:
        from aipm_desktop.cli.terminal import message_streams

        # Messages may quote pack text or file names: never let them drive the terminal.
        out, err = message_streams()
    if args.command == "check-pack":
        from aipm_desktop.cli.check_pack import check_packs

        return check_packs(args.files, out)
    if args.command == "export-attempts":
        from aipm_desktop.cli.export_attempts import run_export_attempts

        return run_export_attempts(
            data_dir_option=args.data_dir,
            export_format=args.format,
            output=args.output,
            environ=os.environ,
            stderr=err,
        )
    if args.command in ("backup", "restore"):
        from aipm_desktop.cli.backup import exit_cleanly_on_sigterm, run_backup, run_restore
        from aipm_desktop.services.paths import resolve_data_dir_without_qt

        exit_cleanly_on_sigterm()
        data_dir = resolve_data_dir_without_qt(args.data_dir, os.environ)
        if args.command == "backup":
            return run_backup(data_dir, args.output, out, err)
        return run_restore(data_dir, args.file, out, err)
    if args.command == "import-pack":
        from aipm_desktop.cli.import_pack import import_pack_command

        return import_pack_command(args.file, args.data_dir, os.environ, out, err, mapping=args.map)
    if args.command == "interview":
        from aipm_desktop.cli.interview import run_interview

        return run_interview(args, os.environ, out, err)
    if args.command == "plan":
        from aipm_desktop.cli.plan import run_plan

        return run_plan(
            data_dir_option=args.data_dir,
            environ=os.environ,
            interview_id=args.interview,
            output_format=args.format,
            out=out,
            err=err,
        )
    if args.command == "coverage":
        from aipm_desktop.cli.coverage import run_coverage

        return run_coverage(
            args.question,
            args.answer_file,
            args.format,
            args.data_dir,
            os.environ,
            sys.stdout,
            sys.stderr,
        )
    if args.command == "transcribe" and args.serve:
        from aipm_desktop.cli.transcribe_serve import serve

        return serve(sys.stdin, sys.stdout)
    if args.command == "transcribe":
        from aipm_desktop.cli.transcribe import run_transcribe

        return run_transcribe(args.file, args.format, out, err, show_progress=args.progress)
    if args.self_test:
        from aipm_desktop.ui.app.selftest import run_self_test

        return run_self_test()
    early_check = _start_checking_data(args.data_dir)
    from aipm_desktop.ui.app.application import run_gui

    TRACE.mark("imports")
    return run_gui(
        data_dir_option=args.data_dir,
        exit_when_ready=args.exit_when_ready,
        environ=os.environ,
        early_check=early_check,
    )


def _start_checking_data(data_dir_option: str | None) -> EarlySoundCheck | None:
    """Start checking the data file the app is about to open, while Qt and the app's code
    load (the app uses the result only if it opens that very file, unchanged). Only a
    head start: if it cannot begin, None, and the file is checked when it is opened."""
    from aipm_desktop.services.paths import database_path, resolve_data_dir_without_qt
    from aipm_desktop.storage.sound_check import EarlySoundCheck

    try:
        data_dir = resolve_data_dir_without_qt(data_dir_option, os.environ)
        return EarlySoundCheck(database_path(data_dir))
    except (OSError, RuntimeError, ValueError, KeyError):  # e.g. no home folder, a link loop
        return None


if __name__ == "__main__":
    sys.exit(main())
