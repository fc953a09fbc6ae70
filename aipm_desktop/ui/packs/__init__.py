"""Question packs: import, export, the packs dialog, the question editor and pack problems."""
