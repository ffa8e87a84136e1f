package id.reintegrasi.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.reintegrasi.SparkTestBase;
import id.reintegrasi.schema.ColumnSpec;
import id.reintegrasi.schema.DatasetSpec;
import id.reintegrasi.schema.Releases;
import id.reintegrasi.schema.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet export whose columns are all text (as pandas or a CSV-to-Parquet tool writes them)
 * reads as the same text in a CSV file does: the same trimming, blanks as null, and the same
 * dates, numbers and booleans accepted or refused. Spark's own casts are looser ("2021" would
 * be 2021-01-01, "2021-1-5" a date) and trim only spaces.
 */
class ParquetTextColumnsTest extends SparkTestBase {
  @TempDir
  static Path tmp;

  private static final String[] RELEASE_VALUES = {
      // release_id, person_id, facility_id, admission, release, type, sex, birth_year, offence, sentence, prior, region
      "R1,P1,LAPAS-JAMBI,2020-01-01,2021-01-15,BEBAS,L,1990,NARKOTIKA,12,0,1571",
      "R2,P2,LAPAS-JAMBI,2020-01-01,2021-1-5,BEBAS,L,1990,NARKOTIKA,12,0,1571",
      "R3,P3,LAPAS-JAMBI,2020-01-01,2021,BEBAS,L,1990,NARKOTIKA,12,0,1571",
      "R4,P4,LAPAS-JAMBI, 2020-01-01\t,2021-01-15,\tPB ,L\t,1990 ,NARKOTIKA,12,0,1571",
      "R5,P5,LAPAS-JAMBI,2020-01-01,,BEBAS,P,1990.5,NARKOTIKA,,0,1571",
      "R6,P6,LAPAS-JAMBI,2020-01-01,2021-02-30,BEBAS,P,1990,NARKOTIKA,12,x,1571",
      "R7, ,LAPAS-JAMBI,2020-01-01,2021-01-15,BEBAS,P,1990,NARKOTIKA,12,0,1571"};

  private static final String[] TRAINING_VALUES = {
      // session_id, person_id, program_id, session_date, hours, attendance, certificate
      "S1,P1,PRG-BARISTA,2020-03-02,2.5,PRESENT,true",
      "S2,P1,PRG-BARISTA,2020-03-09,3.456,PRESENT,TRUE",
      "S3,P1,PRG-BARISTA,2020-03-16,abc,PRESENT,ya",
      "S4,P1,PRG-BARISTA,2020-03-23, 4 ,PRESENT,",
      "S5,P1,PRG-BARISTA,2020-03-30,1234567.5,PRESENT,false"};

  @Test
  void releases_textParquet_readsAsCsv() throws IOException {
    assertSameAsCsv(Releases.SPEC, RELEASE_VALUES);
  }

  @Test
  void training_textParquet_readsAsCsv() throws IOException {
    assertSameAsCsv(Training.SPEC, TRAINING_VALUES);
  }

  private static void assertSameAsCsv(DatasetSpec spec, String[] lines) throws IOException {
    List<String> names = spec.columns().stream().map(ColumnSpec::name).toList();
    Path csv = tmp.resolve(spec.name() + "-csv");
    Files.createDirectories(csv);
    List<String> text = new ArrayList<>();
    text.add(String.join(",", names));
    text.addAll(List.of(lines));
    Files.write(csv.resolve(spec.name() + ".csv"), text);

    Path parquet = tmp.resolve(spec.name() + "-parquet");
    List<StructField> fields = names.stream()
        .map(n -> DataTypes.createStructField(n, DataTypes.StringType, true)).toList();
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(RowFactory.create((Object[]) line.split(",", -1)));
    }
    spark().createDataFrame(rows, DataTypes.createStructType(fields)).coalesce(1)
        .write().parquet(parquet.resolve(spec.name()).toString());

    List<String> fromCsv = read(csv, spec, names);
    List<String> fromParquet = read(parquet, spec, names);
    assertEquals(lines.length, fromCsv.size());
    assertEquals(fromCsv, fromParquet);
  }

  /** Each row's typed values and the columns that did not parse, in line order. */
  private static List<String> read(Path dir, DatasetSpec spec, List<String> names) {
    InputReader reader = new InputReader(spark(), dir.toString(), "yyyy-MM-dd");
    InputReader.Read read = reader.read(reader.locate(spec).orElseThrow());
    List<String> out = new ArrayList<>();
    for (Row r : read.rows().orderBy(ParsedColumns.LINE).collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (String n : names) {
        b.append(n).append('=').append(String.valueOf((Object) r.getAs(n))).append(' ');
      }
      int bad = r.fieldIndex(ParsedColumns.BAD_COLUMNS);
      b.append("bad=").append(r.isNullAt(bad) ? List.of() : r.getList(bad)); // the CSV reader's none is null
      out.add(b.toString());
    }
    return out;
  }
}
