# Shared by the Wine smoke tests (test_wine.sh, test_wine_speech.sh); sourced, not run.
#
# new_prefix makes a new 64-bit Wine prefix (Debian's wine64, 8.0) and adds to its
# system32 what Wine 8 lacks and the app's libraries need (never to an installer):
# - icuuc.dll, which Qt6Core.dll imports (Windows 10 1903+ has it): a stand-in without
#   converter data (icuuc_standin.c);
# - bcryptprimitives.dll (ProcessPrng), which rpds-py's Rust code imports (Windows 10+
#   has it, Wine from 9.0): a stand-in over Wine's BCryptGenRandom;
# - ucrtbase.dll with the 34 complex-number functions numpy imports (crealf, cexp, ...),
#   which Wine 8 has as stubs that abort the process: ucrtbase_complex.c, every other
#   export forwarded to Wine's own ucrtbase.dll (forwarding_standin below);
# - propsys.dll with VariantToString, which Python's _wmi.pyd imports (platform.machine(),
#   called as onnxruntime loads): propsys_standin.c, the rest forwarded likewise;
# and says "Windows 10" (onnxruntime warns on the default "Windows 7"). Wine's own Visual
# C++ runtime (msvcp140*.dll, vcruntime140*.dll) is switched off, so only the copies the
# app ships load, as on a Windows without the Visual C++ Redistributable. It sets
# KMP_AFFINITY=disabled: CTranslate2's Intel OpenMP (libiomp5md.dll) stops when
# GetNumaNodeProcessorMaskEx fails, which Wine 8 does not implement; the setting skips
# its processor-affinity set-up (real Windows has the function).
#
# on_console runs a Windows program on a pseudo-terminal: Python 3.13 under Wine 8 stops
# at start-up ("init_sys_streams ... Invalid handle") when its output goes to a Linux
# file or pipe. on_cmd runs a command line in Wine's cmd, whose own redirections to
# Windows files work, to read a program's standard output and error apart.
# Wine passes no QT_* variable from Linux to Windows programs; WINEQT_QPA_PLATFORM sets
# QT_QPA_PLATFORM for them.
#
# Needs wine, mingw-w64 (gcc, objdump) and script (bsdutils). Expects $here (the folder
# of the test scripts).

start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - start))"; }

export WINEPREFIX
WINEPREFIX=$(mktemp -d /tmp/aipm-wine-test.XXXXXX)
export WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko prompts; the stand-ins first; and no Visual C++ runtime of Wine's own, as on
# a Windows without the Visual C++ Redistributable: only the copies the app ships load.
export WINEDLLOVERRIDES="mscoree,mshtml=;ucrtbase,propsys=n,b;msvcp140,msvcp140_1,msvcp140_2,vcruntime140,vcruntime140_1=n"
export KMP_AFFINITY=disabled
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

# Runs PROGRAM (a Linux path) with ARGS in Wine's cmd, its standard output and error
# redirected by cmd to the Windows files $captured_out and $captured_err (Linux paths);
# the program's exit code as the function's. (Wine quotes each argument with a space for
# cmd's line, and cmd reads the redirections itself.)
captured_out=$WINEPREFIX/drive_c/captured-out.txt
captured_err=$WINEPREFIX/drive_c/captured-err.txt
capture() {
    local program
    program=$(windows_path "$1")
    shift
    rm -f "$captured_out" "$captured_err"
    on_console wine cmd /c "$program" "$@" '>' 'C:\captured-out.txt' '2>' 'C:\captured-err.txt' \
        >/dev/null
}

# The Windows path (Z:\...) of a Linux path.
windows_path() {
    wine winepath -w "$1" 2>/dev/null | tr -d '\r'
}

# A stand-in NAME.dll in system32: it exports each standin_X function of SOURCE as X
# and forwards every other export of Wine's NAME.dll to a copy of it, wine_NAME.dll.
# Further arguments go to the linker.
forwarding_standin() {
    local name=$1 source=$2
    shift 2
    local real=$system32/$name.dll work implemented
    work=$(mktemp -d)
    cp "$real" "$system32/wine_$name.dll"
    x86_64-w64-mingw32-gcc -c -O2 -Wall -Werror -o "$work/$name.o" "$source"
    implemented=$(x86_64-w64-mingw32-nm -g --defined-only "$work/$name.o" \
        | sed -n 's/.* T standin_\(.*\)/\1/p' | tr '\n' ' ')
    {
        echo "LIBRARY $name.dll"
        echo "EXPORTS"
        x86_64-w64-mingw32-objdump -p "$real" \
            | sed -n 's/^\t\[ *[0-9]*\] \([A-Za-z_][A-Za-z0-9_]*\)$/\1/p' \
            | awk -v name="$name" -v implemented="$implemented" '
                BEGIN { split(implemented, list, " "); for (i in list) own[list[i]] = 1 }
                $1 in own { print "  " $1 " = standin_" $1; found++; next }
                { print "  " $1 " = wine_" name "." $1 }
                END { if (found != length(own)) { print name ".dll lacks a standin_ export" > "/dev/stderr"; exit 1 } }'
    } >"$work/$name.def"
    x86_64-w64-mingw32-gcc -shared -s -static-libgcc -o "$work/$name.dll" \
        "$work/$name.o" "$work/$name.def" "$@"
    mv "$work/$name.dll" "$real"
    rm -rf "$work"
}

new_prefix() {
    step "a new Wine prefix ($(wine --version)) with stand-ins for what Wine 8 lacks"
    wineboot -i >/dev/null 2>&1 || true  # warns about the missing 32-bit Wine; 64-bit is enough
    wineserver -w
    system32=$WINEPREFIX/drive_c/windows/system32
    test -d "$system32"
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/icuuc.dll" "$here/wine/icuuc_standin.c"
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/bcryptprimitives.dll" \
        "$here/wine/bcryptprimitives_standin.c" -lbcrypt
    forwarding_standin ucrtbase "$here/wine/ucrtbase_complex.c"
    forwarding_standin propsys "$here/wine/propsys_standin.c" -loleaut32
    wine reg add 'HKCU\Software\Wine' /v Version /t REG_SZ /d win10 /f >/dev/null 2>&1
    wineserver -w
    user_dir=$WINEPREFIX/drive_c/users/$(id -un)
    [ -d "$user_dir" ] || user_dir=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -n 1)
    program_dir="$user_dir/AppData/Local/Programs/AIPM Desktop"
    program=$program_dir/aipm-desktop.exe
    shortcut="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/AIPM Desktop.lnk"
    data="$user_dir/AppData/Roaming/aipm/aipm-desktop"
    app_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\aipm-desktop'
    speech_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\aipm-desktop-speech'
}

# The data folder's files with their SHA-256, to compare before and after.
data_digest() {
    (cd "$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}

# Whether a registry key exists.
has_key() {
    wine reg query "$1" >/dev/null 2>&1
}

# Fails (under set -e) when a registry key exists.
no_key() {
    if has_key "$1"; then
        echo "$1 is still there" >&2
        return 1
    fi
}
