# syntax=docker/dockerfile:1
# One image recipe for every service; docker-compose.yml passes the module and its port:
#   docker build --build-arg SERVICE=application-service --build-arg SERVER_PORT=8081 -t satupintu/application-service .
# SERVICE is a module folder of the root pom (gateway, application-service, document-service, notification-service).
# Needs BuildKit (the default builder of current Docker and of `docker compose`) for the Maven cache mount.

ARG SERVICE=gateway

FROM maven:3.9-eclipse-temurin-21 AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The gateway serves the web client (module web), which the build makes with the system's Node and npm.
RUN if [ "${SERVICE}" = gateway ]; then \
      apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*; \
    fi
# The root pom's maven-toolchains-plugin (select-jdk-toolchain, [21,)) is satisfied by this image's own JDK 21,
# so no toolchains.xml is needed. The cache mount keeps ~/.m2 between builds of the four images.
RUN --mount=type=cache,target=/root/.m2 \
    test -f "${SERVICE}/pom.xml" || { echo "SERVICE='${SERVICE}' is not a module folder of this repository" >&2; exit 1; } ; \
    mvn -B -q -pl "${SERVICE}" -am -DskipTests package \
    && cp "${SERVICE}/target/${SERVICE}.jar" /tmp/app.jar

FROM eclipse-temurin:21-jre
ARG SERVICE
# The port the service listens on inside the container (and that the health check asks).
ARG SERVER_PORT=8080
LABEL org.opencontainers.image.title="satupintu-${SERVICE}"
# curl is the health check's client; the service runs as an unprivileged user.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends curl; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system satupintu; \
    useradd --system --gid satupintu --home-dir /app --no-create-home --shell /usr/sbin/nologin satupintu; \
    install -d -o satupintu -g satupintu -m 0700 /var/lib/satupintu/signing
WORKDIR /app
COPY --from=build /tmp/app.jar /app/app.jar
USER satupintu
# Profile docker binds 0.0.0.0 (the services default to 127.0.0.1).
ENV SPRING_PROFILES_ACTIVE=docker \
    SERVER_PORT=${SERVER_PORT}
EXPOSE ${SERVER_PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=12 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java","-XX:MaxRAMPercentage=75","-jar","/app/app.jar"]
