/** Who is calling: the authenticated caller, as every part of the gateway sees them. */
package io.eventchat.gateway.identity;
