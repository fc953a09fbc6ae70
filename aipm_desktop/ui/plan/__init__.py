"""Ready by interview day: the Today dialog, the interview editor and the forecast chart."""
