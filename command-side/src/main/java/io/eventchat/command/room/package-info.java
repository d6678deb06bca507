/** Chat rooms: membership, the per-room event sequence and message authorship. */
package io.eventchat.command.room;
