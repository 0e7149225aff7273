"""Frontline Atlas core: boundaries, control layers, claims, proposals and statistics.

This package never imports Qt; everything a number depends on lives here and is
tested headless.
"""

__version__ = "0.1.0"
