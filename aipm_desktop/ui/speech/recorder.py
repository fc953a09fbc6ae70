"""Recording the microphone to a WAV file, behind a small interface tests can fake.

:class:`Recorder` is what Speak mode uses: ``start(path)``, ``pause()``, ``resume()``,
``stop()``, and the ``level`` and ``failed`` signals. :class:`MicrophoneRecorder` reads
the default input through QtMultimedia's ``QAudioSource`` (16 kHz mono 16-bit PCM, no
FFmpeg plugin, with 2 s of buffer so a busy UI thread loses no audio) and writes the WAV
as it goes (:mod:`aipm_desktop.core.speech.wav_writer`), so a crash keeps the audio up to
the last second. :class:`WavFileRecorder` feeds a WAV
file instead, for tests and for machines without a microphone.
"""

from __future__ import annotations

import array
import math
import wave
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal

from aipm_desktop.core.clock import Clock, SystemClock
from aipm_desktop.core.speech.silent_input import SilentInputWatch
from aipm_desktop.core.speech.wav_writer import CHANNELS, SAMPLE_BYTES, SAMPLE_RATE, WavWriter

NO_MICROPHONE = (
    "No microphone was found, so Speak mode can't record. Connect one (or allow this app to "
    "use it) and try again; Type mode works as usual."
)


def peak_level(pcm: bytes) -> float:
    """The loudest sample of 16-bit PCM, from 0.0 (silence) to 1.0 (full scale)."""
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return 0.0
    return min(1.0, max(abs(s) for s in samples) / 32768)


def level_in_decibels(level: float) -> float:
    """A level as dBFS (−60 for silence), for a meter that moves the way loudness sounds."""
    return max(-60.0, 20 * math.log10(level)) if level > 0 else -60.0


class Recorder(QObject):
    """Records into a WAV file (16 kHz mono 16-bit).

    Signals:
        level(float): the input level of the latest audio, 0.0 to 1.0 (a few times a second).
        failed(str): recording could not start or stopped on its own; the text is for the user.
    """

    level = Signal(float)
    failed = Signal(str)

    def unavailable_reason(self) -> str | None:
        """Why recording can't start on this machine (no input device), or None."""
        return None

    def start(self, path: Path) -> bool:
        """Start writing to ``path``; False (and ``failed`` emitted) if it can't."""
        raise NotImplementedError

    def pause(self) -> None:
        """Stop taking audio for now; nothing is written until ``resume``."""

    def resume(self) -> None:
        """Take audio again after ``pause``."""

    def stop(self) -> float:
        """Finish the file; the seconds of audio it holds (0 when nothing was recording)."""
        raise NotImplementedError

    @property
    def is_recording(self) -> bool:
        raise NotImplementedError


BUFFER_SECONDS = 2
"""How much audio Qt holds for the recorder between two reads. Qt's default (0.25 s at
16 kHz) loses audio whenever the UI thread is busy for longer than that; 2 s lose none
over a 1.5 s stall (tests/e2e/test_real_microphone.py)."""

INPUT_STOPPED = (
    "The microphone stopped sending sound: {seconds:.1f} s of audio arrived in {spent:.0f} s "
    "of recording, so the recording ended there. What was recorded is transcribed; check "
    "the microphone, or answer by typing."
)


class MicrophoneRecorder(Recorder):
    """The default audio input through ``QAudioSource``, written as it comes.

    An input that stops delivering audio without an error (seen with some audio
    servers) ends the recording with ``failed``, instead of recording nothing unnoticed.
    """

    def __init__(self, parent: QObject | None = None, clock: Clock | None = None) -> None:
        super().__init__(parent)
        self._source: object | None = None
        self._device: QIODevice | None = None
        self._writer: WavWriter | None = None
        self._clock = clock or SystemClock()
        self._watch = SilentInputWatch(self._clock)
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(1000)
        self._watch_timer.timeout.connect(self.check_input)

    def unavailable_reason(self) -> str | None:
        from PySide6.QtMultimedia import QMediaDevices

        return NO_MICROPHONE if QMediaDevices.defaultAudioInput().isNull() else None

    def start(self, path: Path) -> bool:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices, QtAudio

        reason = self.unavailable_reason()
        if reason is not None:
            self.failed.emit(reason)
            return False
        audio_format = QAudioFormat()
        audio_format.setSampleRate(SAMPLE_RATE)
        audio_format.setChannelCount(CHANNELS)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        device = QMediaDevices.defaultAudioInput()
        if not device.isFormatSupported(audio_format):
            self.failed.emit(
                f"The microphone ({device.description()}) can't record 16 kHz mono audio."
            )
            return False
        try:
            self._writer = WavWriter(path)
        except OSError as error:
            self.failed.emit(f"Could not write the recording to {path}: {error}")
            return False
        source = QAudioSource(device, audio_format, self)
        source.setBufferSize(BUFFER_SECONDS * SAMPLE_RATE * SAMPLE_BYTES * CHANNELS)
        self._source = source
        self._device = source.start()
        if self._device is None or source.error() != QtAudio.Error.NoError:
            self._finish()
            self.failed.emit("The microphone could not be opened.")
            return False
        self._device.readyRead.connect(self._take_audio)
        self._watch = SilentInputWatch(self._clock)
        self._watch_timer.start()
        return True

    def check_input(self) -> None:
        """End the recording, saying why, if the input stopped sending audio."""
        if self._writer is None or not self._watch.has_stopped():
            return
        self._take_audio()
        if not self._watch.has_stopped():
            return
        seconds, spent = self._writer.seconds, self._watch.recording_seconds()
        self._finish()
        self.failed.emit(INPUT_STOPPED.format(seconds=seconds, spent=spent))

    def _take_audio(self) -> None:
        device, writer = self._device, self._writer
        if device is None or writer is None:
            return
        pcm = bytes(device.readAll().data())
        if not pcm:
            return
        try:
            writer.write(pcm)
        except OSError as error:
            self._finish()
            self.failed.emit(f"Recording stopped: the file could not be written ({error}).")
            return
        self._watch.audio_received(writer.seconds)
        self.level.emit(peak_level(pcm))

    def pause(self) -> None:
        if self._source is not None:
            self._watch.pause()
            self._source.suspend()  # type: ignore[attr-defined]

    def resume(self) -> None:
        if self._source is not None:
            self._watch.resume()
            self._source.resume()  # type: ignore[attr-defined]

    def stop(self) -> float:
        if self._writer is None:
            return 0.0
        self._take_audio()
        return self._finish()

    def _finish(self) -> float:
        self._watch_timer.stop()
        if self._source is not None:
            self._source.stop()  # type: ignore[attr-defined]
            self._source.deleteLater()  # type: ignore[attr-defined]
        self._source = self._device = None
        writer, self._writer = self._writer, None
        if writer is None:
            return 0.0
        writer.close()
        return writer.seconds

    @property
    def is_recording(self) -> bool:
        return self._writer is not None


class WavFileRecorder(Recorder):
    """Records a given WAV file (16 kHz mono 16-bit): each ``feed`` adds the next seconds.

    ``start`` writes nothing yet; ``stop`` writes whatever was not fed, so a test can go
    from start to stop at once, or feed a second at a time to see the file grow. With
    ``no_device`` it behaves as a machine without a microphone.
    """

    def __init__(
        self, source: Path, *, no_device: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        with wave.open(str(source), "rb") as audio:
            if (audio.getframerate(), audio.getnchannels(), audio.getsampwidth()) != (
                SAMPLE_RATE,
                CHANNELS,
                SAMPLE_BYTES,
            ):
                raise ValueError(f"{source.name} is not 16 kHz mono 16-bit PCM")
            self._pcm = audio.readframes(audio.getnframes())
        self._no_device = no_device
        self._writer: WavWriter | None = None
        self._offset = 0
        self.paused = False
        self.started_paths: list[Path] = []

    def unavailable_reason(self) -> str | None:
        return NO_MICROPHONE if self._no_device else None

    def start(self, path: Path) -> bool:
        reason = self.unavailable_reason()
        if reason is not None:
            self.failed.emit(reason)
            return False
        self._writer = WavWriter(path)
        self._offset = 0
        self.paused = False
        self.started_paths.append(path)
        return True

    def feed(self, seconds: float) -> None:
        """Write the next ``seconds`` of the source (nothing while paused)."""
        if self._writer is None or self.paused:
            return
        end = min(len(self._pcm), self._offset + int(seconds * SAMPLE_RATE) * SAMPLE_BYTES)
        pcm = self._pcm[self._offset : end]
        self._offset = end
        self._writer.write(pcm)
        self.level.emit(peak_level(pcm))

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def stop(self) -> float:
        writer = self._writer
        if writer is None:
            return 0.0
        if not self.paused:
            self.feed(len(self._pcm) / (SAMPLE_RATE * SAMPLE_BYTES))
        self._writer = None
        writer.close()
        return writer.seconds

    @property
    def is_recording(self) -> bool:
        return self._writer is not None
