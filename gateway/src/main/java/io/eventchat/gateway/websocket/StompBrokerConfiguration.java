package io.eventchat.gateway.websocket;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * What {@code @EnableWebSocketMessageBroker} sets up (configured by {@link WebSocketConfiguration}), except that
 * sessions are not wrapped in Spring's {@code ConcurrentWebSocketSessionDecorator}. Every session already is a
 * {@link BoundedSendSession}, which never blocks a sender and enforces the buffer and time limits itself; Spring's
 * decorator on top of it lost ERROR frames: a frame sent while another thread was sending to the same session waits
 * in the decorator's buffer, and the close that follows an ERROR frame stops that buffer from being sent, so the
 * client saw its connection closed without being told why.
 */
@Configuration(proxyBeanMethods = false)
class StompBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

    @Bean
    @Override
    public WebSocketHandler subProtocolWebSocketHandler(
            @Qualifier("clientInboundChannel") AbstractSubscribableChannel clientInboundChannel,
            @Qualifier("clientOutboundChannel") AbstractSubscribableChannel clientOutboundChannel) {
        SubProtocolWebSocketHandler handler = new SubProtocolWebSocketHandler(clientInboundChannel,
                clientOutboundChannel) {
            @Override
            protected WebSocketSession decorateSession(WebSocketSession session) {
                return session;
            }
        };
        handler.setPhase(getPhase());
        return handler;
    }
}
