package dev.trailhive.engine;

import java.io.File;
import java.io.IOException;

/**
 * Folders below the work folder as Hadoop and Hive must be given them. Both turn some paths into
 * files through {@code Path.toUri().getRawPath()}, the percent-encoded form: with a work folder whose
 * path holds a space, {@code %}, {@code #} or another character a URI escapes, local MapReduce's
 * shuffle fails every job ("file.out.index does not exist") and Hive's scratch folders are made
 * beside the work folder under the encoded name ("w%20x/work/tmp/local"). A path relative to the JVM's working
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

  /** Linux's name for a process's working folder: an absolute path of plain characters. */
  private static final String PROC_CWD = "/proc/self/cwd";

  /**
   * The same for a setting Hive requires to be absolute (it prefixes {@code file:}): below
   * /proc/self/cwd when the JVM runs in the work folder and the system has it (Linux), else absolute.
   * Example: {@code hadoopAbsolute("/a b/work", "/a b/work", "tmp/local")} is {@code "/proc/self/cwd/tmp/local"} on Linux.
   */
  static String hadoopAbsolute(String work, String userDir, String sub) {
    return sameFolder(work, userDir) && sameFolder(PROC_CWD, work) ? PROC_CWD + "/" + sub : new File(work, sub).getAbsolutePath();
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
