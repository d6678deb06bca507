/** Presence endpoint. */
package io.eventchat.gateway.presence;
