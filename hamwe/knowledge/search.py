"""Search of knowledge items, the one module that knows how each database searches.

- **PostgreSQL**: a side table `knowledge_item_search` (item id, tsvector, GIN index),
  each item's words indexed in its own language's configuration (`hamwe_en`, `hamwe_fr`,
  `hamwe_sv`: the language's stemmer behind `unaccent`, made by migration 0002); a query
  is parsed in every language's configuration and any of them matches, so a French
  reader's "reseaux" finds "réseau" and an English "networks" finds "network". Ranked by
  `ts_rank` (title above summary above text); excerpts by `ts_headline`.
- **SQLite**: an FTS5 virtual table of the same name (`unicode61 remove_diacritics 2`),
  each word of the query a prefix (FTS5 has no stemmer: "reseau" finds "réseaux"),
  ranked by `bm25`, excerpts by `snippet`.

Both fold accents and case. The access rule decides before anything is matched: the
candidates are the items `Item.objects.visible_to(user)` gives (with the filters), so a
partner's search never returns, counts or excerpts an item not shared with it. The index
is kept in step by the services (`index(ids)`, `unindex(ids)`), in their transaction.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from hamwe.core.text import fold

from .models import Item

CONFIGS = {"en": "hamwe_en", "fr": "hamwe_fr", "sv": "hamwe_sv"}
_START, _STOP = "\u27e6", "\u27e7"  # never typed: replaced by <mark> after escaping
_WORD = re.compile(r"\w+", re.UNICODE)
PAGE = 20


@dataclass(frozen=True)
class Hit:
    item: Item
    title: str  # HTML: the title with the words found marked
    excerpt: str  # HTML: where the words were found, marked (or the summary)


@dataclass(frozen=True)
class Results:
    query: str
    count: int
    hits: list[Hit]


def _marked(text) -> str:
    return mark_safe(escape(text or "").replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _language_case(column):
    whens = " ".join(f"WHEN '{code}' THEN '{config}'::regconfig"
                     for code, config in CONFIGS.items())
    return f"(CASE {column} {whens} ELSE 'hamwe_simple'::regconfig END)"


def words(query) -> list[str]:
    """The words of a query, folded: what both databases look for."""
    return _WORD.findall(fold(query))[:12]


def search(user, query="", *, filters=None, offset=0, limit=PAGE) -> Results:
    """The items `user` may read matching `query` (all words) and `filters` (field lookups
    on Item, e.g. {"kind": "toolkit", "thematic_areas": 3}), best first, with the words
    marked in the title and an excerpt; and how many match in all."""
    candidates = Item.objects.visible_to(user)
    if filters:  # a filter through a many-to-many field would repeat items
        candidates = candidates.filter(**filters).distinct()
    found = words(query)
    if not found:
        count = candidates.count()
        items = list(candidates.for_list()[offset:offset + limit])
        return Results(query=query, count=count, hits=[
            Hit(item=i, title=escape(i.title), excerpt=escape(i.summary)) for i in items])
    try:
        visible_sql, visible_params = (
            candidates.order_by().values("pk").query.sql_with_params())
    except EmptyResultSet:  # the user may read nothing
        return Results(query=query, count=0, hits=[])
    if connection.vendor == "postgresql":
        count, ranked, marks = _postgresql(found, visible_sql, visible_params, offset, limit)
    else:
        count, ranked, marks = _sqlite(found, visible_sql, visible_params, offset, limit)
    items = Item.objects.in_bulk(ranked)
    hits = [Hit(item=items[pk], title=_marked(marks[pk][0] or items[pk].title),
                excerpt=_marked(marks[pk][1] or items[pk].summary))
            for pk in ranked if pk in items]
    return Results(query=query, count=count, hits=hits)


def _postgresql(found, visible_sql, visible_params, offset, limit):
    text = " ".join(found)
    query = " || ".join(f"websearch_to_tsquery('{c}', %s)" for c in (*CONFIGS.values(),
                                                                       "hamwe_simple"))
    query_params = [text] * (len(CONFIGS) + 1)
    where = f"s.vector @@ q.query AND s.item_id IN ({visible_sql})"
    with connection.cursor() as cursor:
        # The count rides along the page (a second query only past the last page).
        cursor.execute(
            f"WITH q AS (SELECT ({query}) AS query) "
            f"SELECT s.item_id, count(*) OVER () FROM knowledge_item_search s, q "
            f"WHERE {where} "
            "ORDER BY ts_rank(s.vector, q.query) DESC, s.item_id DESC LIMIT %s OFFSET %s",
            [*query_params, *visible_params, limit, offset])
        rows = cursor.fetchall()
        ranked = [row[0] for row in rows]
        if rows:
            count = rows[0][1]
        else:
            cursor.execute(
                f"WITH q AS (SELECT ({query}) AS query) "
                f"SELECT count(*) FROM knowledge_item_search s, q WHERE {where}",
                [*query_params, *visible_params])
            count = cursor.fetchone()[0]
        marks = {}
        if ranked:
            options = f"StartSel={_START}, StopSel={_STOP}"
            cursor.execute(
                f"WITH q AS (SELECT ({query}) AS query) "
                f"SELECT i.id, ts_headline({_language_case('i.language')}, i.title, q.query, "
                f"'{options}, HighlightAll=true'), "
                f"ts_headline({_language_case('i.language')}, i.summary || ' ' || i.body, "
                f"q.query, '{options}, MaxFragments=2, MaxWords=30, MinWords=10, "
                "FragmentDelimiter=\" … \"') "
                "FROM knowledge_item i, q WHERE i.id = ANY(%s)",
                [*query_params, ranked])
            marks = {pk: (title, excerpt) for pk, title, excerpt in cursor.fetchall()}
    return count, ranked, marks


def _fts5_query(found):
    return " ".join(f'"{word}"*' for word in found)


def _sqlite(found, visible_sql, visible_params, offset, limit):
    match = _fts5_query(found)
    # The matches first, once (FTS5 answers a MATCH fast, but probes a `rowid IN (...)`
    # row by row), then those the user may read; the count rides along the page.
    hits = ("WITH hits AS MATERIALIZED (SELECT rowid AS id, "
            "bm25(knowledge_item_search, 10.0, 4.0, 1.0) AS rank FROM knowledge_item_search "
            "WHERE knowledge_item_search MATCH %s) ")
    where = f"FROM hits WHERE id IN ({visible_sql})"
    with connection.cursor() as cursor:
        cursor.execute(f"{hits} SELECT id, count(*) OVER () {where} "
                       "ORDER BY rank, id DESC LIMIT %s OFFSET %s",
                       [match, *visible_params, limit, offset])
        rows = cursor.fetchall()
        ranked = [row[0] for row in rows]
        if rows:
            count = rows[0][1]
        else:
            cursor.execute(f"{hits} SELECT count(*) {where}", [match, *visible_params])
            count = cursor.fetchone()[0]
        marks = {}
        if ranked:
            holes = ", ".join(["%s"] * len(ranked))
            cursor.execute(
                f"SELECT rowid, highlight(knowledge_item_search, 0, %s, %s), "
                f"snippet(knowledge_item_search, -1, %s, %s, ' … ', 24) "
                f"FROM knowledge_item_search WHERE knowledge_item_search MATCH %s "
                f"AND rowid IN ({holes})",
                [_START, _STOP, _START, _STOP, match, *ranked])
            marks = {pk: (title, excerpt) for pk, title, excerpt in cursor.fetchall()}
    return count, ranked, marks


# --- Keeping the index in step ------------------------------------------------------------


def index(ids) -> None:
    """(Re)index the items `ids` as they are now in the database."""
    ids = list(ids)
    if not ids:
        return
    unindex(ids)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            config = _language_case("i.language")
            cursor.execute(
                "INSERT INTO knowledge_item_search (item_id, vector) "
                f"SELECT i.id, setweight(to_tsvector({config}, i.title), 'A') || "
                f"setweight(to_tsvector({config}, i.summary), 'B') || "
                f"setweight(to_tsvector({config}, i.body), 'C') "
                "FROM knowledge_item i WHERE i.id = ANY(%s)", [ids])
        else:
            holes = ", ".join(["%s"] * len(ids))
            cursor.execute(
                "INSERT INTO knowledge_item_search (rowid, title, summary, body) "
                f"SELECT id, title, summary, body FROM knowledge_item WHERE id IN ({holes})",
                ids)


def unindex(ids) -> None:
    ids = list(ids)
    if not ids:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DELETE FROM knowledge_item_search WHERE item_id = ANY(%s)", [ids])
        else:
            holes = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM knowledge_item_search WHERE rowid IN ({holes})", ids)


def reindex_all() -> int:
    """Rebuild the whole index (after a bulk load, a restore): how many items."""
    ids = list(Item.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM knowledge_item_search")
    for start in range(0, len(ids), 500):
        index(ids[start:start + 500])
    return len(ids)

