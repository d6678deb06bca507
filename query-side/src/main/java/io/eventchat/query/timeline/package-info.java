/** A room's timeline of push frames, stored for catch-up after a disconnect. */
package io.eventchat.query.timeline;
