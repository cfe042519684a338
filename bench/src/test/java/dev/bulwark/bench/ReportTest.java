package dev.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  @Test
  void newestRunGoesFirstAndOldOnesAreTrimmed() throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\nHand-written analysis.\n");
    for (int run = 1; run <= 3; run++) {
      Report.updateDoc(doc, "### Run " + run + "\n\nnumbers " + run + "\n", 2);
    }
    String text = Files.readString(doc);
    assertTrue(text.startsWith("# Benchmarks\n\nHand-written analysis.\n"));
    assertTrue(text.indexOf("### Run 3") < text.indexOf("### Run 2"));
    assertFalse(text.contains("### Run 1"));
    assertEquals(1, text.split(Report.BEGIN, -1).length - 1);
    assertEquals(1, text.split(Report.END, -1).length - 1);
  }

  @Test
  void textAfterTheGeneratedSectionStays() throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(
        doc, "# B\n\n" + Report.BEGIN + "\n" + Report.END + "\n\n## Findings\n\nkept\n");
    Report.updateDoc(doc, "### Run A\n", 4);
    String text = Files.readString(doc);
    assertTrue(text.contains("### Run A"));
    assertTrue(text.endsWith("## Findings\n\nkept\n"));
  }

  @Test
  void rendersEveryTable() {
    Options options = Options.parse(new String[] {"--threads=1", "--doc="});
    MachineInfo machine =
        new MachineInfo(
            "2",
            "AMD EPYC",
            "       total\nMem:   23  1  22\n",
            "openjdk version \"17\"\nRuntime\nVM (mixed mode)",
            "Debian");
    CpuClock.Reading cpu = new CpuClock.Reading(20, 2, 40, 10_000_000_000L);
    Map<String, Double> threads =
        Map.of(
            "HTTP request threads", 8.0, "journal worker (rules)", 6.0, "garbage collector", 2.0);
    Report.Throughput throughput =
        new Report.Throughput(
            1,
            60,
            1000,
            40_000_000,
            60_000,
            0,
            10_000_000_000L,
            new double[] {100, 200, 300},
            2000,
            1_000_000_000L,
            11_000_000_000L,
            cpu,
            cpu,
            threads,
            1.5,
            400,
            71_000,
            6,
            6);
    Histogram histogram =
        Histogram.parse(
            "bulwark_alert_to_incident_seconds_bucket{le=\"0.05\"} 400\n"
                + "bulwark_alert_to_incident_seconds_bucket{le=\"+Inf\"} 500\n"
                + "bulwark_alert_to_incident_seconds_count 500\n"
                + "bulwark_alert_to_incident_seconds_sum 30\n",
            IntakeLoadDriver.HISTOGRAM);
    Report.Latency idle =
        new Report.Latency(
            "idle engine", 500, 5, histogram, new double[] {5, 6}, 2.5, 0, 0, 0, cpu, threads);
    Report.Latency loaded =
        new Report.Latency(
            "under load", 500, 20, histogram, new double[] {5, 6}, 10, 2000, 300, 2, cpu, threads);
    String markdown =
        new Report(
                "test",
                "run1",
                options,
                machine,
                "1 / 1 / 1",
                "2 / 2 / 2",
                List.of(Duration.ofSeconds(50)),
                List.of(throughput),
                List.of(idle, loaded),
                List.of("##### profile\n"),
                List.of("ERROR x"),
                Duration.ofMinutes(7))
            .markdown();
    assertTrue(markdown.contains("| 1 | 60,000 (60 × 1,000) | **6,000** |"), markdown);
    assertTrue(markdown.contains("not met (3.3× short)"), markdown);
    assertTrue(markdown.contains("| idle engine: 500 direct-rule alerts, 5 ms apart | 500 |"));
    assertTrue(markdown.contains("idle engine not met (> 50.0 ms)"), markdown);
  }
}
