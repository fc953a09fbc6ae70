#!/usr/bin/env bash
# The portable tarball on a Debian that has never seen Python:
#
#   packaging/linux/test_portable.sh dist/aipm-desktop-VERSION-linux-x86_64.tar.xz
#
# 1. debootstrap --variant=minbase into a temporary root (clean_root.sh);
# 2. unpacked into a user's home; as that user (uid 1000, no root): `aipm-desktop --version` with
#    nothing but glibc, then install.sh, which must name the missing system libraries;
# 3. apt-get install exactly the packages the tarball's README.txt lists, nothing else;
# 4. install.sh again (an upgrade, now without warnings), the menu entry and icons,
#    `aipm-desktop --version`, `--self-test` offscreen, a data folder with an attempt;
# 5. uninstall.sh: program, command, menu entry and icons gone, the data byte-for-byte
#    untouched.
#
# Needs root, debootstrap, and a Debian mirror reachable by apt. Prints the time taken.
set -euo pipefail

tarball=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
# shellcheck source=clean_root.sh
. "$here/clean_root.sh"
clean_root

user_home=/home/tester
mkdir -p "$root$user_home"
chown 1000:1000 "$root$user_home"
as_user() {
    chroot --userspec=1000:1000 "$root" env -i PATH=/usr/bin:/bin HOME=$user_home \
        LANG=C.UTF-8 "$@"
}
folder=$(basename "$tarball" .tar.xz)

# A minbase root has no xz (every desktop has it, for its file manager): unpack from outside.
step "unpack $(basename "$tarball") into the user's home; --version with glibc alone"
tar -xJf "$tarball" -C "$root$user_home"
chown -R 1000:1000 "$root$user_home/$folder"
as_user "$user_home/$folder/aipm-desktop/aipm-desktop" --version

step "install.sh names what the system lacks"
as_user sh -c "cd $user_home/$folder && ./install.sh" 2>"$root/tmp/warnings.txt"
cat "$root/tmp/warnings.txt"
grep -q "libEGL.so.1" "$root/tmp/warnings.txt" \
    || { echo "install.sh did not warn about the missing libEGL.so.1" >&2; exit 1; }

packages=$(sed -n 's/^ *sudo apt-get install //p' "$root$user_home/$folder/README.txt")
step "apt-get install the documented system libraries: $packages"
in_root apt-get update -q >/dev/null
# shellcheck disable=SC2086  # one word per package
apt_install --no-install-recommends $packages

step "install.sh again (an upgrade): no warning now"
as_user sh -c "cd $user_home/$folder && ./install.sh" 2>"$root/tmp/warnings.txt"
if [ -s "$root/tmp/warnings.txt" ]; then
    cat "$root/tmp/warnings.txt" >&2
    exit 1
fi
opt=$root$user_home/.local/opt/aipm-desktop
menu=$root$user_home/.local/share/applications/aipm-desktop.desktop
icon=$root$user_home/.local/share/icons/hicolor/48x48/apps/aipm-desktop.png
test -x "$opt/aipm-desktop" && test -L "$root$user_home/.local/bin/aipm-desktop"
test -f "$icon" && test -f "$menu"
grep -qx "Exec=\"$user_home/.local/opt/aipm-desktop/aipm-desktop\"" "$menu"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$menu"; fi

step "aipm-desktop --version and --self-test"
as_user "$user_home/.local/bin/aipm-desktop" --version
as_user env QT_QPA_PLATFORM=offscreen "$user_home/.local/bin/aipm-desktop" --self-test

step "user data made by this version"
data=$user_home/.local/share/aipm/aipm-desktop
as_user env QT_QPA_PLATFORM=offscreen "$user_home/.local/bin/aipm-desktop" --exit-when-ready
"$python" "$here/user_data.py" create "$root$data"
before=$(cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)

step "uninstall.sh"
as_user "$user_home/.local/opt/aipm-desktop/uninstall.sh"
test ! -e "$opt" && test ! -e "$root$user_home/.local/bin/aipm-desktop"
test ! -e "$menu" && test ! -e "$icon"
after=$(cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
if [ "$before" != "$after" ]; then
    echo "uninstalling changed the user's data:" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
fi
echo "the user's data folder is untouched"

step "passed"
