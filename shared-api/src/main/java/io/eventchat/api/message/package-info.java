/** Messages posted in rooms, and the queries that page through them. */
package io.eventchat.api.message;
