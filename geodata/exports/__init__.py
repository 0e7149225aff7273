"""Exports that need no GUI: tables, geodata files and print-quality briefing maps."""
