/** Publishes each room event's frame to Redis after the read model shows it, for every node to relay. */
package io.eventchat.query.push;
