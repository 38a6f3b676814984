"""The store on PostgreSQL + PostGIS only: connection errors, the PostGIS columns, migrations and
concurrent opening (the tests both backends share are in test_store.py and the ingest tests)."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import socket
import time
import uuid

import pytest
from ingest_support import fresh_schema_url
from shapely import box
from shapely.geometry import mapping
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from geo.access import local_editor
from geo.errors import StoreError
from geo.models import Article, Claim, Mention, Place, article_id
from geo.store.database import SCHEMA_VERSION, Store
from geo.store.reads import read_mention_ids_in_view
from geo.store.schema import _migrate_1, schema_version_table

KURSK = Place("gn:538560", "Kursk", 51.7373, 36.1874, "city", "RU", "Kursk Oblast", 538560)


@pytest.fixture
def pg_url(pg_admin):
    yield from fresh_schema_url(pg_admin)


def _one_line_without_password(err: StoreError, password: str) -> str:
    message = str(err)
    assert "\n" not in message and password not in message
    return message


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_plain_postgresql_url_uses_psycopg_and_hides_the_password(pg_url):
    url = make_url(pg_url).set(drivername="postgresql")
    with Store(url.render_as_string(hide_password=False)) as store:
        assert store.url.drivername == "postgresql+psycopg"
        assert url.password not in repr(store) and "***" in store.location


def test_server_that_is_down(pg_admin):
    url = pg_admin.url.set(drivername="postgresql", port=_free_port(), password="s3cret-pw")
    with pytest.raises(StoreError) as info:
        Store(url.render_as_string(hide_password=False))
    message = _one_line_without_password(info.value, "s3cret-pw")
    assert message.startswith(f"postgresql+psycopg://{url.username}:***@127.0.0.1:{url.port}/")
    assert "cannot open (server not reachable:" in message and "Connection refused" in message


def test_wrong_password(pg_admin):
    url = pg_admin.url.set(password="not-the-password")
    with pytest.raises(StoreError) as info:
        Store(url.render_as_string(hide_password=False))
    message = _one_line_without_password(info.value, "not-the-password")
    assert message.endswith(f'cannot open (password authentication failed for user '
                            f'"{url.username}")')


def test_database_without_postgis(pg_admin):
    name = f"no_postgis_{uuid.uuid4().hex[:8]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        url = pg_admin.url.set(database=name)
        with pytest.raises(StoreError) as info:
            Store(url.render_as_string(hide_password=False))
        message = _one_line_without_password(info.value, url.password)
        assert message.startswith(url.render_as_string(hide_password=True))
        assert "has no PostGIS (as its owner or a superuser: CREATE EXTENSION postgis" in message
    finally:
        with pg_admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name}"))


def test_places_mentions_areas_and_regions_carry_geometry_with_gist_indexes(pg_url):
    text_ = "Kursk and Sudzha."
    article = Article(id=article_id(text_), text=text_)
    mentions = [Mention("text", "Kursk", 0, 5, text_, 0, "literal", KURSK, 1.0, "r"),
                Mention("text", "Sudzha", 10, 16, text_, 0, "literal", None, 1.0, "r")]
    with Store(pg_url) as store:
        store.add_article(article, mentions, editor=local_editor())
        store.add_areas([{"name": "A", "actor": "Russia", "status": "claimed",
                          "date": "2025-03-12", "source": None, "file": "a.geojson",
                          "area_km2": 1.0, "wkb": box(35.0, 51.0, 36.0, 52.0).wkb}],
                              editor=local_editor())
        with store.connect() as conn:
            assert conn.execute(text("SELECT ST_AsText(geom) FROM places")).scalar() == \
                "POINT(36.1874 51.7373)"
            points = conn.execute(text("SELECT surface, ST_AsText(geom) FROM mentions "
                                       "ORDER BY start")).all()
            assert [tuple(p) for p in points] == [("Kursk", "POINT(36.1874 51.7373)"),
                                                  ("Sudzha", None)]
            assert conn.execute(text("SELECT ST_SRID(geom), ST_AsText(ST_Envelope(geom)) "
                                     "FROM areas")).one() == (
                4326, "POLYGON((35 51,35 52,36 52,36 51,35 51))")
            gist = conn.execute(text(
                "SELECT tablename FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexdef LIKE '%USING gist (geom)%' ORDER BY tablename")).scalars().all()
            assert gist == ["areas", "mentions", "places", "regions"]


def test_a_place_that_moves_moves_its_mentions(pg_url):
    moved = dataclasses.replace(KURSK, lat=10.0, lon=20.0)
    with Store(pg_url) as store:
        for text_, place in (("Kursk one.", KURSK), ("Kursk two.", moved)):
            store.add_article(Article(id=article_id(text_), text=text_), [
                Mention("text", "Kursk", 0, 5, text_, 0, "literal", place, 1.0, "r")],
                    editor=local_editor())
        with store.connect() as conn:
            points = conn.execute(text("SELECT DISTINCT ST_AsText(geom) FROM mentions"))
            assert points.scalars().all() == ["POINT(20 10)"]
        assert len(read_mention_ids_in_view(store, (19.0, 9.0, 21.0, 11.0))) == 2
        assert read_mention_ids_in_view(store, (36.0, 51.0, 37.0, 52.0)) == []


def test_version_1_database_is_migrated_in_place(pg_url, pg_admin):
    engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
    quote = "Russian forces have regained over 86% of the land."
    with engine.begin() as conn:
        schema_version_table.create(conn)
        _migrate_1(conn)
        conn.execute(schema_version_table.insert(), {"version": 1, "applied_at": "2025-01-01"})
        conn.execute(text("INSERT INTO articles (id, text, ingested_at) VALUES (:id, :t, :at)"),
                     {"id": article_id(quote), "t": quote, "at": "2025-01-01T00:00:00"})
        conn.execute(text("INSERT INTO claims (article_id, action, quote, quote_start, "
                          "quote_end, negated) VALUES (:id, 'regained', :q, 0, 50, false)"),
                     {"id": article_id(quote), "q": quote[:50]})
    engine.dispose()
    with Store(pg_url) as store:
        (claim,) = store.claims()
        assert (claim["origin"], claim["start"], claim["negated"]) == ("text", 0, False)
        assert store.claims_extracted(article_id(quote)) is True
        store.add_manual_claim(Claim("", "captured", "Sudzha fell", 0, 11), editor=local_editor())
        assert [c["origin"] for c in store.claims()] == ["text", "manual"]
        with store.connect() as conn:
            versions = conn.execute(text("SELECT version FROM schema_version ORDER BY 1"))
            assert versions.scalars().all() == list(range(1, SCHEMA_VERSION + 1))
            migrated = _columns(conn)
    fresh = fresh_schema_url(pg_admin)
    with Store(next(fresh)) as store, store.connect() as conn:
        assert migrated == _columns(conn)
    fresh.close()
    assert "geom USER-DEFINED" in migrated["areas"]


def _columns(conn) -> dict[str, list[str]]:
    rows = conn.execute(text("SELECT table_name, column_name, data_type FROM "
                             "information_schema.columns WHERE table_schema = current_schema()"))
    out: dict[str, list[str]] = {}
    for table, column, kind in rows:
        out.setdefault(table, []).append(f"{column} {kind}")
    return {table: sorted(cols) for table, cols in out.items()}


def test_another_programs_schema_is_refused(pg_url):
    engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"not a Conflict Map database \(has table invoices"):
        Store(pg_url)


def _open_at(url: str, start: float, out) -> None:
    time.sleep(max(0.0, start - time.time()))
    try:
        Store(url).close()
        out.put("ok")
    except StoreError as err:
        out.put(str(err))


def test_processes_creating_one_new_schema_at_once_all_open_it(pg_url):
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    start = time.time() + 0.3
    workers = [context.Process(target=_open_at, args=(pg_url, start, out)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [out.get(timeout=5) for _ in workers] == ["ok"] * 3
    with Store(pg_url) as store, store.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_version")).scalars().all()
    assert versions == [SCHEMA_VERSION]


def _import_at(url: str, path: str, start: float, out) -> None:
    from geo.control.areas import import_areas
    from geo.control.regions import Regions

    time.sleep(max(0.0, start - time.time()))
    try:
        with Store(url) as store:
            out.put([a["new"] for a in import_areas(path, store, Regions(), editor=local_editor())])
    except Exception as err:  # reaching the user: the test fails on it
        out.put(repr(err))


def test_one_file_imported_by_three_processes_at_once_is_stored_once(pg_url, regions, tmp_path):
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": mapping(box(35.0 + i / 20, 51.1, 35.04 + i / 20, 51.3)),
         "properties": {"actor": "Russian MoD", "status": "claimed", "date": "2024-09-01"}}
        for i in range(40)]}))
    with Store(pg_url) as store:  # loaded first, so that the processes race on the areas
        store.load_regions(regions.meta()["built_at"], regions.shapes)
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    start = time.time() + 0.5
    workers = [context.Process(target=_import_at, args=(pg_url, str(path), start, out))
               for _ in range(3)]
    for worker in workers:
        worker.start()
    results = sorted(out.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(30)
    assert results == [[False] * 40, [False] * 40, [True] * 40]
    with Store(pg_url) as store:
        assert len(store.areas()) == 40
        with store.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM regions")).scalar() == 4586
