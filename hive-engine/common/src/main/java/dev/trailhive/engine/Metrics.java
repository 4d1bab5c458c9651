package dev.trailhive.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Time since the request began (the JVM's start for a one-shot run, the request's arrival for a kept
 * engine) and peak resident memory (VmHWM), for the bench figures.
 */
final class Metrics {
  private static volatile long origin = -1;

  private Metrics() {}

  /** A kept engine measures each request from its arrival, not from the JVM's start. */
  static void startRequest() {
    origin = System.currentTimeMillis();
  }

  static long sinceStartMs() {
    long from = origin >= 0 ? origin : ManagementFactory.getRuntimeMXBean().getStartTime();
    return System.currentTimeMillis() - from;
  }

  static void put(ObjectNode out) {
    out.put("jvmMs", sinceStartMs());
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) out.put("peakRssKb", Long.parseLong(line.replaceAll("[^0-9]", "")));
      }
    } catch (Exception e) {
      // not Linux: no peak RSS figure
    }
  }
}
