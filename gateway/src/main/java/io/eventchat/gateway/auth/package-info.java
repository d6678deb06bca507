/** Registration and login: the public endpoints that hand out access tokens. */
package io.eventchat.gateway.auth;
