"""The `conflict-map` console command: ingest articles, list mentions, geocode a name.

Library errors (`ConflictMapError`) become a one-line message and exit code 1 here, and only here.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import click

from geo.access import local_editor
from geo.cli.errors import fail_cleanly, require_db
from geo.cli.options import CONTEXT_SETTINGS, db_option, default_workers
from geo.io.export import mentions_csv, mentions_geojson
from geo.io.ingest import Progress, collect_files, ingest_paths
from geo.io.json_records import count_jsonl_records
from geo.models import FEATURES, ROLES
from geo.store.database import Store
from geo.store.reads import Box, read_mention_ids_in_view, read_mention_rows

__all__ = ["main"]

# Above this many files, `ingest` draws a progress bar.
PROGRESS_MIN_FILES = 3
TABLE_COLUMNS = ("surface", "role", "name", "country", "lat", "lon", "score", "title",
                 "sentence")
GEOCODE_COLUMNS = ("name", "feature", "country", "admin1", "lat", "lon", "population", "key")
# An error message echoes at most this many characters of the query.
QUERY_ECHO_CHARS = 80



def _version() -> str:
    try:
        return metadata.version("conflict-map")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"




@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(version=_version(), prog_name="conflict-map")
def main() -> None:
    """Geoparse conflict news offline and map places, roles and territorial-control claims."""


@main.command()
# readable=False: an unreadable file is one failure line from the reader, not click's usage
# error that stops every other file.
@click.argument("paths", metavar="PATH...", nargs=-1, required=True,
                type=click.Path(path_type=Path, readable=False))
@db_option
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar and no summary; failures are still listed.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes that parse, each loading the parser once (articles are still "
                   "written one transaction each, in the order read) [default: the machine's "
                   "cores; one for a small batch, where starting them costs more than they "
                   "save].")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Parse on this Dask distributed scheduler (its workers need conflict-map "
                   "installed); articles are still written here, one transaction each.")
@click.option("--dask", "local_dask", is_flag=True,
              help="Parse on a Dask LocalCluster of --workers processes.")
@click.pass_obj
@fail_cleanly
def ingest(obj: dict[str, Any] | None, paths: tuple[Path, ...], db: str, quiet: bool,
           workers: int | None, scheduler: str | None, local_dask: bool) -> None:
    """Geoparse article files and store them in the database.

    PATH is a .txt, .md, .json, .jsonl or .html/.htm file, or a directory searched for them.
    Articles already stored are skipped (`conflict-map reparse` reads stored articles again,
    after an upgrade). Each failure is listed on stderr as "path[:line]:
    problem"; the other files still go in. The exit code is 1 if anything failed, a
    directory holding no file to ingest included.

    Example:

    \b
        conflict-map ingest seeds/
        conflict-map ingest --db /tmp/news.sqlite feed.jsonl page.html
        conflict-map ingest --workers 4 wire/            # four parsing processes
        conflict-map ingest --scheduler tcp://10.0.0.5:8786 --db postgresql://... wire/
    """
    # Tests inject a parse function through the click context object; default: the geoparser.
    parse = (obj or {}).get("parse")
    files = collect_files(paths)
    if scheduler and local_dask:
        raise click.UsageError("give --scheduler or --dask, not both")
    scheduler = "local" if local_dask else scheduler
    if workers is None and scheduler is None:
        records = sum(count_jsonl_records(path) if path.suffix.lower() == ".jsonl" else 1
                      for path in files)
        workers = default_workers(records)
    workers = workers or os.cpu_count() or 1
    try:
        with Store(db) as store, _progress(files, quiet) as (progress, record_done):
            # The paths, not the files: ingest_paths reports a directory with nothing in it.
            report = ingest_paths(paths, store, progress=progress, parse=parse,
                                  record_done=record_done, workers=workers,
                                  scheduler=scheduler, editor=local_editor())
    except ImportError as err:
        raise click.ClickException(f"the geoparser is not available ({err})") from err
    for where, problem in report.failed:
        click.echo(f"{where}: {problem}", err=True)
    if not quiet:
        click.echo(report.summary())  # the result, on stdout; progress and failures on stderr
    if report.failed:
        click.get_current_context().exit(1)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "geojson"]),
              default="table", show_default=True, help="Output format.")
@click.option("--role", "roles", type=click.Choice(ROLES), multiple=True,
              help="Only mentions with this role (repeatable) [default: all roles].")
@click.option("--bbox", callback=lambda _ctx, _param, value: _box(value), metavar="W,S,E,N",
              help="Only mentions of places in this box (degrees west, south, east, north).")
@click.option("--from", "date_from", metavar="YYYY-MM-DD",
              help="Only mentions in articles published on or after this day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD",
              help="Only mentions in articles published on or before this day.")
@fail_cleanly
def mentions(db: str, fmt: str, roles: tuple[str, ...], bbox: Box | None,
             date_from: str | None, date_to: str | None) -> None:
    """List every place mention in the database, with its place and article.

    GeoJSON output holds only mentions that have coordinates, as Point features. With --bbox,
    --from or --to, only mentions on the map (with coordinates) in that box and those days;
    on PostgreSQL + PostGIS the database answers that with its spatial index.

    Example:

    \b
        conflict-map mentions
        conflict-map mentions --role literal --role metonym --format geojson > mentions.geojson
        conflict-map mentions --bbox 34,50,38,52.5 --from 2025-03-01 --to 2025-03-31
    """
    require_db(db)
    with Store(db) as store:
        if bbox is None and date_from is None and date_to is None:
            rows = store.mention_rows()
        else:
            try:
                ids = read_mention_ids_in_view(store, bbox or (-180.0, -90.0, 180.0, 90.0),
                                               date_from=date_from, date_to=date_to)
            except ValueError as err:
                raise click.BadParameter(str(err), param_hint="--from/--to") from err
            rows = read_mention_rows(store, ids)
    if roles:
        rows = [row for row in rows if row["role"] in roles]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "geojson":
        click.echo(mentions_geojson(rows))
    elif fmt == "csv":
        click.echo(mentions_csv(rows), nl=False)
    elif rows:
        click.echo(_table(rows, TABLE_COLUMNS))
    else:
        click.echo("no mentions", err=True)


def _box(value: str | None) -> Box | None:
    """`--bbox W,S,E,N` as four numbers in range, south below north."""
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter("expected four numbers W,S,E,N", param_hint="--bbox") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise click.BadParameter("longitudes in -180..180, latitudes in -90..90, south <= north",
                                 param_hint="--bbox")
    return west, south, east, north


@main.command()
@click.argument("query")
@click.option("--country", "countries", multiple=True, metavar="CC",
              help="Only places in this country, an ISO 3166-1 alpha-2 code (repeatable).")
@click.option("--feature", type=click.Choice(FEATURES), help="Only places of this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="At most this many places.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@fail_cleanly
def geocode(query: str, countries: tuple[str, ...], feature: str | None, limit: int,
            fmt: str) -> None:
    """Look a place name up in the offline gazetteer, best candidate first.

    Exits 1 if nothing is found.

    Example:

    \b
        conflict-map geocode Kursk
        conflict-map geocode "Saint Petersburg" --country RU --feature city --format json
    """
    from geo.geocode.geocoder import (
        OfflineGeocoder,  # opens the gazetteer; only this command needs it
    )

    found = OfflineGeocoder().geocode(
        query, exactly_one=False, country_codes=list(countries) or None, feature=feature,
        limit=limit)
    if not found:
        raise click.ClickException(f"no place found for {_shorten(query)!r}")
    raws = [dict(location.raw) for location in found[:limit]]
    if fmt == "json":
        click.echo(json.dumps(raws, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(raws, GEOCODE_COLUMNS))


@contextmanager
def _progress(files: Sequence[Path], quiet: bool
              ) -> Iterator[tuple[Progress | None, Callable[[str, str], None] | None]]:
    """Callbacks drawing a bar on stderr, by record: a JSON Lines file counts its records, any
    other file one step (a JSON list's records are named as they go); (None, None) for a
    small job or --quiet."""
    if quiet:
        yield None, None
        return
    units = {str(path): (count_jsonl_records(path) if path.suffix.lower() == ".jsonl" else 1)
             for path in files}
    total = sum(units.values())
    if total <= PROGRESS_MIN_FILES:
        yield None, None
        return
    with click.progressbar(length=total, label="Ingesting", file=sys.stderr,
                           item_show_func=lambda where: where) as bar:
        counted: dict[str, int] = {}

        def record(path: str, where: str) -> None:
            steps = units.get(path, 1)
            done = counted.get(path, 0)
            # A file's records advance the bar up to its share, never past it.
            step = 1 if steps > 1 and done < steps else 0
            counted[path] = done + step
            bar.update(step, current_item=where)

        def file_done(_done: int, _total: int, path: str) -> None:
            bar.update(max(0, units.get(path, 1) - counted.get(path, 0)), current_item=path)

        yield file_done, record


def _shorten(text: str, limit: int = QUERY_ECHO_CHARS) -> str:
    """`text` cut to `limit` characters with "…", so an error never echoes a whole page."""
    return text if len(text) <= limit else text[:limit] + "…"


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int = 32) -> str:
    """Aligned plain-text columns; numbers right-aligned, long text cut to `width`."""
    cells = [[_cell(row.get(c), c, width) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    numeric = [c in ("lat", "lon", "score", "population") for c in columns]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric,
                                                                          strict=True)]
        return "  ".join(parts).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, cells)])


def _cell(value: Any, column: str, width: int) -> str:
    if value is None:
        return ""
    if column in ("lat", "lon") and isinstance(value, float):
        return f"{value:.4f}"
    if column == "score" and isinstance(value, float):
        return f"{value:.2f}"
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


from geo.cli.evaluate import evaluate, train_ranker  # noqa: E402  (registered last; it imports nothing from here)

main.add_command(evaluate)
main.add_command(train_ranker)


from geo.cli.claims import areas, claims, evaluate_claims  # noqa: E402  (defined apart)

main.add_command(claims)
main.add_command(evaluate_claims)
main.add_command(areas)

from geo.cli.sides import evaluate_sides, sides  # noqa: E402  (defined apart)

main.add_command(sides)
main.add_command(evaluate_sides)

from geo.cli.reparse import reparse  # noqa: E402  (defined apart)

main.add_command(reparse)
