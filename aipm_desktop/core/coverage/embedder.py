"""Sentence embeddings from the ONNX model: WordPiece ids -> MiniLM -> mean pooling -> unit length.

The same pipeline as sentence-transformers' all-MiniLM-L6-v2 (mean over real tokens, then
L2 normalisation), so the cosine of two texts is the dot product of their vectors.
"""

from __future__ import annotations

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
THREADS = 2


class Embedder(Protocol):
    """Turns texts into unit-length vectors (one row per text)."""

    def embed(self, texts: Sequence[str]) -> Vectors:
        """The vectors of ``texts``, in order."""
        ...


class OnnxEmbedder:
    """all-MiniLM-L6-v2 on onnxruntime's CPU provider. Thread-safe; loads when created."""

    def __init__(self, model_path: Path, tokenizer: WordPieceTokenizer) -> None:
        import onnxruntime  # loaded only here: about 0.2 s, and only the semantic matcher needs it

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session: Any = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {item.name for item in self._session.get_inputs()}
        self._tokenizer = tokenizer
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Batches of similar length, so little padding is computed."""
        encoded = [self._tokenizer.encode(text, MAX_TOKENS) for text in texts]
        order = sorted(range(len(encoded)), key=lambda index: len(encoded[index]))
        vectors = np.zeros((len(encoded), 384), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start : start + BATCH_SIZE]
            vectors[chunk] = self._run([encoded[index] for index in chunk])
        return vectors

    def _run(self, batch: list[list[int]]) -> Vectors:
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
        return mean_pooled(hidden, mask)


def mean_pooled(hidden: Vectors, mask: npt.NDArray[np.int64]) -> Vectors:
    """The mean of each text's real token vectors, scaled to unit length."""
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
    return unit
