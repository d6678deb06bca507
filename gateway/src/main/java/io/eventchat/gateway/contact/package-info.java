/** Contact list endpoints. */
package io.eventchat.gateway.contact;
