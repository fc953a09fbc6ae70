#!/usr/bin/env bash
# Smoke test of the Windows installer under Wine (Debian's wine64, 8.0):
#
#   packaging/windows/test_wine.sh dist/AIPM-Desktop-VERSION-setup.exe
#
# In a new 64-bit Wine prefix: silent install (/S) per user, the program folder, the
# Start-menu shortcut and the "Installed apps" entry; the installed program's --version
# and --self-test (offscreen); a data folder with an attempt; silent uninstall; then the
# program, shortcut and entry are gone and the data folder is byte-for-byte untouched.
# --exit-when-ready (the main window built and filled, offscreen) makes the data folder.
#
# What Wine 8 lacks, and the test adds to the prefix only (never to the installer), is in
# wine/prefix.sh: with its stand-ins numpy and onnxruntime load, and the semantic
# key-point check (the sentence model) runs as on Windows.
#
# Needs wine, mingw-w64 (gcc), script (bsdutils) and the checkout's .venv. Prints the time.
set -euo pipefail

setup=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
# shellcheck source=wine/prefix.sh
. "$here/wine/prefix.sh"

new_prefix

step "the installer is a 64-bit Windows program"
# (grep without -q: it reads to the end, so no SIGPIPE fails the pipe under pipefail)
x86_64-w64-mingw32-objdump -f "$setup" | grep "file format pei-x86-64"

step "install silently: $(basename "$setup") /S"
wine "$setup" /S
wineserver -w
test -f "$program" && test -f "$program_dir/uninstall.exe"
test -f "$program_dir/runtime/python313.dll" && test -d "$program_dir/lib/aipm_desktop"
test -f "$shortcut"
wine reg query "$app_key" /v UninstallString | tr -d '\r' | grep 'uninstall.exe'
# Subsystem 2 is "Windows GUI": no console window opens with the program.
x86_64-w64-mingw32-objdump -p "$program" | grep -E '^Subsystem\s+0+2\s'
echo "installed in ${program_dir#"$WINEPREFIX/"}, with a Start-menu shortcut and an uninstaller"

step "aipm-desktop.exe --version"
version=$(on_console wine "$program" --version)
echo "$version"
expected=$("$python" -c 'import aipm_desktop as a; print(a.APP_NAME, a.__version__)')
grep -Fxq "$expected" <<<"$version" || { echo "expected '$expected'" >&2; exit 1; }

step "every library in lib\\ imports (runtime\\python.exe, the console Python beside the app)"
on_console wine "$program_dir/runtime/python.exe" -c '
import importlib, pathlib, sys
lib = pathlib.Path(sys.prefix).parent / "lib"
names = sorted({p.stem for p in lib.iterdir() if (p / "__init__.py").is_file() or p.suffix == ".py"})
for name in names:
    print("import", name, flush=True)  # the last name printed is the one that failed
    importlib.import_module(name)
print("imported", len(names), "libraries:", " ".join(names))
'

step "aipm-desktop.exe coverage: the semantic key-point check (numpy, onnxruntime, the model)"
answer=$WINEPREFIX/drive_c/answer.txt
printf '%s\n' "Think of it like training a new employee with examples." \
    "It picks things up from data instead of rules." >"$answer"
capture "$program" coverage \
    --question td-01-explain-ml-to-executives --answer-file 'C:\answer.txt' \
    || { cat "$captured_err" >&2; exit 1; }
"$python" - "$captured_out" <<'PY'
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
covered = [point["text"] for point in result["key_points"] if point["covered"]]
print("matcher:", result["matcher"], "- covered:", covered)
assert result["matcher"] == "minilm-int8", result["matcher"]
assert "Learns from data, not rules" in covered, covered
PY

step "aipm-desktop.exe --self-test (offscreen)"
on_console env WINEQT_QPA_PLATFORM=offscreen wine "$program" --self-test

step "aipm-desktop.exe --exit-when-ready (offscreen): the app makes its data folder"
on_console env WINEQT_QPA_PLATFORM=offscreen wine "$program" --exit-when-ready
test -f "$data/aipm.sqlite3"
"$python" "$repo/packaging/linux/user_data.py" create "$data"
before=$(data_digest)

step "uninstall silently: uninstall.exe /S"
wine "$program_dir/uninstall.exe" /S
wineserver -w  # the uninstaller runs from a copy in %TEMP%: wait for it
test ! -e "$program_dir" || { ls -R "$program_dir" >&2; exit 1; }
test ! -e "$shortcut"
if has_key "$app_key"; then
    echo "the uninstaller left $app_key" >&2
    exit 1
fi
after=$(data_digest)
if [ "$before" != "$after" ]; then
    echo "uninstalling changed the user's data:" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
fi
echo "the user's data folder is untouched"

step "passed"
