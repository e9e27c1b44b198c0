package dev.lanebench.scoring.tables;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lanebench.scoring.raw.Status;
import dev.lanebench.scoring.stats.CellStats;
import dev.lanebench.scoring.stats.Delta;
import dev.lanebench.scoring.stats.DeltaSummary;
import dev.lanebench.scoring.stats.LaneTotals;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableReport} as one self-contained html file: inline CSS, inline SVG plots and one inline script,
 * nothing fetched (a Content-Security-Policy forbids it). The matrix shows each cell's replications as dots
 * over its range and median; each comparison shows every Δ with the span it may lie in and the all-tasks Δ
 * with its interval; the lane totals show cost, tokens and time; and every attempt is listed, a page at a time
 * from data embedded in the file, linked to its checks, transcript and patch by paths relative to the report.
 * However many attempts there are, the page holds one row per cell and one page of attempts.
 */
final class HtmlFormat implements ResultFormat<TableReport> {
    static final int PAGE = 50;
    private static final int TEXT_CHARS = 240;

    private final Path reportDir;

    HtmlFormat(Path reportDir) {
        this.reportDir = reportDir;
    }

    @Override
    public String name() {
        return "html";
    }

    @Override
    public String render(TableReport r) {
        Map<String, Integer> cellIndex = new HashMap<>();
        List<String[]> cells = new ArrayList<>(); // key, task id, lane
        for (TaskRef t : r.taskRefs()) {
            for (String lane : r.lanes()) {
                if (r.cell(t.key(), lane) != null) {
                    cellIndex.put(t.key() + "\u0000" + lane, cells.size());
                    cells.add(new String[] {t.key(), t.task(), lane});
                }
            }
        }
        StringBuilder out = new StringBuilder(1 << 16);
        head(out);
        out.append("<header><h1>lanebench results</h1><p class=\"sources\">").append(r.rows())
                .append(r.rows() == 1 ? " attempt" : " attempts");
        if (!r.sources().isEmpty()) {
            out.append(" from ");
            for (int i = 0; i < r.sources().size(); i++) {
                out.append(i == 0 ? "" : ", ").append("<code>").append(Html.escape(r.sources().get(i).path()))
                        .append("</code>");
            }
        }
        out.append(".</p>");
        for (String note : r.notes()) {
            out.append("<p class=\"note\">").append(Html.escape(note)).append("</p>");
        }
        out.append("<nav><a href=\"#matrix\">Matrix</a>");
        for (int i = 0; i < r.comparisons().size(); i++) {
            out.append(" · <a href=\"#comparison-").append(i).append("\">")
                    .append(Html.escape(r.comparisons().get(i).model() + ": " + r.comparisons().get(i).flatLane()))
                    .append("</a>");
        }
        out.append(" · <a href=\"#lanes\">Lanes</a> · <a href=\"#attempts\">Attempts</a></nav></header>\n");
        matrix(r, cellIndex, out);
        for (int i = 0; i < r.comparisons().size(); i++) {
            comparison(r.comparisons().get(i), i, out);
        }
        lanes(r, out);
        attempts(r, cells, cellIndex, out);
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void head(StringBuilder out) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"lanebench\"><title>lanebench report</title><style>")
                .append(CSS).append("</style></head><body>\n");
    }

    private static void matrix(TableReport r, Map<String, Integer> cellIndex, StringBuilder out) {
        out.append("<section id=\"matrix\"><h2>Composite by task and lane</h2><p class=\"legend\">Each cell: the "
                + "median composite (0–5) of the scored attempts, then (min–max, n). The plot runs from 0 to 5: "
                + "each dot is one scored attempt (one dot per 0.1 sized by count when there are more than "
                + Svg.MAX_DOTS + "), the line their range, the tick the median. Infra errors, verify errors and "
                + "off-route attempts follow after ·, never in the median. Click a cell to list its attempts.</p>");
        out.append("<table class=\"matrix\" id=\"matrix-table\"><thead><tr><th>Task</th><th>Tier</th>");
        for (String lane : r.lanes()) {
            out.append("<th scope=\"col\">").append(Html.escape(lane)).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (TaskRef t : r.taskRefs()) {
            out.append("<tr data-task=\"").append(Html.escape(t.key())).append("\"><th scope=\"row\">")
                    .append(Html.escape(t.key())).append("</th><td class=\"tier\">").append(Html.escape(t.tier()))
                    .append("</td>");
            for (String lane : r.lanes()) {
                CellStats c = r.cell(t.key(), lane);
                if (c == null) {
                    out.append("<td class=\"empty\"></td>");
                    continue;
                }
                out.append("<td class=\"cell\" data-cell=\"").append(cellIndex.get(t.key() + "\u0000" + lane))
                        .append("\" data-lane=\"").append(Html.escape(lane)).append("\" style=\"background:")
                        .append(heat(c.median())).append("\">");
                Svg.cell(out, c, r.replications(t.key(), lane));
                out.append("<div class=\"text\">").append(Html.escape(CellText.of(c))).append("</div></td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></section>\n");
    }

    /** A pale red (0) to pale green (5) behind a cell, so the matrix reads at a glance; grey without a median. */
    private static String heat(Double median) {
        if (median == null) {
            return "#f2f2f2";
        }
        return "hsl(" + Math.round(Math.max(0, Math.min(5, median)) * 24) + ",70%,93%)";
    }

    private static void comparison(Comparison c, int index, StringBuilder out) {
        out.append("<section class=\"comparison\" id=\"comparison-").append(index).append("\"><h2>")
                .append(Html.escape(MarkdownFormat.title(c))).append("</h2><p class=\"legend\">")
                .append(Html.escape(MarkdownFormat.DELTA_LEGEND.replace("`", ""))).append(" The plots run from −5 "
                        + "to +5: per task, the line spans every difference one attempt of each side could make "
                        + "(it misses 0 when the ranges are disjoint) and the dot is Δ; for all tasks, the line is "
                        + "the 95 % interval of the mean Δ.</p>");
        int h = c.harnesses().size();
        out.append("<table class=\"comparison\"><thead><tr><th>Task</th><th>flat</th>");
        c.harnesses().forEach(x -> out.append("<th>via ").append(Html.escape(x.label())).append("</th>"));
        c.harnesses().forEach(x -> out.append("<th>Δ ").append(Html.escape(x.label())).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (Comparison.Row row : c.rows()) {
            out.append("<tr><th scope=\"row\">").append(Html.escape(row.task().key())).append("</th>");
            out.append("<td>").append(Html.escape(CellText.of(row.flat()))).append("</td>");
            row.harness().forEach(x -> out.append("<td>").append(Html.escape(CellText.of(x))).append("</td>"));
            for (int i = 0; i < h; i++) {
                Delta d = row.deltas().get(i);
                out.append("<td class=\"delta\">");
                if (d != null) {
                    Svg.delta(out, row.flat(), row.harness().get(i), d);
                }
                out.append("<div class=\"text\">").append(Html.escape(CellText.delta(row.flat(), row.harness().get(i), d)))
                        .append("</div></td>");
            }
            out.append("</tr>\n");
        }
        for (int i = 0; i < h; i++) {
            DeltaSummary s = c.allTasks().get(i);
            out.append("<tr class=\"all-tasks\"><th scope=\"row\">").append(Html.escape(MarkdownFormat.allTasksLabel(c, i)))
                    .append(s.tasks() == 0 ? " (no task with both)" : " (mean of " + s.tasks() + ")").append("</th>");
            out.append("<td>").append(s.tasks() == 0 ? CellText.NO_SCORE : CellText.two(s.baseMean())).append("</td>");
            for (int j = 0; j < h; j++) {
                out.append("<td>").append(j != i ? "" : s.tasks() == 0 ? CellText.NO_SCORE : CellText.two(s.otherMean()))
                        .append("</td>");
            }
            for (int j = 0; j < h; j++) {
                out.append("<td class=\"delta\">");
                if (j == i && s.tasks() > 0) {
                    Svg.summary(out, s);
                    out.append("<div class=\"text\">").append(Html.escape(CellText.summaryDelta(s))).append("</div>");
                } else if (j == i) {
                    out.append(CellText.NO_SCORE);
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></section>\n");
    }

    private static void lanes(TableReport r, StringBuilder out) {
        double maxCost = 0;
        double maxTokens = 0;
        double maxTime = 0;
        for (LaneTotals l : r.laneTotals()) {
            maxCost = Math.max(maxCost, l.costUsd() == null ? 0 : l.costUsd());
            maxTokens = Math.max(maxTokens, tokens(l));
            maxTime = Math.max(maxTime, l.agentSeconds() == null ? 0 : l.agentSeconds());
        }
        out.append("<section id=\"lanes\"><h2>Attempts by lane</h2><p class=\"legend\">Scored counts the attempts "
                + "in the medians. Cost, tokens (input uncached / cached / output) and agent time are summed over "
                + "every attempt that measured them, errors included. Sandbox: the backends the lane's agents ran "
                + "in (none: not confined).</p>");
        out.append("<table class=\"lanes\"><thead><tr><th>Lane</th><th>Runner</th><th>Model</th><th>Attempts</th>"
                + "<th>Scored</th><th>Off-route</th><th>Infra errors</th><th>Verify errors</th><th>Cost (USD)</th>"
                + "<th>Tokens in / cached / out</th><th>Agent time</th><th>Sandbox</th></tr></thead><tbody>\n");
        for (LaneTotals l : r.laneTotals()) {
            out.append("<tr data-lane=\"").append(Html.escape(l.lane())).append("\"><th scope=\"row\">")
                    .append(Html.escape(l.lane())).append("</th><td>").append(Html.escape(dash(l.runner())))
                    .append("</td><td>").append(Html.escape(dash(l.model()))).append("</td><td class=\"num\">")
                    .append(l.attempts()).append("</td><td class=\"num\">").append(l.scored())
                    .append("</td><td class=\"num\">").append(l.offRoute()).append("</td><td class=\"num\">")
                    .append(l.infraErrors()).append("</td><td class=\"num\">").append(l.verifyErrors())
                    .append("</td><td class=\"cost\">");
            Svg.bar(out, l.costUsd() == null ? 0 : l.costUsd(), maxCost);
            out.append(Html.escape(MarkdownFormat.cost(l))).append("</td><td class=\"tokens\">");
            Svg.bar(out, tokens(l), maxTokens);
            out.append(Html.escape(MarkdownFormat.tokens(l))).append("</td><td class=\"time\">");
            Svg.bar(out, l.agentSeconds() == null ? 0 : l.agentSeconds(), maxTime);
            out.append(Html.escape(MarkdownFormat.time(l))).append("</td><td class=\"sandbox\">")
                    .append(Html.escape(MarkdownFormat.sandboxes(l))).append("</td></tr>\n");
        }
        out.append("</tbody></table></section>\n");
    }

    private static double tokens(LaneTotals l) {
        return l.tokensMeasured() == 0 ? 0 : l.inputTokens() + l.cachedTokens() + l.outputTokens();
    }

    private static String dash(String s) {
        return s == null ? CellText.NO_SCORE : s;
    }

    private void attempts(TableReport r, List<String[]> cells, Map<String, Integer> cellIndex, StringBuilder out) {
        out.append("<section id=\"attempts\"><h2>Attempts</h2>");
        AttemptLog log = r.attempts();
        if (log == null) {
            out.append("<p>These tables were built without the list of attempts.</p></section>\n");
            return;
        }
        out.append("<p class=\"legend\">").append(log.attempts().size()).append(" attempts, ").append(PAGE)
                .append(" a page. Pick a cell (or click one in the matrix) or a status to narrow the list; each "
                        + "attempt links to its checks, transcript and patch where the run folder has them.</p>");
        out.append("<form id=\"attempt-filter\"><label>Cell <select id=\"f-cell\"><option value=\"-1\">all cells"
                + "</option></select></label> <label>Status <select id=\"f-status\"><option value=\"\">any</option>");
        for (Status s : Status.values()) {
            out.append("<option>").append(s.wire()).append("</option>");
        }
        out.append("</select></label></form>");
        out.append("<table id=\"attempt-table\" class=\"attempts\"><thead><tr><th>Task</th><th>Lane</th><th>Rep"
                + "</th><th>Attempt</th><th>Status</th><th>Composite</th><th>Evidence or error</th><th>Files</th>"
                + "</tr></thead><tbody></tbody></table><div class=\"pager\"><button type=\"button\" id=\"prev\">‹ "
                + "previous</button> <span id=\"page-info\"></span> <button type=\"button\" id=\"next\">next ›"
                + "</button></div><noscript><p>The attempt list needs scripts; every attempt's files are also in the "
                + "run folder under checks/, transcripts/ and patches/.</p></noscript>");
        out.append("<script type=\"application/json\" id=\"attempt-data\">");
        out.append(attemptData(log, cells, cellIndex));
        out.append("</script><script>").append(SCRIPT).append("</script></section>\n");
    }

    /**
     * The attempts as compact JSON: runs (link prefixes relative to the report), cells (key, task, lane),
     * statuses, and one array per attempt: cell, run, replication, attempt, status, composite, route_ok (1, 0,
     * null), evidence or error (cut short), and which files exist (1 checks, 2 transcript, 4 patch).
     */
    private String attemptData(AttemptLog log, List<String[]> cells, Map<String, Integer> cellIndex) {
        StringWriter json = new StringWriter(log.attempts().size() * 80 + 1024);
        try (JsonGenerator g = new JsonFactory().createGenerator(json)) {
            g.writeStartObject();
            g.writeArrayFieldStart("runs");
            for (AttemptLog.Run run : log.runs()) {
                g.writeString(linkPrefix(run.dir()));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cells");
            for (String[] c : cells) {
                g.writeStartArray();
                for (String s : c) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("statuses");
            for (Status s : Status.values()) {
                g.writeString(s.wire());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (AttemptLog.Attempt a : log.attempts()) {
                Integer cell = cellIndex.get(a.taskKey() + "\u0000" + a.lane());
                if (cell == null) {
                    continue;
                }
                g.writeStartArray();
                g.writeNumber(cell);
                g.writeNumber(a.run());
                g.writeNumber(a.replication());
                g.writeNumber(a.attempt());
                g.writeNumber(a.status().ordinal());
                if (a.composite() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(a.composite());
                }
                if (a.routeOk() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(a.routeOk() ? 1 : 0);
                }
                String text = a.status() == Status.SCORED ? a.evidence() : a.error();
                if (text != null && text.length() > TEXT_CHARS) {
                    text = text.substring(0, TEXT_CHARS) + "…";
                }
                g.writeString(text == null ? "" : text);
                g.writeNumber((a.checks() ? 1 : 0) | (a.transcript() ? 2 : 0) | (a.patch() ? 4 : 0));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        // Inside a script element only "</" could end it early; \u003c is the same character to JSON.
        return json.toString().replace("<", "\\u003c");
    }

    /** The run folder as a relative link prefix from where the report is written ("" for the same folder). */
    private String linkPrefix(Path runDir) {
        Path from = reportDir.toAbsolutePath().normalize();
        Path rel = from.relativize(runDir.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        for (Path p : rel) {
            if (!p.toString().isEmpty()) {
                parts.add(p.toString().equals("..") ? ".." : Html.segment(p.toString()));
            }
        }
        return String.join("/", parts);
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 1.5em 3em;color:#1d1d1f}
            h1{font-size:1.6em;margin:.8em 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .3em}
            nav{margin:.4em 0 1em}nav a{color:#0b57d0;text-decoration:none}
            .note{background:#fff4ce;border-left:4px solid #e0a800;padding:.4em .7em;margin:.4em 0}
            .legend{color:#555;max-width:70em;margin:.2em 0 .6em}
            table{border-collapse:collapse;margin:.4em 0}
            th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
            thead th{background:#f5f5f7;position:sticky;top:0}
            td.cell{cursor:pointer;min-width:124px}td.cell:hover{outline:2px solid #0b57d0}
            .text{font-size:12px;white-space:nowrap}td.num,.attempts td.num{text-align:right}
            svg.plot{display:block}
            svg .axis{stroke:#bbb;stroke-width:1}svg .range{stroke:#555;stroke-width:2}
            svg .rep{fill:#1a73e8;fill-opacity:.75}svg .bin{fill:#1a73e8;fill-opacity:.55}
            svg .median{stroke:#111;stroke-width:2.5}
            svg .zero{stroke:#999;stroke-dasharray:2 2}svg .spread,svg .ci{stroke-width:3;stroke:#888}
            svg.clear .spread{stroke:#188038}svg.summary .ci{stroke:#1a73e8}svg .point{fill:#111}
            svg.bar rect{fill:#9aa0a6}svg.bar{display:inline-block;vertical-align:middle;margin-right:4px}
            tr.all-tasks{background:#f8f9fa;font-weight:600}
            .attempts td{font-size:12px}.attempts tr.infra_error{background:#fdecea}
            .attempts tr.verify_error{background:#fff4ce}a.file{margin-right:.4em}
            .pager{margin:.4em 0}form label{margin-right:1em}
            """;

    private static final String SCRIPT = """
            (function () {
              var data = JSON.parse(document.getElementById('attempt-data').textContent);
              var PAGE = %d;
              var kinds = [[1, 'checks', 'checks', 'json'], [2, 'transcript', 'transcripts', 'jsonl'],
                           [4, 'patch', 'patches', 'diff']];
              var cellFilter = -1, statusFilter = '', page = 0, shown = [];
              var body = document.querySelector('#attempt-table tbody');
              var info = document.getElementById('page-info');
              var cellSelect = document.getElementById('f-cell');
              var statusSelect = document.getElementById('f-status');
              function link(row, kind) {
                var c = data.cells[row[0]], base = data.runs[row[1]];
                return (base ? base + '/' : '') + kind[2] + '/' + encodeURIComponent(c[1]) + '/' +
                    encodeURIComponent(c[2]) + '/r' + row[2] + '-a' + row[3] + '.' + kind[3];
              }
              function cell(tr, text, cls) {
                var td = document.createElement('td');
                td.textContent = text;
                if (cls) { td.className = cls; }
                tr.appendChild(td);
                return td;
              }
              function filter() {
                shown = [];
                for (var i = 0; i < data.rows.length; i++) {
                  var r = data.rows[i];
                  if (cellFilter >= 0 && r[0] !== cellFilter) { continue; }
                  if (statusFilter && data.statuses[r[4]] !== statusFilter) { continue; }
                  shown.push(r);
                }
                page = 0;
                render();
              }
              function render() {
                body.textContent = '';
                var pages = Math.max(1, Math.ceil(shown.length / PAGE));
                page = Math.max(0, Math.min(page, pages - 1));
                shown.slice(page * PAGE, page * PAGE + PAGE).forEach(function (r) {
                  var c = data.cells[r[0]], tr = document.createElement('tr');
                  tr.className = 'attempt ' + data.statuses[r[4]];
                  cell(tr, c[0]); cell(tr, c[2]); cell(tr, String(r[2]), 'num'); cell(tr, String(r[3]), 'num');
                  cell(tr, data.statuses[r[4]] + (r[6] === 0 ? ' (off-route)' : ''));
                  cell(tr, r[5] === null ? '\\u2014' : r[5].toFixed(2), 'num');
                  cell(tr, r[7]);
                  var files = cell(tr, '');
                  kinds.forEach(function (k) {
                    if (r[8] & k[0]) {
                      var a = document.createElement('a');
                      a.href = link(r, k); a.textContent = k[1]; a.className = 'file ' + k[1];
                      files.appendChild(a);
                    }
                  });
                  body.appendChild(tr);
                });
                info.textContent = shown.length === 0 ? 'no attempts' : 'attempts ' + (page * PAGE + 1) + '\\u2013' +
                    Math.min(shown.length, (page + 1) * PAGE) + ' of ' + shown.length;
                document.getElementById('prev').disabled = page === 0;
                document.getElementById('next').disabled = page >= pages - 1;
              }
              data.cells.forEach(function (c, i) {
                var o = document.createElement('option');
                o.value = String(i); o.textContent = c[0] + ' \\u00d7 ' + c[2];
                cellSelect.appendChild(o);
              });
              cellSelect.addEventListener('change', function () { cellFilter = Number(cellSelect.value); filter(); });
              statusSelect.addEventListener('change', function () { statusFilter = statusSelect.value; filter(); });
              document.getElementById('prev').addEventListener('click', function () { page--; render(); });
              document.getElementById('next').addEventListener('click', function () { page++; render(); });
              document.querySelectorAll('td.cell[data-cell]').forEach(function (td) {
                td.addEventListener('click', function () {
                  cellSelect.value = td.getAttribute('data-cell');
                  cellFilter = Number(td.getAttribute('data-cell'));
                  filter();
                  document.getElementById('attempts').scrollIntoView();
                });
              });
              filter();
            })();
            """.formatted(PAGE);
}
