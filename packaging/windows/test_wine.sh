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
# What Wine 8 lacks, and the test adds to the prefix's system32 (never to the installer):
# - icuuc.dll, which Qt6Core.dll imports (Windows 10 1903+ has it): a stand-in without
#   converter data (wine/icuuc_standin.c);
# - bcryptprimitives.dll (ProcessPrng), which rpds-py's Rust code imports (Windows 10+
#   has it, Wine from 9.0): a stand-in over Wine's BCryptGenRandom.
# Python 3.13 under Wine 8 stops at start-up ("init_sys_streams ... Invalid handle") when
# its output goes to a file or a pipe, so the program runs on a pseudo-terminal (script).
# Wine passes no QT_* variable from Linux to Windows programs; WINEQT_QPA_PLATFORM sets
# QT_QPA_PLATFORM for them.
#
# Needs wine, mingw-w64 (gcc), script (bsdutils) and the checkout's .venv. Prints the time.
set -euo pipefail

setup=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - start))"; }

export WINEPREFIX
WINEPREFIX=$(mktemp -d /tmp/aipm-wine-test.XXXXXX)
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko prompts
cleanup() {
    wineserver -k 2>/dev/null || true
    rm -rf "$WINEPREFIX"
}
trap cleanup EXIT

# Runs a Windows program on a pseudo-terminal; its output without terminal escapes on
# stdout, its exit code as the function's. Gives up after $timeout seconds. script runs
# the command with $SHELL, which may be dash (no $'...' quoting, which printf %q writes
# for a multi-line argument), so it is given bash.
timeout=${AIPM_WINE_TIMEOUT:-300}
on_console() {
    local quoted
    quoted=$(printf '%q ' "$@")
    SHELL=$(command -v bash) timeout "$timeout" script -qefc "$quoted" /dev/null </dev/null \
        | sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' | tr -d '\r'
    return "${PIPESTATUS[0]}"
}

step "a new Wine prefix ($(wine --version))"
wineboot -i >/dev/null 2>&1 || true  # warns about the missing 32-bit Wine; 64-bit is enough
wineserver -w
system32=$WINEPREFIX/drive_c/windows/system32
test -d "$system32"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/icuuc.dll" "$here/wine/icuuc_standin.c"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/bcryptprimitives.dll" \
    "$here/wine/bcryptprimitives_standin.c" -lbcrypt

step "the installer is a 64-bit Windows program"
# (grep without -q: it reads to the end, so no SIGPIPE fails the pipe under pipefail)
x86_64-w64-mingw32-objdump -f "$setup" | grep "file format pei-x86-64"

step "install silently: $(basename "$setup") /S"
wine "$setup" /S
wineserver -w
user_dir=$WINEPREFIX/drive_c/users/$(id -un)
[ -d "$user_dir" ] || user_dir=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -n 1)
program_dir="$user_dir/AppData/Local/Programs/AIPM Desktop"
shortcut="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/AIPM Desktop.lnk"
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\aipm-desktop'
program=$program_dir/aipm-desktop.exe
test -f "$program" && test -f "$program_dir/uninstall.exe"
test -f "$program_dir/runtime/python313.dll" && test -d "$program_dir/lib/aipm_desktop"
test -f "$shortcut"
wine reg query "$uninstall_key" /v UninstallString | tr -d '\r' | grep 'uninstall.exe'
# Subsystem 2 is "Windows GUI": no console window opens with the program.
x86_64-w64-mingw32-objdump -p "$program" | grep -E '^Subsystem\s+0+2\s'
echo "installed in ${program_dir#"$WINEPREFIX/"}, with a Start-menu shortcut and an uninstaller"

step "aipm-desktop.exe --version"
version=$(on_console wine "$program" --version)
echo "$version"
expected=$("$python" -c 'import aipm_desktop as a; print(a.APP_NAME, a.__version__)')
grep -Fxq "$expected" <<<"$version" || { echo "expected '$expected'" >&2; exit 1; }

# numpy calls ucrtbase.dll's crealf, which Wine 8 does not implement: Wine aborts the
# whole process, and sqlite-utils and flatbuffers import numpy when they find it. Real
# Windows has crealf. So, under Wine only, numpy is moved aside for the test (and put
# back before the uninstall): sqlite-utils then runs without it, onnxruntime cannot load,
# and the key-point check uses its word-match fallback (AIPM_COVERAGE_MODEL set empty
# switches the model off, as a user could). The model on Windows is tested on real
# Windows only (RELEASING.md).
WINE_CANNOT_LOAD="numpy onnxruntime"
numpy_dir="$program_dir/lib/numpy"
mv "$numpy_dir" "$numpy_dir.wine-cannot-load"
export AIPM_COVERAGE_MODEL=

step "every library in lib\\ imports, but $WINE_CANNOT_LOAD (runtime\\python.exe, the console Python beside the app)"
on_console wine "$program_dir/runtime/python.exe" -c '
import importlib, pathlib, sys
lib = pathlib.Path(sys.prefix).parent / "lib"
skipped = set(sys.argv[1].split())
names = sorted({p.stem for p in lib.iterdir() if (p / "__init__.py").is_file() or p.suffix == ".py"})
for name in names:
    if name not in skipped:
        print("import", name, flush=True)  # the last name printed is the one that failed
        importlib.import_module(name)
print("imported", len(names) - len(skipped & set(names)), "libraries:", " ".join(n for n in names if n not in skipped))
' "$WINE_CANNOT_LOAD"

step "aipm-desktop.exe --self-test (offscreen)"
on_console env WINEQT_QPA_PLATFORM=offscreen wine "$program" --self-test

step "aipm-desktop.exe --exit-when-ready (offscreen): the app makes its data folder"
data="$user_dir/AppData/Roaming/aipm/aipm-desktop"
on_console env WINEQT_QPA_PLATFORM=offscreen wine "$program" --exit-when-ready
test -f "$data/aipm.sqlite3"
"$python" "$repo/packaging/linux/user_data.py" create "$data"
before=$(cd "$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)

mv "$numpy_dir.wine-cannot-load" "$numpy_dir"  # the installed files, as installed

step "uninstall silently: uninstall.exe /S"
wine "$program_dir/uninstall.exe" /S
wineserver -w  # the uninstaller runs from a copy in %TEMP%: wait for it
test ! -e "$program_dir" || { ls -R "$program_dir" >&2; exit 1; }
test ! -e "$shortcut"
if wine reg query "$uninstall_key" >/dev/null 2>&1; then
    echo "the uninstaller left $uninstall_key" >&2
    exit 1
fi
after=$(cd "$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
if [ "$before" != "$after" ]; then
    echo "uninstalling changed the user's data:" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
fi
echo "the user's data folder is untouched"

step "passed"
