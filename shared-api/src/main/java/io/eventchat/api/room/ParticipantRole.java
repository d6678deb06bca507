package io.eventchat.api.room;

/** A participant's role inside one room. */
public enum ParticipantRole {
    OWNER,
    ADMIN,
    MEMBER
}
