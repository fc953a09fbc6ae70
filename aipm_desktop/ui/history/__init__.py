"""Past attempts: the history panel and window, comparison and the statistics dashboard."""
