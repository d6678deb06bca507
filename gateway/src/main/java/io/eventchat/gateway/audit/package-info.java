/** Audit and time-travel endpoints of a room. */
package io.eventchat.gateway.audit;
