#!/bin/sh
# Install AIPM Desktop for this user only: no root, no Python, no package manager.
#
#   ./install.sh              install (or upgrade) from this folder
#   ./install.sh --uninstall  remove the program, its menu entry and its icons
#                             (also: ~/.local/opt/aipm-desktop/uninstall.sh)
#
# The program goes to ~/.local/opt/aipm-desktop, a command to ~/.local/bin/aipm-desktop,
# the menu entry and icons under ~/.local/share (or $XDG_DATA_HOME). Your practice data
# (~/.local/share/aipm/aipm-desktop) is never touched, not even by --uninstall.
set -eu

app=aipm-desktop
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
case "$data_home" in /*) ;; *) data_home=$HOME/.local/share ;; esac
opt=$HOME/.local/opt/$app
bin=$HOME/.local/bin/$app
menu=$data_home/applications/$app.desktop
icons=$data_home/icons/hicolor

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data_home/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$icons" 2>/dev/null || true
    fi
}

uninstall() {
    rm -rf "$opt"  # uninstall.sh goes too; sh keeps reading the deleted file
    [ -L "$bin" ] && rm -f "$bin"
    rm -f "$menu"
    for icon in "$icons"/*/apps/$app.png "$icons"/scalable/apps/$app.svg; do
        [ -f "$icon" ] && rm -f "$icon"
    done
    rmdir "$HOME/.local/opt" 2>/dev/null || true
    refresh_caches
    echo "AIPM Desktop is removed. Your practice data is still in ${data_home}/aipm/$app."
}

# Names of the system libraries the bundle needs and this computer lacks (ldd "not found").
missing_libraries() {
    command -v ldd >/dev/null 2>&1 || return 0
    find "$opt/_internal" -name '*.so*' -type f | while read -r library; do
        LD_LIBRARY_PATH="$opt/_internal" ldd "$library" 2>/dev/null | sed -n 's/^[[:space:]]*\([^[:space:]]*\) => not found$/\1/p'
    done | sort -u
}

install() {
    if [ ! -x "$here/$app/$app" ]; then
        echo "install.sh: run it from the unpacked folder (it needs $here/$app/$app)" >&2
        exit 1
    fi
    mkdir -p "$HOME/.local/opt" "$(dirname "$bin")" "$(dirname "$menu")"
    # Copy beside the old version, then swap: an interrupted upgrade leaves a working one.
    rm -rf "$opt.new"
    cp -R "$here/$app" "$opt.new"
    rm -rf "$opt"
    mv "$opt.new" "$opt"
    ln -sfn "$opt/$app" "$bin"
    cp "$here/install.sh" "$opt/uninstall.sh"
    for source in "$here"/share/icons/hicolor/*/apps/*; do
        relative=${source#"$here/share/icons/hicolor/"}
        mkdir -p "$icons/$(dirname "$relative")"
        cp "$source" "$icons/$relative"
    done
    # The menu starts the program by its full path: ~/.local/bin is not always on PATH.
    sed "s|^Exec=.*|Exec=\"$opt/$app\"|" "$here/share/applications/$app.desktop" >"$menu"
    refresh_caches
    echo "$("$opt/$app" --version 2>/dev/null || echo "AIPM Desktop") is installed:"
    echo "  open it from your applications menu, or run $bin"
    missing=$(missing_libraries)
    if [ -n "$missing" ]; then
        echo "Warning: this computer lacks system libraries AIPM Desktop uses:" >&2
        echo "$missing" | sed 's/^/  /' >&2
        echo "Install them with your distribution's package manager (see README.txt)." >&2
    fi
}

default=install
[ "$(basename "$0")" = uninstall.sh ] && default=uninstall
case "${1:-}" in
    "") "$default" ;;
    --uninstall) uninstall ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) echo "install.sh: unknown option $1 (use --uninstall or --help)" >&2; exit 2 ;;
esac
