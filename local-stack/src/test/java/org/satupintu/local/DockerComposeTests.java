package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose files and the Dockerfile are kept honest by reading them: against the
 * modules' own application.yml, the root pom, the realm files and the design's local defaults. docker-compose.yml is
 * the production stack (its rules: only gateway and Keycloak published, Keycloak in production mode with the
 * production realm, MongoDB with login, Kafka with SASL, no secret in the file); docker-compose.dev.yml the demo
 * stack with the dev realm. What both must do is checked on both. Where the docker compose CLI (v2 plugin or v1) is
 * installed, it validates the files too.
 */
class DockerComposeTests {

    static final List<String> SERVICES = List.of("gateway", "application-service", "document-service",
            "notification-service");
    static final List<String> INFRASTRUCTURE = List.of("kafka", "mongo", "keycloak");
    static final Map<String, Integer> SERVICE_PORTS = Map.of("gateway", 8080, "application-service", 8081,
            "document-service", 8082, "notification-service", 8083);
    static final String ISSUER = "http://localhost:8180/realms/satupintu";
    static final String REALM_IMPORT_DIR = "/opt/keycloak/data/import";
    static final String PRODUCTION = "docker-compose.yml";
    static final String DEV = "docker-compose.dev.yml";
    /** Variables a Spring Boot service reads without naming them in its application.yml. */
    static final Set<String> READ_BY_EVERY_JVM_OR_BOOT_APP = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS");
    /** Variables Spring Boot's mail starter binds (spring.mail.username/password), for the modules that use it. */
    static final Set<String> READ_BY_THE_MAIL_STARTER = Set.of("SPRING_MAIL_USERNAME", "SPRING_MAIL_PASSWORD");
    /** host:port inside a value, e.g. kafka:9092, mongodb://mongo:27017/..., http://keycloak:8080/... */
    static final Pattern HOST_AND_PORT = Pattern.compile("(?<![A-Za-z0-9.-])([A-Za-z][A-Za-z0-9.-]*):(\\d+)");

    static Path root = repositoryRoot();
    static Map<String, Object> compose;
    static Map<String, Object> services;

    /** Reads one compose file into {@link #compose} and {@link #services} (the tests of a class run one by one). */
    static void load(String file) throws IOException {
        compose = map(loadYaml(root.resolve(file)), file);
        services = map(compose.get("services"), "services");
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void composeFileDefinesTheWholeStack(String file) throws Exception {
        load(file);
        assertThat(services).containsKeys(INFRASTRUCTURE.toArray(String[]::new))
                .containsKeys(SERVICES.toArray(String[]::new));
        for (String name : SERVICES) {
            assertThat(root.resolve(name).resolve("pom.xml")).as("module folder of service %s", name).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void infrastructureRunsOnTheOfficialImagesOfThePinnedVersions(String file) throws IOException {
        load(file);
        String rootPom = Files.readString(root.resolve("pom.xml"));
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + pomProperty(rootPom, "kafka.version"))
                .isEqualTo("apache/kafka:4.1.2");
        assertThat(image("keycloak")).isEqualTo("quay.io/keycloak/keycloak:" + pomProperty(rootPom, "keycloak.version"))
                .isEqualTo("quay.io/keycloak/keycloak:26.7.3");
        assertThat(image("mongo")).isEqualTo("mongo:8.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void everyServiceIsBuiltFromTheSharedDockerfileForItsOwnModule(String file) throws IOException {
        load(file);
        String rootPom = Files.readString(root.resolve("pom.xml"));
        for (String name : SERVICES) {
            Map<String, Object> build = map(service(name).get("build"), name + ".build");
            Path context = root.resolve(String.valueOf(build.getOrDefault("context", "."))).normalize();
            assertThat(context).as("%s build context", name).isEqualTo(root.normalize());
            Path dockerfile = context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))).normalize();
            assertThat(dockerfile).as("%s Dockerfile", name).isEqualTo(root.resolve("Dockerfile").normalize())
                    .isRegularFile();

            Map<String, String> args = keyValues(build.get("args"), name + ".build.args");
            String module = args.get("SERVICE");
            assertThat(module).as("%s build arg SERVICE", name).isEqualTo(name);
            assertThat(root.resolve(module).resolve("pom.xml")).as("module folder %s", module).isRegularFile();
            assertThat(rootPom).as("root pom lists module %s", module).contains("<module>" + module + "</module>");
            if (args.containsKey("SERVER_PORT")) {
                assertThat(args.get("SERVER_PORT")).as("%s image port matches its runtime port", name)
                        .isEqualTo(environment(name).get("SERVER_PORT"));
            }
        }
    }

    @Test
    void everyServiceJarLandsWhereTheDockerfileCopiesItFrom() throws IOException {
        // The Dockerfile copies ${SERVICE}/target/${SERVICE}.jar: finalName must be the artifactId, which must be the folder.
        assertThat(dockerfile()).contains("${SERVICE}/target/${SERVICE}.jar");
        for (String name : SERVICES) {
            String pom = Files.readString(root.resolve(name).resolve("pom.xml"));
            String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
            Matcher artifactId = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(withoutParent);
            assertThat(artifactId.find()).as("%s artifactId", name).isTrue();
            assertThat(artifactId.group(1)).as("%s artifactId", name).isEqualTo(name);
            assertThat(pom).as("%s finalName", name).contains("<finalName>${project.artifactId}</finalName>")
                    .contains("<artifactId>spring-boot-maven-plugin</artifactId>");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void everyContainerHasAHealthcheck(String file) throws Exception {
        load(file);
        for (String name : services.keySet()) {
            Map<String, Object> healthcheck = map(service(name).get("healthcheck"), name + ".healthcheck");
            assertThat(healthcheck.get("disable")).as("%s healthcheck disabled", name).isNotEqualTo(true);
            assertThat(healthcheckCommand(name)).as("%s healthcheck test", name).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void everyServiceIsHealthyWhenItsReadinessProbeAnswersOnItsOwnPort(String file) throws Exception {
        load(file);
        assertThat(dockerfile()).as("the runtime image installs the client the health checks use")
                .containsPattern("apt-get install[^\\n]*curl");
        for (String name : SERVICES) {
            String port = environment(name).get("SERVER_PORT");
            assertThat(port).as("%s SERVER_PORT", name).isEqualTo(String.valueOf(SERVICE_PORTS.get(name)));
            assertThat(healthcheckCommand(name)).as("%s healthcheck", name)
                    .contains("curl")
                    .contains("-f")
                    .contains("127.0.0.1:" + port + "/actuator/health/readiness");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void everyServiceWaitsForHealthyDependencies(String file) throws Exception {
        load(file);
        for (String name : SERVICES) {
            Map<String, String> dependsOn = dependsOn(name);
            Set<String> used = servicesReferencedByEnvironment(name);
            assertThat(used).as("%s uses other containers", name).isNotEmpty();
            assertThat(dependsOn).as("%s depends_on", name).containsKeys(used.toArray(String[]::new));
            dependsOn.forEach((dependency, condition) -> {
                assertThat(condition).as("%s waits for %s", name, dependency).isEqualTo("service_healthy");
                assertThat(services).as("%s depends on a defined service", name).containsKey(dependency);
                assertThat(service(dependency)).as("%s has a healthcheck to wait for", dependency)
                        .containsKey("healthcheck");
            });
        }
        for (String backend : List.of("application-service", "document-service", "notification-service")) {
            assertThat(dependsOn(backend)).as("%s depends_on", backend).containsKeys("mongo", "kafka", "keycloak");
        }
        assertThat(dependsOn("gateway")).containsKeys("keycloak", "application-service", "document-service",
                "notification-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void gatewayRoutesToTheServicesByTheirComposeNamesAndPorts(String file) throws Exception {
        load(file);
        Map<String, String> env = environment("gateway");
        assertThat(env).containsEntry("APPLICATION_SERVICE_URL", "http://application-service:8081")
                .containsEntry("DOCUMENT_SERVICE_URL", "http://document-service:8082")
                .containsEntry("NOTIFICATION_SERVICE_URL", "http://notification-service:8083")
                .containsKey("CORS_ALLOWED_ORIGINS");
        for (String backend : List.of("application-service", "document-service", "notification-service")) {
            String variable = backend.replace('-', '_').toUpperCase() + "_URL";
            assertThat(env.get(variable)).as(variable)
                    .isEqualTo("http://" + backend + ":" + environment(backend).get("SERVER_PORT"));
        }
    }

    @Test
    void hostReachesGatewayKeycloakKafkaAndMongoOnTheirLocalDefaultPorts() throws IOException {
        load(DEV);
        assertThat(publishedPorts("gateway")).containsEntry(8080, Integer.valueOf(environment("gateway").get("SERVER_PORT")));
        assertThat(publishedPorts("keycloak")).containsEntry(8180, 8080);
        assertThat(publishedPorts("kafka")).containsKey(9092);
        assertThat(publishedPorts("mongo")).containsEntry(27017, 27017);
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void everyEnvironmentVariableIsReadByItsModule(String file) throws IOException {
        load(file);
        for (String name : SERVICES) {
            Path yml = moduleConfig(name);
            String text = Files.readString(yml);
            Set<String> relaxedNames = relaxedEnvironmentNames(loadYamlDocuments(yml));
            boolean mail = Files.readString(root.resolve(name).resolve("pom.xml"))
                    .contains("<artifactId>spring-boot-starter-mail</artifactId>");
            for (String variable : environment(name).keySet()) {
                boolean read = READ_BY_EVERY_JVM_OR_BOOT_APP.contains(variable)
                        || (mail && READ_BY_THE_MAIL_STARTER.contains(variable))
                        || text.contains("${" + variable + ":") || text.contains("${" + variable + "}")
                        || relaxedNames.contains(variable);
                assertThat(read).as("%s sets %s, which %s never reads", name, variable, root.relativize(yml)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void everyServiceRunsWithTheDockerProfileItsConfigurationDefines(String file) throws IOException {
        load(file);
        for (String name : SERVICES) {
            String profiles = environment(name).getOrDefault("SPRING_PROFILES_ACTIVE", "");
            assertThat(Arrays.stream(profiles.split(",")).map(String::trim)).as("%s active profiles", name)
                    .contains("docker");
            Optional<Map<String, Object>> dockerProfile = loadYamlDocuments(moduleConfig(name)).stream()
                    .filter(document -> "docker".equals(path(document, "spring", "config", "activate", "on-profile")))
                    .findFirst();
            assertThat(dockerProfile).as("%s has a document with on-profile: docker", name).isPresent();
            assertThat(path(dockerProfile.get(), "server", "address")).as("%s binds every interface in Docker", name)
                    .isEqualTo("0.0.0.0");
        }
    }

    @Test
    void keycloakImportsTheRealmFileKeptInTheRepository() throws IOException {
        load(DEV);
        List<String> command = stringList(service("keycloak").get("command"));
        assertThat(command).as("keycloak command").contains("--import-realm");
        assertThat(command.getFirst()).isIn("start-dev", "start");

        Path importDir = bindMounts("keycloak").get(REALM_IMPORT_DIR);
        assertThat(importDir).as("a folder of the repository mounted on %s", REALM_IMPORT_DIR).isNotNull();
        assertThat(importDir.startsWith(root)).as("%s lies inside the repository", importDir).isTrue();
        assertThat(importDir).as("realm folder").isDirectory();
        Path realmFile = importDir.resolve("satupintu-realm.json");
        assertThat(realmFile).as("the dev realm (written alongside this stack)").isRegularFile();
        try (InputStream in = Files.newInputStream(realmFile)) {
            Map<String, Object> realm = map(new Yaml().load(in), realmFile.toString());
            assertThat(realm).containsEntry("realm", "satupintu");
        }

        Map<String, String> env = environment("keycloak");
        assertThat(env).containsEntry("KC_HEALTH_ENABLED", "true")
                .containsEntry("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .containsEntry("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        assertThat(healthcheckCommand("keycloak")).contains("9000").contains("/health/ready");
    }

    @Test
    void servicesExpectTheIssuerKeycloakPutsIntoTokens() throws IOException {
        load(DEV);
        String hostname = environment("keycloak").get("KC_HOSTNAME");
        assertThat(hostname + "/realms/satupintu").isEqualTo(ISSUER);
        URI hostnameUri = URI.create(hostname);
        assertThat(publishedPorts("keycloak")).as("Keycloak's hostname port is the one published on the host")
                .containsKey(hostnameUri.getPort());
        int containerPort = publishedPorts("keycloak").get(hostnameUri.getPort());
        for (String name : SERVICES) {
            Map<String, String> env = environment(name);
            assertThat(env.get("KEYCLOAK_ISSUER_URI")).as("%s issuer", name).isEqualTo(hostname + "/realms/satupintu");
            URI jwks = URI.create(env.get("KEYCLOAK_JWK_SET_URI"));
            assertThat(jwks.getHost()).as("%s fetches keys inside the network", name).isEqualTo("keycloak");
            assertThat(jwks.getPort()).as("%s JWK set port", name).isEqualTo(containerPort);
            assertThat(jwks.getPath()).isEqualTo("/realms/satupintu/protocol/openid-connect/certs");
        }
    }

    @Test
    void kafkaAdvertisesOneListenerToContainersAndOneToTheHost() throws IOException {
        load(DEV);
        Map<String, String> env = environment("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).as("KRaft single node").contains("broker").contains("controller");
        Map<String, URI> listeners = listeners(env.get("KAFKA_LISTENERS"));
        Map<String, URI> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));

        Map.Entry<String, URI> forContainers = advertised.entrySet().stream()
                .filter(e -> "kafka".equals(e.getValue().getHost())).findFirst().orElseThrow();
        assertThat(forContainers.getValue().getPort()).isEqualTo(9092);
        assertThat(listeners.get(forContainers.getKey()).getPort()).as("listener %s", forContainers.getKey())
                .isEqualTo(9092);

        Map.Entry<String, URI> forHost = advertised.entrySet().stream()
                .filter(e -> "localhost".equals(e.getValue().getHost())).findFirst().orElseThrow();
        assertThat(forHost.getValue().getPort()).isEqualTo(9092);
        Integer target = publishedPorts("kafka").get(9092);
        assertThat(listeners.get(forHost.getKey()).getPort()).as("host port 9092 reaches listener %s", forHost.getKey())
                .isEqualTo(target);

        for (String name : SERVICES) {
            if (environment(name).containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                assertThat(environment(name).get("KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
            }
        }
    }

    @Test
    void mongoRunsAsASingleNodeReplicaSetTheServicesJoin() throws IOException {
        load(DEV);
        List<String> command = stringList(service("mongo").get("command"));
        assertThat(command).containsSubsequence("--replSet", "rs0");
        assertThat(healthcheckCommand("mongo")).contains("rs.initiate").contains("rs0").contains("mongo:27017");
        for (String name : List.of("application-service", "document-service", "notification-service")) {
            URI uri = URI.create(environment(name).get("MONGODB_URI"));
            assertThat(uri.getScheme()).isEqualTo("mongodb");
            assertThat(uri.getHost()).as("%s MongoDB host", name).isEqualTo("mongo");
            assertThat(uri.getQuery()).as("%s MongoDB options", name).contains("replicaSet=rs0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void mongoAndKafkaKeepTheirDataInNamedVolumes(String file) throws Exception {
        load(file);
        Map<String, Object> volumes = map(compose.get("volumes"), "volumes");
        Map<String, String> kafka = namedVolumes("kafka");
        assertThat(kafka).containsKey(environment("kafka").get("KAFKA_LOG_DIRS"));
        assertThat(volumes).containsKeys(kafka.values().toArray(String[]::new));
        Map<String, String> mongo = namedVolumes("mongo");
        assertThat(mongo).containsKey("/data/db");
        assertThat(volumes).containsKeys(mongo.values().toArray(String[]::new));
    }

    @Test
    void dockerfileBuildsTheModuleAndRunsItsJarAsAnUnprivilegedUser() {
        String dockerfile = dockerfile();
        assertThat(dockerfile).contains("ARG SERVICE")
                .containsPattern("(?m)^FROM maven:3\\.9-eclipse-temurin-21 AS build$")
                .containsPattern("mvn -B -q -pl \"?\\$\\{SERVICE}\"? -am -DskipTests package")
                .containsPattern("(?m)^FROM eclipse-temurin:21-jre$")
                .containsPattern("(?m)^EXPOSE ")
                .containsPattern("(?m)^HEALTHCHECK .*")
                .contains("/actuator/health/readiness")
                .contains("ENTRYPOINT [\"java\",\"-XX:MaxRAMPercentage=75\",\"-jar\",\"/app/app.jar\"]");
        List<String> users = dockerfile.lines().map(String::trim).filter(line -> line.startsWith("USER "))
                .map(line -> line.substring(5).trim()).toList();
        assertThat(users).as("USER instructions").isNotEmpty();
        assertThat(users.getLast()).as("the user the service runs as").isNotIn("root", "0", "0:0", "root:root");
    }

    @Test
    void dockerBuildContextLeavesBuildOutputAndLocalStateOut() throws IOException {
        Set<String> ignored = Files.readAllLines(root.resolve(".dockerignore")).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.endsWith("/") ? line.substring(0, line.length() - 1) : line)
                .collect(Collectors.toSet());
        assertThat(ignored).contains(".git", "**/target").containsAnyOf(".local", "**/.local");
        for (String module : modules()) {
            assertThat(ignored).as("module %s is needed by the reactor", module).doesNotContain(module, module + "/**");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void dockerComposeAcceptsTheFile(String file) throws Exception {
        load(file);
        List<String> compose = composeCommand();
        assumeTrue(compose != null, "neither `docker compose` nor `docker-compose` is installed");
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", root.resolve(file).toString(), "config", "-q"));
        Result result = run(root, command);
        assertThat(result.exitCode()).as("%s said:%n%s", String.join(" ", command), result.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void kafkaRefusesAnonymousClientsAndEveryServiceIsItsOwnPrincipal(String file) throws IOException {
        load(file);
        Map<String, String> kafka = environment("kafka");
        assertThat(listeners(kafka.get("KAFKA_LISTENERS")).keySet()).allSatisfy(listener -> assertThat(
                kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).as("listener %s", listener)
                .contains(listener + ":SASL_PLAINTEXT"));
        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).doesNotContain(":PLAINTEXT");
        assertThat(stringList(service("kafka").get("entrypoint"))).contains("/opt/satupintu/kafka/start-broker.sh");
        assertThat(bindMounts("kafka")).containsEntry("/opt/satupintu/kafka", root.resolve("infra/kafka"));
        String script = Files.readString(root.resolve("infra/kafka/start-broker.sh"));
        assertThat(script).contains("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .contains("allow.everyone.if.no.acl.found=false").contains("super.users=User:admin")
                .contains("--add-scram").contains("/opt/satupintu/kafka/access.txt");
        for (String principal : KafkaAccess.SERVICE_PRINCIPALS) {
            String variable = "KAFKA_" + principal.toUpperCase().replace('-', '_') + "_PASSWORD";
            assertThat(kafka).as("kafka knows the password of %s", principal).containsKey(variable);
            assertThat(script).as("the start script creates the user %s", principal).contains(principal);
            Map<String, String> env = environment(principal);
            assertThat(env.get("KAFKA_USERNAME")).as("%s Kafka principal", principal).isEqualTo(principal);
            assertThat(env.get("KAFKA_PASSWORD")).as("%s Kafka password", principal).startsWith("${" + variable + ":?");
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).as(principal).isEqualTo(KafkaAccess.SECURITY_PROTOCOL);
            assertThat(env.get("KAFKA_SASL_MECHANISM")).as(principal).isEqualTo(KafkaAccess.SASL_MECHANISM);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {PRODUCTION, DEV})
    void noSecretIsWrittenInTheComposeFileItComesFromTheEnvironment(String file) throws Exception {
        load(file);
        for (String name : services.keySet()) {
            environment(name).forEach((variable, value) -> {
                if (variable.endsWith("PASSWORD") && !variable.startsWith("KC_BOOTSTRAP_ADMIN")) {
                    assertThat(value).as("%s %s", name, variable).matches("\\$\\{[A-Z_]+:\\?[^}]*}");
                }
            });
        }
    }

    // ---- the production file's own rules ----

    /** ${NAME:?message} or ${NAME:-default}: a value compose takes from .env. */
    static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[?-][^}]*)?}");

    /** ${NAME:?message} -> ${NAME}: the same value from .env, whatever compose would say when it is missing. */
    static String withoutMessages(String value) {
        return INTERPOLATION.matcher(value).replaceAll(m -> Matcher.quoteReplacement("${" + m.group(1) + "}"));
    }

    @Test
    void inProductionOnlyTheGatewayAndKeycloakArePublishedOnTheBindAddress() throws IOException {
        load(PRODUCTION);
        for (String name : services.keySet()) {
            List<String> ports = stringList(service(name).get("ports"));
            if (name.equals("gateway") || name.equals("keycloak")) {
                assertThat(ports).as("%s ports", name).singleElement().asString()
                        .startsWith("${SATUPINTU_BIND_ADDRESS:-127.0.0.1}:");
            }
            else {
                assertThat(ports).as("%s is reached only inside the compose network", name).isEmpty();
                assertThat(service(name)).as(name).doesNotContainKey("network_mode");
            }
        }
        assertThat(publishedPorts("gateway")).containsEntry(8080, 8080);
        assertThat(publishedPorts("keycloak")).containsEntry(8180, 8080);
        assertThat(services).doesNotContainKey("greenmail");
    }

    @Test
    void inProductionKeycloakRunsInProductionModeBehindTheProxyOnItsOwnDatabase() throws IOException {
        load(PRODUCTION);
        assertThat(stringList(service("keycloak").get("command"))).containsExactly("start", "--import-realm");
        assertThat(Files.readString(root.resolve(PRODUCTION))).doesNotContain("start-dev");
        Map<String, String> env = environment("keycloak");
        assertThat(env.get("KC_HOSTNAME")).startsWith("${KEYCLOAK_PUBLIC_URL:?");
        assertThat(env).containsEntry("KC_PROXY_HEADERS", "xforwarded").containsEntry("KC_DB", "postgres")
                .containsEntry("KC_HEALTH_ENABLED", "true");
        assertThat(env.get("KC_DB_URL")).contains("//keycloak-db:5432/");
        assertThat(dependsOn("keycloak")).containsEntry("keycloak-db", "service_healthy");
        for (String name : SERVICES) {
            assertThat(withoutMessages(environment(name).get("KEYCLOAK_ISSUER_URI"))).as("%s issuer", name)
                    .isEqualTo(withoutMessages(env.get("KC_HOSTNAME")) + "/realms/satupintu");
        }
        assertThat(bindMounts("keycloak")).containsEntry(REALM_IMPORT_DIR, root.resolve("infra/keycloak/production"));
    }

    /**
     * The realm docker-compose.yml imports: no demo users, no known secrets (a service client's secret is a
     * placeholder Keycloak fills from its environment), brute-force protection, no password grant. (deploy/k8s
     * KeycloakResourcesTests checks that it is exactly the dev realm made for production.)
     */
    @Test
    @SuppressWarnings("unchecked")
    void inProductionTheRealmHasNoDemoUsersNoKnownSecretsNoPasswordGrantAndBruteForceProtection() throws IOException {
        load(PRODUCTION);
        Path importDir = bindMounts("keycloak").get(REALM_IMPORT_DIR);
        List<Path> files;
        try (var list = Files.list(importDir)) {
            files = list.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(files).as("realm files in %s", importDir).singleElement().asString().endsWith("satupintu-realm.json");
        String text = Files.readString(files.getFirst());
        Map<String, Object> realm = map(new Yaml().load(text), "production realm");
        assertThat(realm).containsEntry("realm", "satupintu").containsEntry("bruteForceProtected", true)
                .containsEntry("sslRequired", "external");
        for (Object user : (List<Object>) realm.getOrDefault("users", List.of())) {
            Map<String, Object> u = map(user, "user");
            assertThat(u).as("only service accounts, nobody logs in").containsKey("serviceAccountClientId")
                    .doesNotContainKey("credentials");
        }
        Map<String, String> keycloakEnv = environment("keycloak");
        for (Object c : (List<Object>) realm.get("clients")) {
            Map<String, Object> client = map(c, "client");
            assertThat(client.get("directAccessGrantsEnabled")).as("%s password grant", client.get("clientId"))
                    .isEqualTo(false);
            if (client.containsKey("secret")) {
                Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(
                        String.valueOf(client.get("secret")));
                assertThat(placeholder.matches()).as("%s secret is a placeholder", client.get("clientId")).isTrue();
                assertThat(keycloakEnv.get(placeholder.group(1))).as("Keycloak gets %s from .env", placeholder.group(1))
                        .matches("\\$\\{[A-Z_]+:\\?[^}]*}");
            }
        }
        assertThat(text).doesNotContain("dev-secret", "localhost", "\"ani\"");
        assertThat(text).contains("${SATUPINTU_PUBLIC_URL}");
        assertThat(keycloakEnv).containsKey("SATUPINTU_PUBLIC_URL");
    }

    @Test
    void inProductionMongoDbRequiresALoginAndEachServiceHasItsOwnUserAndDatabase() throws IOException {
        load(PRODUCTION);
        assertThat(stringList(service("mongo").get("command"))).contains("--auth");
        Map<String, String> mongo = environment("mongo");
        assertThat(mongo.get("MONGO_INITDB_ROOT_PASSWORD")).matches("\\$\\{[A-Z_]+:\\?[^}]*}");
        assertThat(bindMounts("mongo")).containsEntry("/docker-entrypoint-initdb.d", root.resolve("infra/mongo"));
        String script = Files.readString(root.resolve("infra/mongo/create-service-users.js"));
        for (String name : List.of("application-service", "document-service", "notification-service")) {
            Map<String, String> env = environment(name);
            String database = env.get("MONGODB_DATABASE");
            URI uri = URI.create(env.get("MONGODB_URI").replaceAll("\\$\\{[^}]*}", "PASSWORD"));
            assertThat(uri.getUserInfo()).as("%s logs in as itself", name).isEqualTo(name + ":PASSWORD");
            assertThat(uri.getPath()).isEqualTo("/" + database);
            assertThat(uri.getQuery()).contains("authSource=" + database);
            Matcher password = INTERPOLATION.matcher(env.get("MONGODB_URI"));
            assertThat(password.find()).isTrue();
            assertThat(mongo).as("mongo creates %s with the same password", name)
                    .containsEntry(password.group(1), env.get("MONGODB_URI").substring(password.start(), password.end()));
            assertThat(script).contains("user: '" + name + "', db: '" + database + "'")
                    .contains("process.env." + password.group(1));
        }
    }

    @Test
    void inProductionDocumentServiceSignsWithTheOfficesKeystoreAndConfirmsWithItsOwnClient() throws IOException {
        load(PRODUCTION);
        Map<String, String> env = environment("document-service");
        assertThat(env.get("SPRING_PROFILES_ACTIVE")).as("no dev profile: no generated key").isEqualTo("docker");
        assertThat(mounts("document-service")).containsEntry("/etc/satupintu/signing",
                "${SIGNING_KEYSTORE_DIR:?see .env.example}");
        assertThat(env.get("SIGNING_KEYSTORE_PATH")).startsWith("/etc/satupintu/signing/");
        assertThat(env.get("SIGNING_KEYSTORE_PASSWORD_FILE")).startsWith("/etc/satupintu/signing/");
        assertThat(env).containsEntry("SERVICE_CLIENT_ID", "document-service")
                .containsEntry("KEYCLOAK_TOKEN_URI", "http://keycloak:8080/realms/satupintu/protocol/openid-connect/token");
        // The secret Keycloak puts on the client at import is the one document-service presents.
        assertThat(env.get("SERVICE_CLIENT_SECRET")).startsWith("${DOCUMENT_SERVICE_CLIENT_SECRET:?")
                .isEqualTo(environment("keycloak").get("SATUPINTU_DOCUMENT_SERVICE_CLIENT_SECRET"));
    }

    /** Every value compose takes from the environment is named in .env.example, and .env is never committed. */
    @Test
    void inProductionEverySecretComesFromAnEnvFileThatIsNotCommitted() throws IOException {
        String file = Files.readString(root.resolve(PRODUCTION));
        Set<String> used = new LinkedHashSet<>();
        Matcher m = INTERPOLATION.matcher(file);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("KEYCLOAK_ADMIN_PASSWORD", "MONGO_ROOT_PASSWORD", "KAFKA_ADMIN_PASSWORD",
                "DOCUMENT_SERVICE_CLIENT_SECRET");
        Set<String> listed = Files.readAllLines(root.resolve(".env.example")).stream()
                .filter(line -> line.matches("#? ?[A-Z][A-Z0-9_]*=.*")).map(line -> line.replaceFirst("^# ?", ""))
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toSet());
        assertThat(listed).as(".env.example names every variable of " + PRODUCTION).containsAll(used);
        assertThat(Files.readAllLines(root.resolve(".env.example"))).as("the example carries no value for a secret")
                .filteredOn(line -> line.matches("[A-Z_]*(PASSWORD|SECRET)=.*")).allMatch(line -> line.endsWith("="));
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
        // No literal secret in the file: a variable that names a password or secret takes its value from .env.
        load(PRODUCTION);
        for (String name : services.keySet()) {
            environment(name).forEach((variable, value) -> {
                if ((variable.contains("PASSWORD") || variable.contains("SECRET")) && !variable.endsWith("_FILE")) {
                    assertThat(value).as("%s %s", name, variable).matches("\\$\\{[A-Z_]+:\\?[^}]*}");
                }
            });
        }
    }

    // ---- compose file access ----

    static Map<String, Object> service(String name) {
        return map(services.get(name), "services." + name);
    }

    static String image(String name) {
        return String.valueOf(service(name).get("image"));
    }

    static Map<String, String> environment(String name) {
        return keyValues(service(name).get("environment"), name + ".environment");
    }

    /** depends_on as dependency -> condition; the short (list) form means service_started. */
    static Map<String, String> dependsOn(String name) {
        Object dependsOn = service(name).get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> list) {
            list.forEach(dependency -> conditions.put(String.valueOf(dependency), "service_started"));
        }
        else if (dependsOn instanceof Map<?, ?> map) {
            map.forEach((dependency, options) -> conditions.put(String.valueOf(dependency),
                    options instanceof Map<?, ?> o ? String.valueOf(o.get("condition")) : "service_started"));
        }
        return conditions;
    }

    static String healthcheckCommand(String name) {
        Object test = map(service(name).get("healthcheck"), name + ".healthcheck").get("test");
        return test instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(" "))
                : String.valueOf(test);
    }

    /** Other containers this one reaches, read off host:port pairs in its environment. */
    static Set<String> servicesReferencedByEnvironment(String name) {
        Set<String> used = new LinkedHashSet<>();
        for (String value : environment(name).values()) {
            Matcher matcher = HOST_AND_PORT.matcher(value);
            while (matcher.find()) {
                if (services.containsKey(matcher.group(1)) && !matcher.group(1).equals(name)) {
                    used.add(matcher.group(1));
                }
            }
        }
        return used;
    }

    /** Published ports as host port -> container port. */
    static Map<Integer, Integer> publishedPorts(String name) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        Object declared = service(name).get("ports");
        if (declared instanceof List<?> list) {
            for (Object port : list) {
                if (port instanceof Map<?, ?> longSyntax) {
                    ports.put(Integer.valueOf(String.valueOf(longSyntax.get("published"))),
                            Integer.valueOf(String.valueOf(longSyntax.get("target"))));
                }
                else {
                    String[] parts = String.valueOf(port).replaceFirst("/(tcp|udp)$", "").split(":");
                    assertThat(parts.length).as("%s port %s names host and container ports", name, port)
                            .isGreaterThanOrEqualTo(2);
                    ports.put(Integer.valueOf(parts[parts.length - 2]), Integer.valueOf(parts[parts.length - 1]));
                }
            }
        }
        return ports;
    }

    /** Volume mounts as container path -> source string (short or long syntax). */
    static Map<String, String> mounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        Object declared = service(name).get("volumes");
        if (declared instanceof List<?> list) {
            for (Object volume : list) {
                if (volume instanceof Map<?, ?> longSyntax) {
                    mounts.put(String.valueOf(longSyntax.get("target")), String.valueOf(longSyntax.get("source")));
                }
                else {
                    // source:target[:mode], where the source may be a ${VAR:?message} with colons of its own.
                    String[] parts = String.valueOf(volume).split(":(?![^{]*})");
                    if (parts.length >= 2) {
                        mounts.put(parts[1], parts[0]);
                    }
                }
            }
        }
        return mounts;
    }

    static Map<String, Path> bindMounts(String name) {
        Map<String, Path> binds = new LinkedHashMap<>();
        mounts(name).forEach((target, source) -> {
            if (source.startsWith(".") || source.startsWith("/")) {
                binds.put(target, root.resolve(source).normalize());
            }
        });
        return binds;
    }

    static Map<String, String> namedVolumes(String name) {
        Map<String, String> named = new LinkedHashMap<>();
        mounts(name).forEach((target, source) -> {
            if (!source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~")) {
                named.put(target, source);
            }
        });
        return named;
    }

    /** KAFKA_LISTENERS-style lists (NAME://host:port,...) as name -> URI. */
    static Map<String, URI> listeners(String value) {
        Map<String, URI> listeners = new LinkedHashMap<>();
        for (String listener : value.split(",")) {
            String trimmed = listener.trim();
            String listenerName = trimmed.substring(0, trimmed.indexOf("://"));
            String address = trimmed.substring(trimmed.indexOf("://") + 3);
            listeners.put(listenerName, URI.create("kafka://" + (address.startsWith(":") ? "0.0.0.0" + address : address)));
        }
        return listeners;
    }

    // ---- the repository ----

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(PRODUCTION))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + PRODUCTION + " above " + Path.of("").toAbsolutePath());
    }

    static Path moduleConfig(String module) {
        return root.resolve(module).resolve("src/main/resources/application.yml");
    }

    static String dockerfile() {
        try {
            return Files.readString(root.resolve("Dockerfile"));
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot read the Dockerfile", ex);
        }
    }

    static List<String> modules() throws IOException {
        Matcher matcher = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (matcher.find()) {
            modules.add(matcher.group(1));
        }
        return modules;
    }

    static String pomProperty(String pom, String property) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
        assertThat(matcher.find()).as("root pom property %s", property).isTrue();
        return matcher.group(1).trim();
    }

    /**
     * The environment variable names that Spring Boot's relaxed binding maps onto the properties an application.yml
     * sets (server.max-http-request-header-size -> SERVER_MAXHTTPREQUESTHEADERSIZE).
     */
    static Set<String> relaxedEnvironmentNames(List<Map<String, Object>> documents) {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> document : documents) {
            collectProperties("", document, names);
        }
        return names.stream().map(property -> property.replace(".", "_").replace("-", "").replace("[", "_")
                .replace("]", "").toUpperCase()).collect(Collectors.toSet());
    }

    static void collectProperties(String prefix, Object value, Set<String> properties) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> collectProperties(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key,
                    child, properties));
        }
        else if (value instanceof List<?> list) {
            properties.add(prefix);
            for (int i = 0; i < list.size(); i++) {
                collectProperties(prefix + "[" + i + "]", list.get(i), properties);
            }
        }
        else if (!prefix.isEmpty()) {
            properties.add(prefix);
        }
    }

    static Object path(Map<String, Object> document, String... keys) {
        Object current = document;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    // ---- YAML ----

    static Object loadYaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loadYamlDocuments(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            if (document instanceof Map<?, ?>) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<String> stringList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value).trim().split("\\s+"));
    }

    /** Compose's two spellings of environment and build args: a map, or a list of KEY=VALUE. */
    static Map<String, String> keyValues(Object value, String what) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, v) -> result.put(String.valueOf(key), v == null ? null : String.valueOf(v)));
        }
        else if (value instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                result.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            }
        }
        else {
            assertThat(value).as(what).isNull();
        }
        return result;
    }

    // ---- the docker compose CLI, where installed ----

    static List<String> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (run(root, version).exitCode() == 0) {
                    return candidate;
                }
            }
            catch (IOException | InterruptedException ex) {
                // not installed
            }
        }
        return null;
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("docker-compose-tests", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, Files.readString(output) + "\n(timed out)");
            }
            return new Result(process.exitValue(), Files.readString(output));
        }
        finally {
            Files.deleteIfExists(output);
        }
    }
}
