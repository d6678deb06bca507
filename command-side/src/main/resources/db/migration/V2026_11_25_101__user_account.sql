-- The command side's account registry: the set-based rules an aggregate cannot check alone
-- (case-insensitive unique username and email) and the password hash, which never goes into an event.
-- Rows are written in the same transaction that appends the account's events.
CREATE TABLE user_account (
    user_id       UUID         NOT NULL,
    username      VARCHAR(32)  NOT NULL,
    email         VARCHAR(320) NOT NULL,
    display_name  VARCHAR(64),
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_login_at TIMESTAMPTZ,
    CONSTRAINT pk_user_account PRIMARY KEY (user_id)
);
CREATE UNIQUE INDEX ux_user_account_username ON user_account (lower(username));
CREATE UNIQUE INDEX ux_user_account_email ON user_account (lower(email));
