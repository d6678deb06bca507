package io.eventchat.gateway.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.room.AddParticipant;
import io.eventchat.api.room.ChangeParticipantRole;
import io.eventchat.api.room.CreateRoom;
import io.eventchat.api.room.DeleteRoom;
import io.eventchat.api.room.FindDirectRoom;
import io.eventchat.api.room.FindMyRooms;
import io.eventchat.api.room.FindParticipants;
import io.eventchat.api.room.FindRoom;
import io.eventchat.api.room.FindRoomEvents;
import io.eventchat.api.room.FramePage;
import io.eventchat.api.room.MarkRead;
import io.eventchat.api.room.ParticipantList;
import io.eventchat.api.room.ParticipantRole;
import io.eventchat.api.room.ParticipantView;
import io.eventchat.api.room.RemoveParticipant;
import io.eventchat.api.room.RenameRoom;
import io.eventchat.api.room.RoomDetails;
import io.eventchat.api.room.RoomList;
import io.eventchat.api.room.RoomSummary;
import io.eventchat.api.room.RoomType;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.web.ItemList;
import io.eventchat.gateway.web.Messaging;
import io.eventchat.gateway.web.PageLimit;
import io.eventchat.gateway.web.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/rooms")
@Tag(name = "Rooms")
class RoomController {

    private final Messaging messaging;
    private final Clock clock;

    RoomController(Messaging messaging, Clock clock) {
        this.messaging = messaging;
        this.clock = clock;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "200", description = "The direct room the two users already have")
    @Operation(summary = "Create a room; the caller becomes its owner",
            description = "A DIRECT room takes exactly one other user; if the pair already has one, it is answered "
                    + "with 200 instead of 201.")
    ResponseEntity<RoomDetails> create(@AuthenticationPrincipal CurrentUser caller,
                                       @Valid @RequestBody CreateRoomRequest request) {
        Set<UUID> others = new LinkedHashSet<>(request.participantIds() == null ? Set.of() : request.participantIds());
        others.remove(caller.id());
        if (request.type() == RoomType.DIRECT) {
            if (others.size() != 1) {
                throw new ChatException(ErrorCode.INVALID_PARTICIPANTS, "A direct room takes exactly one other user.");
            }
            Optional<RoomDetails> existing = existingDirect(caller, others.iterator().next());
            if (existing.isPresent()) {
                return ResponseEntity.ok(existing.get());
            }
        }
        UUID roomId = UUID.randomUUID();
        Instant now = now();
        String name = request.type() == RoomType.DIRECT || request.name() == null ? null : request.name().strip();
        try {
            messaging.send(new CreateRoom(roomId, name, request.type(), caller.id(), others, now),
                    ErrorCode.ROOM_NOT_FOUND);
        } catch (ChatException e) {
            // both users of a pair created their direct room at the same moment: answer with the one that won
            if (e.code() == ErrorCode.ALREADY_EXISTS && request.type() == RoomType.DIRECT) {
                return ResponseEntity.ok(existingDirect(caller, others.iterator().next()).orElseThrow(() -> e));
            }
            throw e;
        }
        List<ParticipantView> participants = new ArrayList<>();
        participants.add(new ParticipantView(caller.id(), caller.username(), ParticipantRole.OWNER, now, false, 0));
        others.forEach(id -> participants.add(new ParticipantView(id, null, ParticipantRole.MEMBER, now, false, 0)));
        RoomDetails created = new RoomDetails(roomId, name, request.type(), now, caller.id(), participants,
                1L + participants.size());
        // the answer shows the room once the read model has applied every event of its creation
        RoomDetails body = ReadModel.await(() -> find(roomId, caller), room -> room.lastSeq() >= created.lastSeq())
                .orElse(created);
        return ResponseEntity.created(URI.create("/api/rooms/" + roomId)).body(body);
    }

    @GetMapping
    @Operation(summary = "The caller's rooms, most recent activity first",
            description = "unreadCount counts others' messages after the caller's read receipt, up to 1000.")
    ItemList<RoomSummary> list(@AuthenticationPrincipal CurrentUser caller) {
        return ItemList.of(messaging.query(new FindMyRooms(caller.id()), ResponseTypes.instanceOf(RoomList.class))
                .items());
    }

    @GetMapping("/{roomId}")
    @Operation(summary = "A room with its participants", description = "403 NOT_A_PARTICIPANT, 404 ROOM_NOT_FOUND.")
    RoomDetails get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId) {
        return messaging.query(new FindRoom(roomId, caller.id()), ResponseTypes.instanceOf(RoomDetails.class));
    }

    @PatchMapping("/{roomId}")
    @Operation(summary = "Rename a group room (owner or room admin)")
    RoomDetails rename(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                       @Valid @RequestBody RenameRequest request) {
        String name = request.name().strip();
        messaging.send(new RenameRoom(roomId, name, caller.id(), now()), ErrorCode.ROOM_NOT_FOUND);
        return ReadModel.await(() -> find(roomId, caller), room -> name.equals(room.name()))
                .orElseGet(() -> get(caller, roomId));
    }

    @DeleteMapping("/{roomId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a room (owner, or app ADMIN); its messages disappear from every read API")
    void delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId) {
        messaging.send(new DeleteRoom(roomId, caller.id(), caller.role(), now()), ErrorCode.ROOM_NOT_FOUND);
    }

    @GetMapping("/{roomId}/participants")
    @Operation(summary = "The room's participants")
    ItemList<ParticipantView> participants(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId) {
        return ItemList.of(messaging.query(new FindParticipants(roomId, caller.id()),
                ResponseTypes.instanceOf(ParticipantList.class)).items());
    }

    @PostMapping("/{roomId}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a participant to a group room (owner or room admin)",
            description = "409 ALREADY_PARTICIPANT; 409 DIRECT_ROOM_FIXED on a direct room; 404 USER_NOT_FOUND.")
    ParticipantView add(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                        @Valid @RequestBody AddParticipantRequest request) {
        Instant now = now();
        messaging.send(new AddParticipant(roomId, request.userId(), caller.id(), now), ErrorCode.ROOM_NOT_FOUND);
        return ReadModel.await(() -> participant(roomId, caller, request.userId()), p -> p.username() != null)
                .orElseGet(() -> new ParticipantView(request.userId(), null, ParticipantRole.MEMBER, now, false, 0));
    }

    @DeleteMapping("/{roomId}/participants/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a participant; removing yourself is leaving",
            description = "Removing others needs the owner or a room admin. When the owner leaves, a room admin (or "
                    + "else the longest-standing participant) becomes owner.")
    void remove(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        messaging.send(new RemoveParticipant(roomId, userId, caller.id(), now()), ErrorCode.ROOM_NOT_FOUND);
    }

    @PatchMapping("/{roomId}/participants/{userId}")
    @Operation(summary = "Make a participant a room ADMIN or a MEMBER (owner only)")
    ParticipantView changeRole(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                               @PathVariable UUID userId, @Valid @RequestBody ChangeRoleRequest request) {
        messaging.send(new ChangeParticipantRole(roomId, userId, request.role(), caller.id(), now()),
                ErrorCode.ROOM_NOT_FOUND);
        return ReadModel.await(() -> participant(roomId, caller, userId), p -> p.role() == request.role())
                .orElseThrow(() -> new ChatException(ErrorCode.NOT_A_PARTICIPANT, "That user is not a participant."));
    }

    @PostMapping("/{roomId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Read receipt: the caller has read the room up to upToSeq",
            description = "Receipts only move forward; 400 INVALID_RECEIPT beyond the room's last seq.")
    void read(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
              @Valid @RequestBody ReadRequest request) {
        messaging.send(new MarkRead(roomId, caller.id(), request.upToSeq(), now()), ErrorCode.ROOM_NOT_FOUND);
    }

    @GetMapping("/{roomId}/events")
    @Operation(summary = "The room's push frames with seq greater than 'after', in order (catch-up)",
            description = "Frame types are those of the WebSocket push, plus room.created and participant.updated, "
                    + "so seqs have no gaps. limit defaults to 50; a larger limit is capped at 200 (not refused), so "
                    + "catching up on a long absence takes pages of 200, following nextCursor.")
    FramePage events(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID roomId,
                     @RequestParam(defaultValue = "0") @Min(0) long after,
                     @RequestParam(defaultValue = "50") @Min(1) long limit) {
        return messaging.query(new FindRoomEvents(roomId, caller.id(), after, PageLimit.of(limit)),
                ResponseTypes.instanceOf(FramePage.class));
    }

    private Optional<RoomDetails> existingDirect(CurrentUser caller, UUID other) {
        Optional<UUID> roomId = messaging.query(new FindDirectRoom(caller.id(), other),
                ResponseTypes.optionalInstanceOf(UUID.class));
        return roomId.map(id -> ReadModel.await(() -> find(id, caller), room -> room.participants().size() == 2)
                .orElseGet(() -> new RoomDetails(id, null, RoomType.DIRECT, null, null, List.of(), 0)));
    }

    private Optional<RoomDetails> find(UUID roomId, CurrentUser caller) {
        try {
            return Optional.of(get(caller, roomId));
        } catch (ChatException e) {
            return Optional.empty();
        }
    }

    private Optional<ParticipantView> participant(UUID roomId, CurrentUser caller, UUID userId) {
        return participants(caller, roomId).items().stream().filter(p -> Objects.equals(p.userId(), userId))
                .findFirst();
    }

    private Instant now() {
        return clock.instant();
    }
}
