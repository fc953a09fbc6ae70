"""The command line: the argument parser and one module per command. Loads no Qt."""
