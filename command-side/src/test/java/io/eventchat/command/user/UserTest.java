package io.eventchat.command.user;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
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
import io.eventchat.api.user.Sealed;
import io.eventchat.api.user.UpdateProfile;
import io.eventchat.api.user.UserDeactivated;
import io.eventchat.api.user.UserErased;
import io.eventchat.api.user.UserLoggedIn;
import io.eventchat.api.user.UserReactivated;
import io.eventchat.api.user.UserRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class UserTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final Sealed SEALED_ALICE = new Sealed("sealed:Alice");

    private final UUID userId = UUID.randomUUID();
    private final UUID admin = UUID.randomUUID();
    private final UUID friend = UUID.randomUUID();
    private final AccountRegistry accounts = mock(AccountRegistry.class);
    private final PersonalDataVault vault = mock(PersonalDataVault.class);
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(accounts);
        fixture.registerInjectableResource(vault);
        when(vault.seal(any(), any())).thenAnswer(call -> call.getArgument(1) == null ? null
                : new Sealed("sealed:" + call.getArgument(1)));
        when(accounts.unknownOrInactive(anyCollection())).thenReturn(Set.of());
    }

    private RegisterUser register(String username, String email) {
        return new RegisterUser(userId, username, email, "Alice", "$2a$10$hash", Role.USER, AT);
    }

    private UserRegistered registered() {
        return new UserRegistered(userId, "alice", SEALED_ALICE, Role.USER, AT);
    }

    private RegisterUser registerNamed(String displayName) {
        return new RegisterUser(userId, "alice", "alice@example.org", displayName, "$2a$10$hash", Role.USER, AT);
    }

    /** The account's history with {@code count} contacts already added. */
    private List<Object> registeredWithContacts(int count) {
        List<Object> history = new ArrayList<>();
        history.add(registered());
        for (int i = 0; i < count; i++) {
            history.add(new ContactAdded(userId, UUID.randomUUID(), AT));
        }
        return history;
    }

    private static org.hamcrest.Matcher<Object> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof ChatException c && c.code() == code);
    }

    @Test
    void registrationClaimsTheNameAndSealsTheDisplayNameButKeepsEmailAndHashOutOfTheEvent() {
        RegisterUser command = register("alice_1", "alice@example.org");
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(new UserRegistered(userId, "alice_1", SEALED_ALICE, Role.USER, AT));
        verify(accounts).claim(command);
    }

    @Test
    void takenUsernameIsRejected() {
        doThrow(new ChatException(ErrorCode.USERNAME_TAKEN, "taken")).when(accounts).claim(any());
        fixture.givenNoPriorActivity()
                .when(register("alice", "alice@example.org"))
                .expectNoEvents()
                .expectException(code(ErrorCode.USERNAME_TAKEN));
    }

    @Test
    void malformedUsernameIsRejectedBeforeAnythingIsClaimed() {
        fixture.givenNoPriorActivity()
                .when(register("a/b", "alice@example.org"))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).claim(any());
    }

    @Test
    void malformedEmailIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register("alice", "not-an-email"))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void missingUsernameIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register(null, "alice@example.org"))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).claim(any());
    }

    @Test
    void overlongEmailIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register("alice", "a".repeat(64) + "@" + "b".repeat(252) + ".org"))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).claim(any());
    }

    @Test
    void takenEmailIsRejected() {
        doThrow(new ChatException(ErrorCode.EMAIL_TAKEN, "taken")).when(accounts).claim(any());
        fixture.givenNoPriorActivity()
                .when(register("alice", "alice@example.org"))
                .expectNoEvents()
                .expectException(code(ErrorCode.EMAIL_TAKEN));
    }

    @Test
    void blankDisplayNameIsRejectedAtRegistration() {
        fixture.givenNoPriorActivity()
                .when(registerNamed("   "))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).claim(any());
    }

    @Test
    void overlongDisplayNameIsRejectedAtRegistration() {
        fixture.givenNoPriorActivity()
                .when(registerNamed("x".repeat(User.MAX_DISPLAY_NAME + 1)))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).claim(any());
    }

    @Test
    void displayNameOfTheMaximumLengthIsAccepted() {
        String longest = "x".repeat(User.MAX_DISPLAY_NAME);
        fixture.givenNoPriorActivity()
                .when(registerNamed(longest))
                .expectEvents(new UserRegistered(userId, "alice", new Sealed("sealed:" + longest), Role.USER, AT));
    }

    @Test
    void loginIsRecorded() {
        fixture.given(registered())
                .when(new RecordLogin(userId, AT.plusSeconds(60)))
                .expectEvents(new UserLoggedIn(userId, AT.plusSeconds(60)));
        verify(accounts).recordLogin(userId, AT.plusSeconds(60));
    }

    @Test
    void deactivatedUserCannotLogIn() {
        fixture.given(registered(), new UserDeactivated(userId, userId, AT))
                .when(new RecordLogin(userId, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ACCOUNT_DEACTIVATED));
    }

    @Test
    void profileChangesSealTheNameAndKeepTheAddressOutOfTheEvent() {
        fixture.given(registered())
                .when(new UpdateProfile(userId, "Alicia", "alicia@example.org", AT))
                .expectEvents(new DisplayNameChanged(userId, new Sealed("sealed:Alicia"), AT),
                        new EmailChanged(userId, AT));
        verify(accounts).changeEmail(userId, "alicia@example.org");
        verify(accounts).changeDisplayName(userId, "Alicia");
    }

    @Test
    void emailOfAnotherAccountIsRejected() {
        when(accounts.emailTakenByOther(eq(userId), any())).thenReturn(true);
        fixture.given(registered())
                .when(new UpdateProfile(userId, "Alicia", "bob@example.org", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.EMAIL_TAKEN));
        verify(accounts, never()).changeDisplayName(any(), any());
    }

    @Test
    void controlCharactersInADisplayNameOrEmailAreRejected() {
        fixture.givenNoPriorActivity()
                .when(registerNamed("Ali\u0000ce"))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.givenNoPriorActivity()
                .when(register("alice", "ali\u0000ce@example.org"))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(registered())
                .when(new UpdateProfile(userId, "Al\u009Bice", null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture.given(registered())
                .when(new UpdateProfile(userId, null, "al\u007Fice@example.org", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).claim(any());
        verify(accounts, never()).changeDisplayName(any(), any());
        verify(accounts, never()).changeEmail(any(), any());
    }

    @Test
    void overlongDisplayNameIsRejected() {
        fixture.given(registered())
                .when(new UpdateProfile(userId, "x".repeat(65), null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void blankDisplayNameIsRejected() {
        fixture.given(registered())
                .when(new UpdateProfile(userId, " ", null, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).changeDisplayName(any(), any());
    }

    @Test
    void malformedEmailIsRejectedBeforeTheNameChanges() {
        fixture.given(registered())
                .when(new UpdateProfile(userId, "Alicia", "not-an-email", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
        verify(accounts, never()).changeDisplayName(any(), any());
        verify(accounts, never()).changeEmail(any(), any());
    }

    @Test
    void deactivatedUserCannotChangeTheProfile() {
        fixture.given(registered(), new UserDeactivated(userId, userId, AT))
                .when(new UpdateProfile(userId, "Alicia", "alicia@example.org", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ACCOUNT_DEACTIVATED));
        verify(accounts, never()).changeDisplayName(any(), any());
        verify(accounts, never()).changeEmail(any(), any());
    }

    @Test
    void passwordChangeRecordsNoHash() {
        fixture.given(registered())
                .when(new ChangePassword(userId, "$2a$10$new", AT))
                .expectEvents(new PasswordChanged(userId, AT));
        verify(accounts).changePassword(userId, "$2a$10$new");
    }

    @Test
    void deactivatedUserCannotChangePassword() {
        fixture.given(registered(), new UserDeactivated(userId, admin, AT))
                .when(new ChangePassword(userId, "$2a$10$new", AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ACCOUNT_DEACTIVATED));
    }

    @Test
    void deactivationHappensOnce() {
        fixture.given(registered())
                .when(new DeactivateUser(userId, userId, AT))
                .expectEvents(new UserDeactivated(userId, userId, AT));
        fixture.given(registered(), new UserDeactivated(userId, userId, AT))
                .when(new DeactivateUser(userId, userId, AT))
                .expectNoEvents();
    }

    @Test
    void adminReactivates() {
        fixture.given(registered(), new UserDeactivated(userId, userId, AT))
                .when(new ReactivateUser(userId, admin, AT))
                .expectEvents(new UserReactivated(userId, admin, AT));
    }

    @Test
    void erasedUserCannotBeReactivated() {
        fixture.given(registered(), new UserDeactivated(userId, userId, AT), new UserErased(userId, admin, AT))
                .when(new ReactivateUser(userId, admin, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void roleChangesAreRecordedOnlyWhenTheyChangeSomething() {
        fixture.given(registered())
                .when(new ChangeRole(userId, Role.MODERATOR, admin, AT))
                .expectEvents(new RoleChanged(userId, Role.MODERATOR, admin, AT));
        fixture.given(registered())
                .when(new ChangeRole(userId, Role.USER, admin, AT))
                .expectNoEvents();
    }

    @Test
    void anErasedAccountGetsNoRole() {
        fixture.given(registered(), new UserDeactivated(userId, admin, AT), new UserErased(userId, admin, AT))
                .when(new ChangeRole(userId, Role.ADMIN, admin, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void erasureShredsTheKeyOfADeactivatedAccount() {
        fixture.given(registered(), new UserDeactivated(userId, userId, AT))
                .when(new EraseUser(userId, admin, AT))
                .expectEvents(new UserErased(userId, admin, AT));
        verify(vault).shred(userId);
        verify(accounts).erase(userId);
    }

    @Test
    void activeAccountCannotBeErased() {
        fixture.given(registered())
                .when(new EraseUser(userId, admin, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ACCOUNT_STILL_ACTIVE));
        verify(vault, never()).shred(any());
    }

    @Test
    void contactsAreAddedOnce() {
        fixture.given(registered())
                .when(new AddContact(userId, friend, AT))
                .expectEvents(new ContactAdded(userId, friend, AT));
        fixture.given(registered(), new ContactAdded(userId, friend, AT))
                .when(new AddContact(userId, friend, AT))
                .expectNoEvents();
    }

    @Test
    void addingYourselfIsRejected() {
        fixture.given(registered())
                .when(new AddContact(userId, userId, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.CANNOT_ADD_SELF));
    }

    @Test
    void addingAnUnknownUserIsRejected() {
        when(accounts.unknownOrInactive(anyCollection())).thenReturn(Set.of(friend));
        fixture.given(registered())
                .when(new AddContact(userId, friend, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void deactivatedUserCannotAddContacts() {
        fixture.given(registered(), new UserDeactivated(userId, userId, AT))
                .when(new AddContact(userId, friend, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.ACCOUNT_DEACTIVATED));
    }

    @Test
    void theLastContactUpToTheLimitIsAdded() {
        fixture.given(registeredWithContacts(User.MAX_CONTACTS - 1))
                .when(new AddContact(userId, friend, AT))
                .expectEvents(new ContactAdded(userId, friend, AT));
    }

    @Test
    void aContactBeyondTheLimitIsRejected() {
        fixture.given(registeredWithContacts(User.MAX_CONTACTS))
                .when(new AddContact(userId, friend, AT))
                .expectNoEvents()
                .expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void contactsAreRemovedOnlyWhenPresent() {
        fixture.given(registered(), new ContactAdded(userId, friend, AT))
                .when(new RemoveContact(userId, friend, AT))
                .expectEvents(new ContactRemoved(userId, friend, AT));
        fixture.given(registered())
                .when(new RemoveContact(userId, friend, AT))
                .expectNoEvents();
    }
}
