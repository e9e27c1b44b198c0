package dev.lanebench.scoring.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of {@code lanebench table} done by DuckDB, as the yardstick its speed and its medians are held
 * against: {@code read_csv_auto} over the raw.csv and one GROUP BY per cell with median, min, max and the
 * interquartile range ({@code quantile_cont}, the same linear interpolation) over scored, on-route rows, and
 * the counts of the attempts left out. Plain JDBC: DuckDB's driver is needed only at run time, on the class
 * path (a test-scoped dependency of the project, so Maven keeps it in the local repository).
 */
public final class DuckDbReference {
    static final String QUERY = """
            WITH raw AS (SELECT task, task_hash, lane, status, composite, route_ok,
                                status = 'scored' AND route_ok IS DISTINCT FROM false AS counted
                         FROM read_csv_auto(?, header = true))
            SELECT task, task_hash, lane,
                   count(*) FILTER (WHERE counted) AS n,
                   median(composite) FILTER (WHERE counted) AS median,
                   min(composite) FILTER (WHERE counted) AS min,
                   max(composite) FILTER (WHERE counted) AS max,
                   quantile_cont(composite, 0.75) FILTER (WHERE counted)
                       - quantile_cont(composite, 0.25) FILTER (WHERE counted) AS iqr,
                   count(*) FILTER (WHERE status = 'infra_error') AS infra_errors,
                   count(*) FILTER (WHERE status = 'verify_error') AS verify_errors,
                   count(*) FILTER (WHERE status = 'scored' AND route_ok = false) AS off_route
            FROM raw GROUP BY task, task_hash, lane ORDER BY task, task_hash, lane
            """;

    private DuckDbReference() {
    }

    /** One cell as DuckDB computes it; the statistics are null when n = 0. */
    public record Cell(String task, String taskHash, String lane, long n, Double median, Double min, Double max,
            Double iqr, long infraErrors, long verifyErrors, long offRoute) {
    }

    /** Every cell of the file, by task, task_hash and lane. */
    public static List<Cell> cells(Path rawCsv) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement q = db.prepareStatement(QUERY)) {
            q.setString(1, rawCsv.toString());
            List<Cell> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            number(rs, 5), number(rs, 6), number(rs, 7), number(rs, 8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11)));
                }
            }
            return out;
        }
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** {@code DuckDbReference RAW_CSV}: prints the cells as CSV, as {@code table --format csv} prints its own. */
    public static void main(String[] args) throws SQLException, IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        out.write("task,task_hash,lane,n,median,min,max,iqr,infra_errors,verify_errors,off_route\n");
        for (Cell c : cells(Path.of(args[0]))) {
            out.write(c.task() + "," + c.taskHash() + "," + c.lane() + "," + c.n() + "," + c.median() + ","
                    + c.min() + "," + c.max() + "," + c.iqr() + "," + c.infraErrors() + "," + c.verifyErrors() + ","
                    + c.offRoute() + "\n");
        }
        out.flush();
    }
}
