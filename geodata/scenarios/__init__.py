"""Proposals and what they would mean: operations on a control layer and their results."""
