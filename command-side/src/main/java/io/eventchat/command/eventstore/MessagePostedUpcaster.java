package io.eventchat.command.eventstore;

import io.eventchat.api.message.MessagePosted;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link MessagePosted} revision 1 (no revision stored) to revision 2. Revision 1 carried {@code attachmentIds}, a
 * list of bare ids that the room always left empty (attachments could not be posted yet); revision 2 carries
 * {@code attachments}, each with its metadata. The bytes in the event store are never rewritten: every reader
 * (aggregates, projections, the audit API) gets revision 2 from this upcaster.
 * <p>
 * How an event type evolves here: add the field to the record, bump its {@code @Revision}, and add an upcaster from
 * the previous revision's JSON, tested against stored bytes of the old shape (MessagePostedUpcasterTest).
 */
@Component
@Order(0)
class MessagePostedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(MessagePosted.class.getName(), null);
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(MessagePosted.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, MessagePostedUpcaster::toRevision2);
    }

    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode event = ((ObjectNode) revision1).deepCopy();
        JsonNode ids = event.remove("attachmentIds");
        ArrayNode attachments = event.putArray("attachments");
        if (ids != null && ids.isArray()) {
            // never non-empty in stored data; kept as bare references rather than dropped, should one exist
            ids.forEach(id -> attachments.addObject().set("id", id));
        }
        return event;
    }
}
