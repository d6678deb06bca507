/** Uploads: the Attachment aggregate and the records that let a message claim an upload exactly once. */
package io.eventchat.command.attachment;
