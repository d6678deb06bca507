-- Idempotent posting: the message each (room, sender, clientMessageId) produced, written in the
-- transaction that appends the MessagePosted event, so a retry finds the original forever.
CREATE TABLE client_message (
    room_id           UUID        NOT NULL,
    sender_id         UUID        NOT NULL,
    client_message_id VARCHAR(64) NOT NULL,
    message_id        UUID        NOT NULL,
    seq               BIGINT      NOT NULL,
    posted_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT pk_client_message PRIMARY KEY (room_id, sender_id, client_message_id)
);
