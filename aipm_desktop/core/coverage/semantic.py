"""The semantic matcher: a key point is covered when some part of the answer means it.

How a point is scored (design fixed on tests/data/hint_answers.json and a few shallow
answers, before the labelled evaluation set was seen; see docs/coverage.md):

1. The answer is split into sentences; the windows are every sentence and every pair of
   consecutive sentences.
2. Each sentence, each key point's substance (the explanation of a "Label: explanation"
   point) and the question's prompt are embedded; similarity is the cosine. A pair's
   vector is pooled from its two sentences' token vectors (the model runs once per
   sentence, not once per window: a third of the time, for nearly the same vectors).
3. A window supports point *i* by how much closer it is to *i* than to anything else the
   answer could be about: ``sim(w, i) - MARGIN_WEIGHT * max(sim(w, other points),
   sim(w, prompt))``. A sentence that only lists the rubric's concepts ("volume,
   freshness, bias...") is about as close to every point, so it supports none; a sentence
   that merely restates the question supports none either. Windows less similar than
   ``MIN_SIMILARITY`` to the point never count.
4. The best window's margin, minus the calibrated ``THRESHOLD``, goes through a logistic
   curve of width ``SCALE``: the score is 0.5 at the threshold, and the point is covered
   from there. The evidence is the best window's sentence most similar to the point.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence

import numpy as np

from aipm_desktop.core.coverage.embedder import Embedder, Vectors, embed, unit_vectors
from aipm_desktop.core.coverage.matcher import PointMatch
from aipm_desktop.core.coverage.sentences import (
    Sentence,
    Window,
    split_sentences,
    substance,
    windows,
)

MARGIN_WEIGHT = 1.0
MIN_SIMILARITY = 0.30
THRESHOLD = 0.02
"""Margin at which a point counts as covered (calibrated: benchmarks/coverage_eval.py)."""
SCALE = 0.05
"""Width of the logistic curve that turns a margin into a 0-1 score (calibrated likewise)."""
NO_DISTRACTOR_SIMILARITY = MIN_SIMILARITY
"""What a window is compared with when there is neither a prompt nor another point."""
_CACHE_LIMIT = 4096


class SemanticMatcher:
    """Matches by meaning with a sentence-embedding model."""

    def __init__(self, embedder: Embedder, name: str) -> None:
        self._embedder = embedder
        self._name = name
        self._cache: dict[str, Vectors] = {}
        self._cache_lock = threading.Lock()

    @property
    def name(self) -> str:
        """The model's short name."""
        return self._name

    def match(self, answer: str, key_points: Sequence[str], question: str = "") -> list[PointMatch]:
        """One match per key point, in rubric order."""
        sentences = split_sentences(answer)
        if not sentences or not key_points:
            return [PointMatch(point, False, 0.0, None) for point in key_points]
        spans = windows(sentences)
        margins = self._window_margins(sentences, spans, key_points, question)
        return [
            self._point_match(point, margins[:, index], spans, sentences)
            for index, point in enumerate(key_points)
        ]

    def margins(self, answer: str, key_points: Sequence[str], question: str = "") -> list[float]:
        """Each point's best window margin, before the threshold (for calibration)."""
        sentences = split_sentences(answer)
        if not sentences:
            return [-1.0 for _point in key_points]
        margins = self._window_margins(sentences, windows(sentences), key_points, question)
        return [float(value) for value in margins.max(axis=0)]

    def _window_margins(
        self,
        sentences: list[Sentence],
        spans: Sequence[Window],
        key_points: Sequence[str],
        question: str,
    ) -> Vectors:
        """windows x points: how much closer each window is to the point than to any rival."""
        sums, _counts = self._embedder.token_sums([sentence.text for sentence in sentences])
        window_vectors = unit_vectors(
            np.stack([sums[window.first : window.last + 1].sum(axis=0) for window in spans])
        )
        targets = [substance(point) for point in key_points]
        if question.strip():
            targets.append(question.strip())
        similarity = window_vectors @ self._cached(targets).T  # windows x targets
        margins = np.empty((len(spans), len(key_points)), dtype=np.float32)
        for index in range(len(key_points)):
            own = similarity[:, index]
            others = np.delete(similarity, index, axis=1)
            rival = others.max(axis=1) if others.shape[1] else NO_DISTRACTOR_SIMILARITY
            margins[:, index] = np.where(own >= MIN_SIMILARITY, own - MARGIN_WEIGHT * rival, -1.0)
        return margins

    def _point_match(
        self,
        point: str,
        margins: Vectors,
        spans: Sequence[Window],
        sentences: list[Sentence],
    ) -> PointMatch:
        best = int(np.argmax(margins))
        margin = float(margins[best])
        score = 1.0 / (1.0 + math.exp(-(margin - THRESHOLD) / SCALE))
        if margin < THRESHOLD:
            return PointMatch(point, False, round(score, 4), None)
        window = spans[best]
        # Single-sentence windows come first, in sentence order: row k is sentence k.
        sentence_index = max(range(window.first, window.last + 1), key=lambda k: float(margins[k]))
        sentence = sentences[sentence_index]
        return PointMatch(
            point, True, round(score, 4), sentence.text, (sentence.start, sentence.end)
        )

    def _cached(self, texts: list[str]) -> Vectors:
        """Key points and prompts come back with every answer: embed each once."""
        with self._cache_lock:
            known = {text: self._cache[text] for text in texts if text in self._cache}
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        if missing:
            fresh = dict(zip(missing, embed(self._embedder, missing), strict=True))
            known.update(fresh)
            with self._cache_lock:
                if len(self._cache) + len(fresh) > _CACHE_LIMIT:
                    self._cache.clear()
                self._cache.update(fresh)
        return np.stack([known[text] for text in texts])
