/** Uploads and downloads of attachments: storage, type detection from the bytes, and the HTTP endpoints. */
package io.eventchat.gateway.attachment;
