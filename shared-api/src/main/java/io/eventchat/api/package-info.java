/** The chat's shared language: error codes and the domain exception every side speaks. */
package io.eventchat.api;
