/** Authentication: signed JWT access tokens, password hashing, and the filter chain that guards the API. */
package io.eventchat.gateway.security;
