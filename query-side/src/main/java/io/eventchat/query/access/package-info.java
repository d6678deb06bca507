/** The gate of every read of a room, judged by the command side's membership. */
package io.eventchat.query.access;
