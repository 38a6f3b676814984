# Self-hosted Conflict Map: the dashboard with its gazetteer, regions and static files built
# into the image, run by a non-root user. With PostgreSQL + PostGIS: see compose.yaml.
#   docker build -t conflict-map .
#   docker run -p 8501:8501 conflict-map            # the seed store, built at image build
#   docker run -p 8501:8501 -e CONFLICT_MAP_DB=postgresql://... conflict-map
FROM python:3.11-slim

# make runs the same set-up as on a laptop; npm fetches Leaflet and the other front-end files.
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends make npm \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 conflict
WORKDIR /app
COPY --chown=conflict:conflict . /app
USER conflict

# The venv, the npm files, the gazetteer, the regions, the static files and the seed store,
# all at build time: the container starts in seconds and needs no network.
RUN make setup ingest && rm -rf build/npm/*.tgz

# A shared link: viewers read, editors sign in (README, "Hosting"); `-e CONFLICT_MAP_MODE=local`
# for a single user. Secrets (sign-in, allowlist, database URL) come at run time, never built in.
# MALLOC_ARENA_MAX: two glibc heaps, not one per session thread (as `make run`).
ENV CONFLICT_MAP_MODE=hosted \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    MALLOC_ARENA_MAX=2
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD [".venv/bin/python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]
CMD [".venv/bin/streamlit", "run", "dashboard/app.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
