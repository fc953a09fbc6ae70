"""Choose the matcher: the semantic one when its model is present and intact, else lexical."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from aipm_desktop.core.coverage.lexical import LexicalMatcher
from aipm_desktop.core.coverage.matcher import KeyPointMatcher
from aipm_desktop.core.coverage.model_files import (
    MODEL_NAME,
    MODEL_SHA256,
    VOCABULARY_SHA256,
    ModelFileError,
    installed_model_path,
    verified,
    vocabulary_path,
)


@dataclass(frozen=True)
class LoadedMatcher:
    """The matcher to use, and why it is the lexical fallback (None when it is not)."""

    matcher: KeyPointMatcher
    fallback_reason: str | None = None


def load_matcher(
    model_path: Path | None = None, environ: Mapping[str, str] | None = None
) -> LoadedMatcher:
    """The semantic matcher if the model loads and its sha256 is the pinned one.

    Never raises: any problem (file missing or altered, onnxruntime absent or failing)
    gives the lexical matcher and a reason meant for the user.
    """
    try:
        return LoadedMatcher(_semantic_matcher(model_path, environ))
    except ModelFileError as error:
        reason = str(error)
    except ImportError as error:
        reason = f"the model runtime is not installed ({error.name or error})"
    except Exception as error:  # onnxruntime raises its own types for a bad file
        reason = f"the model could not be loaded ({type(error).__name__}: {error})"
    return LoadedMatcher(LexicalMatcher(), f"Word match only: {reason}.")


def _semantic_matcher(
    model_path: Path | None, environ: Mapping[str, str] | None
) -> KeyPointMatcher:
    from aipm_desktop.core.coverage.embedder import OnnxEmbedder
    from aipm_desktop.core.coverage.semantic import SemanticMatcher
    from aipm_desktop.core.coverage.wordpiece import WordPieceTokenizer

    path = model_path if model_path is not None else installed_model_path(environ)
    model = verified(path, MODEL_SHA256, "model file")
    vocabulary = verified(vocabulary_path(), VOCABULARY_SHA256, "vocabulary")
    embedder = OnnxEmbedder(model, WordPieceTokenizer.from_file(vocabulary))
    return SemanticMatcher(embedder, MODEL_NAME)
