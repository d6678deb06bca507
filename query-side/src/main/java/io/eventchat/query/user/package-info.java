/** The user directory read model: public profiles by id and username. */
package io.eventchat.query.user;
