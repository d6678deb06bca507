package io.eventchat.command.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A node's cache of answers that access revocations can make wrong: it answers only while this node follows the
 * revocation log ({@link AccessRevocations#trusted()}), and the owner evicts what a revocation touches. An answer read
 * from the database is kept only if no eviction happened while it was being read ({@link #generation()} before the
 * read, {@link #put} after), so a read that raced a revocation is never cached.
 */
public final class CoherentCache<K, V> {

    private final AccessRevocations revocations;
    private final int maxEntries;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private volatile long generation;

    public CoherentCache(AccessRevocations revocations, int maxEntries) {
        this.revocations = revocations;
        this.maxEntries = maxEntries;
    }

    /** The cached answer, or null (none, or this node is not following the revocations now). */
    public V get(K key) {
        return revocations.trusted() ? entries.get(key) : null;
    }

    /** Take this before reading an answer from the database, and hand it to {@link #put}. */
    public long generation() {
        return generation;
    }

    public synchronized void put(K key, V value, long readAtGeneration) {
        if (readAtGeneration != generation || !revocations.trusted()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear(); // a crude bound: the next requests read through again
        }
        entries.put(key, value);
    }

    public synchronized void evict(Predicate<K> which) {
        generation++;
        entries.keySet().removeIf(which);
    }
}
