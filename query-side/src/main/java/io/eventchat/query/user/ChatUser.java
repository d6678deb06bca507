package io.eventchat.query.user;

import io.eventchat.api.user.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity(name = "ChatUser")
@Table(name = "chat_user")
class ChatUser {

    @Id
    private UUID id;
    private String username;
    private String displayName;
    @Enumerated(EnumType.STRING)
    private Role role;
    private boolean active;
    private Instant createdAt;
    private Instant lastLoginAt;

    protected ChatUser() {
    }

    ChatUser(UUID id, String username, String displayName, Role role, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.active = true;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String username() {
        return username;
    }

    String displayName() {
        return displayName;
    }

    void loggedIn(Instant at) {
        if (lastLoginAt == null || at.isAfter(lastLoginAt)) {
            lastLoginAt = at;
        }
    }

    void displayName(String displayName) {
        this.displayName = displayName;
    }

    void role(Role role) {
        this.role = role;
    }

    void active(boolean active) {
        this.active = active;
    }
}
