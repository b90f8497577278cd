# syntax=docker/dockerfile:1
# barfill: one image for every role (`barfill api|planner|fetcher|sink|simulator ...`).
# Stage 1 builds the thin jar and its lib/ with Maven (.mvn/maven.config applies the project's
# settings); stage 2 is a plain JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn .mvn
COPY pom.xml ./
COPY core/pom.xml core/
COPY chunk-planner/pom.xml chunk-planner/
COPY fetcher/pom.xml fetcher/
COPY sink/pom.xml sink/
COPY ingest-api/pom.xml ingest-api/
COPY app/pom.xml app/
COPY core/src core/src
COPY chunk-planner/src chunk-planner/src
COPY fetcher/src fetcher/src
COPY sink/src sink/src
COPY ingest-api/src ingest-api/src
COPY app/src app/src
# The benchmark module is not copied: build the app and what it needs.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/barfill --create-home barfill
WORKDIR /opt/barfill
COPY --from=build /src/app/target/lib lib
COPY --from=build /src/app/target/barfill.jar barfill.jar
COPY docker/barfill.properties /etc/barfill/barfill.properties
USER barfill
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# The planner's RocksDB state; rebuilt from its changelog topics when the volume is new.
ENV BARFILL_PLANNER_STATE_DIR=/var/lib/barfill/state
ENTRYPOINT ["java", "-cp", "/opt/barfill/barfill.jar:/opt/barfill/lib/*", "dev.barfill.app.Main"]
CMD ["--help"]
