-- What decides every read of a room, kept beside the ChatRoom aggregate and written in the transaction that appends
-- the room's events (like room_message), so it is exactly as current as they are: whether the room exists (or was
-- deleted), and who belongs to it in which role. Reads are judged by these rows, never by a lagging read model.
CREATE TABLE room_record (
    room_id UUID        NOT NULL,
    type    VARCHAR(16) NOT NULL,
    deleted BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_room_record PRIMARY KEY (room_id)
);

CREATE TABLE room_member (
    room_id UUID        NOT NULL,
    user_id UUID        NOT NULL,
    role    VARCHAR(16) NOT NULL,
    CONSTRAINT pk_room_member PRIMARY KEY (room_id, user_id)
);
CREATE INDEX ix_room_member_user ON room_member (user_id);

-- the deleted messages of a room, whose content its history hides from plain participants
CREATE INDEX ix_room_message_deleted ON room_message (room_id) WHERE deleted;

-- Access taken away (a room deleted, a participant removed or leaving, an account deactivated or re-roled), in
-- commit order: writers take an advisory lock before they insert, so revisions commit in the order they are
-- numbered. Every node follows it (LISTEN access_revocation) to drop what it cached and end what it streams, and
-- acknowledges how far it has applied it in node_lease; the change answers its caller only once every node with a
-- live lease has applied it.
CREATE SEQUENCE access_revocation_seq INCREMENT BY 1;
CREATE TABLE access_revocation (
    revision   BIGINT      NOT NULL DEFAULT nextval('access_revocation_seq'),
    kind       VARCHAR(16) NOT NULL,
    user_id    UUID,
    room_id    UUID,
    revoked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pk_access_revocation PRIMARY KEY (revision)
);
ALTER SEQUENCE access_revocation_seq OWNED BY access_revocation.revision;

CREATE TABLE node_lease (
    node_id    VARCHAR(128) NOT NULL,
    applied    BIGINT       NOT NULL,
    renewed_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT pk_node_lease PRIMARY KEY (node_id)
);

-- Existing rooms, from their stored events: created, deleted, and each user's last membership event.
INSERT INTO room_record (room_id, type, deleted)
SELECT aggregate_identifier::uuid, convert_from(payload, 'UTF8')::jsonb ->> 'type', FALSE
FROM domain_event_entry
WHERE payload_type = 'io.eventchat.api.room.RoomCreated'
ON CONFLICT DO NOTHING;

UPDATE room_record SET deleted = TRUE
WHERE room_id IN (SELECT aggregate_identifier::uuid FROM domain_event_entry
                  WHERE payload_type = 'io.eventchat.api.room.RoomDeleted');

INSERT INTO room_member (room_id, user_id, role)
SELECT last.room_id, last.user_id, last.role
FROM (SELECT DISTINCT ON (e.aggregate_identifier, e.body ->> 'userId')
             e.aggregate_identifier::uuid AS room_id, (e.body ->> 'userId')::uuid AS user_id,
             e.payload_type, e.body ->> 'role' AS role
      FROM (SELECT aggregate_identifier, sequence_number, payload_type,
                   convert_from(payload, 'UTF8')::jsonb AS body
            FROM domain_event_entry
            WHERE payload_type IN ('io.eventchat.api.room.ParticipantAdded',
                                   'io.eventchat.api.room.ParticipantRemoved',
                                   'io.eventchat.api.room.ParticipantRoleChanged')) e
      ORDER BY e.aggregate_identifier, e.body ->> 'userId', e.sequence_number DESC) last
JOIN room_record r ON r.room_id = last.room_id AND NOT r.deleted
WHERE last.payload_type <> 'io.eventchat.api.room.ParticipantRemoved';
