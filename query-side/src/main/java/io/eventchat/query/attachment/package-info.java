/** The attachments projection: every upload, where it was posted, and who may read it. */
package io.eventchat.query.attachment;
