-- Strategy lab (issue 5): the database strategies' own stock counter and claims, lab events only.
-- lab_claim has no unique key on purpose: db-naive must be free to show duplicate winners; the safe
-- strategies check for an existing claim while they hold their lock.
CREATE TABLE lab_stock (
    event_id BIGINT  NOT NULL PRIMARY KEY,
    issued   INTEGER NOT NULL,
    version  BIGINT  NOT NULL
) ENGINE = InnoDB;

CREATE TABLE lab_claim (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id   BIGINT       NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    claim_rank BIGINT       NOT NULL,
    claimed_at DATETIME(6)  NOT NULL,
    INDEX ix_lab_claim_event_user (event_id, user_id)
) ENGINE = InnoDB;
