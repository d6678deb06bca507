/** Presence: which users have a live session, kept in Redis with expiring session entries. */
package io.eventchat.query.presence;
