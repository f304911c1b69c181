using System.Diagnostics;

namespace ActorKeys.Bench.Tests.Support;

/// <summary>
/// The built <c>actorkeys-bench</c> run to completion as a real process (<c>dotnet actorkeys-bench.dll …</c>) in a
/// given folder, with standard input closed at once. The wait is bounded; on timeout the process tree is killed.
/// </summary>
public static class BenchProcess
{
    /// <summary>Generous: two shared cores, and the bench itself starts two runtimes and two actor systems.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(180);

    /// <summary>The bench as built next to these tests (the project reference copies it here).</summary>
    public static string BenchDll { get; } = Path.Combine(AppContext.BaseDirectory, "actorkeys-bench.dll");

    public static async Task<BenchResult> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[BenchDll, .. args])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        // Both streams are read while the process runs, so that neither pipe can fill up and block it.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Generous);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(stdout, stderr).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"actorkeys-bench did not exit within {Generous.TotalSeconds} s.");
        }
        return new BenchResult(process.ExitCode, Lines(await stdout), Lines(await stderr));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>A finished run: exit code and the lines it printed.</summary>
public sealed record BenchResult(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr)
{
    public string StderrText => string.Join("\n", Stderr);

    public override string ToString() =>
        $"exit {ExitCode}\nstdout:\n  {string.Join("\n  ", Stdout)}\nstderr:\n  {string.Join("\n  ", Stderr)}";
}
