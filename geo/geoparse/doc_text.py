"""A Doc's text, kept once: apart from `geo.geoparse.nlp` so that modules reading spans of a
parse (and the geocoder, which scores candidates as the geoparser does) need not import spaCy,
which a dashboard server that never parses should not load."""

from __future__ import annotations

from typing import Any

__all__ = ["text_of"]


def text_of(doc: Any) -> str:
    """`doc.text`, built once per Doc: spaCy rebuilds it from every token on each access,
    which cost the geoparser about 6 % of its time when read per span."""
    text = doc.user_data.get("geo_text")
    if text is None:
        text = doc.user_data["geo_text"] = doc.text
    return text
