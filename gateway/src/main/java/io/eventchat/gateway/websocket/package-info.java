/** STOMP over WebSocket: authentication on CONNECT, authorization per destination, and the relay of pushed frames. */
package io.eventchat.gateway.websocket;
