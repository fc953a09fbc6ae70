"""Small widgets, models and helpers shared by every feature of the UI."""
