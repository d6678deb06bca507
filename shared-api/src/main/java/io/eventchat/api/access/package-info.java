/** Who may still do what: revocations of access, as every node learns of them. */
package io.eventchat.api.access;
