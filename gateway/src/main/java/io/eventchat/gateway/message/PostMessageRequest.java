package io.eventchat.gateway.message;

import io.eventchat.gateway.web.MultiLineText;
import io.eventchat.gateway.web.SingleLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * {@code content} may carry surrounding white space; 1 to 4000 characters must remain after trimming. Sending the
 * same {@code clientMessageId} again (a retry) answers 200 with the original message.
 */
record PostMessageRequest(@NotBlank @Size(max = 16000) @MultiLineText String content,
                          @Size(max = 64) @SingleLineText String clientMessageId,
                          @Size(max = 10) List<@NotNull UUID> attachmentIds,
                          UUID replyToMessageId) {
}
