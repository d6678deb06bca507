/** The OpenAPI description served at /v3/api-docs and rendered by Swagger UI. */
package io.eventchat.gateway.openapi;
