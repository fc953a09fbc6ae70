"""AIPM Desktop: practise AI Product Manager interview questions offline, against the clock."""

__version__ = "0.1.0"
APP_NAME = "AIPM Desktop"
