/** The read side: projections of the event store into disposable read models, and the queries they answer. */
package io.eventchat.query;
