#!/usr/bin/env bash
# The Windows speech add-on under Wine (Debian's wine64, 8.0):
#
#   packaging/windows/test_wine_speech.sh dist/AIPM-Desktop-VERSION-setup.exe \
#       dist/AIPM-Desktop-Speech-VERSION-setup.exe
#
# In a new 64-bit Wine prefix (with wine/prefix.sh's stand-ins for what Wine 8 lacks):
# 1. the add-on's installer refuses (exit code 2, nothing written) without the app;
# 2. the app installed (/S): `aipm-desktop.exe transcribe` exits 2 and names the add-on;
# 3. the add-on refuses an app of another version (the "Installed apps" entry changed);
# 4. the add-on installed (/S): speech\lib, its uninstaller and "Installed apps" entry;
#    `aipm-desktop.exe transcribe --format json` of a clip spoken by espeak-ng on this
#    machine (tests/speech_clips.py) gives its words, its length and its long pause;
# 5. the add-on's uninstaller (/S) removes it, and the app names the add-on again;
# 6. the app's installer run again keeps an add-on of its version and removes one of
#    another version (its "Installed apps" entry changed);
# 7. the add-on installed again and a data folder made; the app's uninstaller (/S)
#    removes the app and the add-on, both entries, and leaves the data folder
#    byte-for-byte untouched.
#
# Needs wine, mingw-w64, script (bsdutils), espeak-ng and sox, and the checkout's .venv.
set -euo pipefail

app_setup=$(realpath "$1")
speech_setup=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
# shellcheck source=wine/prefix.sh
. "$here/wine/prefix.sh"

new_prefix
speech_dir=$program_dir/speech

step "a spoken answer (espeak-ng, sox)"
"$python" - "$repo" "$WINEPREFIX/drive_c" <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from tests.speech_clips import clip_texts, synthesise

clip = synthesise({c.id: c for c in clip_texts()}["privacy"], Path(sys.argv[2]) / "clip")
clip.audio.rename(Path(sys.argv[2]) / "answer.wav")
print(f"{clip.seconds:.1f} s, a long pause at {clip.pause_starts[0]:.1f} s")
PY
clip='C:\answer.wav'

# Installs the add-on silently; its exit code as the function's.
install_speech() {
    local code=0
    wine "$speech_setup" /S || code=$?
    wineserver -w
    return "$code"
}

# The add-on's installer exits 2 and leaves nothing behind.
speech_refused() {
    local code=0
    install_speech || code=$?
    [ "$code" = 2 ] || { echo "the add-on's installer exited $code, not 2" >&2; exit 1; }
    test ! -e "$speech_dir"
    no_key "$speech_key"
}

# `transcribe` exits 2 with the hint that names the add-on's installer.
says_how_to_add_speech() {
    local code=0
    capture "$program" transcribe "$clip" || code=$?
    cat "$captured_err"
    [ "$code" = 2 ] || { echo "transcribe exited $code, not 2" >&2; exit 1; }
    grep -q "AIPM-Desktop-Speech-.*-setup.exe" "$captured_err"
}

step "the add-on's installer refuses when the app is not installed"
speech_refused

step "install the app silently: $(basename "$app_setup") /S"
wine "$app_setup" /S
wineserver -w
test -f "$program"
grep -qx '..\\speech\\lib' <(tr -d '\r' <"$program_dir/runtime/python313._pth")

step "aipm-desktop.exe transcribe says how to add speech"
says_how_to_add_speech

step "the add-on's installer refuses an app of another version"
version=$(wine reg query "$app_key" /v DisplayVersion | tr -d '\r' | awk '/DisplayVersion/ {print $3}')
wine reg add "$app_key" /v DisplayVersion /t REG_SZ /d 0.0.1 /f >/dev/null
speech_refused
wine reg add "$app_key" /v DisplayVersion /t REG_SZ /d "$version" /f >/dev/null

step "install the add-on silently: $(basename "$speech_setup") /S"
install_speech
test -f "$speech_dir/uninstall-speech.exe"
test -f "$speech_dir/lib/faster_whisper/__init__.py"
test -f "$speech_dir/lib/ctranslate2/ctranslate2.dll"
wine reg query "$speech_key" /v DisplayVersion | tr -d '\r' | grep -q "$version"
wine reg query "$speech_key" /v QuietUninstallString | tr -d '\r' | grep 'uninstall-speech.exe'
echo "installed in ${speech_dir#"$WINEPREFIX/"}: $(du -sh "$speech_dir" | cut -f1)"

step "aipm-desktop.exe transcribe --format json (the engine in-process)"
capture "$program" transcribe "$clip" --format json || { cat "$captured_err" >&2; exit 1; }
"$python" - "$captured_out" <<'PY'
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
print(result["text"])
print(f'{result["seconds"]} s, {result["words_per_minute"]} words a minute, '
      f'{result["long_pauses"]} long pause(s), {len(result["words"])} words')
assert result["text"].startswith("Privacy by design"), result["text"]
assert abs(result["seconds"] - 23.4) < 0.2, result["seconds"]
assert result["long_pauses"] == 1, result["long_pauses"]
assert len(result["words"]) > 35, len(result["words"])
PY

step "uninstall the add-on silently: speech\\uninstall-speech.exe /S"
wine "$speech_dir/uninstall-speech.exe" /S
wineserver -w
test ! -e "$speech_dir" || { ls -R "$speech_dir" | head -n 20 >&2; exit 1; }
no_key "$speech_key"
test -f "$program"
has_key "$app_key"
says_how_to_add_speech

step "the app installed again: the same version keeps the add-on, another one removes it"
install_speech
wine "$app_setup" /S
wineserver -w
test -f "$speech_dir/lib/faster_whisper/__init__.py"
has_key "$speech_key"
wine reg add "$speech_key" /v DisplayVersion /t REG_SZ /d 0.0.1 /f >/dev/null
wine "$app_setup" /S
wineserver -w
test ! -e "$speech_dir"
no_key "$speech_key"
test -f "$program"

step "the add-on again, a data folder, then the app's uninstaller removes both"
install_speech
test -d "$speech_dir/lib"
on_console env WINEQT_QPA_PLATFORM=offscreen wine "$program" --exit-when-ready
test -f "$data/aipm.sqlite3"
"$python" "$repo/packaging/linux/user_data.py" create "$data"
before=$(data_digest)
wine "$program_dir/uninstall.exe" /S
wineserver -w
test ! -e "$program_dir" || { ls -R "$program_dir" | head -n 20 >&2; exit 1; }
no_key "$app_key"
no_key "$speech_key"
after=$(data_digest)
if [ "$before" != "$after" ]; then
    echo "uninstalling changed the user's data:" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
fi
echo "the app and the add-on are gone; the user's data folder is untouched"

step "passed"
