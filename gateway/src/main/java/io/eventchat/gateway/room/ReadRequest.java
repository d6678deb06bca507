package io.eventchat.gateway.room;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

record ReadRequest(@NotNull @Min(1) Long upToSeq) {
}
