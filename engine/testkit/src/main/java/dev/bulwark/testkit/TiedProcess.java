package dev.bulwark.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server process whose life is tied to this JVM: a small shell wrapper starts it in its own
 * process group and kills that group as soon as the wrapper's stdin closes, which happens when this
 * JVM exits for any reason, even {@code kill -9}. The wrapper itself ends when the server does, so
 * a failed start is seen at once. Only that process group is ever signalled.
 */
final class TiedProcess {

  /**
   * The watcher reads stdin through fd 3 because sh gives background jobs /dev/null as stdin;
   * dash's {@code kill} takes {@code -PGID} but not {@code --}.
   */
  private static final String WRAPPER =
      "exec 3<&0; setsid \"$@\" & server=$!;"
          + " (cat <&3 >/dev/null; kill -TERM -$server 2>/dev/null;"
          + "  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do"
          + "    kill -0 -$server 2>/dev/null || exit 0; sleep 1; done;"
          + "  kill -KILL -$server 2>/dev/null) &"
          + " wait $server";

  private final Process wrapper;
  private final Path log;

  private TiedProcess(Process wrapper, Path log) {
    this.wrapper = wrapper;
    this.log = log;
  }

  static TiedProcess start(
      List<String> command, Path directory, Map<String, String> env, Path log) {
    List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "tied-process"));
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    try {
      TiedProcess process = new TiedProcess(builder.start(), log);
      Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "stop-" + command.get(0)));
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  boolean isAlive() {
    return wrapper.isAlive();
  }

  /** Closing the wrapper's stdin makes it stop the server; then wait for it to finish doing so. */
  void stop() {
    try {
      wrapper.getOutputStream().close();
      if (!wrapper.waitFor(30, TimeUnit.SECONDS)) {
        wrapper.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly();
      }
    } catch (IOException e) {
      wrapper.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
