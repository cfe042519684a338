-- Several engine nodes on one database (docs/adr/0801-several-nodes-on-one-database.md).

-- Appends lock this row, across nodes, so that journal positions commit in the order they are
-- handed out: a reader's cursor can then never pass a position whose transaction is still open.
CREATE TABLE journal_append_lock (
    id  INTEGER PRIMARY KEY
);
INSERT INTO journal_append_lock (id) VALUES (1);

-- A role that one node at a time holds, for a limited time, renewed while it lives: 'rules' is
-- the node that evaluates the journal and starts playbooks.
CREATE TABLE engine_lease (
    name        VARCHAR(64)              PRIMARY KEY,
    owner       VARCHAR(200),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO engine_lease (name, owner, expires_at)
    VALUES ('rules', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00');
