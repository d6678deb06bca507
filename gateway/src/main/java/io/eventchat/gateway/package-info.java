/** The edge: HTTP API, security and operations; it speaks to the rest only through shared-api and Axon's gateways. */
package io.eventchat.gateway;
