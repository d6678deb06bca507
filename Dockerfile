# Backend image: built with the Maven wrapper, run on a JRE.
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
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app chat \
    && mkdir -p /var/lib/eventchat/attachments && chown -R chat /var/lib/eventchat
WORKDIR /app
COPY --from=build /src/gateway/target/eventchat.jar /app/eventchat.jar
USER chat
ENV JAVA_OPTS="-Xmx512m" CHAT_PORT=8080 CHAT_ATTACHMENTS_DIR=/var/lib/eventchat/attachments
VOLUME /var/lib/eventchat/attachments
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://localhost:${CHAT_PORT}/actuator/health" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Daxoniq.update-checker.disabled=true -jar /app/eventchat.jar"]
