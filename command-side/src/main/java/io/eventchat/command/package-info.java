/** The write model: aggregates that check the chat's rules and append its events. */
package io.eventchat.command;
