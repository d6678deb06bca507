-- messages projection: the attachments' metadata of each message, as JSON from its MessagePosted event
-- (null when it has none)
ALTER TABLE message ADD COLUMN attachments TEXT;

-- attachments projection: every upload, and where it was posted. An upload and the message that attaches it
-- are events of two aggregates, which a processor may apply in either order, so each handler fills its own
-- columns of the one row (storage_key and uploaded_at come from the upload).
CREATE TABLE attachment (
    id              UUID         NOT NULL,
    uploader_id     UUID         NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    content_type    VARCHAR(127) NOT NULL,
    size            BIGINT       NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    storage_key     VARCHAR(255),
    uploaded_at     TIMESTAMPTZ,
    room_id         UUID,
    message_id      UUID,
    message_seq     BIGINT,
    posted_at       TIMESTAMPTZ,
    message_deleted BOOLEAN      NOT NULL DEFAULT FALSE,
    room_deleted    BOOLEAN      NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_attachment PRIMARY KEY (id)
);
-- a room's attachments, newest first (paged by the seq of their message), and its stats
CREATE INDEX ix_attachment_room ON attachment (room_id, message_seq DESC) WHERE room_id IS NOT NULL;
CREATE INDEX ix_attachment_message ON attachment (message_id) WHERE message_id IS NOT NULL;
