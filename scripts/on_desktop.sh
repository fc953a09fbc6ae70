#!/usr/bin/env bash
# Run COMMAND as a user sees it: on a private X server (Xvfb) with a window manager
# (openbox), so windows have their title bars and frames and are placed and focused by
# the window manager. `make screenshots` runs scripts/screenshots.py this way; the
# same set-up as the desktop-run tool, for a program that drives itself and exits.
#
#   scripts/on_desktop.sh [-s 1400x1600] COMMAND ARGS...
# Needs: Xvfb and openbox (Debian: apt-get install xvfb openbox). Exit 3 when missing.
set -u
size=1400x1600
if [ "${1:-}" = "-s" ]; then size=$2; shift 2; fi
[ $# -gt 0 ] || { echo "usage: on_desktop.sh [-s WxH] COMMAND ARGS..." >&2; exit 2; }
for tool in Xvfb openbox; do
  command -v $tool >/dev/null || { echo "on_desktop.sh: $tool is missing" >&2; exit 3; }
done
display=:$((600 + RANDOM % 300))
Xvfb $display -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 & xvfb=$!
sleep 1
DISPLAY=$display openbox >/dev/null 2>&1 & wm=$!
trap 'kill $wm $xvfb 2>/dev/null' EXIT
sleep 0.5
env -u WAYLAND_DISPLAY DISPLAY=$display QT_QPA_PLATFORM=xcb "$@"
