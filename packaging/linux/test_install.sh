#!/usr/bin/env bash
# Installer and upgrade test on a Debian that has never seen Python:
#
#   packaging/linux/test_install.sh NEW.deb [OLD.deb]
#
# 1. debootstrap --variant=minbase bookworm into a temporary root (cached in
#    $AIPM_ROOTFS_CACHE as a tarball, if set, so a second run skips the download);
# 2. with OLD.deb: install it, and give the user data made by that version (an
#    attempt, written by the checkout's Store into ~/.local/share/aipm/aipm-desktop);
# 3. apt-get install ./NEW.deb (dependencies from Depends: alone), over OLD.deb if given;
# 4. aipm-desktop --version and --self-test inside the chroot, offscreen, and the
#    coverage command, which must use the bundled model;
#    with OLD.deb: the new version opens the old data (migrating it) and the attempt
#    is still there;
# 5. apt-get purge, then check the user's data folder is exactly as it was.
#
# Needs root, debootstrap, and a Debian mirror reachable by apt. Prints the time taken.
set -euo pipefail

new_deb=$(realpath "$1")
old_deb=${2:+$(realpath "$2")}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
# shellcheck source=clean_root.sh
. "$here/clean_root.sh"
clean_root

step "apt-get update"
in_root apt-get update -q >/dev/null

data=/root/.local/share/aipm/aipm-desktop
if [ -n "$old_deb" ]; then
    step "install the old version: $(basename "$old_deb")"
    cp "$old_deb" "$root/tmp/"
    apt_install "/tmp/$(basename "$old_deb")"
    in_root aipm-desktop --version
    step "user data made by the old version"
    mkdir -p "$root$data"
    "$python" "$here/user_data.py" create "$root$data"
fi

step "install $(basename "$new_deb") with apt-get (Depends: only)"
cp "$new_deb" "$root/tmp/"
apt_install "/tmp/$(basename "$new_deb")"
test -x "$root/usr/bin/aipm-desktop"
test -f "$root/usr/share/applications/aipm-desktop.desktop"
test -f "$root/usr/share/icons/hicolor/48x48/apps/aipm-desktop.png"

step "aipm-desktop --version and --self-test"
in_root aipm-desktop --version
in_root env QT_QPA_PLATFORM=offscreen aipm-desktop --self-test

step "the key-point check runs its bundled model"
echo "Drift in user behaviour quietly lowers accuracy, so we monitor it." >"$root/tmp/answer.txt"
in_root aipm-desktop --data-dir /tmp/coverage-data coverage \
    --question td-05-model-limitations --answer-file /tmp/answer.txt >"$root/tmp/coverage.json"
grep -q '"matcher": "minilm-int8"' "$root/tmp/coverage.json"

if [ -n "$old_deb" ]; then
    step "the new version opens the old data"
    in_root env QT_QPA_PLATFORM=offscreen aipm-desktop --exit-when-ready
    "$python" "$here/user_data.py" check "$root$data"
else
    step "user data made by this version"
    in_root env QT_QPA_PLATFORM=offscreen aipm-desktop --exit-when-ready
    "$python" "$here/user_data.py" create "$root$data"
fi
before=$(cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)

step "apt-get purge aipm-desktop"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q aipm-desktop >/dev/null
test ! -e "$root/opt/aipm-desktop"
test ! -e "$root/usr/bin/aipm-desktop"
after=$(cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
if [ "$before" != "$after" ]; then
    echo "removing the package changed the user's data:" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
fi
echo "the user's data folder is untouched"

step "passed"
