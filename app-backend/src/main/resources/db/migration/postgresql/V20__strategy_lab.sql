-- Strategy lab (issue 5): the database strategies' own stock counter and claims, lab events only.
-- lab_claim has no unique key on purpose: db-naive must be free to show duplicate winners; the safe
-- strategies check for an existing claim while they hold their lock.
CREATE TABLE lab_stock (
    event_id BIGINT  PRIMARY KEY,
    issued   INTEGER NOT NULL,
    version  BIGINT  NOT NULL
);

CREATE TABLE lab_claim (
    id         BIGSERIAL    PRIMARY KEY,
    event_id   BIGINT       NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    claim_rank BIGINT       NOT NULL,
    claimed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_lab_claim_event_user ON lab_claim (event_id, user_id);
