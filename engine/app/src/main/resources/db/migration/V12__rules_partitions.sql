-- Rules evaluated per partition of the journal, shared out among the nodes
-- (docs/adr/0802-rules-partitioned-by-identity.md).

-- The partition an alert's rules run in: a hash of its identity (user.name, else host.name, else
-- source.ip, else its dedup key) over 16 partitions (JournalPartitions.COUNT). Alerts journaled
-- before this migration are put in partition 0: the cursors below start where 'rules' stood, so
-- none of them is evaluated twice or skipped.
ALTER TABLE alert_journal ADD COLUMN rules_partition INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX alert_journal_partition ON alert_journal (rules_partition, seq);

-- The node that last moved a cursor: operators (and the two-node test) see who evaluates what.
ALTER TABLE journal_cursor ADD COLUMN evaluated_by VARCHAR(200);

-- One cursor per partition for the identity rules; 'rules' stays the cursor of the global rules
-- (those correlating across identities), which read the whole journal.
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:0', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:1', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:2', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:3', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:4', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:5', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:6', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:7', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:8', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:9', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:10', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:11', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:12', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:13', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:14', position, NULL FROM journal_cursor WHERE name = 'rules';
INSERT INTO journal_cursor (name, position, evaluated_by)
    SELECT 'rules:15', position, NULL FROM journal_cursor WHERE name = 'rules';

-- One lease per partition; 'rules' stays the lease of the global rules and playbook starts.
INSERT INTO engine_lease (name, owner, expires_at) VALUES
    ('rules:0', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:1', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:2', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:3', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:4', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:5', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:6', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:7', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:8', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:9', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:10', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:11', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:12', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:13', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:14', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00'),
    ('rules:15', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00');

-- The nodes alive, renewed with their leases: each node takes its fair share of the partitions.
CREATE TABLE engine_node (
    node_id     VARCHAR(200)             PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Decisions about one correlation key can come from two partitions at once (a global rule and an
-- identity rule both scoring one user). A transaction locks the stripes of the keys it writes, in
-- stripe order, so the second waits for the first's incident instead of opening another.
CREATE TABLE correlation_lock (
    stripe  INTEGER PRIMARY KEY
);
INSERT INTO correlation_lock (stripe) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31), (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47), (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63);
