/** The contacts read model: who each user keeps in their contact list. */
package io.eventchat.query.contact;
