package dev.bulwark.app.integration.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Elasticsearch 8.19 node from the Maven Central test distribution (unpacked by the build
 * into {@code target/elasticsearch}), one per test JVM. It runs under a small shell wrapper that
 * stops the node when its stdin closes, so the node dies with the JVM even on {@code kill -9}. As
 * root it runs as {@code nobody}, because Elasticsearch refuses to run as root.
 */
public final class ElasticsearchNode {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static ElasticsearchNode shared;

  private final Path home;
  private final Path work;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process wrapper;
  private int port;

  private ElasticsearchNode(Path home, Path work) {
    this.home = home;
    this.work = work;
  }

  /** The node of this JVM, started on first use. */
  public static synchronized ElasticsearchNode shared() {
    if (shared == null) {
      try {
        Path work = Files.createTempDirectory("bulwark-es-");
        Path home = distribution();
        if ("root".equals(System.getProperty("user.name"))) {
          // The node runs as nobody, who may not enter the build directory (a checkout under a
          // private folder, as mktemp -d makes): give it its own copy beside its data.
          Path copy = work.resolve("home");
          run(List.of("cp", "-a", home.toString(), copy.toString()));
          home = copy;
        }
        shared = new ElasticsearchNode(home, work);
        shared.start(0);
        Runtime.getRuntime()
            .addShutdownHook(new Thread(shared::stopAndDelete, "stop-elasticsearch"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the node by its PID and waits until it is gone; the data stays for a restart. */
  public synchronized void stop() {
    if (wrapper == null) {
      return;
    }
    try {
      wrapper.getOutputStream().close();
      if (!wrapper.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly();
      }
    } catch (IOException e) {
      wrapper.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    wrapper = null;
  }

  /** Stops the node and removes its data, logs and configuration copy. */
  private void stopAndDelete() {
    stop();
    try (Stream<Path> paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temp directory: the OS cleans it up eventually.
    }
  }

  /** Starts the node again on the port it had, so clients configured with its address reconnect. */
  public synchronized void restart() {
    stop();
    start(port);
  }

  private void start(int httpPort) {
    try {
      Path config = work.resolve("config");
      if (!Files.exists(config)) {
        copyTree(home.resolve("config"), config);
      }
      for (String dir : List.of("data", "logs", "tmp")) {
        Files.createDirectories(work.resolve(dir));
      }
      Path portsFile = work.resolve("logs").resolve("http.ports");
      Files.deleteIfExists(portsFile);
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        run(List.of("chown", "-R", "65534:65534", work.toString()));
      }
      List<String> command = new ArrayList<>();
      if (root) {
        command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
      }
      String es =
          String.join(
              " ",
              home.resolve("bin/elasticsearch").toString(),
              "-E discovery.type=single-node",
              "-E network.host=127.0.0.1",
              "-E http.port=" + httpPort,
              "-E transport.port=0",
              "-E node.portsfile=true",
              "-E path.data=" + work.resolve("data"),
              "-E path.logs=" + work.resolve("logs"),
              "-E xpack.security.enabled=false",
              "-E cluster.routing.allocation.disk.threshold_enabled=false",
              "-E action.destructive_requires_name=false");
      // The wrapper stops the node when the JVM closes its stdin, on purpose or by dying.
      command.addAll(
          List.of(
              "/bin/sh",
              "-c",
              es
                  + " > "
                  + work.resolve("logs/console.log")
                  + " 2>&1 & node=$!; read _ignored; kill $node; wait $node"));
      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      env.put("ES_JAVA_HOME", System.getProperty("java.home"));
      env.put("ES_PATH_CONF", config.toString());
      env.put("ES_TMPDIR", work.resolve("tmp").toString());
      env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m -XX:TieredStopAtLevel=1 -XX:-AlwaysPreTouch");
      builder.redirectErrorStream(true);
      builder.redirectOutput(work.resolve("wrapper.log").toFile());
      wrapper = builder.start();
      port = awaitPort(portsFile);
      awaitGreen();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int awaitPort(Path portsFile) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!wrapper.isAlive()) {
        throw new IllegalStateException("Elasticsearch exited early; see " + work.resolve("logs"));
      }
      if (Files.exists(portsFile)) {
        List<String> lines = Files.readAllLines(portsFile);
        if (!lines.isEmpty()) {
          String address = lines.get(0).trim();
          return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        }
      }
      pause();
    }
    throw new IllegalStateException("Elasticsearch did not open its HTTP port; see " + work);
  }

  private void awaitGreen() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            uri()
                                + "/_cluster/health?wait_for_status=yellow&wait_for_no_initializing_shards=true&timeout=5s"))
                    .build(),
                BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new IllegalStateException("Elasticsearch did not become healthy; see " + work);
  }

  /** Sends a request to the node, as curl would; for seeding and checking in tests. */
  public String request(String method, String path, String body) {
    try {
      var request =
          HttpRequest.newBuilder(URI.create(uri() + path))
              .header(
                  "Content-Type",
                  path.contains("_bulk") ? "application/x-ndjson" : "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      var response = http.send(request, BodyHandlers.ofString());
      if (response.statusCode() >= 300 && response.statusCode() != 404) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path distribution() throws IOException {
    Path unpacked = Paths.get("target", "elasticsearch");
    try (Stream<Path> children = Files.list(unpacked)) {
      return children
          .filter(path -> path.getFileName().toString().startsWith("elasticsearch-"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no Elasticsearch distribution under "
                          + unpacked.toAbsolutePath()
                          + "; the build unpacks it in generate-test-resources"))
          .toAbsolutePath();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void run(List<String> command) throws IOException {
    try {
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(command + " exited with " + exit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
