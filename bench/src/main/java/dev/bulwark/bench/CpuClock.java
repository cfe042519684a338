package dev.bulwark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU seconds from /proc (Linux): of one process, and of the whole machine. On a shared machine the
 * engine's CPU seconds per alert are a steadier measure than wall-clock rates, and the machine's
 * busy time minus the engine's and the driver's shows how much else was running.
 */
final class CpuClock {

  /** USER_HZ; 100 on every mainstream Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private CpuClock() {}

  /** A reading: CPU seconds of the engine, of this driver, and of the machine (busy, all cores). */
  record Reading(double engine, double driver, double machineBusy, long nanos) {
    Reading minus(Reading earlier) {
      return new Reading(
          engine - earlier.engine,
          driver - earlier.driver,
          machineBusy - earlier.machineBusy,
          nanos - earlier.nanos);
    }

    double wallSeconds() {
      return nanos / 1e9;
    }

    /** Busy CPU seconds of everything else on the machine. */
    double others() {
      return Math.max(0, machineBusy - engine - driver);
    }
  }

  static Reading read(long enginePid) {
    return new Reading(
        process(Long.toString(enginePid)), process("self"), machineBusy(), System.nanoTime());
  }

  /**
   * CPU seconds of the engine's threads so far, by kind: Linux keeps the first 15 characters of a
   * Java thread's name ({@code http-nio-127.0.}, {@code bulwark-journal}, {@code GC Thread#0}...).
   * Threads that ended are missing, so take differences of threads that live through a phase.
   */
  static Map<String, Double> threads(long pid) {
    Map<String, Double> byKind = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
              byKind.merge(threadKind(name), seconds(stat), Double::sum);
            } catch (IOException | RuntimeException gone) {
              // the thread ended meanwhile
            }
          });
    } catch (IOException | RuntimeException e) {
      // not Linux, or the engine is gone
    }
    return byKind;
  }

  static Map<String, Double> minus(Map<String, Double> later, Map<String, Double> earlier) {
    Map<String, Double> delta = new TreeMap<>();
    later.forEach((k, v) -> delta.put(k, Math.max(0, v - earlier.getOrDefault(k, 0.0))));
    return delta;
  }

  private static String threadKind(String name) {
    if (name.startsWith("http-nio")) {
      return "HTTP request threads (parse, dedup, journal insert)";
    }
    if (name.startsWith("bulwark-journal")) {
      return "journal worker (read journal, Drools, incidents, playbook start)";
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
      return "garbage collector";
    }
    if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
      return "JIT compiler";
    }
    if (name.startsWith("camunda") || name.toLowerCase(java.util.Locale.ROOT).contains("job")) {
      return "Camunda job executor";
    }
    if (name.startsWith("MVStore") || name.startsWith("H2-") || name.startsWith("H2 ")) {
      return "H2 background threads";
    }
    return "other";
  }

  private static double seconds(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  private static double process(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the line, i.e. 11 and 12 after the name.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double machineBusy() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return (total - idle) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
