# Sourced by the installer tests (test_install.sh, test_portable.sh): a freshly
# debootstrapped Debian in a temporary folder, removed on exit.
#
#   . clean_root.sh; clean_root    sets $root; in_root CMD... runs CMD in it as root
#
# $AIPM_TEST_SUITE (bookworm), $AIPM_TEST_MIRROR (deb.debian.org), and $AIPM_ROOTFS_CACHE:
# a tarball of the debootstrapped root, made on the first run and unpacked on the next
# ones (it is never written to after debootstrap, so every test starts from the same
# clean root). Needs root and debootstrap.

suite=${AIPM_TEST_SUITE:-bookworm}
mirror=${AIPM_TEST_MIRROR:-http://deb.debian.org/debian}
start=$(date +%s)

step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - start))"; }

clean_root_cleanup() {
    for mount in proc dev/pts dev sys; do
        mountpoint -q "$root/$mount" && umount -l "$root/$mount"
    done
    rm -rf --one-file-system "$root"
}

clean_root() {
    root=$(mktemp -d /tmp/aipm-install-test.XXXXXX)
    chmod 755 "$root"  # apt downloads as the _apt user
    trap clean_root_cleanup EXIT
    step "a clean Debian $suite root"
    local cache=${AIPM_ROOTFS_CACHE:-}
    if [ -n "$cache" ] && [ -f "$cache" ]; then
        tar -xzf "$cache" -C "$root"
    else
        debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
            || { tail -n 30 "$root.debootstrap.log"; exit 1; }
        rm -f "$root.debootstrap.log"
        if [ -n "$cache" ]; then tar -czf "$cache" -C "$root" .; fi
    fi
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    if chroot "$root" sh -c 'command -v python3 || command -v python'; then
        echo "the clean root has a Python; the test would prove nothing" >&2
        exit 1
    fi
}

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
apt_install() { in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
