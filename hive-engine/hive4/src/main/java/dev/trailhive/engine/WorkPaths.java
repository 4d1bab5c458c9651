package dev.trailhive.engine;

import java.io.File;
import java.io.IOException;

/**
 * Folders below the work folder as Hadoop's local MapReduce must be given them. Its shuffle opens
 * map outputs through {@code Path.toUri().getRawPath()}, the percent-encoded form, so a work folder
 * whose path holds a space, {@code %}, {@code #} or another character a URI escapes fails every job
 * that shuffles ("file.out.index does not exist"). A path relative to the JVM's working
 * folder has none of those characters, so when the JVM runs in the work folder (trailhive starts it
 * there) the folder is named relative to it; otherwise it stays absolute.
 */
final class WorkPaths {
  private WorkPaths() {}

  /**
   * {@code sub} (a relative path of plain characters) below {@code work}: as it is when {@code work}
   * is the JVM's working folder, else absolute.
   * Example: {@code hadoopLocal("/a b/work", "/a b/work", "tmp/hadoop")} is {@code "tmp/hadoop"}.
   */
  static String hadoopLocal(String work, String userDir, String sub) {
    return sameFolder(work, userDir) ? sub : new File(work, sub).getAbsolutePath();
  }

  private static boolean sameFolder(String a, String b) {
    if (a == null || b == null) return false;
    try {
      return new File(a).getCanonicalFile().equals(new File(b).getCanonicalFile());
    } catch (IOException e) {
      return false;
    }
  }
}
