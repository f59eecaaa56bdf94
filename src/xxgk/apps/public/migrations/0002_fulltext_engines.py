"""The database's own full-text index over the segmented words of ``SearchDocument``.

SQLite: an FTS5 table with external content (the words are stored once, in
``public_searchdocument``) kept in step by triggers. PostgreSQL: a stored
generated tsvector column ('simple' configuration: the words are already
segmented; title weighted A, body B) with a GIN index. Each statement runs only
on its own engine.
"""

from django.db import migrations

from xxgk.apps.public.migration_ops import VendorSQL

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE public_search_fts USING fts5("
    "title_tokens, body_tokens, content='public_searchdocument', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER public_search_ai AFTER INSERT ON public_searchdocument BEGIN "
    "INSERT INTO public_search_fts(rowid, title_tokens, body_tokens) "
    "VALUES (new.id, new.title_tokens, new.body_tokens); END",
    "CREATE TRIGGER public_search_ad AFTER DELETE ON public_searchdocument BEGIN "
    "INSERT INTO public_search_fts(public_search_fts, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); END",
    "CREATE TRIGGER public_search_au AFTER UPDATE OF title_tokens, body_tokens ON public_searchdocument BEGIN "
    "INSERT INTO public_search_fts(public_search_fts, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); "
    "INSERT INTO public_search_fts(rowid, title_tokens, body_tokens) "
    "VALUES (new.id, new.title_tokens, new.body_tokens); END",
    "INSERT INTO public_search_fts(public_search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS public_search_au",
    "DROP TRIGGER IF EXISTS public_search_ad",
    "DROP TRIGGER IF EXISTS public_search_ai",
    "DROP TABLE IF EXISTS public_search_fts",
]
POSTGRESQL_FORWARD = [
    "ALTER TABLE public_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_tokens), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_tokens), 'B')) STORED",
    "CREATE INDEX public_search_vector_gin ON public_searchdocument USING GIN (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS public_search_vector_gin",
    "ALTER TABLE public_searchdocument DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):
    dependencies = [("public", "0001_search_index_and_pages")]

    operations = [
        VendorSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        VendorSQL("postgresql", POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    ]
