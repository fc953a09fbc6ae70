"""The main window shell, its actions, the question list and the settings and help dialogs."""
