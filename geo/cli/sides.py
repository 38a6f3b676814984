"""`conflict-map sides` and `evaluate-sides`: the actors of stored claims by side, and the
table's accuracy on labelled actors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from geo.cli.errors import fail_cleanly, require_db
from geo.cli.options import CONTEXT_SETTINGS, db_option
from geo.sides.resolve import Sides, claim_countries
from geo.store.database import Store

__all__ = ["evaluate_sides", "sides"]


@click.command("sides", context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--unresolved", is_flag=True,
              help="Only actors the table does not resolve (add them to your sides file).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@fail_cleanly
def sides(db: Path, unresolved: bool, fmt: str) -> None:
    """List the actors of the stored claims with their side and how many claims name them.

    Sides come from assets/sides.csv plus your own file: CONFLICT_MAP_SIDES, or sides.csv
    beside the database (columns conflict, side, pattern; colour and context optional).
    Generic actors ("the army") resolve only where the claim's region names the conflict.

    Example:

    \b
        conflict-map sides --unresolved
    """
    from geo.cli.claims import regions_or_none
    from geo.control.layer import claims_with_sides

    require_db(db)
    table = Sides.for_database(db)
    with Store(db) as store:
        claims = claims_with_sides(store.claims(), table, regions_or_none())
    counts: Counter[tuple[str, str, bool]] = Counter()
    for claim in claims:
        if not claim.get("actor"):
            continue
        side = table.side_of(claim["actor"], claim_countries(claim))
        if unresolved and side.resolved:
            continue
        counts[(str(claim["actor"]), side.name if side.resolved else "", side.resolved)] += 1
    rows = [{"actor": actor, "side": side or "(unresolved)", "resolved": ok, "claims": n}
            for (actor, side, ok), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("No unresolved actors." if unresolved else "No claims with an actor.")
        return
    width = max(len(r["actor"]) for r in rows)
    for row in rows:
        click.echo(f"{row['claims']:>6}  {row['actor']:<{width}}  {row['side']}")


@click.command("evaluate-sides", context_settings=CONTEXT_SETTINGS)
@click.argument("labels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sides-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="A user sides file to add to the shipped table.")
@click.option("--split", default=None,
              help="Only the rows whose 'split' column is this (e.g. read, f).")
@click.option("--errors", is_flag=True,
              help="Also list each actor resolved to another side (never for a held split).")
@fail_cleanly
def evaluate_sides(labels: Path, sides_file: Path | None, split: str | None,
                   errors: bool) -> None:
    """Share of labelled actors (CSV: conflict, actor, side) resolved to their side.

    Example:

    \b
        conflict-map evaluate-sides tests/data/sides_web.csv --split f
        conflict-map evaluate-sides tests/data/sides_web.csv --split read --errors
    """
    from geo.evaluate.sides import score_sides

    scores = score_sides(labels, Sides(sides_file), split)
    for actor, got, want in scores["wrong"] if errors else ():
        click.echo(f"wrong: {actor!r} -> {got!r}, labelled {want!r}", err=True)
    click.echo(json.dumps({k: scores[k] for k in ("n", "right", "accuracy")}, indent=2))
