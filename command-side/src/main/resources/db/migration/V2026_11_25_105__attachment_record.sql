-- What the command side must check about uploads: who uploaded each one, and the one message it is attached
-- to (an attachment is attached once and never moves). Written in the transaction that appends the events of
-- the upload or of the message, so it is exactly as current as they are.
CREATE TABLE attachment_record (
    attachment_id UUID         NOT NULL,
    uploader_id   UUID         NOT NULL,
    file_name     VARCHAR(255) NOT NULL,
    content_type  VARCHAR(127) NOT NULL,
    size          BIGINT       NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    room_id       UUID,
    message_id    UUID,
    CONSTRAINT pk_attachment_record PRIMARY KEY (attachment_id)
);
