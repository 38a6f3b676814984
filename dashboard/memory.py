"""Giving freed memory back to the system after the big array work of a large store.

Temporaries that glibc serves from its heap (a hash table of `np.unique`, Python lists of a
million ints, smaller NumPy arrays) keep their pages resident after they are freed;
`malloc_trim` gives them back (`benchmarks/dashboard_memory.py` prints the RSS after each
step of a page; `benchmarks/RESULTS.md`, "The server's memory").
"""

from __future__ import annotations

import ctypes
from functools import lru_cache

__all__ = ["give_back_freed_memory"]


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc's; absent on other C libraries
    except (AttributeError, OSError):
        return None


def give_back_freed_memory() -> None:
    """Return the heap's free pages to the system, where the C library can (glibc); a few
    milliseconds, so call it after heavy work, not per request.

    >>> give_back_freed_memory()
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
