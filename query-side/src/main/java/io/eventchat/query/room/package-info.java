/** The rooms read model: rooms, their participants, and the access check every room query starts with. */
package io.eventchat.query.room;
