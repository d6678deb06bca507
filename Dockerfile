# Backend image: built with the Maven wrapper on JDK 25, run on the Temurin 25 JRE as an unprivileged user, with the
# JDK's AOT cache (JEP 483/514) recorded at build time by a training run against a throw-away PostgreSQL and Redis
# inside the build. scripts/image-stage-check.sh reproduces the run stage without Docker (CI).
#   docker build -t eventchat-backend .        (docker compose up --build does this)

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared-api/pom.xml shared-api/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY gateway/pom.xml gateway/
RUN ./mvnw -B -q dependency:go-offline
COPY shared-api/src shared-api/src
COPY command-side/src command-side/src
COPY query-side/src query-side/src
COPY gateway/src gateway/src
# the context has no .git (.dockerignore): /actuator/info shows the version and build time, no commit
RUN ./mvnw -B -q -DskipTests package

# Training: the same JRE as the run stage (a cache is only valid for the JVM that wrote it), the jar extracted to
# /app, one run of the backend through its entrypoint with -XX:AOTCacheOutput while it serves a few requests.
FROM eclipse-temurin:25-jre AS training
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql redis-server curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/gateway/target/eventchat.jar /tmp/eventchat.jar
COPY deploy/backend/entrypoint.sh /src/deploy/backend/entrypoint.sh
COPY scripts/aot-cache.sh /src/scripts/aot-cache.sh
RUN set -e; \
    cluster=$(ls /etc/postgresql); \
    pg_ctlcluster "$cluster" main start; \
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'training'\""; \
    redis-server --daemonize yes --save "" --appendonly no; \
    AOT_DB_PASSWORD=training AOT_REDIS_URL=redis://127.0.0.1:6379/0 bash /src/scripts/aot-cache.sh /tmp/eventchat.jar /app; \
    redis-cli shutdown nosave || true; \
    pg_ctlcluster "$cluster" main stop

FROM eclipse-temurin:25-jre AS run
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app chat \
    && mkdir -p /var/lib/eventchat/attachments && chown -R chat /var/lib/eventchat
# eventchat.jar, lib/, entrypoint.sh and eventchat.aot exactly as the training run used them (same files, same
# times): the cache checks the class path it was made with. Root's files, read-only to the chat user.
COPY --from=training /app /app
USER chat
ENV CHAT_PORT=8080 CHAT_MANAGEMENT_PORT=8081 CHAT_ATTACHMENTS_DIR=/var/lib/eventchat/attachments
VOLUME /var/lib/eventchat/attachments
EXPOSE 8080 8081
# readiness on the management port: the database answers (curl is installed above)
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${CHAT_MANAGEMENT_PORT}/actuator/health/readiness" || exit 1
# JAVA_OPTS replaces the default heap, stack and GC options (see entrypoint.sh)
ENTRYPOINT ["/app/entrypoint.sh"]
