package org.attnreg.io;

import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import scala.Tuple2;

/**
 * Lines of one text file as {@code TextInputFormat} delivers them (byte offset, line); the row id
 * is the file index and the offset, and a header is the line at offset 0.
 */
record TextRecords(int fileIndex, TextFormat parser, boolean header)
    implements RecordParser<Tuple2<LongWritable, Text>> {
  @Override
  public long rowId(Tuple2<LongWritable, Text> record) {
    return RowIds.of(fileIndex, record._1().get());
  }

  @Override
  public boolean parse(Tuple2<LongWritable, Text> record, ParsedRow out) {
    if (header && record._1().get() == 0) {
      return false;
    }
    return parser.parse(record._2().toString(), out);
  }
}
