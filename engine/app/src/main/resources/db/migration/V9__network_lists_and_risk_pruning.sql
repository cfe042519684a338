-- Anonymising and corporate egress networks set through PUT /api/v1/reference/networks/{list}.
-- One row per list, never deleted: entries NULL means "the default" (the shipped list, the rules
-- directory's file, the configuration). Every change bumps revision, which each node polls to
-- pick up a change made on another node.
CREATE TABLE network_list (
    name        VARCHAR(32)              PRIMARY KEY,
    entries     TEXT,
    revision    BIGINT                   NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE,
    updated_by  VARCHAR(320)
);
INSERT INTO network_list (name, entries, revision) VALUES ('anonymising', NULL, 0);
INSERT INTO network_list (name, entries, revision) VALUES ('corporate', NULL, 0);

-- Pruning deletes risk signals older than the risk window by event time alone.
CREATE INDEX risk_signal_event_time ON risk_signal (event_time);
