package dev.lanebench.scoring.tables;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Text made safe for the html report: escaped for elements and attributes, and for links. */
final class Html {
    private Html() {
    }

    /** Escapes &amp;, &lt;, &gt;, quotes: safe in element text and in double- or single-quoted attributes. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One path segment of a relative link, percent-encoded (spaces as %20, not +). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
