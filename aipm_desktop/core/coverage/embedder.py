"""Sentence embeddings from the ONNX model: WordPiece ids -> MiniLM -> mean pooling -> unit length.

The same pipeline as sentence-transformers' all-MiniLM-L6-v2 (mean over real tokens, then
L2 normalisation), so the cosine of two texts is the dot product of their vectors. The
embedder returns the token sums and counts, so that the matcher can pool a window of
sentences from its sentences without running the model again.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from aipm_desktop.core.coverage.wordpiece import WordPieceTokenizer

Vectors = npt.NDArray[np.float32]
MAX_TOKENS = 128
"""Tokens per text, as in the model's tokenizer settings; a window rarely needs more."""
BATCH_SIZE = 32
DIMENSIONS = 384
THREADS = min(2, os.cpu_count() or 1)
"""onnxruntime's threads; they never spin-wait, so an idle matcher leaves the CPU alone."""
GRAPH_OPTIMIZATION = "ORT_DISABLE_ALL"
"""onnxruntime builds a session holding Python's interpreter lock, so every thread,
the UI's included, waits for it: with graph optimisations on (ORT_ENABLE_ALL) that
was 170-420 ms, without them 20-75 ms. The vectors are the same (to 2e-7); a check
costs about 30 % more CPU time (215 -> 285 ms for a 250-word answer, on a pool
thread, where ``run`` releases the lock). See docs/performance.md."""


class Embedder(Protocol):
    """Turns texts into sums of contextual token vectors (one row per text)."""

    def token_sums(self, texts: Sequence[str]) -> tuple[Vectors, Vectors]:
        """For each text: the sum of its token vectors, and how many tokens were summed.

        Mean pooling is ``sums / counts``; the vector of several consecutive texts is
        approximated by adding their sums, so a window of sentences costs nothing more.
        """
        ...


def unit_vectors(sums: Vectors) -> Vectors:
    """Rows scaled to unit length (the direction of a sum is that of the mean)."""
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    unit: Vectors = (sums / np.clip(norms, 1e-12, None)).astype(np.float32)
    return unit


def embed(embedder: Embedder, texts: Sequence[str]) -> Vectors:
    """Unit-length mean-pooled vectors of ``texts``."""
    sums, _counts = embedder.token_sums(texts)
    return unit_vectors(sums)


class OnnxEmbedder:
    """all-MiniLM-L6-v2 on onnxruntime's CPU provider. Thread-safe; loads when created."""

    def __init__(self, model_path: Path, tokenizer: WordPieceTokenizer) -> None:
        import onnxruntime  # loaded only here: about 0.2 s, and only the semantic matcher needs it

        onnxruntime.set_default_logger_severity(3)  # errors only: no warnings on the terminal
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = getattr(
            onnxruntime.GraphOptimizationLevel, GRAPH_OPTIMIZATION
        )
        self._session: Any = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {item.name for item in self._session.get_inputs()}
        self._tokenizer = tokenizer
        self._lock = threading.Lock()

    def token_sums(self, texts: Sequence[str]) -> tuple[Vectors, Vectors]:
        """Batches of similar length, so little padding is computed."""
        encoded = [self._tokenizer.encode(text, MAX_TOKENS) for text in texts]
        order = sorted(range(len(encoded)), key=lambda index: len(encoded[index]))
        sums = np.zeros((len(encoded), DIMENSIONS), dtype=np.float32)
        counts = np.zeros((len(encoded), 1), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start : start + BATCH_SIZE]
            sums[chunk], counts[chunk] = self._run([encoded[index] for index in chunk])
        return sums, counts

    def _run(self, batch: list[list[int]]) -> tuple[Vectors, Vectors]:
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, token_ids in enumerate(batch):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with self._lock:
            hidden = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        weights = mask[..., None].astype(np.float32)
        sums: Vectors = (hidden * weights).sum(axis=1)
        counts: Vectors = weights.sum(axis=1)
        return sums, counts
