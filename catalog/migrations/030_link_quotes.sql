-- The passages a link cites after its first, each a row: linking a
-- document again to an indicator it is linked to with another quote
-- (AddLinkQuote, since the twenty-eighth session) appended the quote to
-- link.quote after "\n" and U+001F, its page before another U+001F, so
-- every reader of the raw column (the evidence query, exports, another
-- program) saw the marks. The link's first passage stays in link.page
-- and link.quote, where every link made with a quote writes it; the
-- passages added after it are numbered from 1, each with who added it
-- and when. Deleting a link deletes them.
--
-- The Go step (moveLinkQuotes030) moves the passages of every quote
-- column holding the marks into rows, who and when from the link.quote
-- event that added each. Portable SQL (no twin): IF NOT EXISTS, as the
-- migration may run again under another number; a table recreating link
-- later must carry link_quote over, as dropping link deletes its rows.
CREATE TABLE IF NOT EXISTS link_quote (
    link_id    TEXT NOT NULL REFERENCES link(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    page       INTEGER NOT NULL DEFAULT 0,
    quote      TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (link_id, position)
);
