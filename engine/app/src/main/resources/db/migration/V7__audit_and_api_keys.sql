-- Security and audit (issue 7).

-- Append-only, hash-chained audit trail: each record's hash covers its content and the previous
-- record's hash (see dev.bulwark.core.audit.AuditChain). seq has no gaps by construction.
CREATE TABLE audit_log (
    seq            BIGINT                   PRIMARY KEY,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(200)             NOT NULL,
    action         VARCHAR(64)              NOT NULL,
    target         VARCHAR(700)             NOT NULL,
    origin         VARCHAR(200)             NOT NULL,
    details        TEXT                     NOT NULL,
    previous_hash  VARCHAR(64)              NOT NULL,
    hash           VARCHAR(64)              NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain's head, locked while a record is appended so that appends chain one after another.
CREATE TABLE audit_head (
    id    INTEGER     PRIMARY KEY,
    seq   BIGINT      NOT NULL,
    hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Intake API keys: only a SHA-256 of the key is kept.
CREATE TABLE api_key (
    id            VARCHAR(36)              PRIMARY KEY,
    source        VARCHAR(200)             NOT NULL,
    key_hash      VARCHAR(64)              NOT NULL,
    key_prefix    VARCHAR(12)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200)             NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    revoked_by    VARCHAR(200),
    last_used_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_key_hash UNIQUE (key_hash)
);
CREATE INDEX api_key_source ON api_key (source);
