package org.attnreg.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files only their owner can read: a cluster's work directory holds its
 * authentication secret and the {@code conf/} and {@code jars/} on its daemons' class path, so
 * another local user who could write there could run code as the cluster's owner.
 *
 * <p>A private directory is a real directory (not a symbolic link), owned by the current user,
 * with mode 0700, whose existing ancestors nobody else can rename it out of (each is owned by the
 * user or root, and writable by group or others only when sticky, as {@code /tmp} is).
 */
public final class PrivateFiles {
  static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;

  private PrivateFiles() {}

  /**
   * Creates {@code dir} (and missing parents) as a private directory, or checks that an existing
   * one is private.
   *
   * @return {@code dir}, absolute and normalised
   * @throws IllegalStateException naming the path and what is wrong with it
   */
  public static Path directory(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
        Files.createDirectories(abs.getParent());
      }
      checkAncestors(abs);
      try {
        Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        Files.setPosixFilePermissions(abs, OWNER_ONLY_DIR); // the umask may have taken bits away, never added
      } catch (FileAlreadyExistsException e) {
        // checked below
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the private directory " + abs + ": " + e.getMessage(), e);
    }
    checkPrivate(abs);
    return abs;
  }

  /** Checks that an existing {@code dir} is private (see the class comment); throws otherwise. */
  public static void checkPrivate(Path dir) {
    PosixFileAttributes a = attributes(dir);
    if (a.isSymbolicLink()) {
      throw new IllegalStateException(dir + " is a symbolic link; a private directory must be a directory of its"
          + " own (remove the link or choose another directory)");
    }
    if (!a.isDirectory()) {
      throw new IllegalStateException(dir + " is not a directory");
    }
    String me = System.getProperty("user.name");
    if (!a.owner().getName().equals(me)) {
      throw new IllegalStateException(dir + " is owned by " + a.owner().getName() + ", not by " + me
          + "; choose a directory of your own");
    }
    if (!a.permissions().equals(OWNER_ONLY_DIR)) {
      throw new IllegalStateException(dir + " has mode " + PosixFilePermissions.toString(a.permissions())
          + "; it must be rwx------ (chmod 700 " + dir + ")");
    }
  }

  private static void checkAncestors(Path abs) throws IOException {
    String me = System.getProperty("user.name");
    for (Path p = abs.getParent(); p != null; p = p.getParent()) {
      String owner = Files.getOwner(p).getName();
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      if (!owner.equals(me) && !owner.equals("root")) {
        throw new IllegalStateException("cannot keep a private directory in " + abs.getParent() + ": its ancestor " + p
            + " is owned by " + owner + "; choose a directory under one of your own");
      }
      if ((mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
        throw new IllegalStateException("cannot keep a private directory in " + abs.getParent() + ": its ancestor " + p
            + " is writable by other users (mode " + Integer.toOctalString(mode & 07777) + ") without the sticky bit");
      }
    }
  }

  private static PosixFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the attributes of " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code text} to {@code file} with mode 0600: into a fresh file created with that mode
   * beside it, then renamed over the old one in one step, so that the content is never readable
   * by others, not even for a moment.
   */
  public static void write(Path file, String text) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      Files.write(Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)),
          text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates {@code file} empty with mode 0600 if missing, and makes an existing one 0600. */
  public static Path touch(Path file) {
    try {
      if (Files.isSymbolicLink(file)) {
        throw new IllegalStateException(file + " is a symbolic link; remove it");
      }
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      }
      Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }
}
