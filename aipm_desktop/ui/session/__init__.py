"""Mock-interview sessions: the controller, the session window, the dialogs, summary and report."""
