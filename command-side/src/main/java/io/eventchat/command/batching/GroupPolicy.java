package io.eventchat.command.batching;

/**
 * Which commands may share a group: those whose every write goes through the group ({@link CommandGroup}), so that a
 * refusal drops them with the command. The others (a room's creation, membership changes, posts with attachments)
 * are committed on their own, still in their room's order.
 */
public interface GroupPolicy {

    boolean groupable(Object command);
}
