-- The gateway's refresh tokens. Only a SHA-256 of each opaque token is stored. A login starts a
-- family; every refresh rotates to a new token of the same family. Presenting a rotated token
-- again revokes the whole family (reuse detection).
CREATE TABLE refresh_token (
    token_hash BYTEA       NOT NULL,
    family_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL, -- the family's absolute end of life
    rotated_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    CONSTRAINT pk_refresh_token PRIMARY KEY (token_hash)
);
CREATE INDEX ix_refresh_token_family ON refresh_token (family_id);
CREATE INDEX ix_refresh_token_live_by_user ON refresh_token (user_id) WHERE revoked_at IS NULL;
CREATE INDEX ix_refresh_token_expiry ON refresh_token (expires_at);
