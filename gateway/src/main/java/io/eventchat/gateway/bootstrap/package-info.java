/** Start-up checks: the database exists (or is created) before anything connects to it. */
package io.eventchat.gateway.bootstrap;
