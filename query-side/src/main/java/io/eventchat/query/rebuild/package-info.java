/**
 * Rebuilding a projection while the chat serves it: shadow tables filled from the event store by the projection's
 * own handlers, then swapped in under the projection's lock (blue/green).
 */
package io.eventchat.query.rebuild;
