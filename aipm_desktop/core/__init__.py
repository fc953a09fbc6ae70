"""Domain logic: plain Python, no Qt. Everything here is tested without a window."""
