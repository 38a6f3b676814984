"""Where the dashboard server's memory goes: RSS after each data step of a page, in-process.

Run: `.venv/bin/python benchmarks/dashboard_memory.py [N]` (default 1,000,000 mentions; the
store is `build/bench/synthetic-N.sqlite`, written by `benchmarks/dashboard_load.py N` or
`benchmarks/synthetic.py`). Prints the RSS after importing the app's modules, then after the
snapshot, the default view, the markers, their published files (popups included), the claims,
the timeline, the playback days and the places table's frame, each with its time and the peak
so far (the functions of `dashboard.data` the page calls, in the page's order, outside a
Streamlit server). Asserts nothing.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def rss_mb(field: str = "VmRSS") -> int:
    """The process's resident set (or, with "VmHWM", its peak so far) in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return 0


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1_000_000
    db = str(ROOT / "build" / "bench" / f"synthetic-{n}.sqlite")
    if not Path(db).exists():
        print(f"{db} is missing: run benchmarks/dashboard_load.py {n} first")
        return 1
    logging.disable(logging.WARNING)  # bare-mode cache warnings of Streamlit
    began = time.perf_counter()
    from dashboard import data
    from geo.views.filters import MentionFilter

    print(f"imports: {time.perf_counter() - began:.2f} s, RSS {rss_mb()} MB")
    version = data.store_version(db)
    default = MentionFilter()
    with tempfile.TemporaryDirectory() as tmp:
        for name, step in (
                ("snapshot", lambda: data.load_snapshot(db, version)),
                ("default view", lambda: data.view(db, version, default)),
                ("markers", lambda: data.map_markers(db, version, default)),
                ("published", lambda: _publish(data, db, version, default, Path(tmp))),
                ("claims", lambda: data.claim_rows(db, version)),
                ("timeline", lambda: data.timeline_spec(db, version, default, None)),
                ("playback days", lambda: data.busy_days(db, version)),
                ("places table", lambda: _table(data.view(db, version, default).places))):
            began = time.perf_counter()
            step()
            print(f"{name}: {time.perf_counter() - began:.2f} s, RSS {rss_mb()} MB "
                  f"(peak {rss_mb('VmHWM')} MB)")
    return 0


def _publish(data, db: str, version, flt, folder: Path) -> None:
    """The marker and popup files the page writes (popups in the background: waited for)."""
    payload, popups = data.map_markers(db, version, flt)
    data.publish(payload, popups=popups, folder=folder)
    for thread in threading.enumerate():
        if thread.name.startswith("write-"):  # `dashboard.data.in_background`'s
            thread.join()


def _table(rows) -> None:
    """The places table as the frame `st.dataframe` makes of it, in Arrow as it is sent."""
    import pandas as pd
    import pyarrow as pa

    pa.Table.from_pandas(pd.DataFrame(list(rows)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
