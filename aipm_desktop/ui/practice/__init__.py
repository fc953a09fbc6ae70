"""Answering one question against the clock: the editor, countdown, reveal panel and checklist."""
