namespace ActorKeys.Testing;

/// <summary>Assertions about how a program of this repository ends: the exit code and, on failure, one sentence on standard error.</summary>
public static class Expect
{
    public static void Failure(CliResult result, int exitCode, params string[] phrases)
    {
        Assert.True(result.ExitCode == exitCode, $"Expected exit code {exitCode}.\n{result}");
        var error = Assert.Single(result.Stderr, line => line.Length > 0 && !line.StartsWith('['));
        foreach (var phrase in phrases)
        {
            Assert.True(error.Contains(phrase, StringComparison.Ordinal), $"Expected '{phrase}' in the error.\n{result}");
        }
        NoStackTrace(result);
    }

    public static void Success(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"Expected exit code 0.\n{result}");
        NoStackTrace(result);
    }

    public static void NoStackTrace(CliResult result) =>
        Assert.False(result.Stderr.Concat(result.Stdout).Any(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal)),
            $"A stack trace was printed.\n{result}");
}
