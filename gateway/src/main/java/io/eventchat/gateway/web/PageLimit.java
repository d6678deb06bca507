package io.eventchat.gateway.web;

/**
 * API.md: a list's {@code limit} above the endpoint's maximum is capped to it, never refused. Controllers take it as
 * a {@code long}, so that even a number beyond an int is a limit and not malformed input, and hand it on through
 * this; each query handler then caps it to its endpoint's maximum.
 */
public final class PageLimit {

    private PageLimit() {
    }

    public static int of(long requested) {
        return (int) Math.min(requested, Integer.MAX_VALUE);
    }
}
