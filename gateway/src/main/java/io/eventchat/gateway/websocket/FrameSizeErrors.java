package io.eventchat.gateway.websocket;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Answers a frame over {@code CHAT_WS_MAX_FRAME_BYTES} with an ERROR frame in this API's vocabulary
 * ({@code LIMIT_EXCEEDED: ...}, like every other refusal) instead of Spring's wording. Spring's STOMP decoder reports
 * it, with no client message to go with it, as a {@link StompConversionException} about its buffer size limit; other
 * refusals pass through unchanged. Spring sends the ERROR and then closes the session either way.
 */
class FrameSizeErrors extends StompSubProtocolErrorHandler {

    private final int maxFrameBytes;

    FrameSizeErrors(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        if (clientMessage == null && ex instanceof StompConversionException && ex.getMessage() != null
                && ex.getMessage().contains("buffer size limit")) {
            ex = new MessageDeliveryException("LIMIT_EXCEEDED: a STOMP frame is at most " + maxFrameBytes + " bytes");
        }
        return super.handleClientMessageProcessingError(clientMessage, ex);
    }
}
