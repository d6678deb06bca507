/** Administration endpoints (ADMIN only, enforced by the security filter chain). */
package io.eventchat.gateway.admin;
