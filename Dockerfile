# One image for every runnable jar of the project: cart-stream, order-stream and shopctl.
#   docker build -t shop-streams .
#   docker run shop-streams /app/cart-stream.jar        (the default)
#   docker run shop-streams /app/shopctl.jar --help

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that a source change does not download the world again.
COPY pom.xml ./
COPY events-schema/pom.xml events-schema/
COPY embedded-kafka/pom.xml embedded-kafka/
COPY topics/pom.xml topics/
COPY service-common/pom.xml service-common/
COPY cart-stream/pom.xml cart-stream/
COPY order-stream/pom.xml order-stream/
COPY shopctl/pom.xml shopctl/
COPY system-tests/pom.xml system-tests/
RUN mvn -B -q -pl shopctl -am dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -q -DskipTests -pl cart-stream,order-stream,shopctl -am package \
    && cp cart-stream/target/cart-stream-*-all.jar /cart-stream.jar \
    && cp order-stream/target/order-stream-*-all.jar /order-stream.jar \
    && cp shopctl/target/shopctl-*-all.jar /shopctl.jar

FROM eclipse-temurin:17-jre
# curl serves the health checks (GET /ready).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app shop \
    && mkdir -p /var/lib/shop && chown shop /var/lib/shop
WORKDIR /app
COPY --from=build /cart-stream.jar /order-stream.jar /shopctl.jar /app/
USER shop
ENV HTTP_HOST=0.0.0.0 \
    STATE_DIR=/var/lib/shop \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
VOLUME /var/lib/shop
ENTRYPOINT ["java", "-jar"]
CMD ["/app/cart-stream.jar"]
