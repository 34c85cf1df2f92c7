package org.attnreg.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a compiled class refers to, read from its constant pool: every class it names (in class
 * entries and in the type descriptors of fields, methods and signatures, so fully qualified uses
 * count as much as imports) and every method it calls, as {@code owner#name}.
 */
record ClassFiles(String name, Set<String> referencedClasses, Set<String> calledMethods) {
  private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+)[;<]");

  /** Every class under {@code root} (a class-file directory such as target/classes). */
  static List<ClassFiles> under(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<ClassFiles> out = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        try (InputStream in = Files.newInputStream(p)) {
          out.add(read(in));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The package of a binary class name ({@code org/attnreg/stats/X$Y} → {@code org.attnreg.stats}). */
  static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
  }

  static ClassFiles read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count];
    int[][] memberRef = new int[count][];
    int[][] nameAndType = new int[count][];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 9, 10, 11 -> memberRef[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 12 -> nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // eight-byte constants take two slots
        }
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 17, 18 -> {
          in.readUnsignedShort();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant-pool tag " + tag);
      }
    }
    in.readUnsignedShort();
    String self = utf8[classNameIndex[in.readUnsignedShort()]];
    Set<String> classes = new TreeSet<>();
    Set<String> methods = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      if (classNameIndex[i] != 0) {
        String n = utf8[classNameIndex[i]];
        if (n.startsWith("[")) {
          addDescriptorClasses(n, classes);
        } else {
          classes.add(n);
        }
      } else if (utf8[i] != null) {
        addDescriptorClasses(utf8[i], classes);
      }
      if (memberRef[i] != null) {
        String owner = utf8[classNameIndex[memberRef[i][0]]];
        String member = utf8[nameAndType[memberRef[i][1]][0]];
        methods.add(owner + "#" + member);
      }
    }
    classes.remove(self);
    return new ClassFiles(self, classes, methods);
  }

  private static void addDescriptorClasses(String text, Set<String> into) {
    Matcher m = DESCRIPTOR_CLASS.matcher(text);
    while (m.find()) {
      into.add(m.group(1));
    }
  }
}
