"""Giving freed memory back to the system after the big array work of a large store.

NumPy's temporaries over a million mentions (sorts, masks, unique pairs) are large blocks;
once one is freed, glibc raises its threshold for serving blocks from their own mappings, so
later temporaries come from the heap, and the heap keeps their pages after they are freed:
the server's resident memory grew by some 40 MB per filtered view at 1,000,000 mentions and
stayed there (`benchmarks/dashboard_memory.py`). `malloc_trim` hands those free pages back.
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
