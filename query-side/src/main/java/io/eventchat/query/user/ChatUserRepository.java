package io.eventchat.query.user;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface ChatUserRepository extends JpaRepository<ChatUser, UUID> {

    Optional<ChatUser> findByIdAndActiveTrue(UUID id);

    /** Prefix search served by the {@code lower(...) text_pattern_ops} indexes; {@code prefix} is LIKE-escaped. */
    @Query("""
            SELECT u FROM ChatUser u WHERE u.active = true
              AND (lower(u.username) LIKE :prefix ESCAPE '\\' OR lower(u.displayName) LIKE :prefix ESCAPE '\\')
            ORDER BY lower(u.username)""")
    List<ChatUser> search(String prefix, Limit limit);

    @Query("""
            SELECT u FROM ChatUser u, Contact c
            WHERE c.ownerId = :ownerId AND u.id = c.contactId AND u.active = true
            ORDER BY lower(u.username)""")
    List<ChatUser> contactsOf(UUID ownerId);
}
