/** The PostgreSQL event store: Axon's JDBC engine on Flyway-created tables, and snapshot triggers. */
package io.eventchat.command.eventstore;
