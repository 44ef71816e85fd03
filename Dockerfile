# One image recipe for the three services and the load generator; docker-compose.yml picks
# the module with --build-arg SERVICE=gateway-service|auth-service|order-service|loadgen.
#
# The base images are the official ones; MAVEN_IMAGE and JRE_IMAGE name others where those
# cannot be pulled (scripts/docker-engine.sh builds local stand-ins and names them).
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

# Build stage: the Maven build of that service and the modules it needs (telemetry,
# service-kit, and test-support for their tests). -Dcds.skip: the build's class-data archive
# would fit this stage's JDK only; the run stage trains its own.
FROM ${MAVEN_IMAGE} AS build
ARG SERVICE
WORKDIR /src
COPY pom.xml ./
COPY telemetry telemetry
COPY service-kit service-kit
COPY test-support test-support
COPY gateway-service gateway-service
COPY auth-service auth-service
COPY order-service order-service
COPY loadgen loadgen
COPY w3c-test-service/pom.xml w3c-test-service/pom.xml
COPY integration-tests/pom.xml integration-tests/pom.xml
COPY e2e-tests/pom.xml e2e-tests/pom.xml
COPY benchmark/pom.xml benchmark/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl "${SERVICE}" -am package -DskipTests -Dcds.skip \
 && cp "${SERVICE}/target/${SERVICE}.jar" /app.jar

# Run stage: a JRE, the one jar, an unprivileged user.
FROM ${JRE_IMAGE}
ARG SERVICE
ARG PORT
RUN useradd --system --uid 10001 --no-create-home app \
 && mkdir -p /app/data && chown app /app/data
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
COPY jvm.options /app/jvm.options
# The service's class-data archive (see jvm.options), trained here because it holds only for
# this image's JVM and this jar at this path: the service starts with EXIT_AFTER_START=true
# and exits, and -XX:ArchiveClassesAtExit writes down the classes it loaded. DB_URL is for
# order-service, which trains on an in-memory H2. loadgen gets none. The output is shown
# only if the run fails.
RUN if [ "${SERVICE}" != loadgen ]; then \
      EXIT_AFTER_START=true HOST=127.0.0.1 PORT=0 DB_URL=jdbc:h2:mem:cds-training \
        java @/app/jvm.options -XX:ArchiveClassesAtExit=/app/app.jsa -jar /app/app.jar \
        > /tmp/cds-training.log 2>&1 \
      || { cat /tmp/cds-training.log; exit 1; }; \
      rm /tmp/cds-training.log; \
    fi
USER app
ENV PORT=${PORT} \
    JAVA_OPTS=""
EXPOSE ${PORT}
HEALTHCHECK --interval=5s --timeout=2s --start-period=20s --retries=5 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
# exec: java is PID 1 and receives SIGTERM itself, so graceful shutdown runs. The archive is
# named only where it exists: a missing one would silently switch off the JDK's own default
# archive too, and loadgen would start slower than without the flag. It comes before
# JAVA_OPTS, so that -Xshare:off there starts without it.
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options $([ -f /app/app.jsa ] && echo -XX:SharedArchiveFile=/app/app.jsa) $JAVA_OPTS -jar /app/app.jar"]
