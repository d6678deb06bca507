/** How the query side's streaming processors store tokens and treat handler failures. */
package io.eventchat.query.processing;
