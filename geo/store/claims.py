"""Territorial-control claims in the store: extracted with their article, backfilled for articles
stored before extraction existed, entered by hand, and read back as dicts.

A mixin of `geo.store.database.Store`, as `geo.store.areas.AreaStore` is; it uses the store's
connection and its one SQL-error boundary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Engine, func, literal, select, update

from geo.models import CLAIM_FIELDS, Article, Claim, Editor
from geo.store.rows import action_row, claim_row, editor_of, now
from geo.store.schema import actions_table, articles_table, claims_table

__all__ = ["CLAIM_COLUMNS", "ClaimStore"]

# The keys of every `Store.claims()` dict, in order: the `Claim` fields, then the article's
# title, source and address (for a link from the map; a manual claim's source URL), then
# `origin`: "text" (read from the article) or "manual" (`Store.add_manual_claim`).
CLAIM_COLUMNS: tuple[str, ...] = (*CLAIM_FIELDS, "title", "source", "url", "origin")
_ADMIN1_CODE = re.compile(r"[a-z]{2}-[a-z0-9]{1,3}")


class ClaimStore:
    """Claim methods of `Store`; `_connect` and `_errors` come from the store."""

    def _connect(self) -> Engine:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def _errors(self, action: str) -> AbstractContextManager[None]:  # pragma: no cover
        raise NotImplementedError

    def add_claims(self, article: Article, claims: Sequence[Claim], *, editor: Editor) -> bool:
        """Backfill the claims of a stored article whose claims were never extracted.

        One transaction: the claims and the article's extracted mark. Returns False (writing
        nothing) if the article is not stored or already has its claims extracted, so two
        ingests racing on it store its claims once. `article` must be the stored article
        (`Store.article`): quotes are checked against its text. `editor`: as `add_article`.
        """
        editor = editor_of(editor, "store claims")
        rows = [claim_row(article, c) for c in claims]
        a = articles_table.c
        mark = (update(articles_table).where(a.id == article.id, a.claims_extracted_at.is_(None))
                .values(claims_extracted_at=now()))
        with self._errors(f"store claims of {article.id[:12]}"), \
                self._connect().begin() as conn:
            if conn.execute(mark).rowcount == 0:
                return False
            if rows:
                conn.execute(claims_table.insert(), rows)
            conn.execute(actions_table.insert(),
                         action_row(editor, "claims", article.id, f"{len(rows)} claims"))
        return True

    def add_manual_claim(self, claim: Claim, source_url: str | None = None, *,
                         editor: Editor) -> None:
        """Store a claim entered by hand (origin "manual"), with where it comes from.

        It belongs to no article: `claim.article_id`, `start` and `end` are not stored, and
        `quote` is kept as given. `source_url` is its provenance (shown as the claim's `url`).
        """
        editor = editor_of(editor, "store a claim")
        row = {name: getattr(claim, name) for name in CLAIM_FIELDS}
        row.update(article_id=None, origin="manual", source_url=source_url,
                   recorded_at=now())
        row["quote_start"] = row["quote_end"] = None
        del row["start"], row["end"]
        with self._errors("store a manual claim"), self._connect().begin() as conn:
            conn.execute(claims_table.insert(), row)
            conn.execute(actions_table.insert(),
                         action_row(editor, "claim", None, source_url or claim.quote))

    def claims_extracted(self, article_id: str) -> bool | None:
        """Whether the stored article went through claim extraction; None if not stored."""
        a = articles_table.c
        stmt = select(a.claims_extracted_at.is_not(None)).where(a.id == article_id)
        with self._errors("read articles"), self._connect().connect() as conn:
            found = conn.execute(stmt).first()
        return None if found is None else bool(found[0])

    def claims(self, region: str | None = None, *,
               article_id: str | None = None) -> list[dict[str, Any]]:
        """Stored claims as dicts keyed by `CLAIM_COLUMNS`, in ingest order, then text order.

        Parameters
        ----------
        region
            Only claims about this region: an ISO 3166-2 code ("RU-KRS"; also finds a
            claim about units listed together, "SY-DR,SY-QU"), a country's ISO 3166-1
            code ("UA") or a region name ("Kursk Oblast", "Avdiivka"), either case.
        article_id
            Only the claims of this article.

        Examples
        --------
        >>> from geo.store.database import Store
        >>> with Store(":memory:") as store:
        ...     store.claims(region="RU-KRS")
        []
        """
        c, a = claims_table.c, articles_table.c
        renamed = {"start": c.quote_start.label("start"), "end": c.quote_end.label("end")}
        columns = [*(renamed[name] if name in renamed else c[name] for name in CLAIM_FIELDS),
                   a.title, a.source, func.coalesce(a.url, c.source_url).label("url"), c.origin]
        stmt = select(*columns).select_from(claims_table.outerjoin(articles_table))
        if region:
            wanted = region.strip().lower()
            about = (func.lower(c.region) == wanted) | (func.lower(c.region_name) == wanted)
            if _ADMIN1_CODE.fullmatch(wanted):  # also a claim about units listed together
                about |= (literal(",") + func.lower(c.region) + literal(",")).like(
                    f"%,{wanted},%")
            stmt = stmt.where(about)
        if article_id is not None:
            stmt = stmt.where(c.article_id == article_id)
        # Manual claims have no article: they sort by when they were entered.
        stmt = stmt.order_by(func.coalesce(a.ingested_at, c.recorded_at), a.id, c.quote_start,
                             c.id)
        with self._errors("read claims"), self._connect().connect() as conn:
            rows = [dict(row._mapping) for row in conn.execute(stmt)]
        for row in rows:
            row["negated"] = bool(row["negated"])
        return rows
