/** Files uploaded by users and attached to messages: their metadata events, views and queries. */
package io.eventchat.api.attachment;
