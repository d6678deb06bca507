/** Message history: the per-room, seq-ordered read model of messages and its paging queries. */
package io.eventchat.query.message;
