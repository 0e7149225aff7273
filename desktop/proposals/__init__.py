"""Proposals: the Proposals panel, drawn and imported areas, comparing proposals."""
