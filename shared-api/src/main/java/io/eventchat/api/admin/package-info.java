/** Operations: the state of the projections. */
package io.eventchat.api.admin;
