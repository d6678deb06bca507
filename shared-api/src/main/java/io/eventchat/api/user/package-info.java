/** Accounts: registration, login and the account view the gateway authenticates against. */
package io.eventchat.api.user;
