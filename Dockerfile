# syntax=docker/dockerfile:1
# barfill: one image for every role (`barfill api|planner|fetcher|sink|simulator ...`).
# Stage 1 builds the thin jar and its lib/ with Maven (.mvn/maven.config applies the project's
# settings); stage 2 is a plain JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn .mvn
COPY pom.xml ./
COPY core/pom.xml core/
COPY store/pom.xml store/
COPY chunk-planner/pom.xml chunk-planner/
COPY fetcher/pom.xml fetcher/
COPY sink/pom.xml sink/
COPY ingest-api/pom.xml ingest-api/
COPY app/pom.xml app/
# Maven refuses a listed module whose pom is missing: every <module> of the root pom is copied
# (DockerfileTest keeps this list in step with the root pom).
COPY bench/pom.xml bench/
COPY core/src core/src
COPY store/src store/src
COPY chunk-planner/src chunk-planner/src
COPY fetcher/src fetcher/src
COPY sink/src sink/src
COPY ingest-api/src ingest-api/src
COPY app/src app/src
# The benchmark module's sources are not needed: build the app and what it needs.
# -DskipTests, not -Dmaven.test.skip: the test-jars of core and store, which other modules' tests
# use, are made of compiled test classes.
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
# The jar's manifest puts lib/ on the class path: the image runs exactly `java -jar barfill.jar ROLE`.
ENTRYPOINT ["java", "-jar", "/opt/barfill/barfill.jar"]
CMD ["--help"]
