package dev.trailhive.engine;

import org.apache.hadoop.hive.ql.exec.mr.HadoopJobExecHelper;

/**
 * Work a client hands off and does not wait for (the local table's columnar copy): it runs when the
 * engine would otherwise idle, and gives way to any request a user waits on. A foreground request
 * that finds it holding Hive asks it to yield: its running jobs are killed and its session stops
 * before the next statement, so the user waits a moment, not the whole copy. The client asks again
 * later (docs/ARCHITECTURE.md, Engines: the columnar copy). Work may end in a step that must not be
 * cut short (the copy's swap: drop the staged table, rename the copy to its name): once that step has
 * begun ({@link #enterCommit}), a waiting request waits for it instead, as a query stopped between the
 * two would find no table at all.
 */
final class Background {
  private Background() {}

  private static volatile boolean running;
  private static volatile boolean yielding;
  private static volatile boolean committing;

  static synchronized void begin() {
    yielding = false;
    committing = false;
    running = true;
  }

  static synchronized void end() {
    running = false;
    yielding = false;
    committing = false;
  }

  /**
   * From the running background work, before the step that must run to its end: false when a request
   * has already asked it to yield (it stops before the step), else true, and no request asks again.
   * Synchronized with {@link #askToYield} so a request cannot kill a job of the step it just began.
   */
  static synchronized boolean enterCommit() {
    if (yielding) return false;
    committing = true;
    return true;
  }

  /** True once a foreground request asked the running background work to stop. */
  static boolean shouldYield() {
    return yielding;
  }

  /** From a foreground request waiting for Hive: stop the background work, if that is what holds it. */
  static synchronized void askToYield() {
    if (!running || yielding || committing) return;
    yielding = true;
    System.err.println("trailhive-engine: a request is waiting; stopping the background work");
    HadoopJobExecHelper.killRunningJobs();
  }
}
