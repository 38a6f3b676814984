"""Claims extracted from a sentence written for the tests, checked to quote the text verbatim."""

from __future__ import annotations

from geo.models import Article, Claim, article_id


def claims_of(text: str, **fields) -> list[Claim]:
    """The claims of `text` as an article (with `fields`), through the real geoparser."""
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article

    article = Article(id=article_id(text), text=text, **fields)
    found = extract_claims(article, parse_article(article))
    for claim in found:
        assert text[claim.start:claim.end] == claim.quote
        assert claim.article_id == article.id
    return found
