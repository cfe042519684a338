package dev.bulwark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the benchmark ran on: cores, CPU model, memory, JDK, OS, and how loaded the machine was. */
record MachineInfo(String cores, String cpuModel, String memory, String java, String os) {

  static MachineInfo describe() {
    String cores = run("nproc").trim();
    String model = "unknown";
    try {
      model =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse("unknown");
    } catch (IOException ignored) {
      // not Linux
    }
    String memory = run("free", "-g").trim();
    String java = run(EngineProcess.javaExecutable(), "-version").trim();
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
    try {
      os =
          Files.readAllLines(Path.of("/etc/os-release")).stream()
                  .filter(l -> l.startsWith("PRETTY_NAME="))
                  .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                  .findFirst()
                  .orElse("Linux")
              + ", kernel "
              + System.getProperty("os.version")
              + " ("
              + System.getProperty("os.arch")
              + ")";
    } catch (IOException ignored) {
      // keep os.name
    }
    return new MachineInfo(cores, model, memory, java, os);
  }

  /** The 1-, 5- and 15-minute load averages. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** When the jar was written (UTC, to the minute). */
  static String built(Path jar) {
    try {
      return Files.getLastModifiedTime(jar).toInstant().toString().substring(0, 16) + "Z";
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The checked-out commit, and whether the tree has changes (read-only git commands). */
  static String gitDescription(Path repo) {
    String head = run("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD").trim();
    if (head.isEmpty() || head.contains(" ")) {
      return "(not a git checkout)";
    }
    String changes = run("git", "-C", repo.toString(), "status", "--porcelain").trim();
    return "at `"
        + head
        + "`"
        + (changes.isEmpty() ? "" : " with " + changes.lines().count() + " changed paths");
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "(" + command[0] + ": " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }
}
