"""The `claims` and `evaluate-claims` commands of `conflict-map` (registered in `geo.cli.main`).

Library errors (`ConflictMapError`) become a one-line message and exit code 1, as in `geo.cli.main`.
This module imports nothing from `geo.cli.main`, so that `geo.cli.main` can register these commands.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from geo.access import local_editor
from geo.cli.errors import fail_cleanly, require_db
from geo.cli.options import CONTEXT_SETTINGS, db_option
from geo.control.export import claims_csv, claims_geojson
from geo.control.rules import claim_label
from geo.evaluate.claims import SPLITS
from geo.models import ACTIONS, BOUNDS, UNITS, Claim
from geo.store.database import Store

__all__ = ["areas", "claims", "evaluate_claims", "regions_or_none"]


TABLE_COLUMNS = ("published", "region", "region_name", "side", "actor", "action", "bound",
                 "value", "unit", "claimant", "negated")
AREA_TABLE_COLUMNS = ("id", "date", "actor", "status", "name", "area_km2", "regions")
METRICS = ("n_gold", "n_pred", "precision", "recall", "f1", "region_acc", "bound_acc",
           "claimant_acc", "region_placeable", "action_acc")


@click.group(context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@db_option
@click.option("--region", metavar="REGION",
              help="Only claims about this region: an ISO 3166-2 code (RU-KRS) or a name "
                   "(\"Kursk Oblast\", Avdiivka).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "geojson"]),
              default="table", show_default=True,
              help="Output format (GeoJSON: one feature per claim, its region's outline).")
@click.option("--merge", is_flag=True,
              help="One claim per statement: the same statement carried by several articles "
                   "(same side, region, date, value and sense) listed once, with its sources.")
@click.pass_context
@fail_cleanly
def claims(ctx: click.Context, db: str, region: str | None, fmt: str, merge: bool) -> None:
    """List the territorial-control claims read from the stored articles.

    Each claim has its actor, action, value and unit (percent, km2, mi2, hectares,
    settlements), bound, region (ISO 3166-2 code and name, or a GeoNames point), denominator
    and its kind, claimant, whether it is denied, its as-of date, the verbatim quote with its
    offsets in the article, and the side its actor fights for (assets/sides.csv plus your own
    sides file; `conflict-map sides`). JSON is a list. `claims add` stores a claim by hand.

    Example:

    \b
        conflict-map claims
        conflict-map claims --region RU-KRS --format json
        conflict-map claims --format csv > claims.csv
    """
    if ctx.invoked_subcommand is not None:
        return
    from geo.control.layer import claims_with_sides
    from geo.control.restatements import merge_all
    from geo.sides.resolve import Sides

    require_db(db)
    with Store(db) as store:
        rows = claims_with_sides(store.claims(region), Sides.for_database(db),
                                 regions_or_none())
    if merge:
        rows = merge_all(rows)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(claims_csv(rows), nl=False)
    elif fmt == "geojson":
        click.echo(claims_geojson(rows, regions_or_none()))
    elif rows:
        click.echo(_table([_in_words(r) for r in rows], TABLE_COLUMNS))
    else:
        click.echo("no claims", err=True)


# How the table writes a claim's bound and negation; JSON and CSV keep the raw values.
BOUND_WORDS = {"over": "over", "at_least": "at least", "about": "about", "under": "under",
               "up_to": "up to", "exactly": "exactly"}


def _in_words(row: dict[str, Any]) -> dict[str, Any]:
    """A claim row as the table prints it: "at least" for at_least, "yes"/"no" for negated,
    "reports" for a claim with no claimant, the side beside the actor."""
    return {**row, "bound": BOUND_WORDS.get(row.get("bound") or "", ""),
            "negated": "yes" if row.get("negated") else "no",
            "claimant": row.get("claimant") or "reports",
            "side": row.get("side") if row.get("side_resolved") else "unresolved"}


@claims.command("add", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--region", required=True, metavar="REGION",
              help="ISO 3166-2 code (RU-KRS) or an admin-1 name (\"Kursk Oblast\").")
@click.option("--action", required=True, type=click.Choice(ACTIONS), help="What happened.")
@click.option("--actor", help="Who holds, takes or loses the ground.")
@click.option("--value", type=float, help="The number, in --unit.")
@click.option("--unit", type=click.Choice(UNITS), help="Unit of --value.")
@click.option("--bound", type=click.Choice(BOUNDS), help="over, about, under ... of --value.")
@click.option("--claimant", help="Who asserts it (a ministry, ISW ...).")
@click.option("--date", "when", metavar="YYYY-MM-DD", help="Date of the claim.")
@click.option("--quote", required=True, help="The claim's words, verbatim from the source.")
@click.option("--denominator", help="What a percentage is a share of, as written.")
@click.option("--negated", is_flag=True, help="The source denies the claim.")
@click.option("--source", "source_url", metavar="URL", help="Where the claim was read.")
@fail_cleanly
def add_claim(db: str, region: str, action: str, actor: str | None, value: float | None,
              unit: str | None, bound: str | None, claimant: str | None, when: str | None,
              quote: str, denominator: str | None, negated: bool,
              source_url: str | None) -> None:
    """Store a territorial-control claim by hand, with its source (origin "manual").

    Example:

    \b
        conflict-map claims add --region RU-KRS --actor "Russian forces" --action regained \\
            --value 86 --unit percent --bound over --claimant "Russian General Staff" \\
            --date 2025-03-12 --quote "regained over 86% of the land" --source https://…
    """
    code, name = _region_code(region)
    if when is not None:
        when = _iso_date(when, "--date")
    if not quote.strip():
        raise click.BadParameter("must not be empty", param_hint="--quote")
    if value is not None and not (math.isfinite(value) and value >= 0):
        raise click.BadParameter(f"{value} is not a quantity of ground (a number, 0 or more)",
                                 param_hint="--value")
    if value is not None and unit == "percent" and value > 100:
        raise click.BadParameter(f"{value:g} is more than 100 percent", param_hint="--value")
    if source_url is not None and urlsplit(source_url.strip()).scheme.lower() not in (
            "http", "https"):
        raise click.BadParameter("must be an http(s) address", param_hint="--source")
    claim = Claim("", action, quote, 0, len(quote), actor=actor, value=value,  # type: ignore
                  unit=unit, bound=bound, region=code, region_name=name,  # type: ignore
                  denominator=denominator, claimant=claimant, negated=negated, published=when)
    with Store(db) as store:
        store.add_manual_claim(claim, source_url, editor=local_editor())
    label = claim_label(claim.as_dict())
    click.echo(f"stored manual claim: {code} {name or ''}, {action} {label}".rstrip(), err=True)


@click.group(context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@db_option
@click.option("--region", metavar="REGION", help="Only areas covering part of this region.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.pass_context
@fail_cleanly
def areas(ctx: click.Context, db: str, region: str | None, fmt: str) -> None:
    """List imported control areas with the share of each region they cover.

    `areas import` reads a GeoJSON or KML file of controlled or claimed areas.

    Example:

    \b
        conflict-map areas
        conflict-map areas --region RU-KRS --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    require_db(db)
    with Store(db) as store:
        rows = store.areas(region)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif rows:
        click.echo(_table([_area_line(r) for r in rows], AREA_TABLE_COLUMNS, width=48))
    else:
        click.echo("no areas", err=True)


@areas.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--actor", help="Who holds or claims the areas (when a feature has no actor).")
@click.option("--status", help="assessed_control, assessed_advance or claimed (when a "
                               "feature has no status).")
@click.option("--date", "when", metavar="YYYY-MM-DD", help="As-of date (when a feature has "
                                                           "none).")
@click.option("--source", help="Who drew the areas, or a URL (when a feature has none).")
@fail_cleanly
def import_area_file(file: Path, db: str, actor: str | None, status: str | None,
                     when: str | None, source: str | None) -> None:
    """Import controlled or claimed areas from a GeoJSON or KML file.

    Each polygon feature needs an actor, a status (assessed control, assessed advance,
    claimed) and a date, from its properties or from the options; the share of each admin-1
    region it covers is measured on the ellipsoid and stored. A bad file stores nothing.

    Example:

    \b
        conflict-map areas import kursk.geojson --actor "Ukrainian forces" \\
            --status assessed_control --date 2024-08-20 --source ISW
    """
    from geo.control.areas import import_areas
    from geo.control.regions import Regions

    defaults = {"actor": actor, "status": status, "date": when, "source": source}
    with Store(db) as store:
        stored = import_areas(file, store, Regions(), defaults=defaults,
                              editor=local_editor())
    new = [row for row in stored if row["new"]]
    for row in new:
        click.echo(_table([_area_line(row)], AREA_TABLE_COLUMNS, width=48)
                   .splitlines()[-1], err=True)
    click.echo(f"{file}: imported {len(new)} areas, {len(stored) - len(new)} already stored",
               err=True)


@click.command("evaluate-claims", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--split", type=click.Choice(SPLITS), default=None,
              help="Only issue 13's part of the shared dev file: test = ids uNNN/vNNN with "
                   "NNN divisible by 3, train = the other uNNN/vNNN, first = the rest.")
@click.option("--ids", "ids", default=None, metavar="REGEX",
              help="Only records whose id matches this regular expression (re.search).")
@click.option("--errors", is_flag=True,
              help="Also list each mistake (missed, extra, wrong field) on stderr, never for "
                   "records of the test split.")
@fail_cleanly
def evaluate_claims(file: Path, fmt: str, split: str | None, ids: str | None,
                    errors: bool) -> None:
    """Measure claim extraction on annotated records (the shared/claims JSON Lines format).

    Each record's text is ingested as an article into a temporary database (geoparse, claims,
    store), its claims are read back and scored against the record's: precision, recall and
    F1 of detection, and of matched claims the share with the right region, bound and
    claimant (the matching rule of shared/corpora/reference_score.py). `region_placeable` is
    the share of matched claims with a gold region whose prediction the map can draw: a region
    code or a point of its own (reported apart from the reference scores).

    Example:

    \b
        conflict-map evaluate-claims ../shared/claims/claims.dev.jsonl
        conflict-map evaluate-claims claims.dev.jsonl --split train --errors
        conflict-map evaluate-claims claims.jsonl --ids '^v' --format json
    """
    from geo.control.rules import drawable
    from geo.evaluate.claims import (
        action_share,
        claim_errors,
        in_split,
        placeable_share,
        score_claims,
    )

    records = _records(file)
    try:
        pattern = re.compile(ids) if ids else None
    except re.error as err:
        raise click.BadParameter(f"{ids!r}: {err}", param_hint="--ids") from err
    keep = [(split is None or in_split(str(r.get("id", "")), split))
            and (pattern is None or bool(pattern.search(str(r.get("id", ""))))) for r in records]
    if not any(keep):
        raise click.ClickException(f"{file}: no record is selected")
    with tempfile.TemporaryDirectory() as tmp:
        chosen = Path(tmp) / file.name
        lines = [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
        chosen.write_text("".join(line + "\n" for line, k in zip(lines, keep, strict=True)
                                  if k), encoding="utf-8")
        records = [r for r, k in zip(records, keep, strict=True) if k]
        predictions = _predict(chosen)
    if len(predictions) != len(records):
        raise click.ClickException(f"{file}: {len(records)} records but {len(predictions)} "
                                   "articles could be read")
    scores: dict[str, Any] = dict(score_claims(records, predictions))
    scores["region_placeable"] = placeable_share(records, predictions, drawable)
    scores["action_acc"] = action_share(records, predictions)
    if errors:
        shown = [e for e in claim_errors(records, predictions)
                 if not in_split(str(e["id"] or ""), "test")]
        for error in shown:
            click.echo(json.dumps(error, ensure_ascii=False, default=str), err=True)
        withheld = sum(in_split(str(r.get("id", "")), "test") for r in records)
        if withheld:
            click.echo(f"{withheld} test-split records scored but not listed", err=True)
    if fmt == "json":
        click.echo(json.dumps(scores, indent=2))
    else:
        click.echo(_table([{"metric": k, "value": scores[k]} for k in METRICS],
                          ("metric", "value")))


def regions_or_none() -> Any:
    """The built regions, or None when the file is missing (outlines are then left out)."""
    from geo.control.regions import Regions
    from geo.errors import RegionError

    try:
        return Regions()
    except RegionError:
        return None


def _region_code(text: str) -> tuple[str, str | None]:
    """(ISO 3166-2 code, English name) for --region, checked against the regions if built."""
    regions = regions_or_none()
    if regions is None:
        code = text.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
            raise click.BadParameter(f"{text!r} is not an ISO 3166-2 code (the region file "
                                     "is not built, so names cannot be looked up)",
                                     param_hint="--region")
        return code, None
    region = regions.get(text)
    if region is None or region.iso is None:
        raise click.BadParameter(f"no admin-1 region with an ISO code matches {text!r} in "
                                 f"{regions.path}", param_hint="--region")
    return region.iso, region.name


def _iso_date(text: str, option: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as err:
        raise click.BadParameter(f"{text!r} is not an ISO date (YYYY-MM-DD)",
                                 param_hint=option) from err


def _area_line(row: dict[str, Any]) -> dict[str, Any]:
    regions = ", ".join(f"{s['region']} {s['share_pct']:.1f}%" for s in row["shares"][:3])
    more = len(row["shares"]) - 3
    return {**row, "regions": regions + (f" +{more}" if more > 0 else "")}


def _records(file: Path) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise click.ClickException(f"{file}:{number}: malformed JSON ({err.msg})") from err
        if not isinstance(record, dict) or not isinstance(record.get("claims"), list):
            raise click.ClickException(f"{file}:{number}: expected an object with a 'claims' "
                                       "list")
        records.append(record)
    return records


def _predict(file: Path) -> list[list[dict[str, Any]]]:
    """The stored claims of each record's article, in record order, after a real ingest."""
    from geo.errors import IngestError
    from geo.io.ingest import ingest_paths
    from geo.io.readers import iter_records

    articles = list(iter_records(file))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.sqlite") as store:
        report = ingest_paths([file], store, editor=local_editor())
        if report.failed:
            where, problem = report.failed[0]
            raise click.ClickException(f"{where}: {problem}")
        return [[] if isinstance(a, IngestError) else store.claims(article_id=a.id)
                for a in articles]


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int = 28) -> str:
    """Aligned plain-text columns; numbers right-aligned, long text cut to `width`."""
    cells = [[_cell(row.get(c), width) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    numeric = [all(isinstance(row.get(c), int | float) and not isinstance(row.get(c), bool)
                   for row in rows if row.get(c) is not None) for c in columns]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w)
                 for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, cells)])


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"
