-- Where this catalog went when evidence catalog migrate copied it.
--
-- catalog migrate copies a one-machine catalog into PostgreSQL and leaves
-- catalog.db in the data folder, so that going back stays possible. A
-- node restarted on that folder without EVIDENCE_DATABASE_URL would open
-- the old file and serve it beside the shared catalog (split brain): it
-- takes uploads no other node sees. migrate therefore writes one row
-- here in the catalog it copied from (Store.MarkMoved), and serve on a
-- catalog with a row refuses to start, naming the database it went to;
-- evidence catalog revert deletes the row, the explicit way back.
--
-- In PostgreSQL the table stays empty: a copy is always made from SQLite
-- (its row is not copied: catalog migrate refuses a catalog with one).
-- IF NOT EXISTS, as the migration may run again under another number.
CREATE TABLE IF NOT EXISTS catalog_moved (
    destination TEXT NOT NULL,
    identity    TEXT NOT NULL,
    moved_at    TEXT NOT NULL
);
