-- Operator bearer tokens (stored as SHA-256 of the token, never the token) with a role each, and the
-- audit log of every operator action: who, what, on which target, the state before and after.
CREATE TABLE operator_token (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    token_hash  CHAR(64)     NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    created_by  VARCHAR(128) NOT NULL,
    revoked_at  DATETIME(6)  NULL,
    revoked_by  VARCHAR(128) NULL,
    CONSTRAINT uk_operator_token_hash UNIQUE (token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE audit_log (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at           DATETIME(6)   NOT NULL,
    actor        VARCHAR(128)  NOT NULL,
    action       VARCHAR(64)   NOT NULL,
    target       VARCHAR(128)  NOT NULL,
    before_state MEDIUMTEXT    NULL,
    after_state  MEDIUMTEXT    NULL,
    INDEX ix_audit_log_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
