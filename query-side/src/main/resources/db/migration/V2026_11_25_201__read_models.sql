-- Read models. Disposable: every row here can be rebuilt by replaying the event store.

-- users projection: public profiles (no email: it never leaves the command side's registry)
CREATE TABLE chat_user (
    id            UUID         NOT NULL,
    username      VARCHAR(32)  NOT NULL,
    display_name  VARCHAR(64),
    role          VARCHAR(16)  NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_login_at TIMESTAMPTZ,
    CONSTRAINT pk_chat_user PRIMARY KEY (id)
);
-- prefix search on username and display name
CREATE INDEX ix_chat_user_username ON chat_user (lower(username) text_pattern_ops);
CREATE INDEX ix_chat_user_display_name ON chat_user (lower(display_name) text_pattern_ops);

-- contacts projection
CREATE TABLE contact (
    owner_id   UUID        NOT NULL,
    contact_id UUID        NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT pk_contact PRIMARY KEY (owner_id, contact_id)
);

-- rooms projection
CREATE TABLE room (
    id                UUID         NOT NULL,
    name              VARCHAR(100),
    type              VARCHAR(16)  NOT NULL,
    created_by        UUID         NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    last_seq          BIGINT       NOT NULL,
    participant_count INTEGER      NOT NULL DEFAULT 0,
    last_activity_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT pk_room PRIMARY KEY (id)
);

CREATE TABLE room_participant (
    room_id       UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    role          VARCHAR(16) NOT NULL,
    joined_at     TIMESTAMPTZ NOT NULL,
    joined_seq    BIGINT      NOT NULL, -- seq of the ParticipantAdded event: the order participants came in
    last_read_seq BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT pk_room_participant PRIMARY KEY (room_id, user_id)
);
-- "my rooms"
CREATE INDEX ix_room_participant_user ON room_participant (user_id);

-- messages projection
CREATE TABLE message (
    id                  UUID        NOT NULL,
    room_id             UUID        NOT NULL,
    seq                 BIGINT      NOT NULL,
    sender_id           UUID        NOT NULL,
    content             TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    edited_at           TIMESTAMPTZ,
    deleted             BOOLEAN     NOT NULL DEFAULT FALSE,
    reply_to_message_id UUID,
    client_message_id   VARCHAR(64),
    version             BIGINT      NOT NULL, -- seq of the last room event applied to this row
    CONSTRAINT pk_message PRIMARY KEY (id),
    -- every page of a room's history, the newest message and unread counts are range scans of this key
    CONSTRAINT uk_message_room_seq UNIQUE (room_id, seq)
);

-- how far the messages projection has applied each room's events (versions the Redis recent cache)
CREATE TABLE message_room_version (
    room_id UUID   NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT pk_message_room_version PRIMARY KEY (room_id)
);

-- the room's push frames, for catch-up after a disconnect (GET /api/rooms/{id}/events, since-seq)
CREATE TABLE room_frame (
    room_id UUID        NOT NULL,
    seq     BIGINT      NOT NULL,
    type    VARCHAR(32) NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    data    JSONB       NOT NULL,
    CONSTRAINT pk_room_frame PRIMARY KEY (room_id, seq)
);
