-- The rooms, messages and attachments projections became one processing group, rooms (one transaction per batch of
-- a room's events, frames published after it). Its processor starts where the slowest of the three had got to, so
-- nothing is skipped; the events in between are applied a second time by the others' handlers, which are
-- idempotent. Parked events move along with their group; the old groups' tokens and rebuild records go.
CREATE TEMPORARY TABLE old_rooms_position ON COMMIT DROP AS
SELECT min(least((body ->> 'index')::bigint,
                 coalesce((SELECT min(g::bigint) - 1 FROM jsonb_array_elements_text(body -> 'gaps') g),
                          (body ->> 'index')::bigint))) AS position,
       bool_and(token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken') AS plain
FROM (SELECT token_type, convert_from(token, 'UTF8')::jsonb AS body
      FROM token_entry
      WHERE processor_name IN ('rooms', 'messages', 'attachments') AND token IS NOT NULL) tokens;

DELETE FROM token_entry WHERE processor_name IN ('rooms', 'messages', 'attachments');

-- from that position, in the segments the new configuration gives the group (4); without such a position (a new
-- store, or a replay under way) the processor starts as a new one does
INSERT INTO token_entry (processor_name, segment, token, token_type, time_stamp, owner)
SELECT 'rooms', segment,
       convert_to(json_build_object('index', position, 'gaps', json_build_array())::text, 'UTF8'),
       'org.axonframework.eventhandling.GapAwareTrackingToken', to_char(now() AT TIME ZONE 'UTC',
           'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL
FROM old_rooms_position, generate_series(0, 3) AS segment
WHERE position IS NOT NULL AND plain;

UPDATE dead_letter_entry SET processing_group = 'rooms',
       sequence_index = sequence_index + CASE processing_group WHEN 'messages' THEN 1000000000 ELSE 2000000000 END
WHERE processing_group IN ('messages', 'attachments');

DELETE FROM projection_rebuild WHERE name IN ('messages', 'attachments');
