package dev.trailhive.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.serde2.FetchFormatter;
import org.apache.hadoop.hive.serde2.SerDeUtils;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.StructField;
import org.apache.hadoop.hive.serde2.objectinspector.StructObjectInspector;

/**
 * Fetched rows as lists of strings with real nulls (Hive's default formatter prints NULL and tabs,
 * which a value can contain): primitives as text, complex values as Hive's JSON text. Named by the
 * session setting list.sink.output.formatter.
 */
public final class RowFormatter implements FetchFormatter<List<String>> {
  @Override
  public void initialize(Configuration conf, Properties props) {}

  @Override
  public List<String> convert(Object row, ObjectInspector rowOI) {
    StructObjectInspector soi = (StructObjectInspector) rowOI;
    List<String> out = new ArrayList<>();
    for (StructField f : soi.getAllStructFieldRefs()) {
      Object v = soi.getStructFieldData(row, f);
      ObjectInspector oi = f.getFieldObjectInspector();
      if (v == null) out.add(null);
      else if (oi.getCategory() == ObjectInspector.Category.PRIMITIVE) {
        Object j = ((PrimitiveObjectInspector) oi).getPrimitiveJavaObject(v);
        out.add(j == null ? null : String.valueOf(j));
      } else out.add(SerDeUtils.getJSONString(v, oi));
    }
    return out;
  }

  @Override
  public void close() {}
}
