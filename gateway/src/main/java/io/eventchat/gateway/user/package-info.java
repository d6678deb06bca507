/** Profiles: the caller's own account, public profiles and user search. */
package io.eventchat.gateway.user;
