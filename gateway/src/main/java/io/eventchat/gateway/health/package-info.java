/** Health reporting: PostgreSQL decides up or down; Redis only degrades. */
package io.eventchat.gateway.health;
