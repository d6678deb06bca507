package io.eventchat.query.contact;

import io.eventchat.api.user.ContactAdded;
import io.eventchat.api.user.ContactRemoved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Keeps {@code contact} in step with contact events; adding an existing row or removing a missing one is a no-op. */
@Component
@ProcessingGroup("contacts")
class ContactProjection {

    private final ContactRepository contacts;

    ContactProjection(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @EventHandler
    void on(ContactAdded event) {
        contacts.save(new Contact(event.userId(), event.contactId(), event.at()));
    }

    @EventHandler
    void on(ContactRemoved event) {
        contacts.deleteById(new Contact.Key(event.userId(), event.contactId()));
    }
}
