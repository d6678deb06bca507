/** Rooms and their participants. */
package io.eventchat.api.room;
