package io.eventchat.command.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.Text;
import io.eventchat.api.user.AddContact;
import io.eventchat.api.user.ChangePassword;
import io.eventchat.api.user.ChangeRole;
import io.eventchat.api.user.ContactAdded;
import io.eventchat.api.user.ContactRemoved;
import io.eventchat.api.user.DeactivateUser;
import io.eventchat.api.user.DisplayNameChanged;
import io.eventchat.api.user.EmailChanged;
import io.eventchat.api.user.EraseUser;
import io.eventchat.api.user.PasswordChanged;
import io.eventchat.api.user.ReactivateUser;
import io.eventchat.api.user.RecordLogin;
import io.eventchat.api.user.RegisterUser;
import io.eventchat.api.user.RemoveContact;
import io.eventchat.api.user.Role;
import io.eventchat.api.user.RoleChanged;
import io.eventchat.api.user.UpdateProfile;
import io.eventchat.api.user.UserDeactivated;
import io.eventchat.api.user.UserErased;
import io.eventchat.api.user.UserLoggedIn;
import io.eventchat.api.user.UserReactivated;
import io.eventchat.api.user.UserRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account: its lifecycle (active, erased), its application role and its contacts. Personal data reaches its
 * events only sealed by the {@link PersonalDataVault}; the email address and the password hash stay in the
 * {@link AccountRegistry}, which each handler keeps in step within the same transaction.
 */
@Aggregate(snapshotTriggerDefinition = "userSnapshotTrigger", filterEventsByType = true,
        commandTargetResolver = "commandTargetResolver")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class User {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    static final int MAX_DISPLAY_NAME = 64;
    static final int MAX_CONTACTS = 5000;

    @AggregateIdentifier
    private UUID userId;
    private boolean active;
    private boolean erased;
    private Role role;
    private Set<UUID> contacts = new HashSet<>();

    protected User() {
    }

    @CommandHandler
    User(RegisterUser command, AccountRegistry accounts, PersonalDataVault vault) {
        if (command.username() == null || !USERNAME.matcher(command.username()).matches()) {
            throw invalid("A username is 3 to 32 of A-Z, a-z, 0-9, _ . -");
        }
        requireValidEmail(command.email());
        requireValidDisplayName(command.displayName());
        accounts.claim(command);
        apply(new UserRegistered(command.userId(), command.username(),
                vault.seal(command.userId(), command.displayName()), command.role(), command.at()));
    }

    @CommandHandler
    void handle(RecordLogin command, AccountRegistry accounts) {
        requireActive();
        accounts.recordLogin(userId, command.at());
        apply(new UserLoggedIn(userId, command.at()));
    }

    @CommandHandler
    void handle(UpdateProfile command, AccountRegistry accounts, PersonalDataVault vault) {
        requireActive();
        if (command.displayName() != null) {
            requireValidDisplayName(command.displayName());
        }
        if (command.email() != null) {
            requireValidEmail(command.email());
            if (accounts.emailTakenByOther(userId, command.email())) {
                throw new ChatException(ErrorCode.EMAIL_TAKEN, "That email address is already registered.");
            }
        }
        if (command.displayName() != null) {
            accounts.changeDisplayName(userId, command.displayName());
            apply(new DisplayNameChanged(userId, vault.seal(userId, command.displayName()), command.at()));
        }
        if (command.email() != null) {
            accounts.changeEmail(userId, command.email());
            apply(new EmailChanged(userId, command.at()));
        }
    }

    @CommandHandler
    void handle(ChangePassword command, AccountRegistry accounts) {
        requireActive();
        accounts.changePassword(userId, command.passwordHash());
        apply(new PasswordChanged(userId, command.at()));
    }

    @CommandHandler
    void handle(DeactivateUser command, AccountRegistry accounts) {
        if (!active) {
            return;
        }
        accounts.setActive(userId, false);
        apply(new UserDeactivated(userId, command.by(), command.at()));
    }

    @CommandHandler
    void handle(ReactivateUser command, AccountRegistry accounts) {
        if (erased) {
            throw new ChatException(ErrorCode.USER_NOT_FOUND, "This account was erased.");
        }
        if (active) {
            return;
        }
        accounts.setActive(userId, true);
        apply(new UserReactivated(userId, command.by(), command.at()));
    }

    @CommandHandler
    void handle(ChangeRole command, AccountRegistry accounts) {
        if (erased) {
            throw new ChatException(ErrorCode.USER_NOT_FOUND, "This account was erased.");
        }
        if (command.role() == null || command.role() == role) {
            return;
        }
        accounts.setRole(userId, command.role());
        apply(new RoleChanged(userId, command.role(), command.by(), command.at()));
    }

    @CommandHandler
    void handle(EraseUser command, AccountRegistry accounts, PersonalDataVault vault) {
        if (erased) {
            return;
        }
        if (active) {
            throw new ChatException(ErrorCode.ACCOUNT_STILL_ACTIVE, "Deactivate the account before erasing it.");
        }
        accounts.erase(userId);
        vault.shred(userId);
        apply(new UserErased(userId, command.by(), command.at()));
    }

    @CommandHandler
    void handle(AddContact command, AccountRegistry accounts) {
        requireActive();
        if (userId.equals(command.contactId())) {
            throw new ChatException(ErrorCode.CANNOT_ADD_SELF, "You cannot add yourself as a contact.");
        }
        if (contacts.contains(command.contactId())) {
            return;
        }
        if (!accounts.unknownOrInactive(Set.of(command.contactId())).isEmpty()) {
            throw new ChatException(ErrorCode.USER_NOT_FOUND, "No such user.");
        }
        if (contacts.size() >= MAX_CONTACTS) {
            throw invalid("At most " + MAX_CONTACTS + " contacts.");
        }
        apply(new ContactAdded(userId, command.contactId(), command.at()));
    }

    @CommandHandler
    void handle(RemoveContact command) {
        if (contacts.contains(command.contactId())) {
            apply(new ContactRemoved(userId, command.contactId(), command.at()));
        }
    }

    private void requireActive() {
        if (!active) {
            throw new ChatException(ErrorCode.ACCOUNT_DEACTIVATED, "This account is deactivated.");
        }
    }

    private static void requireValidEmail(String email) {
        if (email == null || email.length() > 320 || !EMAIL.matcher(email).matches() || !Text.isSingleLine(email)) {
            throw invalid("The email address is not valid.");
        }
    }

    private static void requireValidDisplayName(String displayName) {
        if (displayName != null && (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME)) {
            throw invalid("A display name is 1 to 64 characters.");
        }
        Text.requireSingleLine("displayName", displayName);
    }

    private static ChatException invalid(String message) {
        return new ChatException(ErrorCode.VALIDATION_FAILED, message);
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        role = event.role();
        active = true;
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserReactivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(RoleChanged event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserErased event) {
        erased = true;
    }

    @EventSourcingHandler
    void on(ContactAdded event) {
        contacts.add(event.contactId());
    }

    @EventSourcingHandler
    void on(ContactRemoved event) {
        contacts.remove(event.contactId());
    }
}
