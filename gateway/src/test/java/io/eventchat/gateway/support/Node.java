package io.eventchat.gateway.support;

import io.eventchat.ChatApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** Another instance of the application, started in this JVM against the same PostgreSQL and Redis. */
public final class Node {

    private Node() {
    }

    /** Starts a node on a free port; command-line arguments, so they outrank application.yml. */
    public static ConfigurableApplicationContext start(String databaseUrl, String... extra) {
        // small pools: up to four instances share one PostgreSQL during the suite
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--chat.commands.max-concurrent=3"));
        TestServices.properties().forEach((key, value) -> {
            if (!key.equals("spring.datasource.url")) {
                args.add("--" + key + "=" + value);
            }
        });
        args.add("--spring.datasource.url=" + databaseUrl);
        args.addAll(List.of(extra));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ChatApplication.class);
        // Every instance in this JVM shares one logging system, set up by the test's own application. Left to
        // itself each instance initialises it again, and two starting at once race on the shared logger context
        // ("Unable to find Spring Environment in logger context"), which fails one of them.
        SpringApplication application = builder.application();
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        return builder.run(args.toArray(String[]::new));
    }

    public static Api api(ConfigurableApplicationContext node) {
        return new Api(port(node));
    }

    public static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
