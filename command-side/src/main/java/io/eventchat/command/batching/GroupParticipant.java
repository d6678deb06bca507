package io.eventchat.command.batching;

import java.util.List;

/**
 * A component whose rows the commands of a group read and write ({@link CommandGroup}): before the group's commands
 * run, it reads in one go what they will ask of it.
 */
public interface GroupParticipant {

    /** Reads what {@code commands} (the payloads of the group's commands, in order) will look up, into the group. */
    void preload(List<Object> commands, CommandGroup group);
}
