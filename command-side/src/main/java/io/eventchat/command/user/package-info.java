/** Accounts: the User aggregate and the registry that keeps usernames and emails unique. */
package io.eventchat.command.user;
