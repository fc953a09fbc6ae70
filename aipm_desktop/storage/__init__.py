"""Persistence: attempts and drafts in a local SQLite file (no Qt here)."""

from aipm_desktop.storage.errors import (
    CorruptDatabaseError,
    NewerDatabaseError,
    NotFound,
    StoreError,
)
from aipm_desktop.storage.migrations import SCHEMA_VERSION
from aipm_desktop.storage.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDatabaseError",
    "NewerDatabaseError",
    "NotFound",
    "Store",
    "StoreError",
]
