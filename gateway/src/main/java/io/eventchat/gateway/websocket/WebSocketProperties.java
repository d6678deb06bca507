package io.eventchat.gateway.websocket;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * WebSocket limits (defaults in {@code application.yml}).
 *
 * @param maxFrameBytes    largest STOMP frame a client may send
 * @param sendBufferBytes  outgoing bytes buffered per session before a slow consumer is disconnected
 * @param sendTimeLimit    longest a send to one session may take before it is disconnected
 * @param maxSubscriptions subscriptions per session
 * @param sendsPerSecond   SEND frames (typing) per session per second
 * @param heartbeat        STOMP heartbeat interval in both directions
 */
@ConfigurationProperties("chat.websocket")
record WebSocketProperties(int maxFrameBytes, int sendBufferBytes, Duration sendTimeLimit, int maxSubscriptions,
                           int sendsPerSecond, Duration heartbeat) {
}
