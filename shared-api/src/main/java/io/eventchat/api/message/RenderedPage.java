package io.eventchat.api.message;

/**
 * A {@link MessagePage} already rendered as JSON, as it is kept in the recent-message cache: answered as it is,
 * without being read into objects and written out again.
 */
public record RenderedPage(String json) {
}
