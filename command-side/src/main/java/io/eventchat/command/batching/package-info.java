/** Group commit: room commands that arrive together are decided one by one and committed together. */
package io.eventchat.command.batching;
