"""A private sound server with a virtual microphone, for recording through a real audio stack.

Two kinds, as on today's Linux desktops: ``pulseaudio`` (PulseAudio alone) and
``pipewire`` (PipeWire with WirePlumber and pipewire-pulse, on a D-Bus session bus of
its own). Either way the server gets a null sink, ``aipm_speaker``, and the default
source is ``aipm_mic``, a remap of that sink's monitor: what is played into the speaker
is what the microphone hears, at the server's own clock (Qt lists no monitor source
as an input, hence the remap).

With ``source="sine"`` (PulseAudio only) the default source is instead PulseAudio's
``module-sine-source``, which posts its audio in blocks of about 2 s whatever latency a
client asks for, and Qt 6.11's PulseAudio input (whose stream holds 1,024 frames at
most) gets only about 0.05 s of each block: a trickle. It is the stall that Speak mode's
silent-input watch must report (docs/speech.md).

Everything lives in one folder (sockets, state, logs); the programs are children of
this process, ended when the ``with`` block ends. By hand::

    python tests/e2e/sound_server.py pulseaudio -- .venv/bin/aipm-desktop
    python tests/e2e/sound_server.py pipewire -- paplay some.wav
    python tests/e2e/sound_server.py --source sine pulseaudio -- python scripts/audio_input_probe.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

KINDS = ("pulseaudio", "pipewire")
SOURCES = ("remap", "sine")
PROGRAMS = {
    "pulseaudio": ("pulseaudio", "pactl", "paplay"),
    "pipewire": ("dbus-daemon", "pipewire", "wireplumber", "pipewire-pulse", "pactl", "paplay"),
}
SPEAKER = "aipm_speaker"
MICROPHONE = "aipm_mic"
MICROPHONE_DESCRIPTION = "Virtual-microphone"  # one word: no quoting in module arguments
START_SECONDS = 15.0


class SoundServerError(RuntimeError):
    """The server did not come up; the message has its log."""


@dataclass(frozen=True)
class VirtualMicrophone:
    """A running server: the environment that reaches it, and a way to speak into it."""

    kind: str
    env: dict[str, str]
    """Variables to add to a client's environment so that it uses this server."""
    folder: Path

    @property
    def player(self) -> list[str]:
        """The command that plays a file (its last argument) into the microphone."""
        return ["paplay", f"--device={SPEAKER}"]

    def client_env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """``base`` (or this process's environment) pointed at the server."""
        return {**(os.environ if base is None else base), **self.env}


def missing_programs(kind: str) -> list[str]:
    """The programs that ``kind`` needs and this machine lacks."""
    return [name for name in PROGRAMS[kind] if shutil.which(name) is None]


@contextmanager
def virtual_microphone(
    kind: str, folder: Path, source: str = "remap"
) -> Iterator[VirtualMicrophone]:
    """Start a ``kind`` server in ``folder`` (emptied first) with the virtual microphone."""
    if kind not in KINDS:
        raise ValueError(f"unknown sound server {kind!r}: one of {', '.join(KINDS)}")
    if source not in SOURCES or (source == "sine" and kind != "pulseaudio"):
        raise ValueError(f"no {source!r} source on {kind}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    children: list[subprocess.Popen[bytes]] = []
    try:
        start = _start_pulseaudio if kind == "pulseaudio" else _start_pipewire
        env = start(folder, children)
        _add_microphone(env, folder, source)
        yield VirtualMicrophone(kind, env, folder)
    finally:
        for child in reversed(children):
            child.terminate()
        for child in reversed(children):
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _spawn(
    command: list[str], env: dict[str, str], log: Path, children: list[subprocess.Popen[bytes]]
) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        child = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    children.append(child)
    return child


def _wait_for(path: Path, child: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not path.exists():
        if child.poll() is not None or time.monotonic() > deadline:
            raise SoundServerError(
                f"{child.args} did not start ({path} never appeared):\n"
                + log.read_text(errors="replace")
            )
        time.sleep(0.05)


def _start_pulseaudio(folder: Path, children: list[subprocess.Popen[bytes]]) -> dict[str, str]:
    socket = folder / "native"
    env = {
        "PULSE_RUNTIME_PATH": str(folder),
        "PULSE_STATE_PATH": str(folder),
        "PULSE_COOKIE": str(folder / "cookie"),
        "PULSE_SERVER": f"unix:{socket}",
    }
    log = folder / "pulseaudio.log"
    server = _spawn(
        [
            "pulseaudio",
            "-n",  # no default.pa: only the modules below
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--load=module-native-protocol-unix socket=" + str(socket) + " auth-anonymous=1",
            f"--load=module-null-sink sink_name={SPEAKER}",
        ],
        {**env, "HOME": str(folder)},
        log,
        children,
    )
    _wait_for(socket, server, log)
    return env


def _start_pipewire(folder: Path, children: list[subprocess.Popen[bytes]]) -> dict[str, str]:
    bus = folder / "bus"
    env = {
        "XDG_RUNTIME_DIR": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_STATE_HOME": str(folder / "state"),
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={bus}",
        "PULSE_SERVER": f"unix:{folder / 'pulse' / 'native'}",
    }
    server_env = {**env, "HOME": str(folder)}
    server_env.pop("PULSE_SERVER")
    log = folder / "pipewire.log"
    dbus = _spawn(
        ["dbus-daemon", "--session", "--nofork", f"--address=unix:path={bus}"],
        server_env,
        log,
        children,
    )
    _wait_for(bus, dbus, log)
    pipewire = _spawn(["pipewire"], server_env, log, children)
    _wait_for(folder / "pipewire-0", pipewire, log)
    _spawn(["wireplumber"], server_env, log, children)
    pulse = _spawn(["pipewire-pulse"], server_env, log, children)
    _wait_for(folder / "pulse" / "native", pulse, log)
    _pactl(env, folder, "load-module", "module-null-sink", f"sink_name={SPEAKER}")
    return env


def _pactl(env: dict[str, str], folder: Path, *args: str) -> str:
    deadline = time.monotonic() + START_SECONDS
    while True:
        done = subprocess.run(
            ["pactl", *args],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            return done.stdout
        if "Connection" not in done.stderr or time.monotonic() > deadline:
            logs = "".join(p.read_text(errors="replace") for p in folder.glob("*.log"))
            raise SoundServerError(f"pactl {' '.join(args)}: {done.stderr.strip()}\n{logs}")
        time.sleep(0.1)  # the server is still starting


def _add_microphone(env: dict[str, str], folder: Path, source: str) -> None:
    module = ["module-remap-source", f"master={SPEAKER}.monitor"]
    if source == "sine":
        module = ["module-sine-source", "frequency=440"]
    _pactl(
        env,
        folder,
        "load-module",
        *module,
        f"source_name={MICROPHONE}",
        f"source_properties=device.description={MICROPHONE_DESCRIPTION}",
    )
    _pactl(env, folder, "set-default-sink", SPEAKER)
    _pactl(env, folder, "set-default-source", MICROPHONE)
    deadline = time.monotonic() + START_SECONDS
    while _default_source(env, folder) != MICROPHONE:  # WirePlumber applies it a moment later
        if time.monotonic() > deadline:
            raise SoundServerError(f"the default source never became {MICROPHONE}")
        time.sleep(0.1)


def _default_source(env: dict[str, str], folder: Path) -> str:
    for line in _pactl(env, folder, "info").splitlines():
        if line.startswith("Default Source:"):
            return line.split(":", 1)[1].strip()
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--source", choices=SOURCES, default="remap")
    parser.add_argument("command", nargs="+", help="what to run with the server (after --)")
    args = parser.parse_args()
    missing = missing_programs(args.kind)
    if missing:
        print(f"missing programs: {', '.join(missing)}", file=sys.stderr)
        return 2
    with (
        tempfile.TemporaryDirectory(prefix="aipm-sound-") as temp,
        virtual_microphone(args.kind, Path(temp) / "server", args.source) as microphone,
    ):
        print(
            f"{args.kind}: default source {MICROPHONE}; play into it with "
            f"paplay --device={SPEAKER} FILE (server folder {microphone.folder})",
            file=sys.stderr,
        )
        return subprocess.call(args.command, env=microphone.client_env())


if __name__ == "__main__":
    sys.exit(main())
