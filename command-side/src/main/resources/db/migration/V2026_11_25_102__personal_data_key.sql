-- One data key per user. Personal data in events is sealed with it (AES-GCM); deleting the row
-- makes every sealed value of that user unreadable, in every stored event and every replay.
CREATE TABLE personal_data_key (
    user_id    UUID        NOT NULL,
    data_key   BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_personal_data_key PRIMARY KEY (user_id)
);
