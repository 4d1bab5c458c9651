package dev.trailhive.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system with permissions read and set through Java's NIO. Without Hadoop's
 * native library (it is not on Maven Central), RawLocalFileSystem learns a file's permissions by
 * running {@code ls -ld} on it and sets them by running {@code chmod}: a fork of the whole JVM each
 * time. Computing a query's splits asks for the permissions of every staged file, so each query forked
 * once per part file (346 on the corpus x30), and every job's staging folders forked again. The
 * files, their lengths and times are Hadoop's own; only where permissions come from changes.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  static final class Raw extends RawLocalFileSystem {
    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
      FileStatus[] listed = super.listStatus(f);
      FileStatus[] out = new FileStatus[listed.length];
      for (int i = 0; i < listed.length; i++) out[i] = withNioPermission(listed[i]);
      return out;
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      return withNioPermission(super.getFileStatus(f));
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    private FileStatus withNioPermission(FileStatus s) throws IOException {
      if (s.isSymlink()) return s;
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(pathToFile(s.getPath()).toPath(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException notPosix) {
        return s;
      }
      return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(), s.getModificationTime(), s.getAccessTime(),
          new FsPermission(mode(a.permissions())), a.owner().getName(), a.group().getName(), s.getPath());
    }
  }

  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
  };

  static short mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (int bit = 0; bit < BITS.length; bit++) if (permissions.contains(BITS[bit])) mode |= 1 << bit;
    return (short) mode;
  }

  static Set<PosixFilePermission> posix(short mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) if ((mode & (1 << bit)) != 0) out.add(BITS[bit]);
    return out;
  }
}
