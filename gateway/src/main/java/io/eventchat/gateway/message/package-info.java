/** Message endpoints. */
package io.eventchat.gateway.message;
