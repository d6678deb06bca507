package io.eventchat.gateway;

import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each main read query can be answered from its index. With sequential scans priced out of reach, a query whose
 * index disappeared (or stopped matching the query) still plans a Seq Scan, and the test fails. The statements are
 * the SQL the read side runs (docs/queries.md shows their plans on 100k messages).
 */
class QueryPlansIT extends IntegrationTest {

    private static final String ROOM = "'9b2f6a2e-59a1-4f57-9c4e-1d7e9d0b7c11'";
    private static final String USER = "'1c1c9d7e-8a8f-4d4f-9b8b-5d5a0c6c1e2f'";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            history page, newest first   | uk_message_room_seq | SELECT * FROM message WHERE room_id = ROOM AND seq < 9000 ORDER BY seq DESC LIMIT 51
            history page, after a cursor | uk_message_room_seq | SELECT * FROM message WHERE room_id = ROOM AND seq > 10 ORDER BY seq LIMIT 51
            unread count                 | uk_message_room_seq | SELECT count(*) FROM (SELECT 1 FROM message u WHERE u.room_id = ROOM AND u.seq > 10 AND NOT u.deleted AND u.sender_id <> USER ORDER BY u.seq LIMIT 1000) unread
            participant check            | pk_room_participant | SELECT 1 FROM room_participant WHERE room_id = ROOM AND user_id = USER
            my rooms                     | ix_room_participant_user | SELECT * FROM room_participant WHERE user_id = USER
            catch-up frames              | pk_room_frame       | SELECT * FROM room_frame WHERE room_id = ROOM AND seq > 10 ORDER BY seq LIMIT 51
            user search by username      | ix_chat_user_username | SELECT * FROM chat_user WHERE active AND lower(username) LIKE 'ali%' ORDER BY lower(username) LIMIT 20
            message by id                | pk_message          | SELECT * FROM message WHERE id = ROOM
            room aggregate stream        | uk_domain_event_aggregate_sequence | SELECT * FROM domain_event_entry WHERE aggregate_identifier = '9b2f' AND sequence_number >= 100 ORDER BY sequence_number
            """)
    void usesItsIndex(String name, String index, String query) throws SQLException {
        String sql = query.replace("ROOM", ROOM).replace("USER", USER);
        try (Connection connection = TestServices.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            try (ResultSet rs = statement.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
                rs.next();
                String plan = rs.getString(1);
                assertThat(plan).as(name).contains("\"Index Name\": \"" + index + "\"").doesNotContain("Seq Scan");
            }
        }
    }
}
