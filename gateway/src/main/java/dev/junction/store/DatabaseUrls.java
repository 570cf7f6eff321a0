package dev.junction.store;

import java.util.regex.Pattern;

/** JDBC URLs as they may appear in messages and logs: without the password they may carry. */
public final class DatabaseUrls {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;](?:ssl)?password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*:)[^/@]*@");

    private DatabaseUrls() {}

    public static String redacted(String url) {
        String withoutParameter = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutParameter).replaceAll("$1***@");
    }
}
