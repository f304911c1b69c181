using System.Text;

namespace ActorKeys.Actors.Text;

/// <summary>
/// Makes peer-supplied text safe to print: control characters (ANSI escapes, carriage returns, bells) become
/// visible <c>\uXXXX</c> escapes, so a peer cannot rewrite or hide lines on an operator's terminal.
/// </summary>
public static class Printable
{
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4"));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
