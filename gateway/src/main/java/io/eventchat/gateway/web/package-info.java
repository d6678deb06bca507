/** Problem details for every failure, and the thin wrappers that send commands and queries through Axon. */
package io.eventchat.gateway.web;
