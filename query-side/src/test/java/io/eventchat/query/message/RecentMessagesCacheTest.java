package io.eventchat.query.message;

import io.eventchat.api.message.RenderedPage;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** While Redis fails, the cache stops asking it for a while, and what changed meanwhile is never served later. */
class RecentMessagesCacheTest {

    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);
    @SuppressWarnings("unchecked")
    private final HashOperations<String, Object, Object> hashes = mock(HashOperations.class);
    private final RedisBreakerTest.MutableClock clock = new RedisBreakerTest.MutableClock();
    private final RecentMessagesCache cache =
            new RecentMessagesCache(redis, JsonMapper.builder().build(), clock, Duration.ofSeconds(2));
    private final UUID room = UUID.randomUUID();

    @Test
    void aFailureKeepsReadsOffRedisUntilTheRetryPeriodEnds() {
        doReturn(hashes).when(redis).opsForHash();
        when(hashes.entries(anyString())).thenThrow(new RedisConnectionFailureException("refused"));

        assertThat(cache.readRendered(room)).isEmpty();
        for (int i = 0; i < 100; i++) {
            assertThat(cache.readRendered(room)).isEmpty();
        }
        verify(hashes, times(1)).entries(anyString());

        clock.advance(2000);
        assertThat(cache.readRendered(room)).isEmpty();
        assertThat(cache.readRendered(room)).isEmpty();
        verify(hashes, times(2)).entries(anyString());
    }

    @Test
    void aRoomChangedWhileRedisWasSkippedIsNotServedUntilItsEntryIsDeleted() {
        doReturn(hashes).when(redis).opsForHash();
        when(hashes.entries(anyString())).thenThrow(new RedisConnectionFailureException("refused"));
        cache.readRendered(UUID.randomUUID()); // opens the breaker
        cache.queue(room, 7, RecentMessagesCache.Change.NONE, null, List::of); // skipped: the room is stale
        verify(redis, never()).executePipelined(any(RedisCallback.class));

        clock.advance(2000);
        doReturn(Map.of("v", "6")).when(hashes).entries(anyString());
        assertThat(cache.readRendered(room)).as("the entry predates version 7").isEmpty();

        when(redis.delete("recent:" + room)).thenReturn(true);
        cache.deleteStaleEntries();
        verify(redis).delete("recent:" + room);
        assertThat(cache.readRendered(room)).contains(new RenderedPage("{\"items\":[],\"nextCursor\":null}"));
    }

    @Test
    void aCacheDropThatFailedBypassesEveryEntryUntilItIsDone() {
        when(redis.scan(any())).thenThrow(new RedisConnectionFailureException("refused"));
        cache.dropAll();
        clock.advance(2000);
        doReturn(hashes).when(redis).opsForHash();
        when(hashes.entries(anyString())).thenReturn(Map.of("v", "3"));
        assertThat(cache.readRendered(room)).isEmpty();
        verify(hashes, never()).entries(anyString());
    }
}
