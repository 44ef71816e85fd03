package dev.traced.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml and docker-compose.scale.yml are valid Compose and say what the end-to-end
 * tests run.
 */
class ComposeFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {"docker-compose.yml", "docker-compose.scale.yml"})
  void isValidAgainstTheComposeSpecificationSchema(String file) throws Exception {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
            .getSchema(JSON.writeValueAsString(composeSpecSchema()));

    List<Error> errors =
        schema.validate(Files.readString(RepoFiles.root().resolve(file)), InputFormat.YAML);

    assertThat(errors).isEmpty();
  }

  /**
   * The published schema declares draft 2019-09 but still labels its parts with draft-04 {@code
   * "id"} members, which that draft no longer knows; they name nothing that is referenced, so they
   * are dropped before use.
   */
  private static JsonNode composeSpecSchema() throws Exception {
    try (InputStream json =
        ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
      JsonNode schema = JSON.readTree(json);
      dropIdLabels(schema);
      return schema;
    }
  }

  private static void dropIdLabels(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.path("id").isTextual()) {
        object.remove("id");
      }
      object.forEach(ComposeFileTest::dropIdLabels);
    } else if (node.isArray()) {
      node.forEach(ComposeFileTest::dropIdLabels);
    }
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void givesEachServiceTheVariablesTheEndToEndTestsGive(Service service) throws Exception {
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service each : Service.values()) {
      ports.put(each, each.defaultPort);
    }
    Set<String> tested =
        ServiceEnvironment.of(
                service,
                URI.create("http://jaeger:4318"),
                URI.create("http://jaeger:16686"),
                "all",
                ports,
                new Database(
                    "jdbc:postgresql://postgres:5432/orders", "orders", "orders", "postgresql"))
            .keySet();

    JsonNode environment = compose().path("services").path(service.serviceName).path("environment");

    assertThat(namesOf(environment)).isEqualTo(new TreeSet<>(tested));
    assertThat(environment.path("PORT").asText()).isEqualTo(String.valueOf(service.defaultPort));
    assertThat(environment.path("OTEL_SERVICE_NAME").asText()).isEqualTo(service.serviceName);
    assertThat(environment.path("OTEL_EXPORTER_OTLP_ENDPOINT").asText())
        .isEqualTo("http://jaeger:4318");
  }

  @Test
  void runsTheJaegerReleaseThatTheTestsBuildWithTheSameConfig() throws Exception {
    JsonNode jaeger = compose().path("services").path("jaeger");

    assertThat(jaeger.path("image").asText()).isEqualTo(imageVariable(Image.JAEGER));
    assertThat(jaeger.path("volumes").get(0).asText()).isEqualTo("./jaeger:/etc/jaeger:ro");
    assertThat(Files.readString(RepoFiles.installJaegerScript()))
        .contains("JAEGER_VERSION=" + JaegerProcess.VERSION);
  }

  @Test
  void keepsJaegersTracesOnANamedVolumeUnlessMemoryIsChosen() throws Exception {
    JsonNode compose = compose();
    JsonNode jaeger = compose.path("services").path("jaeger");

    List<String> command = new ArrayList<>();
    jaeger.path("command").forEach(argument -> command.add(argument.asText()));
    assertThat(command)
        .containsExactly(
            "--config=/etc/jaeger/config.yaml",
            "--config=/etc/jaeger/storage-${JAEGER_STORAGE:-badger}.yaml");
    for (String storage : List.of("badger", "memory")) {
      assertThat(RepoFiles.jaegerStorageConfig(storage)).isRegularFile();
    }
    // Badger's default folder lies on the named volume, which the image's user may write.
    assertThat(Files.readString(RepoFiles.jaegerStorageConfig("badger")))
        .contains("${env:JAEGER_DATA_DIR:-/tmp/jaeger}/keys")
        .contains("${env:JAEGER_DATA_DIR:-/tmp/jaeger}/values");
    assertThat(jaeger.path("volumes").get(1).asText()).isEqualTo("jaeger-data:/tmp");
    assertThat(compose.path("volumes").has("jaeger-data")).isTrue();
  }

  @Test
  void namesTheOfficialImagesUnlessTheirVariablesNameOthers() throws Exception {
    JsonNode services = compose().path("services");
    assertThat(services.path("postgres").path("image").asText())
        .isEqualTo(imageVariable(Image.POSTGRES));

    String dockerfile = Files.readString(RepoFiles.root().resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("ARG " + Image.MAVEN.variable + "=" + Image.MAVEN.official + "\n")
        .contains("FROM ${" + Image.MAVEN.variable + "} AS build\n")
        .contains("ARG " + Image.JRE.variable + "=" + Image.JRE.official + "\n")
        .contains("FROM ${" + Image.JRE.variable + "}\n");
    // Passed on only when set, so that the Dockerfile's defaults apply otherwise.
    for (String built : List.of("gateway-service", "auth-service", "order-service", "loadgen")) {
      JsonNode args = services.path(built).path("build").path("args");
      assertThat(args.has(Image.MAVEN.variable) && args.get(Image.MAVEN.variable).isNull())
          .as(built)
          .isTrue();
      assertThat(args.has(Image.JRE.variable) && args.get(Image.JRE.variable).isNull())
          .as(built)
          .isTrue();
    }
  }

  @Test
  void publishesTheApiAndTheJaegerUiOnLoopbackWhereTheUiLinksExpectThem() throws Exception {
    JsonNode services = compose().path("services");

    assertThat(services.path("gateway-service").path("ports").get(0).asText())
        .isEqualTo("127.0.0.1:8080:8080");
    assertThat(services.path("jaeger").path("ports").get(0).asText())
        .isEqualTo("127.0.0.1:16686:16686");
    assertThat(services.path("gateway-service").path("environment").path("JAEGER_UI_URL").asText())
        .isEqualTo("http://localhost:16686");
    JsonNode uiConfig = JSON.readTree(RepoFiles.jaegerUiConfig().toFile());
    List<String> links = new ArrayList<>();
    uiConfig.path("linkPatterns").forEach(link -> links.add(link.path("url").asText()));
    uiConfig.path("menu").forEach(item -> links.add(item.path("url").asText()));
    assertThat(links)
        .isNotEmpty()
        .allSatisfy(url -> assertThat(url).startsWith(JaegerUiConfig.PUBLISHED_DEMO_PAGE + "/"));
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void scaleOutSendsEachServicesSpansToACollector(Service service) throws Exception {
    JsonNode services = scaleOut().path("services");

    String endpoint =
        services
            .path(service.serviceName)
            .path("environment")
            .path("OTEL_EXPORTER_OTLP_ENDPOINT")
            .asText();

    assertThat(endpoint).matches("http://jaeger-collector-[12]:4318");
    String collector = URI.create(endpoint).getHost();
    assertThat(services.path(service.serviceName).path("depends_on").has(collector)).isTrue();
    // auth-service on the other collector: every trace crosses both.
    JsonNode gatewaysEndpoint =
        services.path("gateway-service").path("environment").path("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(endpoint.equals(gatewaysEndpoint.asText())).isEqualTo(service != Service.AUTH);
  }

  @Test
  void scaleOutTellsTheDemoPageThatTracesAreTailSampled() throws Exception {
    String variable = "TRACE_SAMPLING";
    assertThat(gatewayEnvironment(compose()).path(variable).asText()).isEqualTo("all");
    assertThat(gatewayEnvironment(scaleOut()).path(variable).asText()).isEqualTo("tail");
  }

  private static JsonNode gatewayEnvironment(JsonNode compose) {
    return compose.path("services").path("gateway-service").path("environment");
  }

  @Test
  void scaleOutRunsEachJaegerRoleWithItsConfigFromTheRepository() throws Exception {
    JsonNode services = scaleOut().path("services");
    Map<String, String> roles =
        Map.of(
            "jaeger-collector-1", "collector",
            "jaeger-ingester-1", "ingester",
            "jaeger", "storage");

    roles.forEach(
        (service, role) -> {
          assertThat(services.path(service).path("command").get(0).asText())
              .isEqualTo("--config=/etc/jaeger/" + role + ".yaml");
          assertThat(RepoFiles.jaegerRoleConfig(role)).isRegularFile();
        });
    for (String service : List.of("jaeger-collector-1", "jaeger-ingester-1")) {
      assertThat(services.path(service).path("image").asText())
          .isEqualTo(imageVariable(Image.JAEGER));
      assertThat(services.path(service).path("volumes").get(0).asText())
          .isEqualTo("./jaeger:/etc/jaeger:ro");
    }
    // The second of each is the first again.
    assertThat(services.path("jaeger-collector-2").path("extends").asText())
        .isEqualTo("jaeger-collector-1");
    assertThat(services.path("jaeger-ingester-2").path("extends").asText())
        .isEqualTo("jaeger-ingester-1");
    // The replicas too, in a consumer group of their own.
    JsonNode replica = services.path("jaeger-ingester-replica-1");
    assertThat(replica.path("extends").asText()).isEqualTo("jaeger-ingester-1");
    assertThat(replica.path("environment").path("KAFKA_CONSUMER_GROUP").asText())
        .isEqualTo(ScalePipeline.REPLICA_GROUP);
    assertThat(services.path("jaeger-ingester-replica-2").path("extends").asText())
        .isEqualTo("jaeger-ingester-replica-1");
    assertThat(services.path("jaeger-ingester-1").path("environment").has("KAFKA_CONSUMER_GROUP"))
        .as("the ingesters use ingester.yaml's group")
        .isFalse();
    // The storage node is the all-in-one's service: its port and volume (docker-compose.yml).
    assertThat(services.path("jaeger").has("image")).isFalse();
    assertThat(services.path("jaeger").has("volumes")).isFalse();
  }

  @Test
  void scaleOutRunsTheKafkaReleaseThatTheTestsRunWithTheTestsTopic() throws Exception {
    JsonNode services = scaleOut().path("services");

    assertThat(services.path("kafka").path("image").asText()).isEqualTo(imageVariable(Image.KAFKA));
    assertThat(services.path("kafka-topic").path("image").asText())
        .isEqualTo(imageVariable(Image.KAFKA));
    assertThat(Files.readString(RepoFiles.root().resolve("scripts/install-kafka.sh")))
        .contains("KAFKA_VERSION=" + KafkaProcess.VERSION);
    List<String> topicCommand = new ArrayList<>();
    services.path("kafka-topic").path("command").forEach(word -> topicCommand.add(word.asText()));
    assertThat(topicCommand)
        .contains(
            "--topic=" + ScalePipeline.TOPIC,
            "--partitions=" + ScalePipeline.PARTITIONS,
            "--if-not-exists");
    for (String service : List.of("jaeger-collector-1", "jaeger-ingester-1")) {
      JsonNode environment = services.path(service).path("environment");
      assertThat(environment.path("KAFKA_BROKERS").asText()).isEqualTo("kafka:9092");
      assertThat(environment.path("KAFKA_TOPIC").asText()).isEqualTo(ScalePipeline.TOPIC);
      assertThat(
              services
                  .path(service)
                  .path("depends_on")
                  .path("kafka-topic")
                  .path("condition")
                  .asText())
          .isEqualTo("service_completed_successfully");
    }
  }

  /**
   * The broker in compose has every setting of scripts/kafka/server.properties, the one the tests
   * and run-local.sh use, as the official image's KAFKA_* variables; those that name no address or
   * folder have the same values.
   */
  @Test
  void scaleOutsKafkaHasTheSettingsOfTheTestsKafka() throws Exception {
    JsonNode environment = scaleOut().path("services").path("kafka").path("environment");
    Properties tested = new Properties();
    try (Reader reader =
        Files.newBufferedReader(RepoFiles.root().resolve("scripts/kafka/server.properties"))) {
      tested.load(reader);
    }

    assertThat(tested).isNotEmpty();
    tested.forEach(
        (key, value) -> {
          String variable = "KAFKA_" + key.toString().toUpperCase(Locale.ROOT).replace('.', '_');
          assertThat(environment.has(variable)).as(variable).isTrue();
          if (!value.toString().matches(".*(_PORT|LOG_DIR|127\\.0\\.0\\.1).*")) {
            assertThat(environment.path(variable).asText()).as(variable).isEqualTo(value);
          }
        });
  }

  /** How compose names an image: its variable, the official image by default. */
  private static String imageVariable(Image image) {
    return "${" + image.variable + ":-" + image.official + "}";
  }

  private static JsonNode compose() throws Exception {
    return YAML.readTree(RepoFiles.composeFile().toFile());
  }

  private static JsonNode scaleOut() throws Exception {
    return YAML.readTree(RepoFiles.composeScaleFile().toFile());
  }

  private static Set<String> namesOf(JsonNode environment) {
    Set<String> names = new TreeSet<>();
    environment.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
