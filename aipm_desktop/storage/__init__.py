"""Persistence: attempts and drafts in a local SQLite file (no Qt here)."""

from aipm_desktop.storage.migrations import SCHEMA_VERSION
from aipm_desktop.storage.store import (
    CorruptDatabaseError,
    NewerDatabaseError,
    Store,
    StoreError,
)

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDatabaseError",
    "NewerDatabaseError",
    "Store",
    "StoreError",
]
