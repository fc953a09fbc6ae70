"""Backups: the scheduler, the Backups dialog and the settings section."""
