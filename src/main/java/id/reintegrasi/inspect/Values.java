package id.reintegrasi.inspect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet values as plain Java values and as text. Columns are read the way Spark wrote them:
 * strings, dates (INT32 DATE), decimals (INT32, INT64 or fixed-length bytes), timestamps (INT96 or
 * INT64), three-level lists, maps and structs. The type names are Spark SQL's, which is what an
 * analyst reading the tables with Spark or DuckDB will see.
 */
final class Values {
  /** Julian day number of 1970-01-01: INT96 timestamps count days from the Julian epoch. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private Values() {}

  /** The Spark SQL name of a column's type, e.g. {@code decimal(19,2)} or {@code array<string>}. */
  static String typeName(Type type) {
    LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
    if (!type.isPrimitive()) {
      GroupType g = type.asGroupType();
      if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
        return "array<" + typeName(listElement(g)) + ">";
      }
      if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
          || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
        GroupType kv = g.getType(0).asGroupType();
        return "map<" + typeName(kv.getType(0)) + "," + typeName(kv.getType(1)) + ">";
      }
      return "struct<" + g.getFields().stream().map(f -> f.getName() + ":" + typeName(f))
          .collect(Collectors.joining(",")) + ">";
    }
    PrimitiveType p = type.asPrimitiveType();
    if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return "boolean";
      case INT32:
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return "date";
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
          return i.getBitWidth() == 8 ? "tinyint" : i.getBitWidth() == 16 ? "smallint" : "int";
        }
        return "int";
      case INT64:
        return a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? "timestamp" : "bigint";
      case INT96:
        return "timestamp";
      case FLOAT:
        return "float";
      case DOUBLE:
        return "double";
      default:
        return isText(a) ? "string" : "binary";
    }
  }

  /** True for columns compared as numbers by filters and right-aligned in tables. */
  static boolean isNumeric(Type type) {
    if (!type.isPrimitive()) {
      return false;
    }
    String name = typeName(type);
    return name.equals("int") || name.equals("bigint") || name.equals("tinyint") || name.equals("smallint")
        || name.equals("double") || name.equals("float") || name.startsWith("decimal(");
  }

  private static boolean isText(LogicalTypeAnnotation a) {
    return a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
  }

  /**
   * The element type of a LIST group: the field inside the repeated group (three-level lists, as
   * Spark writes them), or the repeated field itself (legacy two-level lists).
   */
  private static Type listElement(GroupType list) {
    Type repeated = list.getType(0);
    if (repeated.isPrimitive() || repeated.asGroupType().getFieldCount() != 1
        || repeated.getName().equals("array") || repeated.getName().equals(list.getName() + "_tuple")) {
      return repeated;
    }
    return repeated.asGroupType().getType(0);
  }

  /** The value of field {@code index} of a record: null when absent, a List for repeated fields. */
  static Object read(Group group, int index) {
    Type type = group.getType().getType(index);
    int count = group.getFieldRepetitionCount(index);
    if (type.isRepetition(Type.Repetition.REPEATED)) {
      List<Object> all = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        all.add(one(group, index, i, type));
      }
      return all;
    }
    return count == 0 ? null : one(group, index, 0, type);
  }

  private static Object one(Group group, int field, int i, Type type) {
    if (!type.isPrimitive()) {
      return group(group.getGroup(field, i), type.asGroupType());
    }
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return group.getBoolean(field, i);
      case INT32: {
        int v = group.getInteger(field, i);
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return LocalDate.ofEpochDay(v);
        }
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(v, d.getScale());
        }
        return v;
      }
      case INT64: {
        long v = group.getLong(field, i);
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(v, d.getScale());
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
          return switch (t.getUnit()) {
            case MILLIS -> Instant.ofEpochMilli(v);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
          };
        }
        return v;
      }
      case INT96: {
        ByteBuffer b = group.getInt96(field, i).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = b.getLong();
        long julianDay = Integer.toUnsignedLong(b.getInt());
        return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay);
      }
      case FLOAT:
        return group.getFloat(field, i);
      case DOUBLE:
        return group.getDouble(field, i);
      default: {
        Binary bin = group.getBinary(field, i);
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return new BigDecimal(new BigInteger(bin.getBytes()), d.getScale());
        }
        return isText(a) ? bin.toStringUsingUTF8() : new Bytes(bin.getBytes());
      }
    }
  }

  /** A group as a List (LIST), a Map (MAP) or a Struct (anything else). */
  private static Object group(Group g, GroupType type) {
    LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      Type repeated = type.getType(0);
      Type element = listElement(type);
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < g.getFieldRepetitionCount(0); i++) {
        if (element == repeated) {
          list.add(one(g, 0, i, repeated));
        } else {
          Group wrapper = g.getGroup(0, i);
          list.add(read(wrapper, 0));
        }
      }
      return list;
    }
    if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < g.getFieldRepetitionCount(0); i++) {
        Group kv = g.getGroup(0, i);
        map.put(read(kv, 0), read(kv, 1));
      }
      return map;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int f = 0; f < type.getFieldCount(); f++) {
      fields.put(type.getFieldName(f), read(g, f));
    }
    return new Struct(fields);
  }

  /** A struct value: field names in schema order. */
  record Struct(Map<String, Object> fields) {}

  /** Bytes that are not text. */
  record Bytes(byte[] bytes) {}

  /**
   * A value as text, untruncated: null as {@code null}; doubles with six significant digits (no
   * exponent unless the value is tiny or huge), since an estimate to sixteen digits is noise to
   * a reader and full precision is a Spark query away; decimals, dates and the rest exactly.
   */
  static String format(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return formatDouble(d);
    }
    if (v instanceof Float f) {
      return formatDouble(Double.parseDouble(f.toString()));
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof String s) {
      return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
    if (v instanceof List<?> list) {
      return list.stream().map(Values::format).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Struct s) {
      return s.fields().entrySet().stream().map(e -> e.getKey() + ": " + format(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> format(e.getKey()) + ": " + format(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (v instanceof Bytes b) {
      StringBuilder sb = new StringBuilder("0x");
      for (byte x : b.bytes()) {
        sb.append(String.format("%02x", x));
      }
      return sb.toString();
    }
    return v.toString();
  }

  static String formatDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return "0";
    }
    double abs = Math.abs(d);
    if (abs < 1e-4 || abs >= 1e15) {
      return String.format(java.util.Locale.ROOT, "%.5e", d).replaceAll("\\.?0+e", "e");
    }
    return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** A value as a number for filters, or null when it is not numeric. */
  static BigDecimal number(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Integer || v instanceof Long) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
    }
    return null;
  }
}
