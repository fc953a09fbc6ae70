"""How much audio Qt's QAudioSource delivers from the default input, second by second.

Outside the app, to tell a sound server's problem from the app's: records mono 16-bit
audio for a few seconds and prints the bytes received each second as a multiple of
real time. ``--mode push`` reads the QIODevice that ``start()`` returns (as the app's
MicrophoneRecorder does); ``--mode pull`` gives ``start()`` a QBuffer (a QIODevice
subclass written in Python is no use here: PySide6 6.11 hands ``writeData`` a str and
crashes). ``QT_AUDIO_BACKEND=pipewire`` asks for Qt's PipeWire backend (Qt falls back to
PulseAudio when libpipewire is older than 0.3.75). With tests/e2e/sound_server.py::

    python tests/e2e/sound_server.py pulseaudio -- .venv/bin/python scripts/audio_input_probe.py
"""

from __future__ import annotations

import argparse
import sys
import time
import wave

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QTimer
from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=int, default=16_000, help="sample rate (Hz)")
    parser.add_argument("--buffer", type=int, default=0, help="setBufferSize in bytes")
    parser.add_argument("--mode", choices=("push", "pull"), default="push")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--out", help="write what was received to this WAV file")
    args = parser.parse_args()

    app = QCoreApplication(sys.argv)
    device = QMediaDevices.defaultAudioInput()
    if device.isNull():
        print("no audio input", file=sys.stderr)
        return 2
    audio_format = QAudioFormat()
    audio_format.setSampleRate(args.rate)
    audio_format.setChannelCount(1)
    audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    print(f"input: {device.description()}; supported: {device.isFormatSupported(audio_format)}")
    source = QAudioSource(device, audio_format)
    if args.buffer:
        source.setBufferSize(args.buffer)
    received = bytearray()
    if args.mode == "pull":
        sink = QBuffer()
        sink.open(QIODevice.OpenModeFlag.WriteOnly)
        source.start(sink)

        def take() -> None:
            received.extend(bytes(sink.data().data()))
            sink.buffer().clear()
            sink.seek(0)
    else:
        reader = source.start()

        def take() -> None:
            received.extend(bytes(reader.readAll().data()))

        reader.readyRead.connect(take)
    print(f"buffer size: {source.bufferSize()} bytes; error: {source.error().name}")

    second_bytes = 2 * args.rate
    started = time.monotonic()
    last = [0, started]

    def tick() -> None:
        take()
        now = time.monotonic()
        new = len(received) - last[0]
        speed = new / second_bytes / (now - last[1])
        print(f"{now - started:5.2f} s: +{new:7d} bytes = {speed:.2f}x real time", flush=True)
        last[:] = [len(received), now]
        if now - started < args.seconds - 0.01:
            return
        source.stop()
        seconds = len(received) / second_bytes
        print(f"total: {seconds:.2f} s of audio in {now - started:.2f} s")
        if args.out:
            with wave.open(args.out, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(args.rate)
                out.writeframes(bytes(received))
        app.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(1000)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
