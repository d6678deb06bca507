package io.eventchat.gateway.auth;

import io.eventchat.gateway.account.UserProfile;

/**
 * What register, login and refresh answer: the caller's profile, a bearer access token valid for {@code expiresIn}
 * seconds, and the refresh token to get the next one.
 */
record AuthResponse(UserProfile user, String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
