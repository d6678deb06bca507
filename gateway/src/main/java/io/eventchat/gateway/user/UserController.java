package io.eventchat.gateway.user;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.access.EndLogins;
import io.eventchat.api.user.Account;
import io.eventchat.api.user.ChangePassword;
import io.eventchat.api.user.DeactivateUser;
import io.eventchat.api.user.FindPublicProfile;
import io.eventchat.api.user.ProfileList;
import io.eventchat.api.user.PublicProfile;
import io.eventchat.api.user.SearchUsers;
import io.eventchat.api.user.UpdateProfile;
import io.eventchat.gateway.account.Accounts;
import io.eventchat.gateway.account.UserProfile;
import io.eventchat.gateway.auth.LoginGuard;
import io.eventchat.gateway.auth.RefreshTokens;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.security.PasswordHashing;
import io.eventchat.gateway.web.InvalidInputException;
import io.eventchat.gateway.web.ItemList;
import io.eventchat.gateway.web.Messaging;
import io.eventchat.gateway.web.PageLimit;
import io.eventchat.gateway.web.SingleLineText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/users")
@Tag(name = "Users")
class UserController {

    private final Messaging messaging;
    private final Accounts accounts;
    private final PasswordHashing passwords;
    private final RefreshTokens refreshTokens;
    private final LoginGuard guard;
    private final Clock clock;

    UserController(Messaging messaging, Accounts accounts, PasswordHashing passwords, RefreshTokens refreshTokens,
                   LoginGuard guard, Clock clock) {
        this.messaging = messaging;
        this.accounts = accounts;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.guard = guard;
        this.clock = clock;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's own profile")
    UserProfile me(@AuthenticationPrincipal CurrentUser caller) {
        return UserProfile.of(accounts.require(caller.id()));
    }

    @PatchMapping("/me")
    @Operation(summary = "Change display name and/or email", description = "409 EMAIL_TAKEN.")
    UserProfile update(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody UpdateProfileRequest request) {
        if (request.displayName() == null && request.email() == null) {
            throw new InvalidInputException("displayName", "or email must be given");
        }
        String displayName = request.displayName() == null ? null : request.displayName().strip();
        if (displayName != null && displayName.isEmpty()) {
            throw new InvalidInputException("displayName", "must not be blank");
        }
        messaging.send(new UpdateProfile(caller.id(), displayName,
                request.email() == null ? null : request.email().strip(), now()), ErrorCode.USER_NOT_FOUND);
        return UserProfile.of(accounts.require(caller.id()));
    }

    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password; every refresh token of the account is revoked",
            description = "403 WRONG_PASSWORD when currentPassword is wrong; repeated failures are rate limited.")
    void changePassword(@AuthenticationPrincipal CurrentUser caller,
                        @Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
        String client = http.getRemoteAddr();
        guard.attempt(caller.username(), caller.id(), client);
        Account account = accounts.require(caller.id());
        if (!passwords.matches(request.currentPassword(), account.passwordHash())) {
            throw new ChatException(ErrorCode.WRONG_PASSWORD, "The current password is wrong.");
        }
        guard.succeeded(caller.username(), caller.id(), client);
        messaging.send(new ChangePassword(caller.id(), passwords.hash(request.newPassword()), now()),
                ErrorCode.USER_NOT_FOUND);
        // whoever may have known the old password is logged out everywhere at once, this login included
        Set<UUID> logins = new HashSet<>(refreshTokens.revokeAll(caller.id()));
        if (caller.loginId() != null) {
            logins.add(caller.loginId());
        }
        if (!logins.isEmpty()) {
            messaging.send(new EndLogins(caller.id(), logins), ErrorCode.USER_NOT_FOUND);
        }
    }

    @DeleteMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deactivate the caller's account; it can no longer log in and its sessions end")
    void deactivate(@AuthenticationPrincipal CurrentUser caller) {
        messaging.send(new DeactivateUser(caller.id(), caller.id(), now()), ErrorCode.USER_NOT_FOUND);
        refreshTokens.revokeAll(caller.id());
    }

    @GetMapping
    @Operation(summary = "Search active users by username or display-name prefix",
            description = "limit defaults to 20; a limit above 200 is capped at 200, not refused.")
    ItemList<PublicProfile> search(@RequestParam(defaultValue = "") @Size(max = 64) @SingleLineText String q,
                                   @RequestParam(defaultValue = "20") @Min(1) long limit) {
        return ItemList.of(messaging.query(new SearchUsers(q, Math.min(PageLimit.of(limit), SearchUsers.MAX_LIMIT)),
                ResponseTypes.instanceOf(ProfileList.class)).items());
    }

    @GetMapping("/{userId}")
    @Operation(summary = "A user's public profile", description = "404 USER_NOT_FOUND.")
    PublicProfile profile(@PathVariable UUID userId) {
        Optional<PublicProfile> profile = messaging.query(new FindPublicProfile(userId),
                ResponseTypes.optionalInstanceOf(PublicProfile.class));
        return profile.orElseThrow(() -> new ChatException(ErrorCode.USER_NOT_FOUND, "No such user."));
    }

    private Instant now() {
        return clock.instant();
    }
}
