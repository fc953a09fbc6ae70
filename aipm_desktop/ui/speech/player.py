"""Playing a recording back from any moment, without the FFmpeg plugin.

QMediaPlayer needs Qt's FFmpeg media plugin on Linux and Windows to read even a WAV
file; the recordings are plain 16 kHz PCM, so :class:`SpeakerPlayer` hands the samples
to a ``QAudioSink`` (the platform's audio output) from the chosen second on.
:class:`Player` is the small interface the window uses; tests give their own.
"""

from __future__ import annotations

import wave
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal

NO_SPEAKER = "No audio output was found, so the recording can't be played here."


class Player(QObject):
    """Plays a WAV file from a given second.

    Signals:
        failed(str): it could not play; the text is for the user.
    """

    failed = Signal(str)

    def play(self, path: Path, from_seconds: float = 0.0) -> bool:
        """Play ``path`` from ``from_seconds`` (stopping what plays); False if it can't."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop playing."""

    @property
    def is_playing(self) -> bool:
        return False


class SpeakerPlayer(Player):
    """The default audio output through ``QAudioSink``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink: QObject | None = None
        self._buffer: QBuffer | None = None

    def play(self, path: Path, from_seconds: float = 0.0) -> bool:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

        self.stop()
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            self.failed.emit(NO_SPEAKER)
            return False
        try:
            with wave.open(str(path), "rb") as audio:
                rate, channels, width = (
                    audio.getframerate(),
                    audio.getnchannels(),
                    audio.getsampwidth(),
                )
                audio.setpos(min(audio.getnframes(), max(0, int(from_seconds * rate))))
                pcm = audio.readframes(audio.getnframes())
        except (OSError, EOFError, wave.Error) as error:
            self.failed.emit(f"The recording could not be read: {error}")
            return False
        if width != 2:
            self.failed.emit("The recording is not 16-bit audio.")
            return False
        audio_format = QAudioFormat()
        audio_format.setSampleRate(rate)
        audio_format.setChannelCount(channels)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pcm))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = QAudioSink(device, audio_format, self)
        sink.start(buffer)
        self._sink, self._buffer = sink, buffer
        return True

    def stop(self) -> None:
        if self._sink is not None:
            self._sink.stop()  # type: ignore[attr-defined]
            self._sink.deleteLater()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._sink = self._buffer = None

    @property
    def is_playing(self) -> bool:
        return self._sink is not None
