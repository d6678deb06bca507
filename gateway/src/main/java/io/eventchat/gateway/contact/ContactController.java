package io.eventchat.gateway.contact;

import io.eventchat.api.ErrorCode;
import io.eventchat.api.user.AddContact;
import io.eventchat.api.user.FindContacts;
import io.eventchat.api.user.ProfileList;
import io.eventchat.api.user.PublicProfile;
import io.eventchat.api.user.RemoveContact;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.web.ItemList;
import io.eventchat.gateway.web.Messaging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.UUID;

@RestController
@RequestMapping("/api/contacts")
@Tag(name = "Contacts")
class ContactController {

    private final Messaging messaging;
    private final Clock clock;

    ContactController(Messaging messaging, Clock clock) {
        this.messaging = messaging;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "The caller's contacts, with their online flags")
    ItemList<PublicProfile> list(@AuthenticationPrincipal CurrentUser caller) {
        return ItemList.of(messaging.query(new FindContacts(caller.id()), ResponseTypes.instanceOf(ProfileList.class))
                .items());
    }

    @PutMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Add a contact (idempotent)", description = "404 USER_NOT_FOUND; 400 CANNOT_ADD_SELF.")
    void add(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID userId) {
        messaging.send(new AddContact(caller.id(), userId, clock.instant()),
                ErrorCode.USER_NOT_FOUND);
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a contact (idempotent)")
    void remove(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID userId) {
        messaging.send(new RemoveContact(caller.id(), userId, clock.instant()),
                ErrorCode.USER_NOT_FOUND);
    }
}
