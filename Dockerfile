# One image recipe for the three services and the load generator; docker-compose.yml picks
# the module with --build-arg SERVICE=gateway-service|auth-service|order-service|loadgen.
#
# The base images are the official ones; MAVEN_IMAGE and JRE_IMAGE name others where those
# cannot be pulled (scripts/docker-engine.sh builds local stand-ins and names them).
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

# Build stage: the Maven build of that service and the modules it needs (telemetry,
# service-kit, and test-support for their tests).
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
    mvn -B -q -pl "${SERVICE}" -am package -DskipTests \
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
USER app
ENV PORT=${PORT} \
    JAVA_OPTS=""
EXPOSE ${PORT}
HEALTHCHECK --interval=5s --timeout=2s --start-period=20s --retries=5 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
# exec: java is PID 1 and receives SIGTERM itself, so graceful shutdown runs.
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options $JAVA_OPTS -jar /app/app.jar"]
