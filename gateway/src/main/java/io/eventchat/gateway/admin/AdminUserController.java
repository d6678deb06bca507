package io.eventchat.gateway.admin;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.user.Account;
import io.eventchat.api.user.AccountList;
import io.eventchat.api.user.ChangeRole;
import io.eventchat.api.user.DeactivateUser;
import io.eventchat.api.user.EraseUser;
import io.eventchat.api.user.FindAccounts;
import io.eventchat.api.user.ReactivateUser;
import io.eventchat.gateway.auth.RefreshTokens;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.account.Accounts;
import io.eventchat.gateway.account.UserProfile;
import io.eventchat.gateway.web.InvalidInputException;
import io.eventchat.gateway.web.ItemList;
import io.eventchat.gateway.web.Messaging;
import io.eventchat.gateway.web.PageLimit;
import io.eventchat.gateway.web.SingleLineText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@RestController
@RequestMapping("/api/admin/users")
@Tag(name = "Admin")
class AdminUserController {

    private final Messaging messaging;
    private final Accounts accounts;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    AdminUserController(Messaging messaging, Accounts accounts, RefreshTokens refreshTokens,
                        Clock clock) {
        this.messaging = messaging;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "List accounts, optionally by username/email/display-name prefix",
            description = "limit defaults to 50; a larger limit is capped at 200.")
    ItemList<UserProfile> list(@RequestParam(defaultValue = "") @Size(max = 64) @SingleLineText String q,
                               @RequestParam(defaultValue = "50") @Min(1) long limit) {
        return ItemList.of(messaging.query(new FindAccounts(q, PageLimit.of(limit)),
                        ResponseTypes.instanceOf(AccountList.class))
                .items().stream().map(UserProfile::of).toList());
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Set an account's role and/or deactivate or reactivate it",
            description = "A role change or a deactivation ends the account's sessions (its refresh tokens), and "
                    + "takes effect on its access tokens within a second. Admins cannot change their own account here.")
    UserProfile update(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID userId,
                       @RequestBody AdminUserUpdate request) {
        if (request.role() == null && request.active() == null) {
            throw new InvalidInputException("role", "or active must be given");
        }
        if (caller.id().equals(userId)) {
            throw new ChatException(ErrorCode.CANNOT_CHANGE_OWN_ACCOUNT,
                    "Use another admin account to change your own role or status.");
        }
        Account target = accounts.require(userId);
        Instant now = now();
        if (request.role() != null) {
            messaging.send(new ChangeRole(userId, request.role(), caller.id(), now), ErrorCode.USER_NOT_FOUND);
            if (request.role() != target.role()) {
                // the sessions were granted under the old role; the person logs in again under the new one
                refreshTokens.revokeAll(userId);
            }
        }
        if (Boolean.FALSE.equals(request.active())) {
            messaging.send(new DeactivateUser(userId, caller.id(), now), ErrorCode.USER_NOT_FOUND);
            refreshTokens.revokeAll(userId);
        } else if (Boolean.TRUE.equals(request.active())) {
            messaging.send(new ReactivateUser(userId, caller.id(), now), ErrorCode.USER_NOT_FOUND);
        }
        return UserProfile.of(accounts.require(userId));
    }

    @DeleteMapping("/{userId}/personal-data")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Erase a deactivated account's personal data",
            description = "Destroys the account's data key, so its display name can no longer be read from any "
                    + "stored event, and blanks its email. 409 ACCOUNT_STILL_ACTIVE for an active account.")
    void erase(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID userId) {
        accounts.require(userId);
        messaging.send(new EraseUser(userId, caller.id(), now()), ErrorCode.USER_NOT_FOUND);
    }

    private Instant now() {
        return clock.instant();
    }
}
