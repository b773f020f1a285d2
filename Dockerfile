# kroute's runnable image: built with Maven, run on a JRE. docker-compose.yml uses it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas schemas
COPY inference inference
COPY topology topology
COPY app app
COPY tests tests
COPY bench bench
COPY weights weights
RUN mvn -B -q -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/kroute kroute && mkdir -p /var/lib/kroute && chown kroute /var/lib/kroute
COPY --from=build /src/app/target/kroute.jar /opt/kroute/kroute.jar
COPY weights/default.json weights/prompts.jsonl /opt/kroute/weights/
ENV KROUTE_HOME=/opt/kroute \
    KROUTE_DATA_DIR=/var/lib/kroute
USER kroute
WORKDIR /var/lib/kroute
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/kroute/kroute.jar"]
CMD ["run"]
