-- Finished rushes and warm-ups with their whole result (JSON of RushResult), so that an operator can read
-- and export yesterday's rehearsal after a restart. scope: the deployment's Redis key prefix and namespace.
CREATE TABLE rush_history (
    rush_id     VARCHAR(64)  PRIMARY KEY,
    scope       VARCHAR(128) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    result      TEXT NOT NULL
);
CREATE INDEX rush_history_recent ON rush_history (scope, finished_at);
