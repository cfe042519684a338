package dev.bulwark.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the engine spent its CPU during a JFR recording: execution samples grouped by thread (HTTP
 * intake vs. the journal worker), by library (the first non-JDK frame from the top of the stack:
 * H2, Jackson, Drools, Camunda, ...), and by the Bulwark methods on the stack (inclusive).
 */
public final class JfrSummary {

  private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("org.h2.", "H2 database");
    LIBRARIES.put("com.fasterxml.jackson.", "Jackson (JSON)");
    LIBRARIES.put("org.drools.", "Drools");
    LIBRARIES.put("org.kie.", "Drools");
    LIBRARIES.put("org.mvel2.", "Drools");
    LIBRARIES.put("org.camunda.", "Camunda (incl. MyBatis)");
    LIBRARIES.put("org.apache.ibatis.", "Camunda (incl. MyBatis)");
    LIBRARIES.put("org.apache.tomcat.", "Tomcat / HTTP");
    LIBRARIES.put("org.apache.coyote.", "Tomcat / HTTP");
    LIBRARIES.put("org.apache.catalina.", "Tomcat / HTTP");
    LIBRARIES.put("org.springframework.", "Spring (MVC, JDBC, tx)");
    LIBRARIES.put("com.zaxxer.hikari.", "HikariCP");
    LIBRARIES.put("io.micrometer.", "Micrometer / Prometheus");
    LIBRARIES.put("io.prometheus.", "Micrometer / Prometheus");
    LIBRARIES.put("org.apache.camel.", "Camel");
    LIBRARIES.put("ch.qos.logback.", "Logging");
    LIBRARIES.put("org.slf4j.", "Logging");
    LIBRARIES.put("dev.bulwark.", "Bulwark code itself");
  }

  final int samples;
  final Map<String, Integer> byThread;
  final Map<String, Integer> byLibrary;
  final Map<String, Integer> byBulwarkMethod;
  final Map<String, Integer> byTopFrame;
  final Duration appendLockWait;
  final Duration gcPauses;

  private JfrSummary(
      int samples,
      Map<String, Integer> byThread,
      Map<String, Integer> byLibrary,
      Map<String, Integer> byBulwarkMethod,
      Map<String, Integer> byTopFrame,
      Duration appendLockWait,
      Duration gcPauses) {
    this.samples = samples;
    this.byThread = byThread;
    this.byLibrary = byLibrary;
    this.byBulwarkMethod = byBulwarkMethod;
    this.byTopFrame = byTopFrame;
    this.appendLockWait = appendLockWait;
    this.gcPauses = gcPauses;
  }

  /** Summarises recordings given as arguments: {@code java -cp bench/target/classes ...}. */
  public static void main(String[] args) throws IOException {
    for (String file : args) {
      System.out.println(of(Path.of(file)).markdown(file));
    }
  }

  static JfrSummary of(Path recording) throws IOException {
    int samples = 0;
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byLibrary = new HashMap<>();
    Map<String, Integer> byMethod = new HashMap<>();
    Map<String, Integer> byTop = new HashMap<>();
    Duration lockWait = Duration.ZERO;
    Duration gc = Duration.ZERO;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      String type = event.getEventType().getName();
      switch (type) {
        case "jdk.ExecutionSample" -> {
          RecordedStackTrace stack = event.getStackTrace();
          if (stack == null) {
            continue;
          }
          samples++;
          String thread =
              event.getThread("sampledThread") == null
                  ? "?"
                  : event.getThread("sampledThread").getJavaName();
          byThread.merge(threadGroup(thread), 1, Integer::sum);
          List<RecordedFrame> frames = stack.getFrames();
          byLibrary.merge(library(frames), 1, Integer::sum);
          if (!frames.isEmpty()) {
            byTop.merge(name(frames.get(0)), 1, Integer::sum);
          }
          Set<String> bulwark = new HashSet<>();
          for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (name.startsWith("dev.bulwark.") && !name.contains("$$Lambda")) {
              name = name.replace("$$SpringCGLIB$$0", "");
              bulwark.add(name.substring("dev.bulwark.".length()));
            }
          }
          bulwark.forEach(m -> byMethod.merge(m, 1, Integer::sum));
        }
        case "jdk.ThreadPark" -> {
          RecordedStackTrace stack = event.getStackTrace();
          if (stack != null
              && stack.getFrames().stream()
                  .anyMatch(f -> name(f).endsWith("JdbcAlertJournal.append"))) {
            lockWait = lockWait.plus(event.getDuration());
          }
        }
        case "jdk.GarbageCollection" -> gc = gc.plus(event.getDuration("sumOfPauses"));
        default -> {
          // not summarised
        }
      }
    }
    return new JfrSummary(samples, byThread, byLibrary, byMethod, byTop, lockWait, gc);
  }

  /** Markdown tables of the top entries. */
  String markdown(String title) {
    StringBuilder out = new StringBuilder();
    out.append("##### ").append(title).append("\n\n");
    out.append(samples)
        .append(" CPU samples of the engine (JFR `jdk.ExecutionSample`, ")
        .append("settings=profile). GC pauses in the recording: ")
        .append(gcPauses.toMillis())
        .append(" ms. HTTP threads parked on the journal's append lock: ")
        .append(appendLockWait.toMillis())
        .append(" ms (only parks over JFR's 10 ms threshold are recorded).\n\n");
    table(out, "Thread", byThread, 6);
    table(out, "Library (first non-JDK frame from the top of the stack)", byLibrary, 10);
    table(out, "Bulwark method on the stack (inclusive)", byBulwarkMethod, 14);
    table(out, "Hottest frame (self)", byTopFrame, 12);
    return out.toString();
  }

  private void table(StringBuilder out, String header, Map<String, Integer> counts, int limit) {
    out.append("| ").append(header).append(" | share of samples |\n|---|---:|\n");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit)
        .forEach(
            e ->
                out.append("| `")
                    .append(e.getKey())
                    .append("` | ")
                    .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / samples))
                    .append(" |\n"));
    out.append('\n');
  }

  private static String threadGroup(String thread) {
    if (thread.contains("-exec-")) {
      return "HTTP request threads (parse + journal append)";
    }
    if (thread.equals("bulwark-journal-worker")) {
      return "bulwark-journal-worker (rules, incidents, playbook start)";
    }
    if (thread.startsWith("H2-") || thread.startsWith("MVStore")) {
      return "H2 background threads";
    }
    if (thread.toLowerCase(Locale.ROOT).contains("job") || thread.startsWith("camunda")) {
      return "Camunda job executor";
    }
    return "other: " + thread.replaceAll("[-#]?\\d+$", "");
  }

  private static String library(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("java.")
          || type.startsWith("jdk.")
          || type.startsWith("sun.")
          || type.startsWith("javax.")
          || type.startsWith("com.sun.")) {
        continue;
      }
      for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
        if (type.startsWith(library.getKey())) {
          return library.getValue();
        }
      }
      String[] parts = type.split("\\.");
      return parts.length > 2 ? parts[0] + "." + parts[1] : type;
    }
    if (frames.isEmpty()) {
      return "?";
    }
    String top = frames.get(0).getMethod().getType().getName();
    return "JDK only (" + top.substring(0, Math.max(0, top.lastIndexOf('.'))) + ")";
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
