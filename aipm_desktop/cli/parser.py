"""Command-line arguments. Bad arguments print usage and exit with code 2 (argparse)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from aipm_desktop import APP_NAME, __version__
from aipm_desktop.services.paths import DATA_DIR_ENV_VAR


def build_parser() -> argparse.ArgumentParser:
    """The parser for ``aipm-desktop``."""
    parser = argparse.ArgumentParser(
        prog="aipm-desktop",
        description=f"{APP_NAME}: practise AI PM interview questions against the clock.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_folder_name,
        help=f"keep attempts and drafts in DIR (default: ${DATA_DIR_ENV_VAR}, "
        "else the platform's app-data folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="make one full attempt in the real window, offscreen, against a temporary "
        "data folder; exit 0 when it worked",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="quit as soon as the main window is shown with its list filled (for benchmarks)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check-pack",
        help="validate question pack files",
        description="Validate question pack files. Prints FILE: location: message for each "
        "problem and exits 1 when any file is invalid.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a question pack (.json)")
    export = commands.add_parser(
        "export-attempts",
        help="export every attempt as CSV or JSON",
        description="Export every attempt (oldest first) as CSV or JSON. Writes to standard "
        "output unless -o is given; a file is written atomically.",
    )
    export.add_argument("--format", required=True, choices=["csv", "json"], help="the file format")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    backup = commands.add_parser(
        "backup",
        help="back up the data file now",
        description="Copy the data file with SQLite's backup API, check the copy and keep it "
        "in the data folder's backups folder (or in FILE).",
    )
    backup.add_argument("-o", "--output", metavar="FILE", help="write the backup to FILE instead")
    restore = commands.add_parser(
        "restore",
        help="replace the data file with a backup",
        description="Check FILE, back up the current data file, then replace it with FILE. "
        "The app must not be running on the same data folder.",
    )
    restore.add_argument("file", metavar="FILE", help="a backup made by AIPM Desktop")
    import_pack = commands.add_parser(
        "import-pack",
        help="copy a question pack into the data folder",
        description="Validate a question pack and copy it into the data folder (see --data-dir), "
        "replacing an older version of the same pack. Prints FILE: location: message for each "
        "problem and exits 1 when the pack is refused.",
    )
    import_pack.add_argument(
        "file",
        metavar="FILE",
        help="a question pack (.json), Anki deck (.apkg, .colpkg), table (.csv, .tsv, .txt) "
        "or Markdown file (.md); the kind is read from the content",
    )
    import_pack.add_argument(
        "--map",
        metavar="FIELD=TARGET,...",
        help="where Anki fields or CSV columns go, e.g. front=prompt,back=answer; targets: "
        "prompt, answer, key_points, category, level, tags, time_limit, ignore",
    )
    _add_plan_commands(commands)
    coverage = commands.add_parser(
        "coverage",
        help="check which key points an answer covers",
        description="Check which of a question's key points an answer covers, offline, with "
        "the sentence that makes each point and a suggested rating. Exits 2 for an unknown "
        "question or an unreadable answer file.",
    )
    coverage.add_argument("--question", required=True, metavar="ID", help="the question's id")
    coverage.add_argument(
        "--answer-file", required=True, metavar="FILE", help="the answer, UTF-8 text (- for stdin)"
    )
    coverage.add_argument(
        "--format", choices=["json", "text"], default="json", help="output format (default: json)"
    )
    transcribe = commands.add_parser(
        "transcribe",
        help="transcribe a spoken answer, on this computer",
        description="Transcribe an audio file (WAV, FLAC, ...) with the optional speech part and "
        "print the text, words per minute, long pauses, fillers and each word's time. Nothing "
        "leaves the computer. Exits 2 for a file it cannot read or without the speech part.",
        usage="%(prog)s [-h] [--progress] [--format {json,text}] FILE",
    )
    transcribe.add_argument("file", metavar="FILE", nargs="?", help="the recorded answer")
    transcribe.add_argument(  # the speech add-on's long-lived mode (services/speech_worker.py)
        "--serve", action="store_true", help=argparse.SUPPRESS
    )
    transcribe.set_defaults(transcribe_usage_error=transcribe.error)
    transcribe.add_argument(
        "--progress",
        action="store_true",
        help="print lines 'progress 0.42' to standard error as the transcription goes",
    )
    transcribe.add_argument(
        "--format", choices=["json", "text"], default="json", help="output format (default: json)"
    )
    return parser


def _folder_name(value: str) -> str:
    """A ``--data-dir`` value: an empty one would silently mean the real profile."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty folder name is not allowed")
    return value


def _add_plan_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``interview add|list|remove`` and ``plan``."""
    interview = commands.add_parser(
        "interview",
        help="add, list or remove the interviews to prepare for",
        description="The interview dates that the practice plan prepares for.",
    )
    actions = interview.add_subparsers(dest="interview_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add an interview and print its id")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the interview's date")
    add.add_argument("--title", default="", metavar="TEXT", help="a name for it")
    add.add_argument("--company", default="", metavar="TEXT")
    add.add_argument("--role", default="", metavar="TEXT")
    add.add_argument(
        "--pack", action="append", default=[], metavar="PACK_ID", help="a pack it covers"
    )
    add.add_argument(
        "--category", action="append", default=[], metavar="NAME", help="a category it covers"
    )
    add.add_argument("--minutes-per-day", type=int, default=30, metavar="N", help="default 30")
    actions.add_parser("list", help="list the interviews")
    remove = actions.add_parser("remove", help="forget an interview")
    remove.add_argument("id", type=int, metavar="ID")
    plan = commands.add_parser(
        "plan",
        help="print the practice plan and the readiness forecast",
        description="Print what to practise each day until the interview(s), and the share "
        "of each interview's questions expected above the target recall on the day.",
    )
    plan.add_argument("--interview", type=int, metavar="ID", help="plan for this interview only")
    plan.add_argument("--format", choices=["json", "text"], default="text", help="default text")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse ``argv`` (default: ``sys.argv[1:]``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "transcribe" and args.file is None and not args.serve:
        args.transcribe_usage_error("the following arguments are required: FILE")
    return args
