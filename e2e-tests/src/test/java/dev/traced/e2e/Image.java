package dev.traced.e2e;

/**
 * The images that docker-compose.yml, docker-compose.scale.yml and the Dockerfile name: the
 * official ones by default, or what the variable of each names instead (local stand-ins where no
 * registry is reachable).
 */
enum Image {
  JAEGER("JAEGER_IMAGE", "jaegertracing/jaeger:" + JaegerProcess.VERSION),
  POSTGRES("POSTGRES_IMAGE", "postgres:17"),
  MAVEN("MAVEN_IMAGE", "maven:3.9-eclipse-temurin-17"),
  JRE("JRE_IMAGE", "eclipse-temurin:17-jre"),
  /** The scale-out topology's only: docker-compose.scale.yml. */
  KAFKA("KAFKA_IMAGE", "apache/kafka:" + KafkaProcess.VERSION);

  /** The variable that names another image, in compose, the Dockerfile and the tests. */
  final String variable;

  /** The official image, the default. */
  final String official;

  Image(String variable, String official) {
    this.variable = variable;
    this.official = official;
  }

  /** The image this run uses. */
  String reference() {
    String configured = System.getenv(variable);
    return configured == null || configured.isBlank() ? official : configured;
  }
}
