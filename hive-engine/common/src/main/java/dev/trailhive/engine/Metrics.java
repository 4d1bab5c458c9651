package dev.trailhive.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;

/** JVM start time and peak resident memory (VmHWM), for the bench figures. */
final class Metrics {
  private Metrics() {}

  static long sinceJvmStartMs() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  static void put(ObjectNode out) {
    out.put("jvmMs", sinceJvmStartMs());
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) out.put("peakRssKb", Long.parseLong(line.replaceAll("[^0-9]", "")));
      }
    } catch (Exception e) {
      // not Linux: no peak RSS figure
    }
  }
}
