"""The `claims` and `evaluate-claims` commands of `conflict-map` (registered in `geo.cli`).

Library errors (`ConflictMapError`) become a one-line message and exit code 1, as in `geo.cli`.
This module imports nothing from `geo.cli`, so that `geo.cli` can register these commands.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from geo.cli_errors import fail_cleanly
from geo.store import CLAIM_COLUMNS, DEFAULT_PATH, Store

__all__ = ["claims", "evaluate_claims"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
TABLE_COLUMNS = ("published", "region", "region_name", "actor", "action", "bound", "value",
                 "unit", "claimant", "negated")
METRICS = ("n_gold", "n_pred", "precision", "recall", "f1", "region_acc", "bound_acc",
           "claimant_acc")





@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--db", type=click.Path(dir_okay=False), envvar="CONFLICT_MAP_DB",
              default=DEFAULT_PATH, show_default=True, show_envvar=True, metavar="FILE",
              help="SQLite database file or SQLAlchemy URL.")
@click.option("--region", metavar="REGION",
              help="Only claims about this region: an ISO 3166-2 code (RU-KRS) or a name "
                   "(\"Kursk Oblast\", Avdiivka).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@fail_cleanly
def claims(db: str, region: str | None, fmt: str) -> None:
    """List the territorial-control claims read from the stored articles.

    Each claim has its actor, action, value and unit (percent, km2, mi2, hectares,
    settlements), bound, region (ISO 3166-2 code and name), denominator, claimant, whether it
    is denied, and the verbatim quote with its offsets in the article. JSON is a list.

    Example:

    \b
        conflict-map claims
        conflict-map claims --region RU-KRS --format json
        conflict-map claims --format csv > claims.csv
    """
    if "://" not in db and not Path(db).exists():
        raise click.ClickException(f"{db}: no such database; run 'conflict-map ingest' first")
    with Store(db) as store:
        rows = store.claims(region)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CLAIM_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
    elif rows:
        click.echo(_table(rows, TABLE_COLUMNS))
    else:
        click.echo("no claims", err=True)


@click.command("evaluate-claims", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@fail_cleanly
def evaluate_claims(file: Path, fmt: str) -> None:
    """Measure claim extraction on annotated records (the shared/claims JSON Lines format).

    Each record's text is ingested as an article into a temporary database (geoparse, claims,
    store), its claims are read back and scored against the record's: precision, recall and
    F1 of detection, and of matched claims the share with the right region, bound and
    claimant (the matching rule of shared/corpora/reference_score.py).

    Example:

    \b
        conflict-map evaluate-claims ../shared/claims/claims.dev.jsonl
        conflict-map evaluate-claims claims.jsonl --format json
    """
    records = _records(file)
    predictions = _predict(file)
    if len(predictions) != len(records):
        raise click.ClickException(f"{file}: {len(records)} records but {len(predictions)} "
                                   "articles could be read")
    from geo.claims_score import score_claims

    scores = score_claims(records, predictions)
    if fmt == "json":
        click.echo(json.dumps(scores, indent=2))
    else:
        click.echo(_table([{"metric": k, "value": scores[k]} for k in METRICS],
                          ("metric", "value")))


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
    from geo.ingest import ingest_paths
    from geo.readers import iter_records

    articles = list(iter_records(file))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.sqlite") as store:
        report = ingest_paths([file], store)
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
