-- Each signed approval link works once: its nonce is recorded when it is used.
CREATE TABLE approval_link_use (
    nonce     VARCHAR(64)              PRIMARY KEY,
    task_id   VARCHAR(64)              NOT NULL,
    used_by   VARCHAR(255)             NOT NULL,
    used_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
