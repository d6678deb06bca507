package io.eventchat.query.user;

import io.eventchat.api.user.SearchUsers;
import io.eventchat.query.presence.PresenceStore;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.domain.Limit;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class UserQueriesTest {

    private final ChatUserRepository users = mock(ChatUserRepository.class);
    private final PresenceStore presence = mock(PresenceStore.class);
    private final UserQueries queries = new UserQueries(users, presence);

    private Limit searchedWith(int limit) {
        when(users.search(anyString(), any(Limit.class))).thenReturn(List.of());
        when(presence.online(any())).thenReturn(Map.of());
        queries.handle(new SearchUsers("Al", limit));
        ArgumentCaptor<Limit> captor = ArgumentCaptor.forClass(Limit.class);
        verify(users).search(eq("al%"), captor.capture());
        return captor.getValue();
    }

    @Test
    void aLimitAboveTheMaximumIsCappedAtTwoHundred() {
        assertThat(searchedWith(1000)).isEqualTo(Limit.of(SearchUsers.MAX_LIMIT));
        assertThat(SearchUsers.MAX_LIMIT).isEqualTo(200);
    }

    @Test
    void aLimitUpToTheMaximumIsKept() {
        assertThat(searchedWith(200)).isEqualTo(Limit.of(200));
    }

    @Test
    void noLimitMeansTwenty() {
        assertThat(searchedWith(0)).isEqualTo(Limit.of(20));
    }
}
