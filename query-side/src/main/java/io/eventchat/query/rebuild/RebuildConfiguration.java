package io.eventchat.query.rebuild;

import io.eventchat.query.processing.Projections;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    /**
     * The live processor of every projection takes its rebuild lock (shared) in each of its transactions, so a
     * rebuild can swap the tables with no live batch half-way ({@link RebuildGuard}).
     */
    @Bean
    ConfigurerModule rebuildGuards(JdbcClient jdbc) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : Projections.names()) {
                processing.registerTransactionManager(group, c -> new RebuildGuard(
                        c.getComponent(TransactionManager.class), jdbc, group));
            }
        });
    }
}
