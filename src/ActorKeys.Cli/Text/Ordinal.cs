namespace ActorKeys.Cli.Text;

/// <summary>
/// Ordinals for the client's prompts. English: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 111th… Portuguese: 1ª, 2ª,
/// 3ª…, the feminine ordinal indicator, since what is counted is a mensagem.
/// </summary>
public static class Ordinal
{
    public static string Of(int n) => Of(n, Language.English);

    public static string Of(int n, Language language)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (language == Language.Portuguese)
        {
            return $"{n}ª";
        }
        // 11, 12 and 13 (and 111, 212…) take "th" although they end in 1, 2, 3.
        var suffix = (n % 100) is 11 or 12 or 13
            ? "th"
            : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return $"{n}{suffix}";
    }
}
