"""QApplication set-up, start-up, single instance, self-test, settings, theme and icons."""
