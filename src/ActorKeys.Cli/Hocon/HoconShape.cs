using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Hocon;

/// <summary>
/// A check of a configuration file's brackets before Akka's HOCON parser sees it. That parser is lenient in ways that
/// hurt here: it drops text it cannot read ("{{{{ ::: ]]]" gives an empty configuration, so the defaults silently
/// apply) and it never returns from an unclosed list ("a = [1,"). Counting brackets outside strings and comments
/// catches both, with a reason a person can act on.
/// </summary>
public static class HoconShape
{
    /// <summary>Null when every bracket is closed by its own kind in order, else what is wrong, with its line.</summary>
    public static string? Problem(string text)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    break;
                case '#':
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    i = SkipToEndOfLine(text, i) - 1;
                    break;
                case '"':
                    var end = SkipString(text, i);
                    if (end < 0)
                    {
                        return Strings.HoconStringNotClosed(line);
                    }
                    line += text.AsSpan(i, end - i).Count('\n');
                    i = end - 1;
                    break;
                case '{' or '[':
                    open.Push((c, line));
                    break;
                case '}' or ']':
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0)
                    {
                        return Strings.HoconClosesNothing(c, line);
                    }
                    if (open.Peek().Bracket != expected)
                    {
                        return Strings.HoconMismatched(c, line, open.Peek().Bracket, open.Peek().Line);
                    }
                    open.Pop();
                    break;
            }
        }
        if (open.Count > 0)
        {
            var (bracket, at) = open.Peek();
            return Strings.HoconNeverClosed(bracket, at);
        }
        return null;
    }

    private static int SkipToEndOfLine(string text, int i)
    {
        var newline = text.IndexOf('\n', i);
        return newline < 0 ? text.Length : newline;
    }

    /// <summary>The index just after the string that starts at <paramref name="start"/>, or -1 when it is not closed.</summary>
    private static int SkipString(string text, int start)
    {
        if (string.CompareOrdinal(text, start, "\"\"\"", 0, 3) == 0)
        {
            var close = text.IndexOf("\"\"\"", start + 3, StringComparison.Ordinal);
            return close < 0 ? -1 : close + 3;
        }
        for (var i = start + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    return i + 1;
                case '\n':
                    return -1;
            }
        }
        return -1;
    }
}
