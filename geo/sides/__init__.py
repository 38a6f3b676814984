"""Sides of a conflict: a curated, sourced table resolving actors as written to sides."""
