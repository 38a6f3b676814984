"""Parse articles on several processes, write them from one: ingestion on every core.

Parsing (spaCy, the resolver, claim extraction) is nearly all of an ingest's time and needs
nothing but the article, so it runs in worker processes that each load the parser once; the
parent reads the files, hands out the articles and writes each result as it comes back, in
the order read, one transaction per article, exactly as a serial run does. A worker that dies
stops the run with an error; what was written stays written, whole, and a re-run skips it.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from geo.errors import ConflictMapError
from geo.models import Article, Claim, Mention

__all__ = ["ParsePool", "WorkerError", "dask_pool", "parse_one", "process_pool"]


class WorkerError(ConflictMapError):
    """A parsing process died (killed, out of memory): the run stops."""


Result = tuple[list[Mention], list[Claim]] | BaseException


class ParsePool:
    """Articles handed to parsing workers, results taken back in the order submitted; at
    most `ahead` articles wait at once, so memory stays flat on big files. Made by
    `process_pool` or `dask_pool`, which say where `submit` sends an article (it returns a
    future) and how `close` ends the workers (told whether the run went well).

    Use as a context manager; `submit` an article with what to do with its result, then
    `drain` (as `submit` does when too many wait) calls each `done(result_or_error)` in order.
    """

    def __init__(self, submit: Callable[[Article], Any], close: Callable[[bool], None], *,
                 ahead: int) -> None:
        self._submit, self._close, self.ahead = submit, close, ahead
        self._waiting: deque[tuple[Any, Callable[[Result], None]]] = deque()

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close(exc[0] is None)

    def submit(self, article: Article, done: Callable[[Result], None]) -> None:
        """Parse `article` on a worker; `done` gets (mentions, claims), or the exception."""
        try:
            future = self._submit(article)
        except BrokenProcessPool as err:
            raise WorkerError(f"a parsing process died ({err}); rerun to go on") from err
        self._waiting.append((future, done))
        while len(self._waiting) > self.ahead:
            self._next()

    def drain(self) -> None:
        """Wait for every submitted article and hand each result on, in order."""
        while self._waiting:
            self._next()

    def _next(self) -> None:
        future, done = self._waiting.popleft()
        try:
            result: Any = future.result()
        except BrokenProcessPool as err:
            raise WorkerError(f"a parsing process died ({err}); rerun to go on") from err
        except Exception as err:  # the article's own failure (or a Dask task lost 3 times)
            result = err
        done(result)


def process_pool(workers: int) -> ParsePool:
    """`workers` processes on this machine, each loading the parser once."""
    # "spawn": a fresh interpreter per worker, so nothing the parent holds (a database
    # connection, threads of a progress bar) is copied into it half-way.
    pool = ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_load)
    return ParsePool(lambda article: pool.submit(_parse, article),
                     lambda ok: pool.shutdown(wait=ok, cancel_futures=True),
                     ahead=4 * workers)


def dask_pool(workers: int, scheduler: str) -> ParsePool:
    """A Dask distributed cluster: an existing scheduler (``tcp://host:port``, whose workers
    have this project installed) or, for "local", a LocalCluster of `workers` processes. A
    task is keyed by its article's id, so a task retried after a worker is lost, or the same
    article submitted twice, is parsed once and written once (the store's own content-hash
    check does the rest)."""
    from distributed import Client, LocalCluster

    cluster = (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None) if scheduler == "local" else None)
    client = Client(cluster if cluster is not None else scheduler)

    def close(_ok: bool) -> None:
        client.close()
        if cluster is not None:
            cluster.close()

    return ParsePool(lambda article: client.submit(parse_one, article,
                                                   key=f"parse-{article.id}", retries=2),
                     close, ahead=4 * max(1, workers))


def _load() -> None:
    # Once per worker: the parser and the claim extractor, before the first article.
    from geo.claims.extract import extract_claims  # noqa: F401
    from geo.geoparse.parse import parse_article

    parse_article(Article(id="warm-up", text="Shelling hit Kyiv."))


def parse_one(article: Article) -> tuple[list[Mention], list[Claim]]:
    """An article's mentions and claims: what a worker does (the parser loads once per
    process, on its first article)."""
    return _parse(article)


def _parse(article: Article) -> tuple[list[Mention], list[Claim]]:
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article

    mentions = parse_article(article)
    return mentions, extract_claims(article, mentions)
