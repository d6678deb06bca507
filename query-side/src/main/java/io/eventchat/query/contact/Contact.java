package io.eventchat.query.contact;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

@Entity(name = "Contact")
@Table(name = "contact")
@IdClass(Contact.Key.class)
class Contact {

    @Id
    private UUID ownerId;
    @Id
    private UUID contactId;
    private Instant addedAt;

    protected Contact() {
    }

    Contact(UUID ownerId, UUID contactId, Instant addedAt) {
        this.ownerId = ownerId;
        this.contactId = contactId;
        this.addedAt = addedAt;
    }

    record Key(UUID ownerId, UUID contactId) implements Serializable {
    }
}
