package io.eventchat.gateway.auth;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.access.EndLogins;
import io.eventchat.api.user.Account;
import io.eventchat.api.user.FindAccount;
import io.eventchat.api.user.RecordLogin;
import io.eventchat.api.user.RegisterUser;
import io.eventchat.api.user.Role;
import io.eventchat.gateway.account.Accounts;
import io.eventchat.gateway.account.UserProfile;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.security.AccessTokens;
import io.eventchat.gateway.security.PasswordHashing;
import io.eventchat.gateway.web.Messaging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Auth")
class AuthController {

    private final Messaging messaging;
    private final Accounts accounts;
    private final PasswordHashing passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginGuard guard;
    private final Clock clock;

    AuthController(Messaging messaging, Accounts accounts, PasswordHashing passwords, AccessTokens accessTokens,
                   RefreshTokens refreshTokens, LoginGuard guard, Clock clock) {
        this.messaging = messaging;
        this.accounts = accounts;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.guard = guard;
        this.clock = clock;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(summary = "Create an account and log in",
            description = "409 USERNAME_TAKEN / EMAIL_TAKEN, compared case-insensitively. Any role or id in the "
                    + "body is ignored. 429 RATE_LIMITED after too many registrations from one address.")
    AuthResponse register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        guard.register(http.getRemoteAddr());
        UUID userId = UUID.randomUUID();
        Instant now = now();
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        String email = request.email().strip();
        messaging.send(new RegisterUser(userId, request.username(), email, displayName,
                passwords.hash(request.password()), Role.USER, now), ErrorCode.USER_NOT_FOUND);
        return session(new UserProfile(userId, request.username(), email, displayName, Role.USER, true, now, null));
    }

    @PostMapping("/login")
    @SecurityRequirements
    @Operation(summary = "Log in with username or email",
            description = "401 BAD_CREDENTIALS alike for an unknown login and a wrong password; 429 RATE_LIMITED "
                    + "with Retry-After after repeated failures.")
    AuthResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        String login = request.username().strip();
        String client = http.getRemoteAddr();
        // resolved before the guard, so that the account's buckets are the same whichever name it is logged in by
        Optional<Account> found = messaging.query(new FindAccount(login),
                ResponseTypes.optionalInstanceOf(Account.class));
        UUID userId = found.map(Account::userId).orElse(null);
        guard.attempt(login, userId, client);
        if (found.isEmpty()) {
            passwords.burnCheck(request.password());
            throw badCredentials();
        }
        Account account = found.get();
        if (!passwords.matches(request.password(), account.passwordHash())) {
            throw badCredentials();
        }
        guard.succeeded(login, userId, client);
        if (!account.active()) {
            throw new ChatException(ErrorCode.ACCOUNT_DEACTIVATED, "This account is deactivated.");
        }
        Instant now = now();
        messaging.send(new RecordLogin(account.userId(), now), ErrorCode.BAD_CREDENTIALS);
        UserProfile profile = UserProfile.of(account);
        return session(new UserProfile(profile.id(), profile.username(), profile.email(), profile.displayName(),
                profile.role(), true, profile.createdAt(), now));
    }

    @PostMapping("/refresh")
    @SecurityRequirements
    @Operation(summary = "Exchange a refresh token for a new access and refresh token",
            description = "The presented token stops working. Presenting an already rotated token answers 401 "
                    + "REFRESH_TOKEN_REUSED and revokes its whole family.")
    AuthResponse refresh(@Valid @RequestBody RefreshRequest request) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(request.refreshToken());
        if (rotation.reused()) {
            // theft or replay: whoever holds this login's access tokens loses them too
            messaging.send(new EndLogins(rotation.userId(), Set.of(rotation.loginId())), ErrorCode.USER_NOT_FOUND);
            throw new ChatException(ErrorCode.REFRESH_TOKEN_REUSED,
                    "This refresh token was already used; all sessions of this login were ended. Log in again.");
        }
        Account account = accounts.find(rotation.userId()).filter(Account::active).orElse(null);
        if (account == null) {
            refreshTokens.revokeAll(rotation.userId());
            throw new ChatException(ErrorCode.INVALID_REFRESH_TOKEN, "This account can no longer log in.");
        }
        return tokens(UserProfile.of(account), new RefreshTokens.Issued(rotation.loginId(), rotation.token()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End this login: its refresh token family is revoked and its access tokens are refused "
            + "from now on (401 LOGIN_ENDED), on every node")
    void logout(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody RefreshRequest request) {
        Set<UUID> logins = refreshTokens.revoke(request.refreshToken(), caller.id(), caller.loginId());
        if (!logins.isEmpty()) {
            messaging.send(new EndLogins(caller.id(), logins), ErrorCode.USER_NOT_FOUND);
        }
    }

    private AuthResponse session(UserProfile user) {
        return tokens(user, refreshTokens.issue(user.id()));
    }

    private AuthResponse tokens(UserProfile user, RefreshTokens.Issued login) {
        String token = accessTokens.issue(user.id(), user.username(), user.role(), login.loginId());
        return new AuthResponse(user, token, login.token(), "Bearer", accessTokens.lifetime().toSeconds());
    }

    private Instant now() {
        return clock.instant();
    }

    private static ChatException badCredentials() {
        return new ChatException(ErrorCode.BAD_CREDENTIALS, "Wrong username or password.");
    }
}
