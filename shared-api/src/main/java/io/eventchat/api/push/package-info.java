/** Real-time push: the envelope every node relays to its WebSocket sessions, and the Redis names they share. */
package io.eventchat.api.push;
