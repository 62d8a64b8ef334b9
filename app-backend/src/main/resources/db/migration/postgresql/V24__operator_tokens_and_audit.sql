-- Operator bearer tokens (stored as SHA-256 of the token, never the token) with a role each, and the
-- audit log of every operator action: who, what, on which target, the state before and after.
CREATE TABLE operator_token (
    id          BIGSERIAL    PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    token_hash  CHAR(64)     NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(128) NOT NULL,
    revoked_at  TIMESTAMPTZ  NULL,
    revoked_by  VARCHAR(128) NULL,
    CONSTRAINT uk_operator_token_hash UNIQUE (token_hash)
);

CREATE TABLE audit_log (
    id           BIGSERIAL     PRIMARY KEY,
    at           TIMESTAMPTZ   NOT NULL,
    actor        VARCHAR(128)  NOT NULL,
    action       VARCHAR(64)   NOT NULL,
    target       VARCHAR(128)  NOT NULL,
    before_state TEXT          NULL,
    after_state  TEXT          NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
