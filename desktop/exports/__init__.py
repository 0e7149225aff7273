"""Exports: the table of export formats, the briefing dialog and File ▸ Export."""
