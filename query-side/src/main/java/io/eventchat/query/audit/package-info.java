/** Audit and time travel: a room's stored events, and the room rebuilt from them as of any past point. */
package io.eventchat.query.audit;
