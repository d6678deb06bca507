/** How Axon serializes events, snapshots and tokens (Jackson 3, selected in application.yml). */
package io.eventchat.gateway.serialization;
