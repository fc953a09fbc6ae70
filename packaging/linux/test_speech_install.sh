#!/usr/bin/env bash
# The speech add-on's .deb on a Debian that has never seen Python:
#
#   packaging/linux/test_speech_install.sh APP.deb SPEECH.deb
#
# 1. a clean debootstrapped root (clean_root.sh; $AIPM_ROOTFS_CACHE is used as there);
# 2. apt-get install ./APP.deb: `transcribe` exits 2 and says how to add speech;
# 3. apt-get install ./SPEECH.deb (dependencies from Depends: alone): `transcribe` of a
#    clip spoken by espeak-ng on this machine (tests/speech_clips.py) prints its words
#    and finds its long pause, through the add-on installed beside the app;
# 4. apt-get purge the add-on: its folder is gone, and the app says how to add it again.
#
# Needs root, debootstrap, a Debian mirror reachable by apt, and espeak-ng and sox here.
set -euo pipefail

app_deb=$(realpath "$1")
speech_deb=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
# shellcheck source=clean_root.sh
. "$here/clean_root.sh"
clean_root

step "a spoken answer (espeak-ng, sox)"
"$python" - "$repo" "$root/tmp" <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from tests.speech_clips import clip_texts, synthesise

clip = synthesise({c.id: c for c in clip_texts()}["privacy"], Path(sys.argv[2]) / "clip")
clip.audio.rename(Path(sys.argv[2]) / "answer.wav")
PY

step "apt-get update"
in_root apt-get update -q >/dev/null

step "install $(basename "$app_deb"): transcribe says how to add speech"
cp "$app_deb" "$root/tmp/"
apt_install "/tmp/$(basename "$app_deb")"
says_how_to_add_speech() {
    local code=0
    in_root aipm-desktop transcribe /tmp/answer.wav >/dev/null 2>"$root/tmp/error.txt" || code=$?
    cat "$root/tmp/error.txt"
    [ "$code" = 2 ] || { echo "transcribe exited $code, not 2" >&2; exit 1; }
    grep -q "aipm-desktop-speech" "$root/tmp/error.txt"
}
says_how_to_add_speech

step "install $(basename "$speech_deb") with apt-get (Depends: only)"
cp "$speech_deb" "$root/tmp/"
apt_install "/tmp/$(basename "$speech_deb")"
test -x "$root/opt/aipm-desktop/speech/aipm-desktop-speech"

step "transcribe through the add-on"
in_root aipm-desktop transcribe --format text /tmp/answer.wav | tee "$root/tmp/answer.txt"
grep -q "Privacy by design" "$root/tmp/answer.txt"
grep -q "Long pauses (over 2 s): 1" "$root/tmp/answer.txt"

step "apt-get purge aipm-desktop-speech"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q aipm-desktop-speech >/dev/null
test ! -e "$root/opt/aipm-desktop/speech"
says_how_to_add_speech

step "passed"
