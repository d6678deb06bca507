package io.eventchat.gateway.websocket;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import io.eventchat.api.push.Push;

import java.util.List;

/**
 * STOMP 1.2 over plain WebSocket at {@code /ws}. Browsers may connect only from {@code CHAT_ALLOWED_ORIGINS}. Room
 * frames are delivered by {@link RoomRelay} straight to each subscription (so it can keep them in order and gap
 * free); the simple broker carries the personal queues ({@code /user/queue/events}) and heartbeats.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSocketProperties.class)
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    private final WebSocketProperties properties;
    private final List<String> allowedOrigins;
    private final StompAuthorization authorization;
    private final BoundedTransport transport;

    WebSocketConfiguration(WebSocketProperties properties, @Value("${chat.allowed-origins}") List<String> allowedOrigins,
                           @Lazy StompAuthorization authorization, BoundedTransport transport) {
        this.properties = properties;
        this.allowedOrigins = allowedOrigins;
        this.authorization = authorization;
        this.transport = transport;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOrigins(allowedOrigins.toArray(String[]::new));
        registry.setErrorHandler(new FrameSizeErrors(properties.maxFrameBytes()));
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
        heartbeats.setPoolSize(1);
        heartbeats.setThreadNamePrefix("ws-heartbeat-");
        heartbeats.initialize();
        long heartbeat = properties.heartbeat().toMillis();
        registry.enableSimpleBroker("/topic", "/queue").setHeartbeatValue(new long[]{heartbeat, heartbeat})
                .setTaskScheduler(heartbeats);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    /**
     * Spring's STOMP decoder enforces the frame size limit (an ERROR frame for a larger one); the send buffer and
     * time limits are enforced per session by {@link BoundedSendSession}, which {@link BoundedTransport} puts
     * around every session (Spring's own send limits are set to the same values, a second line that never trips
     * because sends no longer block).
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(properties.maxFrameBytes())
                .setSendBufferSizeLimit(properties.sendBufferBytes())
                .setSendTimeLimit((int) properties.sendTimeLimit().toMillis())
                .addDecoratorFactory(transport::decorate);
    }

    /**
     * One thread hands frames to the sessions, so two frames to one session can never overtake each other (with a
     * pool they can). It never waits on a client: a session only queues what it is given and writes it on a thread
     * of its own, bounded by the send buffer and time limits ({@link BoundedSendSession}).
     */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor().corePoolSize(1).maxPoolSize(1);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authorization);
    }

    @Bean
    RedisMessageListenerContainer pushListener(RedisConnectionFactory connections, RoomRelay relay,
                                               @Value(Push.CHANNEL_PROPERTY)
                                               String channel) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(relay, new ChannelTopic(channel));
        container.setRecoveryInterval(2000);
        // one relaying thread: frames of a room leave in the order they were published
        container.setTaskExecutor(new SimpleAsyncTaskExecutor("push-relay-") {
            private final java.util.concurrent.ExecutorService single =
                    java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                        Thread thread = new Thread(r, "push-relay");
                        thread.setDaemon(true);
                        return thread;
                    });

            @Override
            public void execute(Runnable task) {
                single.execute(task);
            }
        });
        // started by PushSubscription, which keeps trying while Redis is unreachable instead of failing start-up
        container.setAutoStartup(false);
        return container;
    }
}
