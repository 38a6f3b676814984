"""What was read from a stored article, replaced: its mentions and claims read again by a newer
geoparser or claim reader (`conflict-map reparse`), the article itself left as stored.

A mixin of `geo.store.database.Store`, as `geo.store.claims.ClaimStore` is; it uses the store's
connection, its row builders and its one SQL-error boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Engine, func, select, update

from geo.models import Article, Claim, Editor, Mention
from geo.store.rows import action_row, editor_of, now
from geo.store.schema import actions_table, articles_table, claims_table, mentions_table

__all__ = ["ResultStore"]


class ResultStore:
    """`replace_results` of `Store`; the other methods come from the store."""

    def _connect(self) -> Engine:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def _errors(self, action: str) -> AbstractContextManager[None]:  # pragma: no cover
        raise NotImplementedError

    def _article_rows(self, article: Article, mentions: Sequence[Mention],
                      claims: Sequence[Claim] | None) -> tuple:  # pragma: no cover
        raise NotImplementedError

    def _write_statements(self) -> tuple[Any, Any]:  # pragma: no cover
        raise NotImplementedError

    def replace_results(self, article: Article, mentions: Sequence[Mention],
                        claims: Sequence[Claim], *, editor: Editor) -> tuple[int, int] | None:
        """Put `mentions` and `claims` in place of the stored article's, in one transaction:
        all of them or none. Claims entered by hand belong to no article and stay; places
        are upserted as by `add_article` and none is removed (other articles may point to
        them). `article` must be the stored article (`Store.article`): spans and quotes are
        checked against its text. Returns how many mentions and claims it had before, or None
        (writing nothing) when it is not stored. `editor`: as `add_article`.
        """
        editor = editor_of(editor, "read an article again")
        _row, place_rows, mention_rows, claim_rows = self._article_rows(article, mentions, claims)
        a = articles_table.c
        with self._errors(f"replace the mentions and claims of {article.id[:12]}"), \
                self._connect().begin() as conn:
            # The article's row first: two runs on one article take turns (PostgreSQL), and
            # one deleted meanwhile is left alone.
            marked = conn.execute(update(articles_table).where(a.id == article.id)
                                  .values(claims_extracted_at=now()))
            if marked.rowcount == 0:
                return None
            before = tuple(conn.execute(select(func.count()).select_from(table).where(
                table.c.article_id == article.id)).scalar_one()
                for table in (mentions_table, claims_table))
            conn.execute(claims_table.delete().where(claims_table.c.article_id == article.id))
            conn.execute(mentions_table.delete().where(
                mentions_table.c.article_id == article.id))
            if place_rows:
                conn.execute(self._write_statements()[1], list(place_rows.values()))
            if mention_rows:
                conn.execute(mentions_table.insert(), mention_rows)
            if claim_rows:
                conn.execute(claims_table.insert(), claim_rows)
            conn.execute(actions_table.insert(), action_row(
                editor, "reparse", article.id,
                f"{len(mention_rows)} mentions (were {before[0]}), "
                f"{len(claim_rows)} claims (were {before[1]})"))
        return before
