/** Rate limits: token buckets in Redis (Bucket4j), shared by every node, with local buckets when Redis is down. */
package io.eventchat.gateway.ratelimit;
