package dev.trailhive.engine;

import org.apache.hadoop.hive.ql.exec.mr.HadoopJobExecHelper;

/**
 * Work a client hands off and does not wait for (the local table's columnar copy): it runs when the
 * engine would otherwise idle, and gives way to any request a user waits on. A foreground request
 * that finds it holding Hive asks it to yield: its running jobs are killed and its session stops
 * before the next statement, so the user waits a moment, not the whole copy. The client asks again
 * later (docs/ARCHITECTURE.md, Engines: the columnar copy).
 */
final class Background {
  private Background() {}

  private static volatile boolean running;
  private static volatile boolean yielding;

  static void begin() {
    yielding = false;
    running = true;
  }

  static void end() {
    running = false;
    yielding = false;
  }

  /** True once a foreground request asked the running background work to stop. */
  static boolean shouldYield() {
    return yielding;
  }

  /** From a foreground request waiting for Hive: stop the background work, if that is what holds it. */
  static void askToYield() {
    if (!running || yielding) return;
    yielding = true;
    System.err.println("trailhive-engine: a request is waiting; stopping the background work");
    HadoopJobExecHelper.killRunningJobs();
  }
}
