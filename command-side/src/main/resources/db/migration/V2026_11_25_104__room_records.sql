-- What the ChatRoom aggregate must check about messages (author, room, deleted), kept beside it
-- rather than in its state, so a room's state (and snapshot) stays the size of its membership however
-- many messages it holds. Written in the transaction that appends the room's events.
CREATE TABLE room_message (
    message_id UUID    NOT NULL,
    room_id    UUID    NOT NULL,
    seq        BIGINT  NOT NULL,
    author_id  UUID    NOT NULL,
    deleted    BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_room_message PRIMARY KEY (message_id)
);

-- At most one DIRECT room per pair of users; user_low < user_high.
CREATE TABLE direct_room (
    user_low  UUID NOT NULL,
    user_high UUID NOT NULL,
    room_id   UUID NOT NULL,
    CONSTRAINT pk_direct_room PRIMARY KEY (user_low, user_high),
    CONSTRAINT uk_direct_room_room UNIQUE (room_id)
);
