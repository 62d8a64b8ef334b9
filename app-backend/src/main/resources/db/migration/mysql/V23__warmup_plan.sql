-- Launch-day warm-ups scheduled by operators: they outlive a restart of the server that took them, and
-- every server of the same deployment (scope: its Redis key prefix and namespace) runs them, each
-- warming its own JVM.
CREATE TABLE warmup_plan (
    id           VARCHAR(32)  PRIMARY KEY,
    scope        VARCHAR(128) NOT NULL,
    for_event_id BIGINT       NULL,
    run_at       DATETIME(6)  NOT NULL,
    users        INTEGER      NOT NULL,
    concurrency  INTEGER      NOT NULL,
    rush_id      VARCHAR(64)  NULL,
    created_at   DATETIME(6)  NOT NULL
);
