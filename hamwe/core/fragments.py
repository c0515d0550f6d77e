"""Rendered parts of pages, kept in each process's memory under a key that names
everything they are made of.

A fragment is rendered once per process and served again while its key is unchanged:
the key holds what the part depends on and what a reader's view of it depends on (the
stamps or versions of the rows it shows, as read from the database in this request, the
reader's language, and whatever of the reader's access changes it). Since every key is
read fresh from the database, an out-of-date fragment is simply never asked for again, so
several processes need no shared cache and no invalidation.

The rule (DESIGN.md, one access rule): a fragment holds nothing one reader may see and
another may not, unless that is part of its key; and never a CSRF token, a user's name or
anything else of one request.
"""

import hashlib

from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

CACHE = "fragments"


def fragment(name, key, render) -> SafeString:
    """The HTML that `render()` gives, kept under `name`, the parts of `key` (a tuple of
    things with a stable `str()`) and the active language."""
    parts = "\x1f".join([name, get_language() or "", *(str(part) for part in key)])
    cache_key = f"{name}:{hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()}"
    cache = caches[CACHE]
    html = cache.get(cache_key)
    if html is None:
        html = str(render())
        cache.set(cache_key, html)
    return mark_safe(html)
