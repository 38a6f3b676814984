"""The SQL store on SQLite or PostgreSQL + PostGIS: engine and transactions, schema and
migrations, articles, mentions, claims, areas, and the reads the dashboard and exports use.
Imports: geo.errors, geo.models, geo.views."""
