/** Accounts as the API shows them to their owner: looked up in the command side's registry. */
package io.eventchat.gateway.account;
