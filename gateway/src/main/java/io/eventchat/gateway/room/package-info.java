/** Room endpoints. */
package io.eventchat.gateway.room;
