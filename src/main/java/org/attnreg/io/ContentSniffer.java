package org.attnreg.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Tells from a file's first bytes and first rows which input format its content looks like, so that
 * a file read in the wrong format is refused with a hint before Spark parses it (and before a binary
 * file's bytes can reach an error message). Only the driver reads: a few kilobytes and two lines.
 */
final class ContentSniffer {
  /** Bytes read to decide whether the content is text. */
  static final int SAMPLE_BYTES = 8 * 1024;
  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  /** What a file's content looks like. */
  enum Kind {
    /** Starts with the Parquet magic {@code PAR1}. */
    PARQUET,
    /** Compressed bytes (gzip, bzip2, zstd) that the file's name did not announce. */
    COMPRESSED,
    /** Not UTF-8 text: NUL or other control bytes, or invalid UTF-8. */
    BINARY,
    /** Whitespace-separated {@code b i:v …} tokens. */
    LIBSVM,
    /** Comma-separated numbers. */
    CSV,
    /** A line of comma-separated names followed by a line of as many comma-separated numbers. */
    CSV_WITH_HEADER,
    /** Text that looks like none of the formats (or holds no row). */
    OTHER_TEXT
  }

  /**
   * What the content of one file looks like.
   *
   * @param line the 1-based line that decided a text kind (0 otherwise)
   * @param text that line, or for binary kinds a short description of the evidence (never raw bytes)
   */
  record Content(Kind kind, long line, String text) {
    /** The input format this content is in, or null when it is in none. */
    InputFormat format() {
      return switch (kind) {
        case PARQUET -> InputFormat.PARQUET;
        case LIBSVM -> InputFormat.LIBSVM;
        case CSV, CSV_WITH_HEADER -> InputFormat.CSV;
        default -> null;
      };
    }

    /** How to name this content to the user, e.g. "CSV (comma-separated numbers)". */
    String describe() {
      return switch (kind) {
        case PARQUET -> "Parquet (it starts with the Parquet magic bytes PAR1)";
        case COMPRESSED -> text;
        case BINARY -> "binary data, not text (" + text + ")";
        case LIBSVM -> "LIBSVM (index:value pairs)";
        case CSV -> "CSV (comma-separated numbers)";
        case CSV_WITH_HEADER -> "CSV with a header line";
        case OTHER_TEXT -> "text in none of the formats";
      };
    }
  }

  private ContentSniffer() {}

  /**
   * The content of {@code p}, decompressed when its name says it is compressed (as the text reader
   * does). Lines starting with {@code #} and blank lines are passed over.
   *
   * @throws IOException when the file cannot be read (or decompressed)
   */
  static Content sniff(Configuration conf, Path p) throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    try (BufferedInputStream raw = new BufferedInputStream(p.getFileSystem(conf).open(p), SAMPLE_BYTES)) {
      raw.mark(PARQUET_MAGIC.length);
      if (startsWith(raw.readNBytes(PARQUET_MAGIC.length), PARQUET_MAGIC)) {
        return new Content(Kind.PARQUET, 0, "PAR1");
      }
      raw.reset();
      // decompressed as the text reader will, when the name says so
      InputStream in = codec == null ? raw : new BufferedInputStream(codec.createInputStream(raw), SAMPLE_BYTES);
      in.mark(SAMPLE_BYTES);
      Content binary = binary(in.readNBytes(SAMPLE_BYTES));
      if (binary != null) {
        return binary;
      }
      in.reset();
      return text(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }
  }

  /** Whether {@code p} starts and ends with the Parquet magic, as every Parquet file does. */
  static boolean hasParquetMagic(Configuration conf, Path p, long length) throws IOException {
    if (length < 2L * PARQUET_MAGIC.length) {
      return false;
    }
    FileSystem fs = p.getFileSystem(conf);
    byte[] head = new byte[PARQUET_MAGIC.length];
    byte[] tail = new byte[PARQUET_MAGIC.length];
    try (FSDataInputStream in = fs.open(p)) {
      in.readFully(0, head);
      in.readFully(length - tail.length, tail);
    }
    return startsWith(head, PARQUET_MAGIC) && startsWith(tail, PARQUET_MAGIC);
  }

  /** A binary kind when the sample is not UTF-8 text; null for text. */
  static Content binary(byte[] sample) {
    if (sample.length >= 2 && (sample[0] & 0xff) == 0x1f && (sample[1] & 0xff) == 0x8b) {
      return compressed("gzip");
    }
    if (startsWith(sample, "BZh".getBytes(StandardCharsets.US_ASCII))) {
      return compressed("bzip2");
    }
    if (startsWith(sample, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})) {
      return compressed("zstd");
    }
    for (int i = 0; i < sample.length; i++) {
      int b = sample[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7f) {
        return new Content(Kind.BINARY, 0, String.format(Locale.ROOT, "byte 0x%02x at offset %d", b, i));
      }
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(sample);
    // endOfInput false: a character cut by the end of the sample is not an error.
    CoderResult result = utf8.decode(in, CharBuffer.allocate(sample.length), false);
    if (result.isError()) {
      return new Content(Kind.BINARY, 0, "invalid UTF-8 at offset " + in.position());
    }
    return null;
  }

  private static Content compressed(String codec) {
    return new Content(Kind.COMPRESSED, 0, codec + "-compressed data whose name does not say so (name it with"
        + " the codec's suffix, e.g. .gz, so that it is decompressed)");
  }

  /** The kind of the first row line (and for a possible header, the next one). */
  static Content text(BufferedReader r) throws IOException {
    long number = 0;
    String first = null;
    long firstNumber = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      number++;
      if (TextFormat.isBlankLine(line) || line.stripLeading().startsWith("#")) {
        continue;
      }
      if (first == null) {
        first = line;
        firstNumber = number;
        if (!isNameList(line)) {
          break;
        }
        continue;
      }
      // first is a list of names: a header when this line holds as many numbers
      if (isNumberList(line) && CsvFormat.countFields(line) == CsvFormat.countFields(first)) {
        return new Content(Kind.CSV_WITH_HEADER, firstNumber, first);
      }
      break;
    }
    if (first == null) {
      return new Content(Kind.OTHER_TEXT, 0, null);
    }
    Kind kind = isNumberList(first) ? Kind.CSV : isLibSvm(first) ? Kind.LIBSVM : Kind.OTHER_TEXT;
    return new Content(kind, firstNumber, first);
  }

  /** At least two comma-separated fields, every one a number. */
  static boolean isNumberList(String line) {
    String[] fields = line.split(",", -1);
    if (fields.length < 2) {
      return false;
    }
    for (String f : fields) {
      if (!isNumber(f.strip())) {
        return false;
      }
    }
    return true;
  }

  /** At least two comma-separated fields, none a number and none empty: column names. */
  static boolean isNameList(String line) {
    String[] fields = line.split(",", -1);
    if (fields.length < 2) {
      return false;
    }
    for (String f : fields) {
      String name = f.strip();
      if (name.isEmpty() || isNumber(name)) {
        return false;
      }
    }
    return true;
  }

  /** No comma; a number, then one or more {@code index:value} tokens. */
  static boolean isLibSvm(String line) {
    int comment = line.indexOf('#');
    String[] tokens = (comment < 0 ? line : line.substring(0, comment)).strip().split("\\s+");
    if (line.indexOf(',') >= 0 || tokens.length < 2 || !isNumber(tokens[0])) {
      return false;
    }
    for (int k = 1; k < tokens.length; k++) {
      int colon = tokens[k].indexOf(':');
      if (colon <= 0 || !tokens[k].substring(0, colon).chars().allMatch(Character::isDigit)
          || !isNumber(tokens[k].substring(colon + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
