package dev.lanebench.runners.agent;

import java.util.Locale;

/**
 * Decides whether a served model name is the requested one. Providers decorate ids (a dated suffix, a
 * quantisation tag, the vendor prefix dropped), so an exact match is too strict; a different model family
 * must never pass.
 */
public final class ServedModelMatch {
    private ServedModelMatch() {
    }

    public static boolean matches(String requested, String served) {
        if (requested == null || served == null) {
            return false;
        }
        String r = normalise(requested);
        String s = normalise(served);
        if (r.equals(s)) {
            return true;
        }
        String rBase = r.substring(r.lastIndexOf('/') + 1);
        String sBase = s.substring(s.lastIndexOf('/') + 1);
        return sBase.equals(rBase) || sBase.startsWith(rBase + "-") || sBase.startsWith(rBase + ":")
                || sBase.startsWith(rBase + "@");
    }

    private static String normalise(String model) {
        return model.trim().toLowerCase(Locale.ROOT);
    }
}
